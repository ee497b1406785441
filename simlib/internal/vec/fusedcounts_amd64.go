//go:build amd64 && !purego

package vec

import "math"

// The AVX-512 count kernels (in fused512_amd64.s, after the float ones)
// are the AVX-512 fused kernels with the slots r, r2 held as counts:
// they look up a group's slot values in fusedK.T, T2 and clear its counts.
// n is a multiple of eight and at most lifBlock; each stops before the
// first group with a count of 8 or more (or, CondExp, a lane outside
// ExpNeg's polynomial), having left it untouched, and returns how many
// neurons it did.

//go:noescape
func fusedCurrExactC1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)

//go:noescape
func fusedCurrExactC2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)

// The unit twins of the two above (fused512_amd64.s): receptors' B 1,
// the LIF's IOffset ±0.

//go:noescape
func fusedCurrExactC1UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)

//go:noescape
func fusedCurrExactC2UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)

//go:noescape
func fusedCondExpC1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)

//go:noescape
func fusedCondExpC2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)

//go:noescape
func fusedCondEulerC1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)

//go:noescape
func fusedCondEulerC2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)

// The unit twins of the four above (fused512_amd64.s): receptors' B and C
// 1.

//go:noescape
func fusedCondExpC1UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)

//go:noescape
func fusedCondExpC2UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)

//go:noescape
func fusedCondEulerC1UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, n int, masks *uint64) (done int)

//go:noescape
func fusedCondEulerC2UAVX512(c *LIF, k *fusedK, v *float64, ref *int32, s *float64, r *uint8, s2 *float64, r2 *uint8, n int, masks *uint64) (done int)

// wideCounts has the bits of a count of 8 or more set in each byte.
const wideCounts = 0xf8f8f8f8f8f8f8f8

// fusedCountsAsm runs the count kernel of scheme over the neurons of v in
// groups of eight, and rest (countsRange) on a group it stops at; it
// returns how many neurons it did from the first (all but fewer than
// eight), and fin as fusedBlocks does. A current kernel with a VRest of
// -0 does none (fusedCurrExactAsm says why).
func fusedCountsAsm(scheme int, c *LIF, v []float64, ref []int32, s []float64, q Counts, s2 []float64, q2 Counts, k, k2 *Recv1, off int, dst []int32, rest func(i, j int, dst []int32) ([]int32, bool)) ([]int32, int, bool) {
	if scheme == currExact && c.VRest == 0 && math.Signbit(c.VRest) {
		return dst, 0, true
	}
	pair := s2 != nil
	if !pair {
		k2 = nil
	}
	fk := newFusedK(c, k, k2)
	copy(fk.T[:], q.Tab[:8])
	if pair {
		copy(fk.T2[:], q2.Tab[:8])
	}
	fk.Wide = wideCounts
	unit := unitCoefs(scheme == currExact, c, k, k2) // k2 is nil for one receptor
	var masks [lifBlock / 64]uint64
	fin := true
	dst, i := lifBlocks(8, len(v), off, dst, &masks, func(i, m int) int {
		vi, ri, si, qi := &v[i], &ref[i], &s[i], &q.Cnt[i]
		switch {
		case scheme == currExact && pair && unit:
			return fusedCurrExactC2UAVX512(c, &fk, vi, ri, si, qi, &s2[i], &q2.Cnt[i], m, &masks[0])
		case scheme == currExact && unit:
			return fusedCurrExactC1UAVX512(c, &fk, vi, ri, si, qi, m, &masks[0])
		case scheme == currExact && pair:
			return fusedCurrExactC2AVX512(c, &fk, vi, ri, si, qi, &s2[i], &q2.Cnt[i], m, &masks[0])
		case scheme == currExact:
			return fusedCurrExactC1AVX512(c, &fk, vi, ri, si, qi, m, &masks[0])
		case scheme == condExp && pair && unit:
			return fusedCondExpC2UAVX512(c, &fk, vi, ri, si, qi, &s2[i], &q2.Cnt[i], m, &masks[0])
		case scheme == condExp && unit:
			return fusedCondExpC1UAVX512(c, &fk, vi, ri, si, qi, m, &masks[0])
		case pair && unit: // CondEuler from here on
			return fusedCondEulerC2UAVX512(c, &fk, vi, ri, si, qi, &s2[i], &q2.Cnt[i], m, &masks[0])
		case unit:
			return fusedCondEulerC1UAVX512(c, &fk, vi, ri, si, qi, m, &masks[0])
		case scheme == condExp && pair:
			return fusedCondExpC2AVX512(c, &fk, vi, ri, si, qi, &s2[i], &q2.Cnt[i], m, &masks[0])
		case scheme == condExp:
			return fusedCondExpC1AVX512(c, &fk, vi, ri, si, qi, m, &masks[0])
		case pair:
			return fusedCondEulerC2AVX512(c, &fk, vi, ri, si, qi, &s2[i], &q2.Cnt[i], m, &masks[0])
		default:
			return fusedCondEulerC1AVX512(c, &fk, vi, ri, si, qi, m, &masks[0])
		}
	}, func(k int, dst []int32) []int32 {
		dst, f := rest(k, k+8, dst)
		fin = fin && f
		return dst
	})
	return dst, i, fin && fk.Bad == 0
}
