//go:build !amd64 || purego

package vec

// Without the assembly the dispatch in lif.go never takes these; they are
// the generic kernels so that the package builds.

func lifCondExpAsm(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	return lifCondExpGo(c, v, ref, g, ge, in, j, off, dst)
}

func lifCondEulerAsm(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	return lifCondEulerGo(c, v, ref, g, ge, in, j, off, dst)
}

func lifCurrExactAsm(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	return lifCurrExactGo(c, v, ref, in, j, off, dst)
}

func lifCurrEulerAsm(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	return lifCurrEulerGo(c, v, ref, in, j, off, dst)
}
