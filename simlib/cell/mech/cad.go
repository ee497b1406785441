package mech

import "github.com/golgi-sim/golgi/simlib/pmath"

// Cad is hnn-core's cad.mod (Destexhe et al. 1993): the calcium
// concentration under the membrane, in a shell of depth d, filled by the
// inward calcium current and relaxing to cainf,
//
//	ca' = max(0, -1e4·ica/(2·F·depth)) + (cainf - ca)/taur,  cai = ca
//
// integrated by cnexp (the equation is linear in ca, so exactly) with ica
// of the step. It writes cai into the ion, and then, as NEURON does for an
// ion whose inner concentration a mechanism writes, the ion's reversal
// potential follows by Nernst: eca = 1e3·R·(celsius + 273.15)/(2F)·ln(cao/cai).
// Constants are NEURON's legacy units, as hnn-core runs
// (h.nrnunit_use_legacy(1)), unless Modern is set (NEURON 8.2's default,
// the 2019 SI values): the mod file's FARADAY is nocmodl's legacy 96485.3
// C/mol, and NEURON's Nernst (eion.cpp) uses its own legacy constants,
// F = 96485.309 C/mol and R = 8.3134 J/(K·mol).
//
// NEURON computes eca from cai at the start of each step's currents, golgi
// at the end of cad's update: the value used is the same, but a recorded
// eca after a step is NEURON's one step later.
type Cad struct {
	Taur   float64 // removal time constant (ms); 200
	Depth  float64 // shell depth (µm); 0.1 (a GLOBAL in cad.mod)
	CaInf  float64 // resting concentration (mM); 1e-4 (a GLOBAL in cad.mod)
	Modern bool    // use NEURON's modern unit constants instead of the legacy ones
}

// DefaultCad returns cad.mod's defaults.
func DefaultCad() Cad { return Cad{Taur: 200, Depth: 0.1, CaInf: 100e-6} }

func (Cad) Name() string   { return "cad" }
func (Cad) Ions() []string { return []string{"ca"} }

func (p Cad) Validate(Env) error {
	return First(Positive("taur", p.Taur, " ms"), Positive("depth", p.Depth, " µm"), Positive("cainf", p.CaInf, " mM"))
}

// Unit constants of NEURON: legacy (nrnunit_use_legacy(1)) and modern.
const (
	FaradayModLegacy = 96485.3             // C/mol: a mod file's FARADAY in legacy units (nocmodl's _nrnunit_FARADAY[1]); NEURON's Nernst uses FaradayLegacy
	FaradayLegacy    = 96485.309           // C/mol: NEURON's Nernst (eion.cpp) in legacy units
	GasLegacy        = 8.3134              // J/(K·mol), NEURON's legacy gas constant in its Nernst (eion.cpp)
	FaradayModern    = 96485.3321233100184 // C/mol (2019 SI)
	GasModern        = 8.31446261815324    // J/(K·mol) (2019 SI)
)

// Nernst is NEURON's nrn_nernst: the reversal potential (mV) of an ion of
// valence z with inner and outer concentrations ci, co (mM) at celsius,
// 1e3·R·(celsius + 273.15)/F/z·ln(co/ci); 1e6 if ci <= 0, -1e6 if co <= 0.
func Nernst(ci, co float64, z int, celsius float64, modern bool) float64 {
	r, f := GasLegacy, FaradayLegacy
	if modern {
		r, f = GasModern, FaradayModern
	}
	if z == 0 {
		return 0
	}
	if ci <= 0 {
		return 1e6
	}
	if co <= 0 {
		return -1e6
	}
	ktf := 1000 * r * (celsius + 273.15) / f
	return float64(ktf / float64(z) * pmath.Log(co/ci))
}

func (Cad) New(params []Density, c Context) Instance {
	n := len(params)
	s := &cadState{node: c.Node, ion: c.Ions["ca"], celsius: c.Celsius}
	mk := func(name string) []float64 { return s.add(name, make([]float64, n)) }
	s.taur, s.depth, s.cainf, s.ca, s.drive = mk("taur"), mk("depth"), mk("cainf"), mk("ca"), mk("drive_channel")
	s.modern = make([]bool, n)
	s.fac, s.facDT = make([]float64, n), c.DT
	for i, q := range params {
		p := q.(Cad)
		s.taur[i], s.depth[i], s.cainf[i], s.modern[i] = p.Taur, p.Depth, p.CaInf, p.Modern
		s.fac[i] = 1 - exp(c.DT*(-1.0/p.Taur))
	}
	return s
}

type cadState struct {
	varSet
	node                   []int32
	ion                    *Ion
	celsius                float64
	taur, depth, cainf, ca []float64
	drive                  []float64
	modern                 []bool
	// fac[i] = 1 - exp(dt·(-1/taur)) for the Context's dt, constant for a
	// location: computed once (the same bits as every step)
	fac   []float64
	facDT float64
}

// setIon writes cai and eca at location i's node.
func (s *cadState) setIon(i int) {
	nd := s.node[i]
	s.ion.Ci[nd] = s.ca[i]
	s.ion.E[nd] = Nernst(s.ion.Ci[nd], s.ion.Co[nd], 2, s.celsius, s.modern[i])
}

func (s *cadState) Init(st Step, lo, hi int) {
	for i := lo; i < hi; i++ {
		s.ca[i] = s.cainf[i]
		s.setIon(i)
	}
}

func (s *cadState) Current(Step, int, int) {}

// Advance is cad's cnexp: ca' = a + b·ca with b = -1/taur and
// a = drive + cainf/taur, ca += (1 - exp(dt·b))·(-a/b - ca).
func (s *cadState) Advance(st Step, lo, hi int) {
	for i := lo; i < hi; i++ {
		far := FaradayModLegacy
		if s.modern[i] {
			far = FaradayModern
		}
		d := -(10000) * s.ion.I[s.node[i]] / (2 * far * s.depth[i])
		if d <= 0 {
			d = 0
		}
		s.drive[i] = d
		b := -1.0 / s.taur[i]
		a := d + s.cainf[i]/s.taur[i]
		f := s.fac[i]
		if st.DT != s.facDT {
			f = 1 - exp(st.DT*b)
		}
		s.ca[i] = s.ca[i] + float64(f*(-a/b-s.ca[i]))
		s.setIon(i)
	}
}
