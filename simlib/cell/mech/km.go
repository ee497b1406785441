package mech

import "github.com/golgi-sim/golgi/simlib/pmath"

// Km is hnn-core's km.mod (Mainen 1995): a slow, non-inactivating
// muscarinic potassium current,
//
//	ik = 1e-4·tadj·gbar·n·(v - ek)   (gbar in pS/µm², 1e-4 converts to S/cm²)
//	a = 0.001·(v + 30)/(1 - exp(-(v + 30)/9))   b = -0.001·(v + 30)/(1 - exp((v + 30)/9))
//	n∞ = a/(a + b)   τn = 1/tadj/(a + b)   tadj = 2.3^((celsius - 23 - 30.7)/10)
//
// (tha -30 mV, qa 9 mV, Ra = Rb = 0.001 /ms). n∞ and τn come from a table
// from vmin -120 to vmax 100 mV with 199 intervals (usetable_km = 1); n is
// integrated by cnexp.
type Km struct {
	GBar float64 // maximal conductance (pS/µm²); 10
}

// DefaultKm returns km.mod's default gbar.
func DefaultKm() Km { return Km{GBar: 10} }

func (Km) Name() string   { return "km" }
func (Km) Ions() []string { return []string{"k"} }

func (p Km) Validate(Env) error { return NonNegative("gbar", p.GBar, " pS/µm²") }

// tadjMainen is the temperature factor of Mainen's km, kca and ca:
// q10^((celsius - temp - tshift)/10) with q10 2.3, temp 23, tshift 30.7.
func tadjMainen(celsius float64) float64 { return pmath.Pow(2.3, (celsius-23-30.7)/10) }

func kmRates(tadj float64) func(v float64, r []float64) {
	const tha, qa, ra, rb = -30, 9, 0.001, 0.001
	return func(v float64, r []float64) {
		a := ra * (v - tha) / (1 - exp(-(v-tha)/qa))
		b := -rb * (v - tha) / (1 - exp((v-tha)/qa))
		r[1] = 1 / tadj / (a + b)
		r[0] = a / (a + b)
	}
}

func (Km) New(params []Density, c Context) Instance {
	n := len(params)
	tadj := tadjMainen(c.Celsius)
	s := &kmState{node: c.Node, k: c.Ions["k"], tadj: tadj, tb: newRateTable(-120, 100, 199, 2, kmRates(tadj))}
	s.gbar, s.n, s.gk, s.ik = s.add("gbar", make([]float64, n)), s.add("n", make([]float64, n)),
		s.add("gk", make([]float64, n)), s.add("ik", make([]float64, n))
	for i, q := range params {
		s.gbar[i] = q.(Km).GBar
	}
	return s
}

type kmState struct {
	varSet
	node    []int32
	k       *Ion
	tadj    float64
	tb      *rateTable
	gbar, n []float64
	gk, ik  []float64
}

func (s *kmState) Init(st Step, lo, hi int) {
	var r [2]float64
	for i := lo; i < hi; i++ {
		s.tb.lookup(st.V[s.node[i]], r[:])
		s.n[i] = r[0]
	}
}

func (s *kmState) Current(st Step, lo, hi int) {
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

func (s *kmState) Advance(st Step, lo, hi int) {
	var r [2]float64
	for i := lo; i < hi; i++ {
		s.tb.lookup(st.V[s.node[i]], r[:])
		s.n[i] = cnexp(s.n[i], r[0], r[1], st.DT)
	}
}
