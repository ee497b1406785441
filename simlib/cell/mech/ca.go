package mech

// Ca is hnn-core's ca.mod (Mainen 1994, after Reuveni et al. 1993): a
// high-voltage-activated calcium current with a fixed-form reversal
// potential read from the ion (eca),
//
//	ica = 1e-4·tadj·gbar·m²h·(v - eca)   (gbar in pS/µm²)
//	m: a = 0.055·(-27 - v)/(exp((-27 - v)/3.8) - 1), b = 0.94·exp((-75 - v)/17)
//	h: a = 0.000457·exp((-13 - v)/50), b = 0.0065/(exp((-v - 15)/28) + 1)
//	x∞ = a/(a + b), τx = 1/tadj/(a + b), tadj = 2.3^((celsius - 23 - 30.7)/10)
//
// (vshift 0). The rates come from a table from -120 to 100 mV with 199
// intervals (usetable_ca = 1); m and h are integrated by cnexp. eca is the
// ion's: with Cad in the same section it follows cai by Nernst, as in
// hnn-core.
type Ca struct {
	GBar float64 // maximal conductance (pS/µm²); 0.1
}

// DefaultCa returns ca.mod's default gbar.
func DefaultCa() Ca { return Ca{GBar: 0.1} }

func (Ca) Name() string   { return "ca" }
func (Ca) Ions() []string { return []string{"ca"} }

func (p Ca) Validate(Env) error { return NonNegative("gbar", p.GBar, " pS/µm²") }

func caRates(tadj float64) func(v float64, r []float64) {
	return func(vm float64, r []float64) {
		a := 0.055 * (-27 - vm) / (exp((-27-vm)/3.8) - 1)
		b := float64(0.94 * exp((-75-vm)/17))
		r[2] = 1 / tadj / (a + b) // mtau
		r[0] = a / (a + b)        // minf
		a = float64(0.000457 * exp((-13-vm)/50))
		b = 0.0065 / (exp((-vm-15)/28) + 1)
		r[3] = 1 / tadj / (a + b) // htau
		r[1] = a / (a + b)        // hinf
	}
}

func (Ca) New(params []Density, c Context) Instance {
	n := len(params)
	tadj := tadjMainen(c.Celsius)
	s := &caState{node: c.Node, ca: c.Ions["ca"], tadj: tadj, tb: newRateTable(-120, 100, 199, 4, caRates(tadj))}
	mk := func(name string) []float64 { return s.add(name, make([]float64, n)) }
	s.gbar, s.m, s.h, s.gca, s.ica = mk("gbar"), mk("m"), mk("h"), mk("gca"), mk("ica")
	for i, q := range params {
		s.gbar[i] = q.(Ca).GBar
	}
	return s
}

type caState struct {
	varSet
	node       []int32
	ca         *Ion
	tadj       float64
	tb         *rateTable
	gbar, m, h []float64
	gca, ica   []float64
}

func (s *caState) Init(st Step, lo, hi int) {
	var r [4]float64
	for i := lo; i < hi; i++ {
		s.tb.lookup(st.V[s.node[i]], r[:])
		s.m[i], s.h[i] = r[0], r[1]
	}
}

func (s *caState) Current(st Step, lo, hi int) {
	eca := s.ca.E
	for i := lo; i < hi; i++ {
		nd := s.node[i]
		v := st.V[nd]
		gca := s.tadj * s.gbar[i] * s.m[i] * s.m[i] * s.h[i]
		i1 := float64(1e-4 * gca * (v + 0.001 - eca[nd]))
		i0 := float64(1e-4 * gca * (v - eca[nd]))
		s.gca[i], s.ica[i] = gca, i0
		ionCurrent(st, s.ca, nd, i0, i1)
	}
}

func (s *caState) Advance(st Step, lo, hi int) {
	var r [4]float64
	for i := lo; i < hi; i++ {
		s.tb.lookup(st.V[s.node[i]], r[:])
		s.m[i] = cnexp(s.m[i], r[0], r[2], st.DT)
		s.h[i] = cnexp(s.h[i], r[1], r[3], st.DT)
	}
}
