package neuron

import (
	"math"

	"github.com/golgi-sim/golgi/simlib/internal/vec"
	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// LIF is the leaky integrate-and-fire neuron with a refractory clamp:
//
//	Cm dv/dt = (Cm/TauM)(VRest - v) + I_syn + IOffset + I_inj
//
// where I_syn is Σ current-receptor outputs plus Σ g_r (E_r - v) over
// conductance receptors. When v >= VThresh the neuron spikes, v is set to
// VReset and held there for TauRefrac (PyNN's IF_curr_* / IF_cond_* semantics;
// synaptic input keeps evolving during the clamp but does not move v).
//
// Schemes: Exact (default; for current-based input the exact joint
// propagator of NEST's iaf_psc_*; with conductances, the exact solution for
// the conductances frozen at the start of the step, i.e. exponential Euler),
// ExpEuler (all input frozen), Euler.
type LIF struct {
	Cm        float64 // membrane capacitance (pF)
	TauM      float64 // membrane time constant (ms)
	VRest     float64 // resting (leak reversal) potential (mV)
	VThresh   float64 // spike threshold (mV)
	VReset    float64 // reset potential (mV)
	TauRefrac float64 // refractory period (ms), rounded to steps
	IOffset   float64 // constant bias current (pA), PyNN's i_offset
}

// DefaultLIF returns PyNN's IF_curr_exp defaults: cm 1 nF, tau_m 20 ms,
// v_rest -65 mV, v_thresh -50 mV, v_reset -65 mV, tau_refrac 0.1 ms.
func DefaultLIF() LIF {
	return LIF{Cm: 1000, TauM: 20, VRest: -65, VThresh: -50, VReset: -65, TauRefrac: 0.1}
}

func (LIF) Kind() string                 { return "LIF" }
func (LIF) DefaultMethod() scheme.Method { return scheme.Exact }

func (p LIF) Validate(dt float64, m scheme.Method) error {
	return checks{
		positive("Cm", p.Cm, " pF"),
		timeConstant("TauM", p.TauM, dt),
		isFinite("VRest", p.VRest, " mV"),
		isFinite("VThresh", p.VThresh, " mV"),
		isFinite("VReset", p.VReset, " mV"),
		refractory("TauRefrac", p.TauRefrac, dt),
		isFinite("IOffset", p.IOffset, " pA"),
		func() error {
			if p.VReset >= p.VThresh {
				return field("VReset", p.VReset, " mV", "must be below VThresh")
			}
			return nil
		}(),
		methodIn("LIF", m, scheme.Exact, scheme.ExpEuler, scheme.Euler),
	}.first()
}

func (p LIF) New(c Context) Dynamics {
	prop, gl := pmath.Exp(-c.DT/p.TauM), p.Cm/p.TauM
	return &lif{p: p, m: c.Method,
		v: fill(make([]float64, c.N), p.VRest), ref: make([]int32, c.N), zeros: make([]float64, c.N),
		k: vec.LIF{GL: gl, Base: float64(gl*p.VRest) + p.IOffset, K: c.DT / p.Cm, VRest: p.VRest,
			Prop: prop, R: (1 - prop) / gl, IOffset: p.IOffset, VReset: p.VReset, Th: p.VThresh,
			NRef: int64(refractorySteps(p.TauRefrac, c.DT))}}
}

type lif struct {
	p     LIF
	m     scheme.Method
	v     []float64
	ref   []int32   // remaining clamped updates
	zeros []float64 // stands for Input.Jump when there are no delta synapses
	k     vec.LIF   // the constants of the update kernels
}

func (d *lif) Vars() []string { return []string{"v"} }
func (d *lif) Var(name string) []float64 {
	if name == "v" {
		return d.v
	}
	return nil
}
func (d *lif) MembraneTau() float64 { return d.p.TauM }

func (d *lif) Advance(lo, hi int, in Input) { d.update(lo, hi, in, math.NaN(), nil) }

// AdvanceSpike is Advance followed by Spike, in one pass.
func (d *lif) AdvanceSpike(lo, hi int, in Input, dst []int32) []int32 {
	return d.update(lo, hi, in, d.p.VThresh, dst)
}

// update advances neurons [lo, hi) by one step with the kernel of the
// population's method and input kind, adds the delta jumps (a clamped
// neuron takes none: it stays at VReset and counts down), and applies
// threshold th (NaN: none), appending spikes to dst. The kernels
// (package vec) are the loops of this model's equations, in Go or, where
// the machine has it, in AVX2 assembly with the same bits (gl = Cm/TauM,
// gt = gl + G; then + J):
//
//	conductances, Exact or ExpEuler: v ← vinf + (v - vinf)·e^{-dt·gt/Cm}, vinf = (gl·VRest + IOffset + GE + I)/gt
//	conductances, Euler:             v ← v + dt/Cm·(gl·VRest + IOffset - gt·v + GE + I)
//	currents, Exact or ExpEuler:     v ← VRest + (v - VRest)·e^{-dt/TauM} + (I + IOffset)·(1 - e^{-dt/TauM})/gl
//	currents, Euler:                 v ← v + dt/Cm·(gl·VRest + IOffset - gl·v + I)
func (d *lif) update(lo, hi int, in Input, th float64, dst []int32) []int32 {
	c := d.k
	c.Th = th
	v, ref, I, J := d.v[lo:hi], d.ref[lo:hi], in.I[lo:hi], d.zeros[lo:hi]
	if in.Jump != nil {
		J = in.Jump[lo:hi]
	}
	switch {
	case in.G != nil && d.m != scheme.Euler:
		return vec.LIFCondExp(&c, v, ref, in.G[lo:hi], in.GE[lo:hi], I, J, lo, dst)
	case in.G != nil:
		return vec.LIFCondEuler(&c, v, ref, in.G[lo:hi], in.GE[lo:hi], I, J, lo, dst)
	case d.m != scheme.Euler:
		return vec.LIFCurrExact(&c, v, ref, I, J, lo, dst)
	default:
		return vec.LIFCurrEuler(&c, v, ref, I, J, lo, dst)
	}
}

// AdvanceSpikeFused is AdvanceSpike with the receptor pass in the same
// loop (see ReceptorFuser): conductances with every method, currents with
// Exact and ExpEuler. It declines currents with Euler (no fused kernel),
// and everything without the assembly kernels (vec.Accelerated false):
// the generic fused kernels are no faster than the two passes (whole VA
// runs at 4000 cells, BenchmarkFused; docs/architecture.md "Vector
// kernels").
//
// Its one variable is v, which every fused kernel tests as it stores it
// (their fin): finite reports that.
func (d *lif) AdvanceSpikeFused(lo, hi int, in Input, rec FusedReceptors, dst []int32) (spk []int32, ok, finite bool) {
	euler := d.m == scheme.Euler
	if euler && !rec.Conductance || !vec.Accelerated() || in.Jump != nil || rec.N < 1 || rec.N > 2 {
		return dst, false, false
	}
	c := d.k
	c.Th = d.p.VThresh
	v, ref := d.v[lo:hi], d.ref[lo:hi]
	a, b := &rec.R[0], &rec.R[1]
	k, k2 := vec.Recv1{A: a.A, B: a.B, C: a.C, CE: a.CE}, vec.Recv1{A: b.A, B: b.B, C: b.C, CE: b.CE}
	if a.Counts != nil {
		spk, finite = d.fusedCounts(&c, v, ref, rec, k, k2, lo, dst)
		return spk, true, finite
	}
	switch {
	case rec.Conductance && euler && rec.N == 2:
		spk, finite = vec.LIFCondEulerCond1Pair(&c, v, ref, a.S, a.Slot, b.S, b.Slot, k, k2, lo, dst)
	case rec.Conductance && euler:
		spk, finite = vec.LIFCondEulerCond1(&c, v, ref, a.S, a.Slot, k, lo, dst)
	case rec.Conductance && rec.N == 2:
		spk, finite = vec.LIFCondExpCond1Pair(&c, v, ref, a.S, a.Slot, b.S, b.Slot, k, k2, lo, dst)
	case rec.Conductance:
		spk, finite = vec.LIFCondExpCond1(&c, v, ref, a.S, a.Slot, k, lo, dst)
	case rec.N == 2:
		spk, finite = vec.LIFCurrExactCur1Pair(&c, v, ref, a.S, a.Slot, b.S, b.Slot, k, k2, lo, dst)
	default:
		spk, finite = vec.LIFCurrExactCur1(&c, v, ref, a.S, a.Slot, k, lo, dst)
	}
	return spk, true, finite
}

// FusesCounts reports that AdvanceSpikeFused takes slots held as counts
// (neuron.CountFuser) where the machine has the count kernels' assembly
// (AVX-512): elsewhere the engine's expansion and the float64 kernels cost
// less.
func (d *lif) FusesCounts() bool { return vec.CountsAccelerated() }

// fusedCounts is AdvanceSpikeFused's call of the count kernels (the
// receptors' Counts set), for the method and receptors it has accepted.
func (d *lif) fusedCounts(c *vec.LIF, v []float64, ref []int32, rec FusedReceptors, k, k2 vec.Recv1, lo int, dst []int32) ([]int32, bool) {
	a, b := &rec.R[0], &rec.R[1]
	q := vec.Counts{Cnt: a.Counts, Tab: (*vec.CountTable)(a.Table)}
	var s2 []float64
	var q2 vec.Counts
	if rec.N == 2 {
		s2, q2 = b.S, vec.Counts{Cnt: b.Counts, Tab: (*vec.CountTable)(b.Table)}
	}
	switch {
	case rec.Conductance && d.m == scheme.Euler:
		return vec.LIFCondEulerCounts(c, v, ref, a.S, q, s2, q2, k, k2, lo, dst)
	case rec.Conductance:
		return vec.LIFCondExpCounts(c, v, ref, a.S, q, s2, q2, k, k2, lo, dst)
	default:
		return vec.LIFCurrExactCounts(c, v, ref, a.S, q, s2, q2, k, k2, lo, dst)
	}
}

func (d *lif) Spike(lo, hi int, step int64, dst []int32) []int32 {
	v := d.v[lo:hi]
	ref := d.ref[lo:hi][:len(v)]
	th, vr, n := d.p.VThresh, d.p.VReset, int32(d.k.NRef)
	for i := range v {
		if v[i] >= th {
			v[i] = vr
			ref[i] = n
			dst = append(dst, int32(lo+i))
		}
	}
	return dst
}
