//go:build !amd64 || purego

package vec

// Without the assembly the dispatch in fused.go never takes these; they
// are the generic kernels so that the package builds.

func fusedCurrExactAsm(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 *Recv1, off int, dst []int32) []int32 {
	if s2 != nil {
		return fusedCurrExact2Go(c, v, ref, s, r, s2, r2, *k, *k2, off, dst)
	}
	return fusedCurrExact1Go(c, v, ref, s, r, *k, off, dst)
}

func fusedCondExpAsm(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 *Recv1, off int, dst []int32) []int32 {
	if s2 != nil {
		return fusedCondExp2Go(c, v, ref, s, r, s2, r2, *k, *k2, off, dst)
	}
	return fusedCondExp1Go(c, v, ref, s, r, *k, off, dst)
}

func fusedCondEulerAsm(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 *Recv1, off int, dst []int32) []int32 {
	var kk2 Recv1
	if k2 != nil {
		kk2 = *k2
	}
	return fusedCondEulerGo(c, v, ref, s, r, s2, r2, *k, kk2, off, dst)
}
