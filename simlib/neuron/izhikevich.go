package neuron

import "github.com/golgi-sim/golgi/simlib/scheme"

// Izhikevich is the simple model in the form of Izhikevich's book (2007)
// and the seed notebook (the Izhikevich triad seed notebook):
//
//	Cm dv/dt = K (v - VRest)(v - VThresh) - u + I_syn + I
//	  du/dt = A (B (v - VRest) - u)
//
// with I_syn = Σ g_r (E_r - v) + Σ current receptors. When v >= VSpike the
// neuron spikes: v = VReset (the book's c), u += D. The only scheme is
// forward Euler (the seed's), from the state at the start of the step.
type Izhikevich struct {
	Cm      float64 // membrane capacitance (pF)
	K       float64 // k: gain of the quadratic term (nS/mV)
	B       float64 // b: sensitivity of u to v (nS)
	VRest   float64 // v_r: resting potential (mV)
	VThresh float64 // v_t: instantaneous threshold potential (mV)
	VSpike  float64 // v_peak: spike cutoff (mV)
	VReset  float64 // c: reset potential (mV)
	A       float64 // a: recovery rate (1/ms)
	D       float64 // d: jump of u at a spike (pA)
}

// DefaultIzhikevich returns the seed's regular-spiking cortical cell:
// C 100 pF, k 0.7 nS/mV, b -2 nS, v_r -60, v_t -40, v_peak 35, c -50 mV,
// a 0.03 /ms, d 100 pA.
func DefaultIzhikevich() Izhikevich {
	return Izhikevich{Cm: 100, K: 0.7, B: -2, VRest: -60, VThresh: -40, VSpike: 35, VReset: -50, A: 0.03, D: 100}
}

func (Izhikevich) Kind() string                 { return "Izhikevich" }
func (Izhikevich) DefaultMethod() scheme.Method { return scheme.Euler }

func (p Izhikevich) Validate(dt float64, m scheme.Method) error {
	return checks{
		positive("Cm", p.Cm, " pF"),
		positive("K", p.K, " nS/mV"),
		isFinite("B", p.B, " nS"),
		isFinite("VRest", p.VRest, " mV"),
		isFinite("VThresh", p.VThresh, " mV"),
		isFinite("VSpike", p.VSpike, " mV"),
		isFinite("VReset", p.VReset, " mV"),
		positive("A", p.A, " 1/ms"),
		isFinite("D", p.D, " pA"),
		func() error {
			if p.VSpike <= p.VThresh {
				return field("VSpike", p.VSpike, " mV", "must be above VThresh")
			}
			if p.VReset >= p.VSpike {
				return field("VReset", p.VReset, " mV", "must be below VSpike")
			}
			if 1/p.A < dt {
				return field("A", p.A, " 1/ms", "1/A must not be shorter than dt")
			}
			return nil
		}(),
		methodIn("Izhikevich", m, scheme.Euler),
	}.first()
}

func (p Izhikevich) New(c Context) Dynamics {
	return &izhikevich{p: p, dt: c.DT, v: fill(make([]float64, c.N), p.VRest), u: make([]float64, c.N)}
}

type izhikevich struct {
	p    Izhikevich
	dt   float64
	v, u []float64
}

func (d *izhikevich) Vars() []string { return []string{"v", "u"} }
func (d *izhikevich) Var(name string) []float64 {
	switch name {
	case "v":
		return d.v
	case "u":
		return d.u
	}
	return nil
}

func (d *izhikevich) Advance(lo, hi int, in Input) {
	p, dt := d.p, d.dt
	v, u, I := d.v[lo:hi], d.u[lo:hi], in.I[lo:hi]
	var G, GE, J []float64
	if in.G != nil {
		G, GE = in.G[lo:hi], in.GE[lo:hi]
	}
	if in.Jump != nil {
		J = in.Jump[lo:hi]
	}
	for i := range v {
		vi, ui := v[i], u[i]
		isyn := I[i]
		if G != nil {
			isyn += GE[i] - float64(G[i]*vi)
		}
		v[i] = vi + dt*(float64(p.K*(vi-p.VRest)*(vi-p.VThresh))-ui+isyn)/p.Cm
		u[i] = ui + float64(dt*p.A*(float64(p.B*(vi-p.VRest))-ui))
		if J != nil {
			v[i] += J[i]
		}
	}
}

func (d *izhikevich) Spike(lo, hi int, step int64, dst []int32) []int32 {
	v, u := d.v[lo:hi], d.u[lo:hi]
	for i := range v {
		if v[i] >= d.p.VSpike {
			v[i] = d.p.VReset
			u[i] += d.p.D
			dst = append(dst, int32(lo+i))
		}
	}
	return dst
}
