package mech

import "math"

// Exp2Syn is NEURON's exp2syn.mod: a conductance g = B - A, with
// A' = -A/tau1 and B' = -B/tau2 (cnexp); an event of weight w (µS) adds
// w·factor to both, factor normalising the peak of g to w:
// factor = 1/(exp(-tp/tau2) - exp(-tp/tau1)), tp = tau1·tau2/(tau2 - tau1)·ln(tau2/tau1).
// As in NEURON, tau1 is raised to 0.9999·tau2 when tau1/tau2 > 0.9999 and
// to 1e-9·tau2 when below 1e-9. i = g·(v - e) (nA).
type Exp2Syn struct {
	Tau1 float64 // rise time constant (ms); NEURON's default 0.1
	Tau2 float64 // decay time constant (ms); 10
	E    float64 // reversal potential (mV); 0
}

// DefaultExp2Syn returns exp2syn.mod's defaults: tau1 0.1, tau2 10 ms, e 0 mV.
func DefaultExp2Syn() Exp2Syn { return Exp2Syn{Tau1: 0.1, Tau2: 10, E: 0} }

func (Exp2Syn) Name() string { return "Exp2Syn" }

func (p Exp2Syn) Validate(Env) error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"tau1", p.Tau1}, {"tau2", p.Tau2}} {
		if !finite(f.v) || f.v < 1e-9 || f.v > 1e9 {
			return &ParamError{f.name, f.v, " ms", "must be in [1e-9, 1e9] (exp2syn.mod's limits)"}
		}
	}
	return Finite("e", p.E, " mV")
}

func (Exp2Syn) New(params []Point, c Context) Instance {
	n := len(params)
	mk := func() []float64 { return make([]float64, n) }
	s := &exp2SynState{node: c.Node, fac: mk(), tau1: mk(), tau2: mk(), e: mk(), a: mk(), b: mk(), g: mk(), i: mk(),
		factor: mk(), da: mk(), db: mk()}
	for k, q := range params {
		p := q.(Exp2Syn)
		s.tau1[k], s.tau2[k], s.e[k] = p.Tau1, p.Tau2, p.E
		s.fac[k] = 1e2 / c.Area[k]
	}
	return s
}

type exp2SynState struct {
	node          []int32
	fac           []float64
	tau1, tau2, e []float64
	a, b, g, i    []float64
	factor        []float64
	da, db        []float64 // cnexp factors 1 - exp(-dt/tau)
}

func (s *exp2SynState) Vars() []string {
	return []string{"g", "i", "A", "B", "tau1", "tau2", "e", "factor"}
}

func (s *exp2SynState) Var(name string) []float64 {
	switch name {
	case "g":
		return s.g
	case "i":
		return s.i
	case "A":
		return s.a
	case "B":
		return s.b
	case "tau1":
		return s.tau1
	case "tau2":
		return s.tau2
	case "e":
		return s.e
	case "factor":
		return s.factor
	}
	return nil
}

func (s *exp2SynState) Init(st Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		t1, t2 := s.tau1[k], s.tau2[k]
		if t1/t2 > 0.9999 {
			t1 = 0.9999 * t2
		}
		if t1/t2 < 1e-9 {
			t1 = t2 * 1e-9
		}
		s.tau1[k] = t1
		s.a[k], s.b[k], s.g[k], s.i[k] = 0, 0, 0, 0
		tp := (t1 * t2) / (t2 - t1) * math.Log(t2/t1)
		f := -exp(-tp/t1) + exp(-tp/t2)
		s.factor[k] = 1 / f
		s.da[k] = 1 - exp(st.DT*(-1.0/t1))
		s.db[k] = 1 - exp(st.DT*(-1.0/t2))
	}
}

func (s *exp2SynState) Current(st Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		nd := s.node[k]
		v := st.V[nd]
		g := s.b[k] - s.a[k]
		i1 := g * (v + 0.001 - s.e[k])
		i0 := g * (v - s.e[k])
		s.g[k], s.i[k] = g, i0
		pointCurrent(st, nd, s.fac[k], i0, i1)
	}
}

func (s *exp2SynState) Advance(_ Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		s.a[k] = s.a[k] + s.da[k]*(-s.a[k])
		s.b[k] = s.b[k] + s.db[k]*(-s.b[k])
	}
}

func (s *exp2SynState) Receive(k int, w, _ float64) {
	s.a[k] += w * s.factor[k]
	s.b[k] += w * s.factor[k]
}
