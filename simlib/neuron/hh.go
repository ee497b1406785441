package neuron

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// HH is the Traub-Miles Hodgkin-Huxley point neuron of Brian2's COBAHH
// example (Brette et al. 2007, benchmark 3; Traub and Miles 1991):
//
//	Cm dv/dt = GLeak (ERevLeak - v) + GbarNa m³ h (ERevNa - v) + GbarK n⁴ (ERevK - v) + I_syn + I
//	dx/dt = α_x(v) (1 - x) - β_x(v) x,   x = m, h, n
//
// with, for u = v - VOffset in mV and rates in 1/ms (exprel(x) = (e^x - 1)/x):
//
//	α_m = 0.32·4 / exprel((13 - u)/4)     β_m = 0.28·5 / exprel((u - 40)/5)
//	α_h = 0.128 exp((17 - u)/18)          β_h = 4 / (1 + exp((40 - u)/5))
//	α_n = 0.032·5 / exprel((15 - u)/5)    β_n = 0.5 exp((10 - u)/40)
//
// and I_syn = Σ current receptors + Σ g_r (E_r - v). There is no reset: a
// spike is an upward crossing of VSpike (v > VSpike after a step), and the
// neuron is re-armed once v is back at or below VSpike (Brian2's threshold
// and refractory 'v > -20*mV').
//
// A population starts at v = ERevLeak with every gate at its steady state for
// v = ERevLeak. With DefaultHH's values that is not a resting state: with no
// input the cell fires tonically (about every 72 ms); it rests under a
// hyperpolarising current (at -64.76 mV with -50 pA).
//
// Schemes: ExpEuler (default; Brian2's exponential_euler): the gates by
// Rush-Larsen, x ← x∞ + (x - x∞) e^{-(α+β) dt} with v frozen, and v
// exactly for the conductances and inputs frozen at the start of the step;
// and Euler (forward Euler on all four variables).
type HH struct {
	Cm       float64 // membrane capacitance (pF)
	GLeak    float64 // leak conductance (nS)
	ERevLeak float64 // leak reversal potential (mV)
	GbarNa   float64 // maximal sodium conductance (nS)
	ERevNa   float64 // sodium reversal potential (mV)
	GbarK    float64 // maximal delayed-rectifier potassium conductance (nS)
	ERevK    float64 // potassium reversal potential (mV)
	VOffset  float64 // shift of the rate functions (mV)
	VSpike   float64 // spike detection threshold (mV)
}

// DefaultHH returns the COBAHH cell: area 20000 µm², Cm 1 µF/cm² (200 pF),
// gl 5e-5 S/cm² (10 nS), ERevLeak -60 mV, g_na 100 mS/cm² (20000 nS), ERevNa 50 mV,
// g_kd 30 mS/cm² (6000 nS), ERevK -90 mV, VOffset -63 mV, spikes at -20 mV.
func DefaultHH() HH {
	return HH{Cm: 200, GLeak: 10, ERevLeak: -60, GbarNa: 20000, ERevNa: 50, GbarK: 6000, ERevK: -90, VOffset: -63, VSpike: -20}
}

func (HH) Kind() string                 { return "HH" }
func (HH) DefaultMethod() scheme.Method { return scheme.ExpEuler }

func (p HH) Validate(dt float64, m scheme.Method) error {
	return checks{
		positive("Cm", p.Cm, " pF"),
		positive("GLeak", p.GLeak, " nS"),
		isFinite("ERevLeak", p.ERevLeak, " mV"),
		nonNegative("GbarNa", p.GbarNa, " nS"),
		isFinite("ERevNa", p.ERevNa, " mV"),
		nonNegative("GbarK", p.GbarK, " nS"),
		isFinite("ERevK", p.ERevK, " mV"),
		isFinite("VOffset", p.VOffset, " mV"),
		isFinite("VSpike", p.VSpike, " mV"),
		func() error {
			// Forward Euler: at dt = 0.05 ms DefaultHH's spikes overshoot to
			// +111 mV and come in doublets; 0.02 ms is still close to 0.001 ms.
			if m == scheme.Euler && dt > 0.025 {
				return fmt.Errorf("dt = %v ms: forward Euler on HH needs dt <= 0.025 ms; use a smaller dt or scheme.ExpEuler", dt)
			}
			// The m gate's time constant is about 0.12 ms near -40 mV.
			if dt > 0.2 {
				return fmt.Errorf("dt = %v ms: HH needs dt <= 0.2 ms (the m gate's time constant is about 0.12 ms; 0.01 to 0.1 ms is usual)", dt)
			}
			return nil
		}(),
		methodIn("HH", m, scheme.ExpEuler, scheme.Euler),
	}.first()
}

// exprel returns (e^x - 1)/x, 1 at x = 0.
func exprel(x float64) float64 {
	if x == 0 {
		return 1
	}
	return pmath.Expm1(x) / x
}

// hhRates returns the opening and closing rates (1/ms) of m, h and n at v.
func (p *HH) hhRates(v float64) (am, bm, ah, bh, an, bn float64) {
	u := v - p.VOffset
	am = 1.28 / exprel((13-u)/4)
	bm = 1.4 / exprel((u-40)/5)
	ah = 0.128 * pmath.Exp((17-u)/18)
	bh = 4 / (1 + pmath.Exp((40-u)/5))
	an = 0.16 / exprel((15-u)/5)
	bn = 0.5 * pmath.Exp((10-u)/40)
	return
}

// SteadyGates returns the steady-state values of m, h and n at v (mV).
func (p HH) SteadyGates(v float64) (m, h, n float64) {
	am, bm, ah, bh, an, bn := p.hhRates(v)
	return am / (am + bm), ah / (ah + bh), an / (an + bn)
}

// SteadyCurrent returns the membrane current (pA) at v with every gate at
// its steady state: GLeak (ERevLeak - v) + GbarNa m∞³ h∞ (ERevNa - v) + GbarK n∞⁴ (ERevK - v).
// Its zeros with an added holding current I are the candidate resting
// potentials.
func (p HH) SteadyCurrent(v float64) float64 {
	m, h, n := p.SteadyGates(v)
	return float64(p.GLeak*(p.ERevLeak-v)) + float64(p.GbarNa*m*m*m*h*(p.ERevNa-v)) + float64(p.GbarK*n*n*n*n*(p.ERevK-v))
}

func (p HH) New(c Context) Dynamics {
	m0, h0, n0 := p.SteadyGates(p.ERevLeak)
	return &hh{p: p, euler: c.Method == scheme.Euler, dt: c.DT,
		v: fill(make([]float64, c.N), p.ERevLeak),
		m: fill(make([]float64, c.N), m0), h: fill(make([]float64, c.N), h0), n: fill(make([]float64, c.N), n0),
		up: make([]bool, c.N)}
}

type hh struct {
	p          HH
	euler      bool
	dt         float64
	v, m, h, n []float64
	up         []bool // above VSpike since the last spike
}

func (d *hh) Vars() []string { return []string{"v", "m", "h", "n"} }

// VarRange gives the gates' range [0, 1] (neuron.VarRanger).
func (d *hh) VarRange(name string) (lo, hi float64, ok bool) {
	switch name {
	case "m", "h", "n":
		return 0, 1, true
	}
	return 0, 0, false
}
func (d *hh) Var(name string) []float64 {
	switch name {
	case "v":
		return d.v
	case "m":
		return d.m
	case "h":
		return d.h
	case "n":
		return d.n
	}
	return nil
}

// gate advances a gate x with rates a (opening) and b (closing).
func gate(x, a, b, dt float64, euler bool) float64 {
	if euler {
		return x + float64(dt*(float64(a*(1-x))-float64(b*x)))
	}
	s := a + b
	inf := a / s
	return inf + float64((x-inf)*pmath.Exp(-s*dt))
}

func (d *hh) Advance(lo, hi int, in Input) {
	p, dt, euler := &d.p, d.dt, d.euler
	v, m, h, n, I := d.v[lo:hi], d.m[lo:hi], d.h[lo:hi], d.n[lo:hi], in.I[lo:hi]
	var G, GE, J []float64
	if in.G != nil {
		G, GE = in.G[lo:hi], in.GE[lo:hi]
	}
	if in.Jump != nil {
		J = in.Jump[lo:hi]
	}
	for i := range v {
		vi, mi, hi_, ni := v[i], m[i], h[i], n[i]
		gna := float64(p.GbarNa * mi * mi * mi * hi_)
		gk := float64(p.GbarK * ni * ni * ni * ni)
		gt := p.GLeak + gna + gk
		src := float64(p.GLeak*p.ERevLeak) + float64(gna*p.ERevNa) + float64(gk*p.ERevK) + I[i]
		if G != nil {
			gt += G[i]
			src += GE[i]
		}
		if euler {
			v[i] = vi + dt*(src-float64(gt*vi))/p.Cm
		} else {
			vinf := src / gt
			v[i] = vinf + float64((vi-vinf)*pmath.Exp(-dt*gt/p.Cm))
		}
		am, bm, ah, bh, an, bn := p.hhRates(vi)
		m[i] = gate(mi, am, bm, dt, euler)
		h[i] = gate(hi_, ah, bh, dt, euler)
		n[i] = gate(ni, an, bn, dt, euler)
		if J != nil {
			v[i] += J[i]
		}
	}
}

func (d *hh) Spike(lo, hi int, step int64, dst []int32) []int32 {
	v, up := d.v[lo:hi], d.up[lo:hi]
	th := d.p.VSpike
	for i := range v {
		switch {
		case v[i] > th && !up[i]:
			up[i] = true
			dst = append(dst, int32(lo+i))
		case v[i] <= th:
			up[i] = false
		}
	}
	return dst
}
