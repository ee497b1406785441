package neuron

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// AdEx is the adaptive exponential integrate-and-fire neuron (Brette and
// Gerstner 2005) in ntwk's parameterisation (yzerlaut/neural_network_dynamics,
// ntwk's AdEx network library):
//
//	Cm dV/dt = Gl (El - V) + Gl DeltaV exp((V - Vthre)/DeltaV) - w + I_syn + I
//	Tauw dw/dt = A (V - El) - w
//
// with I_syn = Σ current receptors + Σ g_r (E_r - V). When V >= VCut the
// neuron spikes: V = Vreset, w += B, and V is held at Vreset for Trefrac
// (rounded to steps) while w keeps evolving (Brian2's "unless refractory" on
// V only), as LIF does.
//
// VCut: ntwk detects spikes at V > Vthre + 5·DeltaV, the usual choice for
// the AdEx (the exponential term is then e^5 ≈ 148 times the leak scale and
// V diverges within a fraction of a millisecond, so the spike time hardly
// depends on the exact cut-off); DefaultAdEx and NtwkCut use that value.
// With DeltaV = 0 the exponential term is dropped (the LIF limit with
// adaptation, as ntwk does) and VCut is the hard threshold (ntwk uses Vthre).
//
// The exponential is evaluated with its exponent clamped at its value at
// VCut: a neuron can only be above VCut at the start of a step if set there
// (it spikes and is reset otherwise), so the model is unchanged, and a
// diverging neuron spikes instead of producing Inf.
//
// Schemes: Euler (default; the scheme Brian2 picks for these equations and
// thus ntwk's), and ExpEuler: the exponential term, w and the input are
// frozen at the start of the step and V relaxes exactly towards the
// resulting steady state with conductance Gl + G; w relaxes exactly towards
// A (V - El) with V frozen.
type AdEx struct {
	Gl      float64 // leak conductance (nS)
	Cm      float64 // membrane capacitance (pF)
	Trefrac float64 // refractory period (ms), rounded to steps
	El      float64 // leak reversal potential (mV)
	Vthre   float64 // threshold of the exponential term (mV)
	Vreset  float64 // reset potential (mV)
	DeltaV  float64 // slope factor (mV); 0: no exponential term
	A       float64 // subthreshold adaptation conductance (nS)
	B       float64 // spike-triggered adaptation jump (pA)
	Tauw    float64 // adaptation time constant (ms)
	VCut    float64 // spike detection cut-off (mV); ntwk: Vthre + 5·DeltaV
}

// DefaultAdEx returns ntwk's excitatory (regular-spiking) cell of the RS-FS
// network: Gl 10 nS, Cm 200 pF, Trefrac 5 ms, El -70, Vthre -50, Vreset
// -70 mV, DeltaV 2 mV, a 0 nS, b 40 pA, tauw 500 ms, and VCut = Vthre +
// 5·DeltaV = -40 mV.
func DefaultAdEx() AdEx {
	p := AdEx{Gl: 10, Cm: 200, Trefrac: 5, El: -70, Vthre: -50, Vreset: -70, DeltaV: 2, A: 0, B: 40, Tauw: 500}
	p.VCut = p.NtwkCut()
	return p
}

// NtwkCut returns ntwk's spike cut-off Vthre + 5·DeltaV (mV): set VCut to
// it after changing Vthre or DeltaV to keep ntwk's convention.
func (p AdEx) NtwkCut() float64 { return p.Vthre + float64(5*p.DeltaV) }

func (AdEx) Kind() string                 { return "AdEx" }
func (AdEx) DefaultMethod() scheme.Method { return scheme.Euler }

// maxAdExExponent bounds (VCut - Vthre)/DeltaV so that the exponential term
// at the cut-off is finite (e^600 ≈ 1e260).
const maxAdExExponent = 600

func (p AdEx) Validate(dt float64, m scheme.Method) error {
	return checks{
		positive("Gl", p.Gl, " nS"),
		positive("Cm", p.Cm, " pF"),
		refractory("Trefrac", p.Trefrac, dt),
		isFinite("El", p.El, " mV"),
		isFinite("Vthre", p.Vthre, " mV"),
		isFinite("Vreset", p.Vreset, " mV"),
		nonNegative("DeltaV", p.DeltaV, " mV"),
		isFinite("A", p.A, " nS"),
		isFinite("B", p.B, " pA"),
		timeConstant("Tauw", p.Tauw, dt),
		isFinite("VCut", p.VCut, " mV"),
		func() error {
			if tau := p.Cm / p.Gl; tau < dt {
				return fmt.Errorf("Cm/Gl = %v ms (membrane time constant) is shorter than dt = %v ms: use dt <= %v ms", tau, dt, tau)
			}
			if p.Vreset >= p.VCut {
				return field("Vreset", p.Vreset, " mV", fmt.Sprintf("must be below VCut = %v mV", p.VCut))
			}
			if p.DeltaV > 0 && (p.VCut-p.Vthre)/p.DeltaV > maxAdExExponent {
				return field("VCut", p.VCut, " mV", fmt.Sprintf("(VCut - Vthre)/DeltaV must be at most %v (ntwk uses Vthre + 5·DeltaV = %v mV)", maxAdExExponent, p.NtwkCut()))
			}
			return nil
		}(),
		methodIn("AdEx", m, scheme.Euler, scheme.ExpEuler),
	}.first()
}

func (p AdEx) New(c Context) Dynamics {
	d := &adex{p: p, m: c.Method, dt: c.DT,
		v: fill(make([]float64, c.N), p.El), w: make([]float64, c.N), ref: make([]int32, c.N),
		nref: refractorySteps(p.Trefrac, c.DT), wprop: pmath.Exp(-c.DT / p.Tauw), vprop: pmath.Exp(-c.DT * p.Gl / p.Cm)}
	if p.DeltaV > 0 {
		d.xcut = (p.VCut - p.Vthre) / p.DeltaV
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
	xcut  float64 // exponent at VCut
	wprop float64 // exp(-dt/Tauw)
	vprop float64 // exp(-dt·Gl/Cm)
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

// spikeCurrent returns Gl·DeltaV·exp((v - Vthre)/DeltaV) (pA), the exponent
// clamped at its value at VCut; 0 when DeltaV is 0.
func (d *adex) spikeCurrent(v float64) float64 {
	p := &d.p
	if p.DeltaV == 0 {
		return 0
	}
	return float64(p.Gl * p.DeltaV * pmath.Exp(min((v-p.Vthre)/p.DeltaV, d.xcut)))
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
			w[i] = wi + dt*(float64(p.A*(vi-p.El))-wi)/p.Tauw
		} else {
			winf := float64(p.A * (vi - p.El))
			w[i] = winf + float64((wi-winf)*d.wprop)
		}
		if ref[i] > 0 {
			v[i] = p.Vreset
			continue
		}
		drive := d.spikeCurrent(vi) - wi + I[i]
		if d.m == scheme.Euler {
			v[i] = vi + dt*(float64(p.Gl*(p.El-vi))+ge-float64(g*vi)+drive)/p.Cm
		} else {
			gt, prop := p.Gl, d.vprop
			if G != nil {
				gt += g
				prop = expNeg(dt * gt / p.Cm)
			}
			vinf := (float64(p.Gl*p.El) + ge + drive) / gt
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
		if v[i] >= p.VCut {
			v[i] = p.Vreset
			w[i] += p.B
			ref[i] = d.nref
			dst = append(dst, int32(lo+i))
		}
	}
	return dst
}
