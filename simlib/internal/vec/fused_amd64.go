//go:build amd64 && !purego

package vec

import "math"

// fusedK is what the fused assembly kernels (fused_amd64.s,
// fused512_amd64.s) read, each value broadcast to the four lanes: the
// coefficients of the receptors (the second pair zero for a single
// receptor) and LIF.R, for which the AVX2 kernels have no register left.
// The AVX2 and the AVX-512 CondExp kernels read them from memory in their
// loop, the other AVX-512 kernels broadcast them to registers once. The
// AVX-512 kernels OR into Bad the lanes (bits 0-7) whose stored v is NaN
// or infinite.
//
// The count kernels (fusedcounts_amd64.go) read besides the first eight
// entries of each receptor's CountTable (T, T2: a count below 8 is looked
// up by one permute) and Wide, the bits of a count of 8 or more in each
// of eight bytes.
type fusedK struct {
	A, B, C, CE, A2, B2, C2, CE2, R [4]float64
	Bad                             uint64
	T, T2                           [8]float64
	Wide                            uint64
}

func newFusedK(c *LIF, k, k2 *Recv1) fusedK {
	four := func(x float64) [4]float64 { return [4]float64{x, x, x, x} }
	f := fusedK{A: four(k.A), B: four(k.B), C: four(k.C), CE: four(k.CE), R: four(c.R)}
	if k2 != nil {
		f.A2, f.B2, f.C2, f.CE2 = four(k2.A), four(k2.B), four(k2.C), four(k2.CE)
	}
	return f
}

// The assembly kernels advance n neurons, n a multiple of four and at most
// lifBlock, and set the spike bits in masks, as the LIF kernels do
// (lif_amd64.go). The CondExp ones stop before the first group of four
// with a lane outside ExpNeg's polynomial, having left that group's
// receptors untouched, and return how many neurons they did.

//go:noescape
func fusedCurrExact1AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)

//go:noescape
func fusedCurrExact2AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)

//go:noescape
func fusedCondExp1AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64) (done int)

//go:noescape
func fusedCondExp2AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64) (done int)

//go:noescape
func fusedCondEuler1AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)

//go:noescape
func fusedCondEuler2AVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)

// The unit twins of the AVX2 kernels (fused_amd64.s): receptors' B 1 and
// the LIF's IOffset ±0 (current), or B and C 1 (conductance): unitCoefs.

//go:noescape
func fusedCurrExact1UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)

//go:noescape
func fusedCurrExact2UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)

//go:noescape
func fusedCondExp1UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64) (done int)

//go:noescape
func fusedCondExp2UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64) (done int)

//go:noescape
func fusedCondEuler1UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)

//go:noescape
func fusedCondEuler2UAVX2(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)

// unitCoefs reports whether the unit kernels apply: every receptor's B 1
// (k2 nil: one receptor), and the LIF's IOffset ±0 for a current kernel
// or every receptor's C 1 for a conductance kernel.
func unitCoefs(current bool, c *LIF, k, k2 *Recv1) bool {
	if k.B != 1 || k2 != nil && k2.B != 1 {
		return false
	}
	if current {
		return c.IOffset == 0
	}
	return k.C == 1 && (k2 == nil || k2.C == 1)
}

// The AVX-512 kernels (fused512_amd64.s) are the AVX2 kernels eight
// neurons at a time: n a multiple of eight and at most lifBlock.

//go:noescape
func fusedCurrExact1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)

//go:noescape
func fusedCurrExact2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)

//go:noescape
func fusedCondExp1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64) (done int)

//go:noescape
func fusedCondExp2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64) (done int)

//go:noescape
func fusedCondEuler1AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r *float64, n int, masks *uint64)

//go:noescape
func fusedCondEuler2AVX512(c *LIF, k *fusedK, v *float64, ref *int32, s, r, s2, r2 *float64, n int, masks *uint64)

// fusedBlocks runs a fused kernel over n neurons: in blocks of the
// AVX-512 kernel asm8 when avx512 is on, then of the AVX2 kernel asm4,
// then the generic kernel gen on the tail of fewer than four. asm8 and
// asm4 do m neurons from i and return how many they did (all but for the
// CondExp kernels, which stop at a group with a lane outside ExpNeg's
// polynomial); a group of eight asm8 stops at goes to asm4, one of four
// asm4 stops at to gen: the same bits whichever does a neuron. gen(i, j,
// dst) does neurons [i, j).
//
// fin reports that every v stored (v, the neurons' potentials) is finite:
// the AVX-512 kernels test each group they store (fk.Bad), and what the
// narrower kernels do is summed (SumFinite) after them. False says only
// that some v may not be finite.
func fusedBlocks(n, off int, dst []int32, v []float64, fk *fusedK, masks *[lifBlock / 64]uint64, asm8, asm4 func(i, m int) (done int), gen func(i, j int, dst []int32) []int32) (_ []int32, fin bool) {
	fin = true
	narrow := func(lo, hi int, dst []int32) []int32 {
		dst, d := lifBlocks(4, hi-lo, off+lo, dst, masks, func(i, m int) int { return asm4(lo+i, m) },
			func(k int, dst []int32) []int32 { return gen(lo+k, lo+k+4, dst) })
		dst = gen(lo+d, hi, dst)
		fin = fin && SumFinite(v[lo:hi])
		return dst
	}
	i := 0
	fk.Bad = 0
	if avx512 {
		dst, i = lifBlocks(8, n, off, dst, masks, asm8, func(k int, dst []int32) []int32 { return narrow(k, k+8, dst) })
	}
	if i < n {
		dst = narrow(i, n, dst)
	}
	return dst, fin && fk.Bad == 0
}

// fusedCurrExactAsm runs LIFCurrExactCur1 (s2 nil) or LIFCurrExactCur1Pair
// in blocks of assembly (fusedBlocks).
//
// A VRest of -0 takes the generic kernel: the AVX-512 kernels leave out
// an addition of +0 that only such a VRest needs (fused512_amd64.s).
func fusedCurrExactAsm(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 *Recv1, off int, dst []int32) ([]int32, bool) {
	if c.VRest == 0 && math.Signbit(c.VRest) {
		return fusedCurrExactGo(c, v, ref, s, r, s2, r2, *k, deref(k2), off, dst), SumFinite(v)
	}
	fk := newFusedK(c, k, k2)
	var masks [lifBlock / 64]uint64
	pair, kk2 := s2 != nil, deref(k2)
	unit := unitCoefs(true, c, k, pairCoefs(pair, k2))
	return fusedBlocks(len(v), off, dst, v, &fk, &masks, func(i, m int) int {
		if pair {
			fusedCurrExact2AVX512(c, &fk, &v[i], &ref[i], &s[i], &r[i], &s2[i], &r2[i], m, &masks[0])
		} else {
			fusedCurrExact1AVX512(c, &fk, &v[i], &ref[i], &s[i], &r[i], m, &masks[0])
		}
		return m
	}, func(i, m int) int {
		switch {
		case pair && unit:
			fusedCurrExact2UAVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], &s2[i], &r2[i], m, &masks[0])
		case pair:
			fusedCurrExact2AVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], &s2[i], &r2[i], m, &masks[0])
		case unit:
			fusedCurrExact1UAVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], m, &masks[0])
		default:
			fusedCurrExact1AVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], m, &masks[0])
		}
		return m
	}, func(i, j int, dst []int32) []int32 {
		return fusedCurrExactGo(c, v[i:j], ref[i:j], s[i:j], r[i:j], sub(s2, i, j), sub(r2, i, j), *k, kk2, off+i, dst)
	})
}

// fusedCondExpAsm runs LIFCondExpCond1 (s2 nil) or LIFCondExpCond1Pair
// likewise.
func fusedCondExpAsm(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 *Recv1, off int, dst []int32) ([]int32, bool) {
	fk := newFusedK(c, k, k2)
	var masks [lifBlock / 64]uint64
	pair, kk2 := s2 != nil, deref(k2)
	unit := unitCoefs(false, c, k, pairCoefs(pair, k2))
	return fusedBlocks(len(v), off, dst, v, &fk, &masks, func(i, m int) int {
		if pair {
			return fusedCondExp2AVX512(c, &fk, &v[i], &ref[i], &s[i], &r[i], &s2[i], &r2[i], m, &masks[0])
		}
		return fusedCondExp1AVX512(c, &fk, &v[i], &ref[i], &s[i], &r[i], m, &masks[0])
	}, func(i, m int) int {
		switch {
		case pair && unit:
			return fusedCondExp2UAVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], &s2[i], &r2[i], m, &masks[0])
		case pair:
			return fusedCondExp2AVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], &s2[i], &r2[i], m, &masks[0])
		case unit:
			return fusedCondExp1UAVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], m, &masks[0])
		}
		return fusedCondExp1AVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], m, &masks[0])
	}, func(i, j int, dst []int32) []int32 {
		return fusedCondExpGo(c, v[i:j], ref[i:j], s[i:j], r[i:j], sub(s2, i, j), sub(r2, i, j), *k, kk2, off+i, dst)
	})
}

// fusedCondEulerAsm runs LIFCondEulerCond1 (s2 nil) or
// LIFCondEulerCond1Pair likewise.
func fusedCondEulerAsm(c *LIF, v []float64, ref []int32, s, r, s2, r2 []float64, k, k2 *Recv1, off int, dst []int32) ([]int32, bool) {
	fk := newFusedK(c, k, k2)
	var masks [lifBlock / 64]uint64
	pair, kk2 := s2 != nil, deref(k2)
	unit := unitCoefs(false, c, k, pairCoefs(pair, k2))
	return fusedBlocks(len(v), off, dst, v, &fk, &masks, func(i, m int) int {
		if pair {
			fusedCondEuler2AVX512(c, &fk, &v[i], &ref[i], &s[i], &r[i], &s2[i], &r2[i], m, &masks[0])
		} else {
			fusedCondEuler1AVX512(c, &fk, &v[i], &ref[i], &s[i], &r[i], m, &masks[0])
		}
		return m
	}, func(i, m int) int {
		switch {
		case pair && unit:
			fusedCondEuler2UAVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], &s2[i], &r2[i], m, &masks[0])
		case pair:
			fusedCondEuler2AVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], &s2[i], &r2[i], m, &masks[0])
		case unit:
			fusedCondEuler1UAVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], m, &masks[0])
		default:
			fusedCondEuler1AVX2(c, &fk, &v[i], &ref[i], &s[i], &r[i], m, &masks[0])
		}
		return m
	}, func(i, j int, dst []int32) []int32 {
		return fusedCondEulerGo(c, v[i:j], ref[i:j], s[i:j], r[i:j], sub(s2, i, j), sub(r2, i, j), *k, kk2, off+i, dst)
	})
}

// pairCoefs is k2 for a kernel of two receptors, nil for one.
func pairCoefs(pair bool, k2 *Recv1) *Recv1 {
	if !pair {
		return nil
	}
	return k2
}

// sub is x[i:j], or nil for a nil x (no second receptor).
func sub(x []float64, i, j int) []float64 {
	if x == nil {
		return nil
	}
	return x[i:j]
}
