//go:build amd64 && !purego

package vec

import "math/bits"

// lifXAsm runs the AVX-512 kernels (lif512_amd64.go) when avx512 is on,
// else the AVX2 kernels (lifX256).
//
// The AVX2 kernels (lif_amd64.s) advance n neurons, n a multiple of
// four and at most lifBlock, starting at the pointers given, and set bit
// i%64 of masks[i/64] for each neuron i that fired (the words up to the
// last neuron done are written, others left alone). lifCondExpAVX2 stops
// at the first group of four with a lane whose x is outside ExpNeg's
// polynomial range (x in [+0, 700]; the lane may be clamped) and returns
// how many neurons it did; the others do all n.

//go:noescape
func lifCondExpAVX2(c *LIF, v *float64, ref *int32, gsyn, ge, in, j *float64, n int, masks *uint64) (done int)

//go:noescape
func lifCondEulerAVX2(c *LIF, v *float64, ref *int32, gsyn, ge, in, j *float64, n int, masks *uint64)

//go:noescape
func lifCurrExactAVX2(c *LIF, v *float64, ref *int32, in, j *float64, n int, masks *uint64)

//go:noescape
func lifCurrEulerAVX2(c *LIF, v *float64, ref *int32, in, j *float64, n int, masks *uint64)

// appendMasks appends off+i for each bit i set in the first (n+63)/64
// words of masks.
func appendMasks(dst []int32, masks *[lifBlock / 64]uint64, n, off int) []int32 {
	for w := 0; w < (n+63)/64; w++ {
		for m := masks[w]; m != 0; m &= m - 1 {
			dst = append(dst, int32(off+w*64+bits.TrailingZeros64(m)))
		}
	}
	return dst
}

// lifBlocks runs asm on blocks [i, i+m) of the n neurons (m <= lifBlock,
// a multiple of width: 4 for the AVX2 kernels, 8 for the AVX-512 ones),
// which sets the spike bits in masks, and appends the spikes, numbered
// from off; when asm stops early, at done < m, group does the width
// neurons from i+done. It returns dst and where the tail (fewer than
// width neurons) starts. (The masks are the caller's, on its stack: passed
// through the function value asm they would escape.)
func lifBlocks(width, n, off int, dst []int32, masks *[lifBlock / 64]uint64, asm func(i, m int) (done int), group func(k int, dst []int32) []int32) ([]int32, int) {
	i := 0
	for n-i >= width {
		m := min(n-i, lifBlock) &^ (width - 1)
		done := asm(i, m)
		dst = appendMasks(dst, masks, done, off+i)
		if done < m {
			dst = group(i+done, dst)
			done += width
		}
		i += done
	}
	return dst, i
}

func lifCondExpAsm(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	if avx512 {
		return lifCondExp512(c, v, ref, g, ge, in, j, off, dst)
	}
	return lifCondExp256(c, v, ref, g, ge, in, j, off, dst)
}

func lifCondExp256(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	dst, i := lifBlocks(4, len(v), off, dst, &masks, func(i, m int) int {
		return lifCondExpAVX2(c, &v[i], &ref[i], &g[i], &ge[i], &in[i], &j[i], m, &masks[0])
	}, func(k int, dst []int32) []int32 { // a lane outside the polynomial: the generic kernel
		return lifCondExpGo(c, v[k:k+4], ref[k:k+4], g[k:k+4], ge[k:k+4], in[k:k+4], j[k:k+4], off+k, dst)
	})
	return lifCondExpGo(c, v[i:], ref[i:], g[i:], ge[i:], in[i:], j[i:], off+i, dst)
}

func lifCondEulerAsm(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	if avx512 {
		return lifCondEuler512(c, v, ref, g, ge, in, j, off, dst)
	}
	return lifCondEuler256(c, v, ref, g, ge, in, j, off, dst)
}

func lifCondEuler256(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	dst, i := lifBlocks(4, len(v), off, dst, &masks, func(i, m int) int {
		lifCondEulerAVX2(c, &v[i], &ref[i], &g[i], &ge[i], &in[i], &j[i], m, &masks[0])
		return m
	}, nil)
	return lifCondEulerGo(c, v[i:], ref[i:], g[i:], ge[i:], in[i:], j[i:], off+i, dst)
}

func lifCurrExactAsm(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	if avx512 {
		return lifCurrExact512(c, v, ref, in, j, off, dst)
	}
	return lifCurrExact256(c, v, ref, in, j, off, dst)
}

func lifCurrExact256(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	dst, i := lifBlocks(4, len(v), off, dst, &masks, func(i, m int) int {
		lifCurrExactAVX2(c, &v[i], &ref[i], &in[i], &j[i], m, &masks[0])
		return m
	}, nil)
	return lifCurrExactGo(c, v[i:], ref[i:], in[i:], j[i:], off+i, dst)
}

func lifCurrEulerAsm(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	if avx512 {
		return lifCurrEuler512(c, v, ref, in, j, off, dst)
	}
	return lifCurrEuler256(c, v, ref, in, j, off, dst)
}

func lifCurrEuler256(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	dst, i := lifBlocks(4, len(v), off, dst, &masks, func(i, m int) int {
		lifCurrEulerAVX2(c, &v[i], &ref[i], &in[i], &j[i], m, &masks[0])
		return m
	}, nil)
	return lifCurrEulerGo(c, v[i:], ref[i:], in[i:], j[i:], off+i, dst)
}
