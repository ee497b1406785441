package mech

// ExpSyn is NEURON's expsyn.mod: a conductance jumping by the NetCon
// weight (µS) at each event and decaying with time constant Tau:
// i = g·(v - e) (nA), g' = -g/tau (cnexp).
type ExpSyn struct {
	Tau float64 // decay time constant (ms); NEURON's default 0.1
	E   float64 // reversal potential (mV); 0
}

// DefaultExpSyn returns expsyn.mod's defaults: tau 0.1 ms, e 0 mV.
func DefaultExpSyn() ExpSyn { return ExpSyn{Tau: 0.1, E: 0} }

func (ExpSyn) Name() string { return "ExpSyn" }

func (p ExpSyn) Validate(Env) error {
	if err := Finite("e", p.E, " mV"); err != nil {
		return err
	}
	if !finite(p.Tau) || p.Tau < 1e-9 || p.Tau > 1e9 {
		return &ParamError{"tau", p.Tau, " ms", "must be in [1e-9, 1e9] (expsyn.mod's limits)"}
	}
	return nil
}

func (ExpSyn) New(params []Point, c Context) Instance {
	n := len(params)
	s := &expSynState{node: c.Node, fac: make([]float64, n), tau: make([]float64, n), e: make([]float64, n),
		g: make([]float64, n), i: make([]float64, n), decay: make([]float64, n)}
	for k, q := range params {
		p := q.(ExpSyn)
		s.tau[k], s.e[k] = p.Tau, p.E
		s.fac[k] = 1e2 / c.Area[k]
		s.decay[k] = 1 - exp(c.DT*(-1.0/p.Tau))
	}
	return s
}

type expSynState struct {
	node         []int32
	fac          []float64 // 1e2/area: nA to mA/cm²
	tau, e, g, i []float64
	decay        []float64 // 1 - exp(-dt/tau), cnexp's factor
}

func (s *expSynState) Vars() []string { return []string{"g", "i", "tau", "e"} }

func (s *expSynState) Var(name string) []float64 {
	switch name {
	case "g":
		return s.g
	case "i":
		return s.i
	case "tau":
		return s.tau
	case "e":
		return s.e
	}
	return nil
}

func (s *expSynState) Init(_ Step, lo, hi int) {
	clear(s.g[lo:hi])
	clear(s.i[lo:hi])
}

// pointCurrent adds a point process's current i(v) (nA), linear in v with
// slope g, as nocmodl's nrn_cur does: the difference quotient at v+0.001,
// both scaled by 1e2/area.

func (s *expSynState) Current(st Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		nd := s.node[k]
		v := st.V[nd]
		i1 := float64(s.g[k] * (v + 0.001 - s.e[k]))
		i0 := float64(s.g[k] * (v - s.e[k]))
		s.i[k] = i0
		pointCurrent(st, nd, s.fac[k], i0, i1)
	}
}

func (s *expSynState) Advance(_ Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		s.g[k] = s.g[k] + float64(s.decay[k]*(-s.g[k]))
	}
}

func (s *expSynState) Receive(k int, w, _ float64) { s.g[k] += w }
