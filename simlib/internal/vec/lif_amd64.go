//go:build amd64 && !purego

package vec

import "math/bits"

// The assembly kernels (lif_amd64.s) advance n neurons, n a multiple of
// four and at most lifBlock, starting at the pointers given, and set bit
// i%64 of masks[i/64] for each neuron i that fired (the words up to the
// last neuron done are written, others left alone). lifCondExpAVX2 stops
// at the first group of four with a lane whose e^{-x} is outside ExpNeg's
// polynomial range ([0, 700], not NaN) and returns how many neurons it
// did; the others do all n.

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

func lifCondExpAsm(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	i, n := 0, len(v)
	for n-i >= 4 {
		m := min(n-i, lifBlock) &^ 3
		done := lifCondExpAVX2(c, &v[i], &ref[i], &g[i], &ge[i], &in[i], &j[i], m, &masks[0])
		dst = appendMasks(dst, &masks, done, off+i)
		if done < m { // a lane outside the polynomial: these four by the generic kernel
			k := i + done
			dst = lifCondExpGo(c, v[k:k+4], ref[k:k+4], g[k:k+4], ge[k:k+4], in[k:k+4], j[k:k+4], off+k, dst)
			done += 4
		}
		i += done
	}
	return lifCondExpGo(c, v[i:], ref[i:], g[i:], ge[i:], in[i:], j[i:], off+i, dst)
}

func lifCondEulerAsm(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	i, n := 0, len(v)
	for n-i >= 4 {
		m := min(n-i, lifBlock) &^ 3
		lifCondEulerAVX2(c, &v[i], &ref[i], &g[i], &ge[i], &in[i], &j[i], m, &masks[0])
		dst = appendMasks(dst, &masks, m, off+i)
		i += m
	}
	return lifCondEulerGo(c, v[i:], ref[i:], g[i:], ge[i:], in[i:], j[i:], off+i, dst)
}

func lifCurrExactAsm(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	i, n := 0, len(v)
	for n-i >= 4 {
		m := min(n-i, lifBlock) &^ 3
		lifCurrExactAVX2(c, &v[i], &ref[i], &in[i], &j[i], m, &masks[0])
		dst = appendMasks(dst, &masks, m, off+i)
		i += m
	}
	return lifCurrExactGo(c, v[i:], ref[i:], in[i:], j[i:], off+i, dst)
}

func lifCurrEulerAsm(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	i, n := 0, len(v)
	for n-i >= 4 {
		m := min(n-i, lifBlock) &^ 3
		lifCurrEulerAVX2(c, &v[i], &ref[i], &in[i], &j[i], m, &masks[0])
		dst = appendMasks(dst, &masks, m, off+i)
		i += m
	}
	return lifCurrEulerGo(c, v[i:], ref[i:], in[i:], j[i:], off+i, dst)
}
