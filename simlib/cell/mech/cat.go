package mech

import "sync"

// CaT is hnn-core's cat.mod (Traub et al. 2003, by Lazarewicz): a
// low-threshold T-type calcium current, non-specific (it does not change
// cai), with a fixed reversal of 125 mV:
//
//	i = gbar·m²h·(v - 125)
//	m∞ = 1/(1 + exp((-v - 56)/6.2)), τm = 0.204 + 0.333/(exp((v + 15.8)/18.2) + exp((-v - 131)/16.7))
//	h∞ = 1/(1 + exp((v + 80)/4)), τh = 0.333·exp((v + 466)/66.6) if v < -81, else 9.32 + 0.333·exp((-v - 21)/10.5)
//
// The rates come from a table from -120 to 40 mV with 641 intervals
// (usetable_cat = 1); m and h are integrated by cnexp. INITIAL sets h = h∞
// and m = 0 (not m∞), as the mod file does.
type CaT struct {
	GBar float64 // maximal conductance (S/cm²); 0
}

func (CaT) Name() string { return "cat" }

func (p CaT) Validate(Env) error { return NonNegative("gbar", p.GBar, " S/cm²") }

func catRates(v float64, r []float64) {
	r[0] = 1 / (1 + exp((-v-56)/6.2))
	r[1] = 0.204 + 0.333/(exp((v+15.8)/18.2)+exp((-v-131)/16.7))
	r[2] = 1 / (1 + exp((v+80)/4))
	if v < -81 {
		r[3] = 0.333 * exp((v+466)/66.6)
	} else {
		r[3] = 9.32 + float64(0.333*exp((-v-21)/10.5))
	}
}

// catTable is built on first use (exp's tables are ready only after package
// initialisation).
var catTable = sync.OnceValue(func() *rateTable { return newRateTable(-120, 40, 641, 4, catRates) })

func (CaT) New(params []Density, c Context) Instance {
	n := len(params)
	s := &catState{node: c.Node}
	mk := func(name string) []float64 { return s.add(name, make([]float64, n)) }
	s.gbar, s.m, s.h, s.i = mk("gbar"), mk("m"), mk("h"), mk("i")
	for k, q := range params {
		s.gbar[k] = q.(CaT).GBar
	}
	return s
}

type catState struct {
	varSet
	node          []int32
	gbar, m, h, i []float64
}

func (s *catState) Init(st Step, lo, hi int) {
	var r [4]float64
	tb := catTable()
	for k := lo; k < hi; k++ {
		tb.lookup(st.V[s.node[k]], r[:])
		s.h[k] = r[2]
		s.m[k] = 0
	}
}

func (s *catState) Current(st Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		nd := s.node[k]
		v := st.V[nd]
		gmmh := s.gbar[k] * s.m[k] * s.m[k] * s.h[k]
		i1 := float64(gmmh * (v + 0.001 - 125))
		i0 := float64(gmmh * (v - 125))
		s.i[k] = i0
		nonspecificCurrent(st, nd, i0, i1)
	}
}

func (s *catState) Advance(st Step, lo, hi int) {
	var r [4]float64
	tb := catTable()
	for k := lo; k < hi; k++ {
		tb.lookup(st.V[s.node[k]], r[:])
		s.m[k] = cnexp(s.m[k], r[0], r[1], st.DT)
		s.h[k] = cnexp(s.h[k], r[2], r[3], st.DT)
	}
}
