package mech

import "github.com/golgi-sim/golgi/simlib/pmath"

// HD is the hyperpolarisation-activated cation current Ih of Magee (1998)
// as M. Migliore wrote it for NEURON (TITLE "I-h channel from Magee 1998 for
// distal dendrites", with a leak term added in March 2010): suffix hd, the
// "hd" of NetPyNE's PT5B_reduced and M1 cell models. Source:
// h_migliore.mod as distributed with NetPyNE (examples/M1detailed/mod/
// h_migliore.mod, github.com/suny-downstate-medical-center/netpyne) and
// the M1 model of Dura-Bernal et al. 2023
// (github.com/suny-downstate-medical-center/M1_NetPyNE_CellReports_2023,
// sim/mod/h_migliore.mod).
//
// One gate l:
//
//	l' = (linf - l)/taul          (integrated with NEURON's cnexp)
//	linf = 1/(1 + exp(0.0378·zetal·(v - vhalfl)))
//	taul = exp(0.0378·zetat·gmt·(v - vhalft)) / (qtl·qt·a0t·(1 + exp(0.0378·zetat·(v - vhalft))))
//	qt = q10^((celsius - 33)/10)
//	i  = gbar·l·(v - ehd)         (NONSPECIFIC_CURRENT i)
//	lk = clk·gbar·(v - elk)       (NONSPECIFIC_CURRENT lk; clk = 0 by default)
//
// The mod file's defaults are Ehd -30 mV, Gbar 1e-4 S/cm², Vhalfl -90 mV,
// Vhalft -75 mV, A0t 0.0046 /ms, Zetal 4, Zetat 2.2, Gmt 0.4, Q10 4.5,
// Qtl 1, Clk 0, Elk -70 mV (DefaultHD). In the .mod file only gbar,
// vhalfl, elk, clk and ehd are RANGE; the others are GLOBAL there, here they
// are per section.
//
// Numerics as NEURON's generated code: the state update is cnexp's
// l += (1 - exp(-dt/taul))·(linf - l) with rates at the v after the
// voltage update; the conductance put on the matrix diagonal is NEURON's
// numerical derivative (i(v+0.001) - i(v))/0.001.
type HD struct {
	Gbar   float64 // S/cm², maximal conductance (mod: gbar)
	Ehd    float64 // mV, reversal potential of Ih (mod: ehd)
	Vhalfl float64 // mV, half-activation of linf (mod: vhalfl)
	Vhalft float64 // mV, voltage of the slowest taul (mod: vhalft)
	A0t    float64 // /ms, rate scale of taul (mod: a0t)
	Zetal  float64 // 1, slope factor of linf (mod: zetal)
	Zetat  float64 // 1, slope factor of taul (mod: zetat)
	Gmt    float64 // 1, asymmetry of taul (mod: gmt)
	Q10    float64 // 1, temperature factor per 10 °C from 33 °C (mod: q10)
	Qtl    float64 // 1, extra divisor of the rate (mod: qtl)
	Clk    float64 // 1, leak conductance as a fraction of Gbar (mod: clk)
	Elk    float64 // mV, leak reversal potential (mod: elk)
}

// DefaultHD returns the parameters of h_migliore.mod's PARAMETER block.
func DefaultHD() HD {
	return HD{Gbar: 0.0001, Ehd: -30, Vhalfl: -90, Vhalft: -75, A0t: 0.0046, Zetal: 4, Zetat: 2.2, Gmt: 0.4, Q10: 4.5, Qtl: 1, Clk: 0, Elk: -70}
}

// Name is NEURON's suffix, "hd".
func (HD) Name() string { return "hd" }

// Validate checks every parameter. cnexp is exact for a frozen v, so no
// step is too large for this channel.
func (h HD) Validate(e Env) error {
	return First(
		NonNegative("Gbar", h.Gbar, " S/cm²"),
		Finite("Ehd", h.Ehd, " mV"),
		Finite("Vhalfl", h.Vhalfl, " mV"),
		Finite("Vhalft", h.Vhalft, " mV"),
		Positive("A0t", h.A0t, " /ms"),
		Finite("Zetal", h.Zetal, ""),
		Finite("Zetat", h.Zetat, ""),
		Finite("Gmt", h.Gmt, ""),
		Positive("Q10", h.Q10, ""),
		Positive("Qtl", h.Qtl, ""),
		NonNegative("Clk", h.Clk, ""),
		Finite("Elk", h.Elk, " mV"),
	)
}

// hdState is hd over all its locations: parameters, the state l and the
// assigned variables, one slice each.
type hdState struct {
	node                             []int32
	gbar, ehd, vhalfl, vhalft, a0t   []float64
	zetal, zetat, gmt, qtl, clk, elk []float64
	qt                               []float64 // q10^((celsius-33)/10), per location (q10 may vary)
	l, linf, taul, ghd, i, lk        []float64
}

// New allocates hd at every location.
func (HD) New(params []Density, c Context) Instance {
	n := len(params)
	s := &hdState{node: c.Node}
	for _, p := range []*[]float64{&s.gbar, &s.ehd, &s.vhalfl, &s.vhalft, &s.a0t, &s.zetal, &s.zetat, &s.gmt, &s.qtl, &s.clk, &s.elk, &s.qt, &s.l, &s.linf, &s.taul, &s.ghd, &s.i, &s.lk} {
		*p = make([]float64, n)
	}
	for k, p := range params {
		h := p.(HD)
		s.gbar[k], s.ehd[k], s.vhalfl[k], s.vhalft[k], s.a0t[k] = h.Gbar, h.Ehd, h.Vhalfl, h.Vhalft, h.A0t
		s.zetal[k], s.zetat[k], s.gmt[k], s.qtl[k], s.clk[k], s.elk[k] = h.Zetal, h.Zetat, h.Gmt, h.Qtl, h.Clk, h.Elk
		s.qt[k] = pmath.Pow(h.Q10, (c.Celsius-33)/10)
	}
	return s
}

var hdVars = []string{"l", "linf", "taul", "ghd", "i", "lk", "gbar", "ehd"}

func (s *hdState) Vars() []string { return hdVars }

func (s *hdState) Var(name string) []float64 {
	switch name {
	case "l":
		return s.l
	case "linf":
		return s.linf
	case "taul":
		return s.taul
	case "ghd":
		return s.ghd
	case "i":
		return s.i
	case "lk":
		return s.lk
	case "gbar":
		return s.gbar
	case "ehd":
		return s.ehd
	}
	return nil
}

// rate is the mod file's PROCEDURE rate(v): linf and taul at v.
func (s *hdState) rate(k int, v float64) {
	a := pmath.Exp(0.0378 * s.zetat[k] * (v - s.vhalft[k]))
	s.linf[k] = 1 / (1 + pmath.Exp(0.0378*s.zetal[k]*(v-s.vhalfl[k])))
	s.taul[k] = pmath.Exp(0.0378*s.zetat[k]*s.gmt[k]*(v-s.vhalft[k])) / (s.qtl[k] * s.qt[k] * s.a0t[k] * (1 + a))
}

// Init is INITIAL: rate(v), l = linf.
func (s *hdState) Init(st Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		s.rate(k, st.V[s.node[k]])
		s.l[k] = s.linf[k]
	}
}

// current is the BREAKPOINT's total nonspecific current at v (mA/cm²),
// with ghd = gbar·l.
func (s *hdState) current(k int, v float64) float64 {
	ghd := s.gbar[k] * s.l[k]
	return float64(ghd*(v-s.ehd[k])) + float64(s.clk[k]*s.gbar[k]*(v-s.elk[k]))
}

// Current is nrn_cur: the current at v and NEURON's numerical derivative.
func (s *hdState) Current(st Step, lo, hi int) {
	for k := lo; k < hi; k++ {
		nd := s.node[k]
		v := st.V[nd]
		g := s.current(k, v+0.001)
		s.ghd[k] = s.gbar[k] * s.l[k]
		s.i[k] = s.ghd[k] * (v - s.ehd[k])
		s.lk[k] = s.clk[k] * s.gbar[k] * (v - s.elk[k])
		rhs := s.i[k] + s.lk[k]
		g = (g - rhs) / 0.001
		st.RHS[nd] -= rhs
		st.D[nd] += g
	}
}

// Advance is nrn_state: cnexp on l at the new v, written as NEURON's
// generated code evaluates it.
func (s *hdState) Advance(st Step, lo, hi int) {
	dt := st.DT
	for k := lo; k < hi; k++ {
		s.rate(k, st.V[s.node[k]])
		tau := s.taul[k]
		s.l[k] = s.l[k] + float64((1-pmath.Exp(dt*((-1.0)/tau)))*(-(s.linf[k]/tau)/((-1.0)/tau)-s.l[k]))
	}
}
