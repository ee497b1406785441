package neuron

import (
	"math"

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
	return &lif{p: p, m: c.Method, dt: c.DT,
		v: fill(make([]float64, c.N), p.VRest), ref: make([]int32, c.N), zeros: make([]float64, c.N),
		prop: pmath.Exp(-c.DT / p.TauM), gl: p.Cm / p.TauM, nref: refractorySteps(p.TauRefrac, c.DT)}
}

type lif struct {
	p     LIF
	m     scheme.Method
	dt    float64
	v     []float64
	ref   []int32   // remaining clamped updates
	zeros []float64 // stands for Input.Jump when there are no delta synapses
	prop  float64   // exp(-dt/tauM)
	gl    float64   // leak conductance (nS)
	nref  int32
}

func (d *lif) Vars() []string { return []string{"v"} }
func (d *lif) Var(name string) []float64 {
	if name == "v" {
		return d.v
	}
	return nil
}
func (d *lif) MembraneTau() float64 { return d.p.TauM }

func (d *lif) Advance(lo, hi int, in Input) {
	v := d.v[lo:hi]
	n := len(v)
	ref, I := d.ref[lo:hi][:n], in.I[lo:hi][:n] // equal lengths: no bounds checks below
	J := d.zeros[:n]                            // delta jumps: taken only by neurons not clamped
	if in.Jump != nil {
		J = in.Jump[lo:hi][:n]
	}
	p := d.p
	base := float64(d.gl*p.VRest) + p.IOffset // leak and bias currents at v = 0 (pA)
	switch {
	case in.G != nil && d.m != scheme.Euler:
		d.condExact(lo, hi, in, J, math.Inf(1), nil)
	case in.G != nil:
		G, GE := in.G[lo:hi][:n], in.GE[lo:hi][:n]
		k := d.dt / p.Cm
		for i := range v {
			if ref[i] > 0 {
				ref[i]--
				v[i] = p.VReset
				continue
			}
			v[i] += float64(k*(base-float64((d.gl+G[i])*v[i])+GE[i]+I[i])) + J[i]
		}
	case d.m != scheme.Euler:
		r := (1 - d.prop) / d.gl
		for i := range v {
			if ref[i] > 0 {
				ref[i]--
				v[i] = p.VReset
				continue
			}
			v[i] = p.VRest + float64((v[i]-p.VRest)*d.prop) + float64((I[i]+p.IOffset)*r) + J[i]
		}
	default:
		k := d.dt / p.Cm
		for i := range v {
			if ref[i] > 0 {
				ref[i]--
				v[i] = p.VReset
				continue
			}
			v[i] += float64(k*(base-float64(d.gl*v[i])+I[i])) + J[i]
		}
	}
}

// AdvanceSpike is Advance followed by Spike, in one pass for the common
// conductance-based case.
func (d *lif) AdvanceSpike(lo, hi int, in Input, dst []int32) []int32 {
	if in.G == nil || d.m == scheme.Euler {
		d.Advance(lo, hi, in)
		return d.Spike(lo, hi, in.Step, dst)
	}
	J := d.zeros[:hi-lo]
	if in.Jump != nil {
		J = in.Jump[lo:hi]
	}
	return d.condExact(lo, hi, in, J, d.p.VThresh, dst)
}

// condExact advances neurons [lo, hi) exactly for conductances frozen over
// the step, adds the delta jumps J, and applies threshold th (+Inf: none),
// appending spikes to dst.
func (d *lif) condExact(lo, hi int, in Input, J []float64, th float64, dst []int32) []int32 {
	v := d.v[lo:hi]
	n := len(v)
	ref, I, J := d.ref[lo:hi][:n], in.I[lo:hi][:n], J[:n]
	G, GE := in.G[lo:hi][:n], in.GE[lo:hi][:n]
	p := d.p
	base := float64(d.gl*p.VRest) + p.IOffset
	k := d.dt / p.Cm
	for i := range v {
		if ref[i] > 0 {
			ref[i]--
			v[i] = p.VReset
			continue
		}
		gt := d.gl + G[i]
		vinf := (base + GE[i] + I[i]) / gt
		// e^{-k·gt}: expNeg's fast path, written out here because the
		// compiler does not inline it.
		x := float64(k * gt)
		var e float64
		if x >= 0 && x <= 700 {
			kf := (float64(-x*expInvLn2x64) + expShift) - expShift
			r := (-x - float64(kf*expLn2Hi)) - float64(kf*expLn2Lo)
			q := 1 + float64(r*(1+float64(r*(1.0/2+float64(r*(1.0/6+float64(r*(1.0/24+float64(r*(1.0/120))))))))))
			ki := int64(kf)
			e = math.Float64frombits(uint64(1023+(ki>>6))<<52) * expTable[ki&63] * q
		} else {
			e = pmath.Exp(-x)
		}
		vi := vinf + float64((v[i]-vinf)*e) + J[i]
		if vi >= th {
			vi = p.VReset
			ref[i] = d.nref
			dst = append(dst, int32(lo+i))
		}
		v[i] = vi
	}
	return dst
}

func (d *lif) Spike(lo, hi int, step int64, dst []int32) []int32 {
	v := d.v[lo:hi]
	ref := d.ref[lo:hi][:len(v)]
	th, vr, n := d.p.VThresh, d.p.VReset, d.nref
	for i := range v {
		if v[i] >= th {
			v[i] = vr
			ref[i] = n
			dst = append(dst, int32(lo+i))
		}
	}
	return dst
}
