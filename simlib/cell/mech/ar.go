package mech

import "sync"

// Ar is hnn-core's ar.mod (Traub et al. 2003, by Lazarewicz): the
// anomalous rectifier (h) current, non-specific,
//
//	i = gbar·m·(v - erev), erev = -35 mV
//	m∞ = 1/(1 + exp((v + 75)/5.5)), τm = 1/(exp(-14.6 - 0.086·v) + exp(-1.87 + 0.07·v))
//
// The rates come from a table from -120 to 40 mV with 641 intervals
// (usetable_ar = 1); m is integrated by cnexp. INITIAL sets m = 0.25 (not
// m∞), as the mod file does. hnn-core grows gbar with the distance from the
// soma in L5 pyramidal dendrites (Section.Vary sets it per segment).
type Ar struct {
	GBar float64 // maximal conductance (S/cm²); 0
	Erev float64 // reversal potential (mV); -35
}

// DefaultAr returns ar.mod's defaults (gbar 0, erev -35 mV).
func DefaultAr() Ar { return Ar{GBar: 0, Erev: -35} }

func (Ar) Name() string { return "ar" }

func (p Ar) Validate(Env) error {
	return First(NonNegative("gbar", p.GBar, " S/cm²"), Finite("erev", p.Erev, " mV"))
}

func arRates(v float64, r []float64) {
	r[0] = 1 / (1 + exp((v+75)/5.5))
	r[1] = 1 / (exp(-14.6-float64(0.086*v)) + exp(-1.87+float64(0.07*v)))
}

// arTable is built on first use (exp's tables are ready only after package
// initialisation).
var arTable = sync.OnceValue(func() *rateTable { return newRateTable(-120, 40, 641, 2, arRates) })

func (Ar) New(params []Density, c Context) Instance {
	n := len(params)
	s := &arState{node: c.Node}
	mk := func(name string) []float64 { return s.add(name, make([]float64, n)) }
	s.gbar, s.erev, s.m, s.i = mk("gbar"), mk("erev"), mk("m"), mk("i")
	for k, q := range params {
		p := q.(Ar)
		s.gbar[k], s.erev[k] = p.GBar, p.Erev
	}
	return s
}

type arState struct {
	varSet
	node             []int32
	gbar, erev, m, i []float64
}

func (s *arState) Init(st Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		s.m[k] = 0.25
	}
}

func (s *arState) Current(st Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		nd := s.node[k]
		v := st.V[nd]
		gm := s.gbar[k] * s.m[k]
		i1 := float64(gm * (v + 0.001 - s.erev[k]))
		i0 := float64(gm * (v - s.erev[k]))
		s.i[k] = i0
		nonspecificCurrent(st, nd, i0, i1)
	}
}

func (s *arState) Advance(st Step, lo, hi int) {
	var r [2]float64
	tb := arTable()
	for k := lo; k < hi; k++ {
		tb.lookup(st.V[s.node[k]], r[:])
		s.m[k] = cnexp(s.m[k], r[0], r[1], st.DT)
	}
}
