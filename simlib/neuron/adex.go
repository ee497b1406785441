package neuron

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/internal/vec"
	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// AdEx is the adaptive exponential integrate-and-fire neuron (Brette and
// Gerstner 2005) in ntwk's parameterisation (yzerlaut/neural_network_dynamics,
// ntwk's AdEx network library):
//
//	Cm dV/dt = GLeak (VRest - V) + GLeak DeltaT exp((V - VThresh)/DeltaT) - w + I_syn + I
//	TauW dw/dt = A (V - VRest) - w
//
// with I_syn = Σ current receptors + Σ g_r (E_r - V). When V >= VSpike the
// neuron spikes: V = VReset, w += B, and V is held at VReset for TauRefrac
// (rounded to steps) while w keeps evolving (Brian2's "unless refractory" on
// V only), as LIF does.
//
// VSpike: ntwk detects spikes at V > VThresh + 5·DeltaT, the usual choice for
// the AdEx (the exponential term is then e^5 ≈ 148 times the leak scale and
// V diverges within a fraction of a millisecond, so the spike time hardly
// depends on the exact cut-off); DefaultAdEx and NtwkCut use that value.
// With DeltaT = 0 the exponential term is dropped (the LIF limit with
// adaptation, as ntwk does) and VSpike is the hard threshold (ntwk uses VThresh).
//
// The exponential is evaluated with its exponent clamped at its value at
// VSpike: a neuron can only be above VSpike at the start of a step if set there
// (it spikes and is reset otherwise), so the model is unchanged, and a
// diverging neuron spikes instead of producing Inf.
//
// Schemes: Euler (default; the scheme Brian2 picks for these equations and
// thus ntwk's), and ExpEuler: the exponential term, w and the input are
// frozen at the start of the step and V relaxes exactly towards the
// resulting steady state with conductance GLeak + G; w relaxes exactly towards
// A (V - VRest) with V frozen.
type AdEx struct {
	GLeak     float64 // leak conductance (nS)
	Cm        float64 // membrane capacitance (pF)
	TauRefrac float64 // refractory period (ms), rounded to steps
	VRest     float64 // resting (leak reversal) potential (mV)
	VThresh   float64 // threshold of the exponential term (mV)
	VReset    float64 // reset potential (mV)
	DeltaT    float64 // slope factor (mV); 0: no exponential term
	A         float64 // subthreshold adaptation conductance (nS)
	B         float64 // spike-triggered adaptation jump (pA)
	TauW      float64 // adaptation time constant (ms)
	VSpike    float64 // spike detection cut-off (mV); ntwk: VThresh + 5·DeltaT
}

// DefaultAdEx returns ntwk's excitatory (regular-spiking) cell of the RS-FS
// network: GLeak 10 nS, Cm 200 pF, TauRefrac 5 ms, VRest -70, VThresh -50, VReset
// -70 mV, DeltaT 2 mV, a 0 nS, b 40 pA, tauw 500 ms, and VSpike = VThresh +
// 5·DeltaT = -40 mV.
func DefaultAdEx() AdEx {
	p := AdEx{GLeak: 10, Cm: 200, TauRefrac: 5, VRest: -70, VThresh: -50, VReset: -70, DeltaT: 2, A: 0, B: 40, TauW: 500}
	p.VSpike = p.NtwkCut()
	return p
}

// NtwkCut returns ntwk's spike cut-off VThresh + 5·DeltaT (mV): set VSpike to
// it after changing VThresh or DeltaT to keep ntwk's convention.
func (p AdEx) NtwkCut() float64 { return p.VThresh + float64(5*p.DeltaT) }

func (AdEx) Kind() string                 { return "AdEx" }
func (AdEx) DefaultMethod() scheme.Method { return scheme.Euler }

// maxAdExExponent bounds (VSpike - VThresh)/DeltaT so that the exponential term
// at the cut-off is finite (e^600 ≈ 1e260).
const maxAdExExponent = 600

func (p AdEx) Validate(dt float64, m scheme.Method) error {
	return checks{
		positive("GLeak", p.GLeak, " nS"),
		positive("Cm", p.Cm, " pF"),
		refractory("TauRefrac", p.TauRefrac, dt),
		isFinite("VRest", p.VRest, " mV"),
		isFinite("VThresh", p.VThresh, " mV"),
		isFinite("VReset", p.VReset, " mV"),
		nonNegative("DeltaT", p.DeltaT, " mV"),
		isFinite("A", p.A, " nS"),
		isFinite("B", p.B, " pA"),
		timeConstant("TauW", p.TauW, dt),
		isFinite("VSpike", p.VSpike, " mV"),
		func() error {
			if tau := p.Cm / p.GLeak; tau < dt {
				return fmt.Errorf("Cm/GLeak = %v ms (membrane time constant) is shorter than dt = %v ms: use dt <= %v ms", tau, dt, tau)
			}
			if p.VReset >= p.VSpike {
				return field("VReset", p.VReset, " mV", fmt.Sprintf("must be below VSpike = %v mV", p.VSpike))
			}
			if p.DeltaT > 0 && (p.VSpike-p.VThresh)/p.DeltaT > maxAdExExponent {
				return field("VSpike", p.VSpike, " mV", fmt.Sprintf("(VSpike - VThresh)/DeltaT must be at most %v (ntwk uses VThresh + 5·DeltaT = %v mV)", maxAdExExponent, p.NtwkCut()))
			}
			return nil
		}(),
		methodIn("AdEx", m, scheme.Euler, scheme.ExpEuler),
	}.first()
}

func (p AdEx) New(c Context) Dynamics {
	d := &adex{p: p, m: c.Method, dt: c.DT,
		v: fill(make([]float64, c.N), p.VRest), w: make([]float64, c.N), ref: make([]int32, c.N),
		nref: refractorySteps(p.TauRefrac, c.DT), wprop: pmath.Exp(-c.DT / p.TauW), vprop: pmath.Exp(-c.DT * p.GLeak / p.Cm)}
	if p.DeltaT > 0 {
		d.xcut = (p.VSpike - p.VThresh) / p.DeltaT
	}
	return d
}

type adex struct {
	p     AdEx
	m     scheme.Method
	dt    float64
	v, w  []float64
	ref   []int32 // remaining clamped steps
	nref  int32
	xcut  float64 // exponent at VSpike
	wprop float64 // exp(-dt/TauW)
	vprop float64 // exp(-dt·GLeak/Cm)
}

func (d *adex) Vars() []string { return []string{"v", "w"} }
func (d *adex) Var(name string) []float64 {
	switch name {
	case "v":
		return d.v
	case "w":
		return d.w
	}
	return nil
}

// spikeCurrent returns GLeak·DeltaT·exp((v - VThresh)/DeltaT) (pA), the exponent
// clamped at its value at VSpike; 0 when DeltaT is 0.
func (d *adex) spikeCurrent(v float64) float64 {
	p := &d.p
	if p.DeltaT == 0 {
		return 0
	}
	return float64(p.GLeak * p.DeltaT * pmath.Exp(min((v-p.VThresh)/p.DeltaT, d.xcut)))
}

func (d *adex) Advance(lo, hi int, in Input) {
	p := d.p
	v, w, ref, I := d.v[lo:hi], d.w[lo:hi], d.ref[lo:hi], in.I[lo:hi]
	var G, GE []float64
	if in.G != nil {
		G, GE = in.G[lo:hi], in.GE[lo:hi]
	}
	dt := d.dt
	for i := range v {
		vi, wi := v[i], w[i]
		g, ge := 0.0, 0.0
		if G != nil {
			g, ge = G[i], GE[i]
		}
		if d.m == scheme.Euler {
			w[i] = wi + dt*(float64(p.A*(vi-p.VRest))-wi)/p.TauW
		} else {
			winf := float64(p.A * (vi - p.VRest))
			w[i] = winf + float64((wi-winf)*d.wprop)
		}
		if ref[i] > 0 {
			v[i] = p.VReset
			continue
		}
		drive := d.spikeCurrent(vi) - wi + I[i]
		if d.m == scheme.Euler {
			v[i] = vi + dt*(float64(p.GLeak*(p.VRest-vi))+ge-float64(g*vi)+drive)/p.Cm
		} else {
			gt, prop := p.GLeak, d.vprop
			if G != nil {
				gt += g
				prop = vec.ExpNeg(dt * gt / p.Cm)
			}
			vinf := (float64(p.GLeak*p.VRest) + ge + drive) / gt
			v[i] = vinf + float64((vi-vinf)*prop)
		}
	}
	if in.Jump != nil {
		J := in.Jump[lo:hi]
		for i := range v {
			if ref[i] == 0 {
				v[i] += J[i]
			}
		}
	}
}

func (d *adex) Spike(lo, hi int, step int64, dst []int32) []int32 {
	v, w, ref := d.v[lo:hi], d.w[lo:hi], d.ref[lo:hi]
	p := &d.p
	for i := range v {
		if ref[i] > 0 { // clamped during this update: count it down
			ref[i]--
			continue
		}
		if v[i] >= p.VSpike {
			v[i] = p.VReset
			w[i] += p.B
			ref[i] = d.nref
			dst = append(dst, int32(lo+i))
		}
	}
	return dst
}
