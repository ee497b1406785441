package mech

import "github.com/golgi-sim/golgi/simlib/pmath"

// HH2 is hnn-core's hh2.mod: Hodgkin-Huxley sodium, potassium and leak
// channels as HH, with the temperature factor shifted so that it is 1 at
// 37 °C:
//
//	ina = gnabar·m³h·(v - ena)   ik = gkbar·n⁴·(v - ek)   il = gl·(v - el)
//	q10 = 3^((celsius - 6.3 - 30.7)/10)  (temp 6.3, tshift 30.7)
//
// and HH's rates (αm = 0.1·vtrap(-(v+40), 10), ...). The rates come from a
// table from -100 to 100 mV with 200 intervals (TABLE ... DEPEND celsius,
// usetable_hh2 = 1), interpolated linearly; the gates are integrated by
// cnexp with the rates at the new v.
type HH2 struct {
	GNaBar float64 // maximal sodium conductance (S/cm²); 0.12
	GKBar  float64 // maximal potassium conductance (S/cm²); 0.036
	GL     float64 // leak conductance (S/cm²); 0.0003
	EL     float64 // leak reversal potential (mV); -54.3
}

// DefaultHH2 returns hh2.mod's defaults (hnn-core's basket cells use them).
func DefaultHH2() HH2 { return HH2{GNaBar: 0.12, GKBar: 0.036, GL: 0.0003, EL: -54.3} }

func (HH2) Name() string   { return "hh2" }
func (HH2) Ions() []string { return []string{"na", "k"} }

func (p HH2) Validate(Env) error {
	return First(
		NonNegative("gnabar", p.GNaBar, " S/cm²"),
		NonNegative("gkbar", p.GKBar, " S/cm²"),
		NonNegative("gl", p.GL, " S/cm²"),
		Finite("el", p.EL, " mV"),
	)
}

// hh2Rates is hh2.mod's rates(v): minf, mtau, hinf, htau, ninf, ntau.
func hh2Rates(celsius float64) func(v float64, r []float64) {
	const temp, tshift = 6.3, 30.7
	return func(v float64, r []float64) {
		q10 := pmath.Pow(3, (celsius-temp-tshift)/10)
		alpha := float64(0.1 * vtrap(-(v+40), 10))
		beta := float64(4 * exp(-(v+65)/18))
		sum := alpha + beta
		r[1] = 1 / (q10 * sum)
		r[0] = alpha / sum
		alpha = float64(0.07 * exp(-(v+65)/20))
		beta = 1 / (exp(-(v+35)/10) + 1)
		sum = alpha + beta
		r[3] = 1 / (q10 * sum)
		r[2] = alpha / sum
		alpha = float64(0.01 * vtrap(-(v+55), 10))
		beta = float64(0.125 * exp(-(v+65)/80))
		sum = alpha + beta
		r[5] = 1 / (q10 * sum)
		r[4] = alpha / sum
	}
}

func (HH2) New(params []Density, c Context) Instance {
	n := len(params)
	s := &hh2State{node: c.Node, na: c.Ions["na"], k: c.Ions["k"],
		tb: newRateTable(-100, 100, 200, 6, hh2Rates(c.Celsius))}
	mk := func(name string) []float64 { return s.add(name, make([]float64, n)) }
	s.m, s.h, s.n = mk("m"), mk("h"), mk("n")
	s.gna, s.gk, s.ina, s.ik, s.il = mk("gna"), mk("gk"), mk("ina"), mk("ik"), mk("il")
	s.gnabar, s.gkbar, s.gl, s.el = mk("gnabar"), mk("gkbar"), mk("gl"), mk("el")
	for i, q := range params {
		p := q.(HH2)
		s.gnabar[i], s.gkbar[i], s.gl[i], s.el[i] = p.GNaBar, p.GKBar, p.GL, p.EL
	}
	return s
}

type hh2State struct {
	varSet
	node                  []int32
	na, k                 *Ion
	tb                    *rateTable
	gnabar, gkbar, gl, el []float64
	m, h, n               []float64
	gna, gk, ina, ik, il  []float64
}

func (s *hh2State) Init(st Step, lo, hi int) {
	var r [6]float64
	for i := lo; i < hi; i++ {
		s.tb.lookup(st.V[s.node[i]], r[:])
		s.m[i], s.h[i], s.n[i] = r[0], r[2], r[4]
	}
}

// Current is nocmodl's nrn_cur: currents at v + 0.001 and v, the
// difference quotient as the conductance.
func (s *hh2State) Current(st Step, lo, hi int) {
	ena, ek := s.na.E, s.k.E
	for i := lo; i < hi; i++ {
		nd := s.node[i]
		v := st.V[nd]
		m, h, n := s.m[i], s.h[i], s.n[i]
		gna := s.gnabar[i] * m * m * m * h
		gk := s.gkbar[i] * n * n * n * n
		vp := v + 0.001
		ina1 := float64(gna * (vp - ena[nd]))
		ik1 := float64(gk * (vp - ek[nd]))
		il1 := float64(s.gl[i] * (vp - s.el[i]))
		g := ina1 + ik1 + il1
		ina := float64(gna * (v - ena[nd]))
		ik := float64(gk * (v - ek[nd]))
		il := float64(s.gl[i] * (v - s.el[i]))
		rhs := ina + ik + il
		s.na.DIDV[nd] += (ina1 - ina) / 0.001
		s.k.DIDV[nd] += (ik1 - ik) / 0.001
		s.na.I[nd] += ina
		s.k.I[nd] += ik
		s.gna[i], s.gk[i], s.ina[i], s.ik[i], s.il[i] = gna, gk, ina, ik, il
		st.RHS[nd] -= rhs
		st.D[nd] += (g - rhs) / 0.001
	}
}

func (s *hh2State) Advance(st Step, lo, hi int) {
	var r [6]float64
	dt := st.DT
	for i := lo; i < hi; i++ {
		s.tb.lookup(st.V[s.node[i]], r[:])
		s.m[i] = cnexp(s.m[i], r[0], r[1], dt)
		s.h[i] = cnexp(s.h[i], r[2], r[3], dt)
		s.n[i] = cnexp(s.n[i], r[4], r[5], dt)
	}
}
