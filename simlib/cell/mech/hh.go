package mech

import (
	"fmt"
	"math"
	"sync"
)

// HH is NEURON's hh.mod: the squid axon's sodium, potassium and leak
// channels of Hodgkin and Huxley (1952), with membrane potential in
// absolute mV (rest near -65 mV):
//
//	ina = gnabar·m³h·(v - ena)   ik = gkbar·n⁴·(v - ek)   il = gl·(v - el)
//	x' = (x∞ - x)/τx,  x∞ = α/(α+β),  τx = 1/(q10·(α+β)),  q10 = 3^((celsius - 6.3)/10)
//	αm = 0.1·vtrap(-(v+40), 10)   βm = 4·exp(-(v+65)/18)
//	αh = 0.07·exp(-(v+65)/20)     βh = 1/(exp(-(v+35)/10) + 1)
//	αn = 0.01·vtrap(-(v+55), 10)  βn = 0.125·exp(-(v+65)/80)
//	vtrap(x, y) = x/(exp(x/y) - 1), or y·(1 - x/y/2) when |x/y| < 1e-6
//
// ena and ek are the ions' (per segment, default 50 and -77 mV). As in
// NEURON, the rates come from a table from -100 to 100 mV in 1 mV steps,
// interpolated linearly (NEURON's TABLE with usetable_hh = 1; NoTable
// computes them exactly), and the gates are integrated by cnexp:
// x ← x + (1 - exp(-dt/τx))·(x∞ - x) with the rates at the new v.
type HH struct {
	GNaBar  float64 // maximal sodium conductance (S/cm²); 0.12
	GKBar   float64 // maximal potassium conductance (S/cm²); 0.036
	GL      float64 // leak conductance (S/cm²); 0.0003
	EL      float64 // leak reversal potential (mV); -54.3
	NoTable bool    // compute the rates exactly instead of NEURON's table (usetable_hh = 0); like NEURON's global, the table is used unless every location sets it
}

// DefaultHH returns hh.mod's defaults.
func DefaultHH() HH { return HH{GNaBar: 0.12, GKBar: 0.036, GL: 0.0003, EL: -54.3} }

func (HH) Name() string   { return "hh" }
func (HH) Ions() []string { return []string{"na", "k"} }

// hhMaxStepRatio bounds dt by the fastest gate: dt <= hhMaxStepRatio·τmin
// (cnexp is stable for any dt, but beyond that a gate jumps to its steady
// state in one step at the extremes of the table),
// τmin the smallest time constant over -100..100 mV at the temperature.
const hhMaxStepRatio = 100

func (p HH) Validate(e Env) error {
	if err := First(
		NonNegative("gnabar", p.GNaBar, " S/cm²"),
		NonNegative("gkbar", p.GKBar, " S/cm²"),
		NonNegative("gl", p.GL, " S/cm²"),
		Finite("el", p.EL, " mV"),
	); err != nil {
		return err
	}
	tmin := hhTauMin(e.Celsius)
	if e.DT > hhMaxStepRatio*tmin {
		return &ParamError{"dt", e.DT, " ms", fmt.Sprintf("too large for hh at %g °C: its fastest gate has τ = %.3g ms; use dt <= %.3g ms", e.Celsius, tmin, hhMaxStepRatio*tmin)}
	}
	return nil
}

// hhTauMins caches hhTauMin by temperature: Validate runs once per cell and
// section, and a population has many.
var hhTauMins sync.Map // float64 -> float64

// hhTauMin is the smallest gate time constant over -100..100 mV (ms).
func hhTauMin(celsius float64) float64 {
	if t, ok := hhTauMins.Load(celsius); ok {
		return t.(float64)
	}
	tmin := math.Inf(1)
	for v := -100.0; v <= 100; v++ {
		r := hhRates(v, celsius)
		tmin = math.Min(tmin, math.Min(r[1], math.Min(r[3], r[5])))
	}
	hhTauMins.Store(celsius, tmin)
	return tmin
}

// Vtrap is hh.mod's guard against 0/0 in rate functions of the form
// x/(exp(x/y) - 1): y·(1 - x/y/2) when |x/y| < 1e-6.
func Vtrap(x, y float64) float64 { return vtrap(x, y) }

func vtrap(x, y float64) float64 {
	if math.Abs(x/y) < 1e-6 {
		return y * (1 - x/y/2)
	}
	return x / (exp(x/y) - 1)
}

// hhRates returns minf, mtau, hinf, htau, ninf, ntau at v, as hh.mod's
// rates procedure computes them.
func hhRates(v, celsius float64) [6]float64 {
	q10 := math.Pow(3, (celsius-6.3)/10)
	var r [6]float64
	alpha := 0.1 * vtrap(-(v+40), 10)
	beta := 4 * exp(-(v+65)/18)
	sum := alpha + beta
	r[1] = 1 / (q10 * sum)
	r[0] = alpha / sum
	alpha = 0.07 * exp(-(v+65)/20)
	beta = 1 / (exp(-(v+35)/10) + 1)
	sum = alpha + beta
	r[3] = 1 / (q10 * sum)
	r[2] = alpha / sum
	alpha = 0.01 * vtrap(-(v+55), 10)
	beta = 0.125 * exp(-(v+65)/80)
	sum = alpha + beta
	r[5] = 1 / (q10 * sum)
	r[4] = alpha / sum
	return r
}

const (
	hhTmin = -100.0
	hhTmax = 100.0
	hhTn   = 200
)

// hhTable is NEURON's TABLE of the rates: 201 points from -100 to 100 mV.
type hhTable struct {
	t    [hhTn + 1][6]float64
	mfac float64
}

func newHHTable(celsius float64) *hhTable {
	tb := &hhTable{}
	dx := (hhTmax - hhTmin) / hhTn
	tb.mfac = 1 / dx
	x := hhTmin
	for i := 0; i <= hhTn; i++ {
		tb.t[i] = hhRates(x, celsius)
		x += dx
	}
	return tb
}

// lookup interpolates the table linearly, clamping outside its range.
func (tb *hhTable) lookup(v float64) [6]float64 {
	xi := tb.mfac * (v - hhTmin)
	if math.IsNaN(xi) {
		return [6]float64{xi, xi, xi, xi, xi, xi}
	}
	if xi <= 0 {
		return tb.t[0]
	}
	if xi >= hhTn {
		return tb.t[hhTn]
	}
	i := int(xi)
	th := xi - float64(i)
	var r [6]float64
	for j := 0; j < 6; j++ {
		r[j] = tb.t[i][j] + th*(tb.t[i+1][j]-tb.t[i][j])
	}
	return r
}

func (HH) New(params []Density, c Context) Instance {
	n := len(params)
	mk := func() []float64 { return make([]float64, n) }
	s := &hhState{node: c.Node, celsius: c.Celsius,
		gnabar: mk(), gkbar: mk(), gl: mk(), el: mk(),
		m: mk(), h: mk(), nn: mk(), gna: mk(), gk: mk(), ina: mk(), ik: mk(), il: mk(),
		na: c.Ions["na"], k: c.Ions["k"]}
	for i, q := range params {
		p := q.(HH)
		s.gnabar[i], s.gkbar[i], s.gl[i], s.el[i] = p.GNaBar, p.GKBar, p.GL, p.EL
		s.table = s.table || !p.NoTable
	}
	if s.table {
		s.tb = newHHTable(c.Celsius)
	}
	return s
}

type hhState struct {
	node                  []int32
	celsius               float64
	table                 bool
	tb                    *hhTable
	gnabar, gkbar, gl, el []float64
	m, h, nn              []float64
	gna, gk, ina, ik, il  []float64
	na, k                 *Ion
}

func (s *hhState) Vars() []string {
	return []string{"m", "h", "n", "gna", "gk", "ina", "ik", "il", "gnabar", "gkbar", "gl", "el"}
}

func (s *hhState) Var(name string) []float64 {
	switch name {
	case "m":
		return s.m
	case "h":
		return s.h
	case "n":
		return s.nn
	case "gna":
		return s.gna
	case "gk":
		return s.gk
	case "ina":
		return s.ina
	case "ik":
		return s.ik
	case "il":
		return s.il
	case "gnabar":
		return s.gnabar
	case "gkbar":
		return s.gkbar
	case "gl":
		return s.gl
	case "el":
		return s.el
	}
	return nil
}

func (s *hhState) rates(v float64) [6]float64 {
	if s.table {
		return s.tb.lookup(v)
	}
	return hhRates(v, s.celsius)
}

func (s *hhState) Init(st Step, lo, hi int) {
	for i := lo; i < hi; i++ {
		r := s.rates(st.V[s.node[i]])
		s.m[i], s.h[i], s.nn[i] = r[0], r[2], r[4]
	}
}

// Current is hh's nrn_cur: the currents at v + 0.001 and at v, their
// difference quotient as the conductance, ion currents and their
// derivatives into the ions.
func (s *hhState) Current(st Step, lo, hi int) {
	ena, ek := s.na.E, s.k.E
	for i := lo; i < hi; i++ {
		nd := s.node[i]
		v := st.V[nd]
		m, h, n := s.m[i], s.h[i], s.nn[i]
		gna := s.gnabar[i] * m * m * m * h
		gk := s.gkbar[i] * n * n * n * n
		// at v + 0.001
		vp := v + 0.001
		ina1 := gna * (vp - ena[nd])
		ik1 := gk * (vp - ek[nd])
		il1 := s.gl[i] * (vp - s.el[i])
		g := ina1 + ik1 + il1
		// at v
		ina := gna * (v - ena[nd])
		ik := gk * (v - ek[nd])
		il := s.gl[i] * (v - s.el[i])
		rhs := ina + ik + il
		s.na.DIDV[nd] += (ina1 - ina) / 0.001
		s.k.DIDV[nd] += (ik1 - ik) / 0.001
		g = (g - rhs) / 0.001
		s.na.I[nd] += ina
		s.k.I[nd] += ik
		s.gna[i], s.gk[i], s.ina[i], s.ik[i], s.il[i] = gna, gk, ina, ik, il
		st.RHS[nd] -= rhs
		st.D[nd] += g
	}
}

// Cnexp advances x' = (xinf - x)/tau by dt with xinf and tau frozen, in the
// operations nocmodl writes for METHOD cnexp (so that a channel matches
// NEURON's bits): x + (1 - exp(dt·(-1/tau)))·(-(xinf/tau)/(-1/tau) - x).
func Cnexp(x, xinf, tau, dt float64) float64 { return cnexp(x, xinf, tau, dt) }

func cnexp(x, xinf, tau, dt float64) float64 {
	a := -1.0 / tau
	return x + (1-exp(dt*a))*(-(xinf/tau)/a-x)
}

func (s *hhState) Advance(st Step, lo, hi int) {
	dt := st.DT
	node, m, h, n := s.node[lo:hi], s.m[lo:hi], s.h[lo:hi], s.nn[lo:hi]
	if !s.table {
		for k, nd := range node {
			r := hhRates(st.V[nd], s.celsius)
			m[k] = cnexp(m[k], r[0], r[1], dt)
			h[k] = cnexp(h[k], r[2], r[3], dt)
			n[k] = cnexp(n[k], r[4], r[5], dt)
		}
		return
	}
	tb := s.tb
	for k, nd := range node {
		// hhTable.lookup inlined for the interior of the table (the same
		// operations); the ends and NaN go through lookup
		xi := tb.mfac * (st.V[nd] - hhTmin)
		var r [6]float64
		switch {
		case xi >= 0 && xi < hhTn:
			j := int(xi)
			th := xi - float64(j)
			a, b := &tb.t[j], &tb.t[j+1]
			r = [6]float64{a[0] + th*(b[0]-a[0]), a[1] + th*(b[1]-a[1]), a[2] + th*(b[2]-a[2]),
				a[3] + th*(b[3]-a[3]), a[4] + th*(b[4]-a[4]), a[5] + th*(b[5]-a[5])}
		default:
			r = tb.lookup(st.V[nd])
		}
		m[k] = cnexp(m[k], r[0], r[1], dt)
		h[k] = cnexp(h[k], r[2], r[3], dt)
		n[k] = cnexp(n[k], r[4], r[5], dt)
	}
}
