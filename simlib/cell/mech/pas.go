package mech

// Pas is NEURON's passive leak (pas.mod): i = g·(v - e).
type Pas struct {
	G float64 // conductance (S/cm²); NEURON's default 0.001
	E float64 // reversal potential (mV); NEURON's default -70
}

// DefaultPas returns NEURON's defaults: g 0.001 S/cm², e -70 mV.
func DefaultPas() Pas { return Pas{G: 0.001, E: -70} }

func (Pas) Name() string { return "pas" }

func (p Pas) Validate(Env) error {
	return First(NonNegative("g", p.G, " S/cm²"), Finite("e", p.E, " mV"))
}

func (Pas) New(params []Density, c Context) Instance {
	n := len(params)
	s := &pasState{node: c.Node, g: make([]float64, n), e: make([]float64, n), i: make([]float64, n)}
	for k, q := range params {
		p := q.(Pas)
		s.g[k], s.e[k] = p.G, p.E
	}
	return s
}

type pasState struct {
	node    []int32
	g, e, i []float64
}

func (s *pasState) Vars() []string { return []string{"g", "e", "i"} }

func (s *pasState) Var(name string) []float64 {
	switch name {
	case "g":
		return s.g
	case "e":
		return s.e
	case "i":
		return s.i
	}
	return nil
}

func (s *pasState) Init(Step, int, int) {}

// Current follows NEURON's nrn_cur: the conductance is the difference
// quotient of the current at v + 0.001 mV and v.
func (s *pasState) Current(st Step, lo, hi int) {
	node, g, e, cur := s.node[lo:hi], s.g[lo:hi], s.e[lo:hi], s.i[lo:hi]
	for k, nd := range node {
		v := st.V[nd]
		i1 := float64(g[k] * (v + 0.001 - e[k]))
		i0 := float64(g[k] * (v - e[k]))
		cur[k] = i0
		nonspecificCurrent(st, nd, i0, i1)
	}
}

func (s *pasState) Advance(Step, int, int) {}
