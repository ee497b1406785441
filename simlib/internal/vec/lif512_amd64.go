//go:build amd64 && !purego

package vec

// The AVX-512 kernels (lif512_amd64.s) are the AVX2 kernels eight neurons
// at a time: n a multiple of eight and at most lifBlock; they set the
// spike bits in masks. lifCondExpAVX512 stops at the first group of eight
// with a lane whose x is outside ExpNeg's polynomial range and returns how
// many neurons it did; the others do all n.

//go:noescape
func lifCondExpAVX512(c *LIF, v *float64, ref *int32, gsyn, ge, in, j *float64, n int, masks *uint64) (done int)

//go:noescape
func lifCondEulerAVX512(c *LIF, v *float64, ref *int32, gsyn, ge, in, j *float64, n int, masks *uint64)

//go:noescape
func lifCurrExactAVX512(c *LIF, v *float64, ref *int32, in, j *float64, n int, masks *uint64)

//go:noescape
func lifCurrEulerAVX512(c *LIF, v *float64, ref *int32, in, j *float64, n int, masks *uint64)

// exp512Consts are the integer constants of lifCondExpAVX512 that
// expConsts lacks.
type exp512Consts struct {
	bit4, bit5 uint64 // 16 and 32: which sixteen entries of expTable
}

var exp512C = exp512Consts{bit4: 16, bit5: 32}

// lifCondExp512 runs lifCondExpAVX512 on blocks of the neurons; a group of
// eight it stops at, and the tail of fewer than eight, go to the AVX2
// path (which hands a group of four with a lane outside the polynomial to
// the generic kernel): the same bits whichever does a neuron.
func lifCondExp512(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	dst, i := lifBlocks(8, len(v), off, dst, &masks, func(i, m int) int {
		return lifCondExpAVX512(c, &v[i], &ref[i], &g[i], &ge[i], &in[i], &j[i], m, &masks[0])
	}, func(k int, dst []int32) []int32 {
		return lifCondExp256(c, v[k:k+8], ref[k:k+8], g[k:k+8], ge[k:k+8], in[k:k+8], j[k:k+8], off+k, dst)
	})
	return lifCondExp256(c, v[i:], ref[i:], g[i:], ge[i:], in[i:], j[i:], off+i, dst)
}

func lifCondEuler512(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	dst, i := lifBlocks(8, len(v), off, dst, &masks, func(i, m int) int {
		lifCondEulerAVX512(c, &v[i], &ref[i], &g[i], &ge[i], &in[i], &j[i], m, &masks[0])
		return m
	}, nil)
	return lifCondEuler256(c, v[i:], ref[i:], g[i:], ge[i:], in[i:], j[i:], off+i, dst)
}

func lifCurrExact512(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	dst, i := lifBlocks(8, len(v), off, dst, &masks, func(i, m int) int {
		lifCurrExactAVX512(c, &v[i], &ref[i], &in[i], &j[i], m, &masks[0])
		return m
	}, nil)
	return lifCurrExact256(c, v[i:], ref[i:], in[i:], j[i:], off+i, dst)
}

func lifCurrEuler512(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	dst, i := lifBlocks(8, len(v), off, dst, &masks, func(i, m int) int {
		lifCurrEulerAVX512(c, &v[i], &ref[i], &in[i], &j[i], m, &masks[0])
		return m
	}, nil)
	return lifCurrEuler256(c, v[i:], ref[i:], in[i:], j[i:], off+i, dst)
}
