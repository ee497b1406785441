//go:build !amd64 || purego

package vec

import "unsafe"

// Without assembly (Accelerated is always false) the kernels never call
// these; they exist for the build and run the generic kernels.

func cur1Asm(n int, I, s, r *float64, k *Recv1) {
	cur1Generic(unsafeSlice(I, n), unsafeSlice(s, n), unsafeSlice(r, n), *k)
}

func cur1PairAsm(n int, I, s, r, s2, r2 *float64, k, k2 *Recv1) {
	cur1PairGeneric(unsafeSlice(I, n), unsafeSlice(s, n), unsafeSlice(r, n), unsafeSlice(s2, n), unsafeSlice(r2, n), *k, *k2)
}

func cond1SetAsm(n int, G, GE, s, r *float64, k *Recv1) {
	cond1SetGeneric(unsafeSlice(G, n), unsafeSlice(GE, n), unsafeSlice(s, n), unsafeSlice(r, n), *k)
}

func cond1AddAsm(n int, G, GE, s, r *float64, k *Recv1) {
	cond1AddGeneric(unsafeSlice(G, n), unsafeSlice(GE, n), unsafeSlice(s, n), unsafeSlice(r, n), *k)
}

func cond1PairSetAsm(n int, G, GE, s, r, s2, r2 *float64, k, k2 *Recv1) {
	cond1PairSetGeneric(unsafeSlice(G, n), unsafeSlice(GE, n), unsafeSlice(s, n), unsafeSlice(r, n), unsafeSlice(s2, n), unsafeSlice(r2, n), *k, *k2)
}

func cond1PairAddAsm(n int, G, GE, s, r, s2, r2 *float64, k, k2 *Recv1) {
	cond1PairAddGeneric(unsafeSlice(G, n), unsafeSlice(GE, n), unsafeSlice(s, n), unsafeSlice(r, n), unsafeSlice(s2, n), unsafeSlice(r2, n), *k, *k2)
}

func cur2Asm(n int, I, s0, s1, r *float64, k *Recv2) {
	cur2Generic(unsafeSlice(I, n), unsafeSlice(s0, n), unsafeSlice(s1, n), unsafeSlice(r, n), *k)
}

func cond2Asm(n int, G, GE, s0, s1, r *float64, k *Recv2) {
	cond2Generic(unsafeSlice(G, n), unsafeSlice(GE, n), unsafeSlice(s0, n), unsafeSlice(s1, n), unsafeSlice(r, n), *k)
}

func addClearAsm(n int, J, r *float64) {
	addClearGeneric(unsafeSlice(J, n), unsafeSlice(r, n))
}

func unsafeSlice(p *float64, n int) []float64 { return unsafe.Slice(p, n) }
