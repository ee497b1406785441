//go:build !amd64 || purego

package vec

// Without the assembly the dispatch in fused.go never takes these; they
// are the generic kernels so that the package builds.

func fusedCurrExactAsm(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 *Recv1, off int, dst []int32) ([]int32, bool) {
	return fusedCurrExactGo(c, v, ref, s, r, s2, r2, *k, deref(k2), off, dst), SumFinite(v)
}

func fusedCondExpAsm(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 *Recv1, off int, dst []int32) ([]int32, bool) {
	return fusedCondExpGo(c, v, ref, s, r, s2, r2, *k, deref(k2), off, dst), SumFinite(v)
}

func fusedCondEulerAsm(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 *Recv1, off int, dst []int32) ([]int32, bool) {
	return fusedCondEulerGo(c, v, ref, s, r, s2, r2, *k, deref(k2), off, dst), SumFinite(v)
}
