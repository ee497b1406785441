//go:build amd64 && !purego

package vec

// lifCondExpAVX512 (lif512_amd64.s) is lifCondExpAVX2 eight neurons at a
// time: n a multiple of eight and at most lifBlock; it sets the spike bits
// in masks and stops at the first group of eight with a lane whose x is
// outside ExpNeg's polynomial range, returning how many neurons it did.
//
//go:noescape
func lifCondExpAVX512(c *LIF, v *float64, ref *int32, gsyn, ge, in, j *float64, n int, masks *uint64) (done int)

// exp512Consts are the integer constants of lifCondExpAVX512 that
// expConsts lacks.
type exp512Consts struct {
	bit4, bit5 uint64 // 16 and 32: which sixteen entries of expTable
	one        uint32 // a refractory update
}

var exp512C = exp512Consts{bit4: 16, bit5: 32, one: 1}

// lifCondExp512 runs lifCondExpAVX512 on blocks of the neurons; a group of
// eight it stops at, and the tail of fewer than eight, go to the AVX2
// path (which hands a group of four with a lane outside the polynomial to
// the generic kernel): the same bits whichever does a neuron.
func lifCondExp512(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	var masks [lifBlock / 64]uint64
	n, i := len(v), 0
	for n-i >= 8 {
		m := min(n-i, lifBlock) &^ 7
		done := lifCondExpAVX512(c, &v[i], &ref[i], &g[i], &ge[i], &in[i], &j[i], m, &masks[0])
		dst = appendMasks(dst, &masks, done, off+i)
		if done < m {
			k := i + done
			dst = lifCondExp256(c, v[k:k+8], ref[k:k+8], g[k:k+8], ge[k:k+8], in[k:k+8], j[k:k+8], off+k, dst)
			done += 8
		}
		i += done
	}
	return lifCondExp256(c, v[i:], ref[i:], g[i:], ge[i:], in[i:], j[i:], off+i, dst)
}
