package mech

// KCa is hnn-core's kca.mod (Mainen 1995, after Pennefather 1990): a
// calcium-dependent potassium current,
//
//	ik = 1e-4·tadj·gbar·n·(v - ek)   (gbar in pS/µm²)
//	a = 0.01·cai, b = 0.02; n∞ = a/(a + b), τn = 1/tadj/(a + b)
//
// (Ra 0.01, Rb 0.02 /ms, caix 1; tadj as Km's). cai is the calcium ion's
// (Cad writes it; NEURON's cai0 otherwise). n is integrated by cnexp with
// cai after Cad's update (NEURON runs cad's state before kca's). No table.
type KCa struct {
	GBar float64 // maximal conductance (pS/µm²); 10
}

// DefaultKCa returns kca.mod's default gbar.
func DefaultKCa() KCa { return KCa{GBar: 10} }

func (KCa) Name() string   { return "kca" }
func (KCa) Ions() []string { return []string{"k", "ca"} }

func (p KCa) Validate(Env) error { return NonNegative("gbar", p.GBar, " pS/µm²") }

func (KCa) New(params []Density, c Context) Instance {
	n := len(params)
	s := &kcaState{node: c.Node, k: c.Ions["k"], ca: c.Ions["ca"], tadj: tadjMainen(c.Celsius)}
	mk := func(name string) []float64 { return s.add(name, make([]float64, n)) }
	s.gbar, s.n, s.gk, s.ik = mk("gbar"), mk("n"), mk("gk"), mk("ik")
	for i, q := range params {
		s.gbar[i] = q.(KCa).GBar
	}
	return s
}

type kcaState struct {
	varSet
	node    []int32
	k, ca   *Ion
	tadj    float64
	gbar, n []float64
	gk, ik  []float64
}

// rates is kca.mod's rates(cai): ninf, ntau.
func (s *kcaState) rates(cai float64) (float64, float64) {
	const ra, rb = 0.01, 0.02
	a := float64(ra * cai) // cai^caix with caix = 1
	b := rb
	return a / (a + b), 1 / s.tadj / (a + b)
}

func (s *kcaState) Init(st Step, lo, hi int) {
	for i := lo; i < hi; i++ {
		s.n[i], _ = s.rates(s.ca.Ci[s.node[i]])
	}
}

func (s *kcaState) Current(st Step, lo, hi int) {
	ek := s.k.E
	for i := lo; i < hi; i++ {
		nd := s.node[i]
		v := st.V[nd]
		gk := s.tadj * s.gbar[i] * s.n[i]
		ik1 := float64(1e-4 * gk * (v + 0.001 - ek[nd]))
		ik := float64(1e-4 * gk * (v - ek[nd]))
		s.gk[i], s.ik[i] = gk, ik
		ionCurrent(st, s.k, nd, ik, ik1)
	}
}

func (s *kcaState) Advance(st Step, lo, hi int) {
	for i := lo; i < hi; i++ {
		ninf, ntau := s.rates(s.ca.Ci[s.node[i]])
		s.n[i] = cnexp(s.n[i], ninf, ntau, st.DT)
	}
}
