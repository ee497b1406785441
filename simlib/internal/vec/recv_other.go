//go:build !amd64 || purego

package vec

import "unsafe"

// Without assembly (Accelerated is always false) the kernels never call
// these; they exist for the build and run the generic kernels.

func cur1Asm(n int, I, s, r *float64, k *Recv1, add bool) {
	if add {
		cur1Generic(unsafeSlice(I, n), unsafeSlice(s, n), unsafeSlice(r, n), *k)
	} else {
		cur1SetGeneric(unsafeSlice(I, n), unsafeSlice(s, n), unsafeSlice(r, n), *k)
	}
}

func cur1PairAsm(n int, I, s, r, s2, r2 *float64, k, k2 *Recv1, add bool) {
	a := [5][]float64{unsafeSlice(I, n), unsafeSlice(s, n), unsafeSlice(r, n), unsafeSlice(s2, n), unsafeSlice(r2, n)}
	if add {
		cur1PairGeneric(a[0], a[1], a[2], a[3], a[4], *k, *k2)
	} else {
		cur1PairSetGeneric(a[0], a[1], a[2], a[3], a[4], *k, *k2)
	}
}

func cond1Asm(n int, G, GE, s, r *float64, k *Recv1, add bool) {
	if add {
		cond1AddGeneric(unsafeSlice(G, n), unsafeSlice(GE, n), unsafeSlice(s, n), unsafeSlice(r, n), *k)
	} else {
		cond1SetGeneric(unsafeSlice(G, n), unsafeSlice(GE, n), unsafeSlice(s, n), unsafeSlice(r, n), *k)
	}
}

func cond1PairAsm(n int, G, GE, s, r, s2, r2 *float64, k, k2 *Recv1, add bool) {
	a := [6][]float64{unsafeSlice(G, n), unsafeSlice(GE, n), unsafeSlice(s, n), unsafeSlice(r, n), unsafeSlice(s2, n), unsafeSlice(r2, n)}
	if add {
		cond1PairAddGeneric(a[0], a[1], a[2], a[3], a[4], a[5], *k, *k2)
	} else {
		cond1PairSetGeneric(a[0], a[1], a[2], a[3], a[4], a[5], *k, *k2)
	}
}

func cur2Asm(n int, I, s0, s1, r *float64, k *Recv2) {
	cur2Generic(unsafeSlice(I, n), unsafeSlice(s0, n), unsafeSlice(s1, n), unsafeSlice(r, n), *k)
}

func cond2Asm(n int, G, GE, s0, s1, r *float64, k *Recv2) {
	cond2Generic(unsafeSlice(G, n), unsafeSlice(GE, n), unsafeSlice(s0, n), unsafeSlice(s1, n), unsafeSlice(r, n), *k)
}

func addClearAsm(n int, J, r *float64, add bool) {
	if add {
		addClearGeneric(unsafeSlice(J, n), unsafeSlice(r, n))
	} else {
		setClearGeneric(unsafeSlice(J, n), unsafeSlice(r, n))
	}
}

func unsafeSlice(p *float64, n int) []float64 { return unsafe.Slice(p, n) }
