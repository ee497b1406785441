package vec

import (
	"math"

	"github.com/golgi-sim/golgi/simlib/pmath"
)

// LIF holds the constants of a leaky integrate-and-fire population for the
// LIF kernels. Each kernel advances neurons by one step, adds the delta
// jumps j, and applies the threshold: a neuron whose new v is >= Th is set
// to VReset, clamped for NRef updates and appended to the spikes. A
// neuron still clamped (ref > 0) counts down and stays at VReset, whatever
// its input. With Th NaN the kernels only advance.
type LIF struct {
	GL      float64 // leak conductance Cm/TauM (nS)
	Base    float64 // GL·VRest + IOffset: leak and bias currents at v = 0 (pA)
	K       float64 // dt/Cm (ms/pF)
	VRest   float64 // resting potential (mV)
	Prop    float64 // e^{-dt/TauM}
	R       float64 // (1-Prop)/GL: the exact response to a constant current (mV/pA)
	IOffset float64 // bias current (pA)
	VReset  float64 // reset potential (mV)
	Th      float64 // threshold (mV); NaN: none
	NRef    int64   // updates clamped after a spike (within the int32 range)
}

// LIFCondExp advances conductance-driven LIF neurons exactly for the
// conductances frozen over the step (exponential Euler):
//
//	gt = GL + g, vinf = (Base + ge + in)/gt, v ← vinf + (v - vinf)·e^{-K·gt} + j
//
// with e^{-x} by ExpNeg's steps, then applies the threshold (see LIF). v,
// ref, g (nS), ge (nS·mV), in (pA) and j (mV) are the neurons' slices
// (equal lengths); spikes are appended to dst as off + index.
func LIFCondExp(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	sameLen("LIFCondExp", len(v), len(ref), len(g), len(ge), len(in), len(j))
	if accel {
		return lifCondExpAsm(c, v, ref, g, ge, in, j, off, dst)
	}
	return lifCondExpGo(c, v, ref, g, ge, in, j, off, dst)
}

// LIFCondEuler advances conductance-driven LIF neurons by forward Euler,
//
//	v ← v + (K·(Base - (GL + g)·v + ge + in) + j),
//
// then applies the threshold (see LIF and LIFCondExp).
func LIFCondEuler(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	sameLen("LIFCondEuler", len(v), len(ref), len(g), len(ge), len(in), len(j))
	if accel {
		return lifCondEulerAsm(c, v, ref, g, ge, in, j, off, dst)
	}
	return lifCondEulerGo(c, v, ref, g, ge, in, j, off, dst)
}

// LIFCurrExact advances current-driven LIF neurons by the exact propagator
// of a current constant over the step,
//
//	v ← VRest + (v - VRest)·Prop + (in + IOffset)·R + j,
//
// then applies the threshold (see LIF).
func LIFCurrExact(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	sameLen("LIFCurrExact", len(v), len(ref), len(in), len(j))
	if accel {
		return lifCurrExactAsm(c, v, ref, in, j, off, dst)
	}
	return lifCurrExactGo(c, v, ref, in, j, off, dst)
}

// LIFCurrEuler advances current-driven LIF neurons by forward Euler,
//
//	v ← v + (K·(Base - GL·v + in) + j),
//
// then applies the threshold (see LIF).
func LIFCurrEuler(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	sameLen("LIFCurrEuler", len(v), len(ref), len(in), len(j))
	if accel {
		return lifCurrEulerAsm(c, v, ref, in, j, off, dst)
	}
	return lifCurrEulerGo(c, v, ref, in, j, off, dst)
}

// lifBlock is the most neurons an assembly call does: the spike masks of
// a block are an array on the caller's stack (512 bytes). 4096 rather than
// 512 leaves a 4000-cell population one call instead of eight, which
// BenchmarkFused at 4000 neurons (AVX-512, CurrExactCur1Pair) shows 2 %
// faster, and 1.5 % fewer instructions in a whole CUBA run (cachegrind,
// AVX2).
const lifBlock = 4096

// threshold is what the generic kernels need of LIF after the advance.
type threshold struct {
	th, vr float64
	nref   int32
}

func (c *LIF) threshold() threshold { return threshold{c.Th, c.VReset, int32(c.NRef)} }

// settle stores vi, the advanced v of free neuron i, or, when vi >= th,
// resets the neuron, clamps it and appends off+i to dst.
func (t threshold) settle(v []float64, ref []int32, i int, vi float64, off int, dst []int32) []int32 {
	if vi >= t.th {
		vi = t.vr
		ref[i] = t.nref
		dst = append(dst, int32(off+i))
	}
	v[i] = vi
	return dst
}

// The generic kernels: the reference for the assembly, and the kernels
// used without it. Every product that meets an addition is rounded
// (float64(...)) so that no compiler fuses it.

func lifCondExpGo(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	n := len(v)
	ref, g, ge, in, j = ref[:n], g[:n], ge[:n], in[:n], j[:n] // equal lengths: no bounds checks below
	gl, base, k, t := c.GL, c.Base, c.K, c.threshold()
	for i := range v {
		if ref[i] > 0 {
			ref[i]--
			v[i] = t.vr
			continue
		}
		gt := gl + g[i]
		vinf := (base + ge[i] + in[i]) / gt
		// e^{-k·gt}: ExpNeg written out, because the compiler does not
		// inline it.
		x := float64(k * gt)
		var e float64
		if x >= 0 && x <= expMax {
			kf := (float64(-x*expInvLn2x64) + expShift) - expShift
			r := (-x - float64(kf*expLn2Hi)) - float64(kf*expLn2Lo)
			q := 1 + float64(r*(1+float64(r*(1.0/2+float64(r*(1.0/6+float64(r*(1.0/24+float64(r*(1.0/120))))))))))
			ki := int64(kf)
			e = math.Float64frombits(uint64(1023+(ki>>6))<<52) * expTable[ki&63] * q
		} else {
			e = pmath.Exp(-x)
		}
		vi := vinf + float64((v[i]-vinf)*e) + j[i]
		dst = t.settle(v, ref, i, vi, off, dst)
	}
	return dst
}

func lifCondEulerGo(c *LIF, v []float64, ref []int32, g, ge, in, j []float64, off int, dst []int32) []int32 {
	n := len(v)
	ref, g, ge, in, j = ref[:n], g[:n], ge[:n], in[:n], j[:n]
	gl, base, k, t := c.GL, c.Base, c.K, c.threshold()
	for i := range v {
		if ref[i] > 0 {
			ref[i]--
			v[i] = t.vr
			continue
		}
		vi := v[i] + (float64(k*(base-float64((gl+g[i])*v[i])+ge[i]+in[i])) + j[i])
		dst = t.settle(v, ref, i, vi, off, dst)
	}
	return dst
}

func lifCurrExactGo(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	n := len(v)
	ref, in, j = ref[:n], in[:n], j[:n]
	rest, prop, ioff, r, t := c.VRest, c.Prop, c.IOffset, c.R, c.threshold()
	for i := range v {
		if ref[i] > 0 {
			ref[i]--
			v[i] = t.vr
			continue
		}
		vi := rest + float64((v[i]-rest)*prop) + float64((in[i]+ioff)*r) + j[i]
		dst = t.settle(v, ref, i, vi, off, dst)
	}
	return dst
}

func lifCurrEulerGo(c *LIF, v []float64, ref []int32, in, j []float64, off int, dst []int32) []int32 {
	n := len(v)
	ref, in, j = ref[:n], in[:n], j[:n]
	gl, base, k, t := c.GL, c.Base, c.K, c.threshold()
	for i := range v {
		if ref[i] > 0 {
			ref[i]--
			v[i] = t.vr
			continue
		}
		vi := v[i] + (float64(k*(base-float64(gl*v[i])+in[i])) + j[i])
		dst = t.settle(v, ref, i, vi, off, dst)
	}
	return dst
}
