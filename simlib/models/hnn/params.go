package hnn

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Geometry is one section's size, as in params_default.py.
type Geometry struct {
	L    float64 // length (µm)
	Diam float64 // diameter (µm)
}

// Biophysics holds the channel densities of a pyramidal cell's soma or
// dendrites (params_default.py's L2Pyr_soma_*, L5Pyr_dend_*, ...). The
// L2/3 cell has hh2 and km only: its Ca, Cad, KCa, CaT and Ar fields are
// unused (zero in the defaults).
type Biophysics struct {
	GKBarHH2  float64 // hh2 potassium (S/cm²)
	GNaBarHH2 float64 // hh2 sodium (S/cm²)
	GLHH2     float64 // hh2 leak (S/cm²)
	ELHH2     float64 // hh2 leak reversal (mV)
	GBarKm    float64 // km (pS/µm²)
	GBarCa    float64 // ca (pS/µm²); L5 only
	TaurCad   float64 // cad removal time constant (ms); L5 only
	GBarKCa   float64 // kca (pS/µm²); L5 only
	GBarCaT   float64 // cat (S/cm²); L5 only
	GBarAr    float64 // ar (S/cm²); L5 soma only: the dendrites follow ArDistance
}

// Synapse is an Exp2Syn receptor's parameters.
type Synapse struct {
	E    float64 // reversal potential (mV)
	Tau1 float64 // rise time constant (ms)
	Tau2 float64 // decay time constant (ms)
}

// Synapses are the four receptors of hnn-core (basket cells have no GABAB).
type Synapses struct {
	AMPA, NMDA, GABAA, GABAB Synapse
}

// ExpDensity is hnn-core's _exp_g_at_dist: gbar(x) = AtZero·exp(Rate·x)
// (S/cm²), x the path distance (µm) from the soma's 0 end to the segment.
type ExpDensity struct {
	AtZero float64 // S/cm²
	Rate   float64 // 1/µm
}

// Pyramidal is the parameter set of a pyramidal cell type: the L2/3 or L5
// cell of hnn-core, params_default.py's get_L2Pyr_params_default and
// get_L5Pyr_params_default (cells_default.py's hard-coded v0 and ar
// density included).
type Pyramidal struct {
	// Sections holds each section's geometry by name: soma, apical_trunk,
	// apical_1, (apical_2: L5 only), apical_tuft, apical_oblique, basal_1,
	// basal_2, basal_3.
	Sections map[string]Geometry
	SomaCm   float64 // µF/cm²
	SomaRa   float64 // Ω·cm
	DendCm   float64 // µF/cm²
	DendRa   float64 // Ω·cm
	// V0 is the initial potential of each section (mV); a section not
	// named starts at V0["all"].
	V0   map[string]float64
	Soma Biophysics
	Dend Biophysics
	// ArDistance is the L5 dendrites' ar density (hnn-core: 1e-6 S/cm² at
	// the soma, e-fold every 333 µm); unused for L2/3.
	ArDistance ExpDensity
	Synapses   Synapses
}

// Basket is the parameter set of a basket cell (cells_default.py's basket:
// one soma with hh2 at its mod defaults and ampa, nmda, gabaa synapses).
type Basket struct {
	Soma     Geometry
	Cm       float64    // µF/cm²
	Ra       float64    // Ω·cm
	V0       float64    // mV
	HH2      Biophysics // only the hh2 fields are used
	Synapses Synapses   // GABAB unused
}

// secSpec is one section of a pyramidal type: l2Specs and l5Specs list
// them in hnn-core's order (dendrites in section_names order, then the
// soma), with parent, attachment and end points (cells_default.py).
type secSpec struct {
	name, parent string
	parentX      float64
	end          [2][3]float64
}

var l2Specs = []secSpec{
	{"apical_trunk", "soma", 1, [2][3]float64{{-50, 0, 778}, {-50, 0, 813}}},
	{"apical_1", "apical_trunk", 1, [2][3]float64{{-50, 0, 813}, {-50, 0, 993}}},
	{"apical_tuft", "apical_1", 1, [2][3]float64{{-50, 0, 993}, {-50, 0, 1133}}},
	{"apical_oblique", "apical_trunk", 1, [2][3]float64{{-50, 0, 813}, {-250, 0, 813}}},
	{"basal_1", "soma", 0, [2][3]float64{{-50, 0, 765}, {-50, 0, 715}}},
	{"basal_2", "basal_1", 1, [2][3]float64{{-50, 0, 715}, {-156, 0, 609}}},
	{"basal_3", "basal_1", 1, [2][3]float64{{-50, 0, 715}, {56, 0, 609}}},
	{"soma", "", 0, [2][3]float64{{-50, 0, 765}, {-50, 0, 778}}},
}

var l5Specs = []secSpec{
	{"apical_trunk", "soma", 1, [2][3]float64{{0, 0, 23}, {0, 0, 83}}},
	{"apical_1", "apical_trunk", 1, [2][3]float64{{0, 0, 83}, {0, 0, 483}}},
	{"apical_2", "apical_1", 1, [2][3]float64{{0, 0, 483}, {0, 0, 883}}},
	{"apical_tuft", "apical_2", 1, [2][3]float64{{0, 0, 883}, {0, 0, 1133}}},
	{"apical_oblique", "apical_trunk", 1, [2][3]float64{{0, 0, 83}, {-150, 0, 83}}},
	{"basal_1", "soma", 0, [2][3]float64{{0, 0, 0}, {0, 0, -50}}},
	{"basal_2", "basal_1", 1, [2][3]float64{{0, 0, -50}, {-106, 0, -156}}},
	{"basal_3", "basal_1", 1, [2][3]float64{{0, 0, -50}, {106, 0, -156}}},
	{"soma", "", 0, [2][3]float64{{0, 0, 0}, {0, 0, 23}}},
}

func pyrSynapses() Synapses {
	return Synapses{
		AMPA:  Synapse{E: 0, Tau1: 0.5, Tau2: 5},
		NMDA:  Synapse{E: 0, Tau1: 1, Tau2: 20},
		GABAA: Synapse{E: -80, Tau1: 0.5, Tau2: 5},
		GABAB: Synapse{E: -80, Tau1: 1, Tau2: 20},
	}
}

// DefaultL2Pyramidal returns hnn-core's L2/3 pyramidal cell
// (params_default.py:201-253, cells_default.py:158-296).
func DefaultL2Pyramidal() Pyramidal {
	return Pyramidal{
		Sections: map[string]Geometry{
			"soma": {22.1, 23.4}, "apical_trunk": {59.5, 4.25}, "apical_1": {306, 4.08},
			"apical_tuft": {238, 3.4}, "apical_oblique": {340, 3.91}, "basal_1": {85, 4.25},
			"basal_2": {255, 2.72}, "basal_3": {255, 2.72},
		},
		SomaCm: 0.6195, SomaRa: 200, DendCm: 0.6195, DendRa: 200,
		V0:       map[string]float64{"all": -71.46},
		Soma:     Biophysics{GKBarHH2: 0.01, GNaBarHH2: 0.18, ELHH2: -65, GLHH2: 4.26e-5, GBarKm: 250},
		Dend:     Biophysics{GKBarHH2: 0.01, GNaBarHH2: 0.15, ELHH2: -65, GLHH2: 4.26e-5, GBarKm: 250},
		Synapses: pyrSynapses(),
	}
}

// DefaultL5Pyramidal returns hnn-core's L5 pyramidal cell
// (params_default.py:256-318, cells_default.py:299-462).
func DefaultL5Pyramidal() Pyramidal {
	return Pyramidal{
		Sections: map[string]Geometry{
			"soma": {39, 28.9}, "apical_trunk": {102, 10.2}, "apical_1": {680, 7.48},
			"apical_2": {680, 4.93}, "apical_tuft": {425, 3.4}, "apical_oblique": {255, 5.1},
			"basal_1": {85, 6.8}, "basal_2": {255, 8.5}, "basal_3": {255, 8.5},
		},
		SomaCm: 0.85, SomaRa: 200, DendCm: 0.85, DendRa: 200,
		V0: map[string]float64{"all": -72, "apical_1": -71.32, "apical_2": -69.08, "apical_tuft": -67.30},
		Soma: Biophysics{GKBarHH2: 0.01, GNaBarHH2: 0.16, ELHH2: -65, GLHH2: 4.26e-5,
			GBarCa: 60, TaurCad: 20, GBarKCa: 2e-4, GBarKm: 200, GBarCaT: 2e-4, GBarAr: 1e-6},
		Dend: Biophysics{GKBarHH2: 0.01, GNaBarHH2: 0.14, ELHH2: -71, GLHH2: 4.26e-5,
			GBarCa: 60, TaurCad: 20, GBarKCa: 2e-4, GBarKm: 200, GBarCaT: 2e-4, GBarAr: 1e-6},
		ArDistance: ExpDensity{AtZero: 1e-6, Rate: 3e-3},
		Synapses:   pyrSynapses(),
	}
}

// DefaultBasket returns hnn-core's basket cell, the same for L2 and L5
// (cells_default.py:465-507, 573-589): hh2 at hh2.mod's defaults.
func DefaultBasket() Basket {
	return Basket{
		Soma: Geometry{L: 39, Diam: 20}, Cm: 0.85, Ra: 200, V0: -64.9737,
		HH2: Biophysics{GNaBarHH2: 0.12, GKBarHH2: 0.036, GLHH2: 0.0003, ELHH2: -54.3},
		Synapses: Synapses{
			AMPA:  Synapse{E: 0, Tau1: 0.5, Tau2: 5},
			NMDA:  Synapse{E: 0, Tau1: 1, Tau2: 20},
			GABAA: Synapse{E: -80, Tau1: 0.5, Tau2: 5},
		},
	}
}

// Error reports a bad parameter: Object Field = Value: Allowed.
type Error struct {
	Object  string // e.g. `L5_pyramidal section "apical_1"`
	Field   string
	Value   any
	Allowed string
}

func (e *Error) Error() string {
	return fmt.Sprintf("hnn: %s: %s = %v: %s", e.Object, e.Field, e.Value, e.Allowed)
}

type errs []error

func (l *errs) add(obj, field string, v any, allowed string) {
	*l = append(*l, &Error{obj, field, v, allowed})
}

func (l errs) err() error {
	switch len(l) {
	case 0:
		return nil
	case 1:
		return l[0]
	}
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return fmt.Errorf("%d errors:\n  %s", len(l), strings.Join(msgs, "\n  "))
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func (l *errs) positive(obj, field string, v float64, unit string) {
	if !finite(v) || v <= 0 {
		l.add(obj, field, fmt.Sprint(v)+unit, "must be positive and finite")
	}
}

func (l *errs) nonNeg(obj, field string, v float64, unit string) {
	if !finite(v) || v < 0 {
		l.add(obj, field, fmt.Sprint(v)+unit, "must be >= 0 and finite")
	}
}

func (l *errs) finite(obj, field string, v float64, unit string) {
	if !finite(v) {
		l.add(obj, field, fmt.Sprint(v)+unit, "must be finite")
	}
}

func (b Biophysics) check(obj string, l5 bool, l *errs) {
	l.nonNeg(obj, "GKBarHH2", b.GKBarHH2, " S/cm²")
	l.nonNeg(obj, "GNaBarHH2", b.GNaBarHH2, " S/cm²")
	l.nonNeg(obj, "GLHH2", b.GLHH2, " S/cm²")
	l.finite(obj, "ELHH2", b.ELHH2, " mV")
	l.nonNeg(obj, "GBarKm", b.GBarKm, " pS/µm²")
	if l5 {
		l.nonNeg(obj, "GBarCa", b.GBarCa, " pS/µm²")
		l.positive(obj, "TaurCad", b.TaurCad, " ms")
		l.nonNeg(obj, "GBarKCa", b.GBarKCa, " pS/µm²")
		l.nonNeg(obj, "GBarCaT", b.GBarCaT, " S/cm²")
		l.nonNeg(obj, "GBarAr", b.GBarAr, " S/cm²")
	}
}

func (s Synapses) check(obj string, gabab bool, l *errs) {
	rs := []struct {
		name string
		s    Synapse
	}{{"AMPA", s.AMPA}, {"NMDA", s.NMDA}, {"GABAA", s.GABAA}}
	if gabab {
		rs = append(rs, struct {
			name string
			s    Synapse
		}{"GABAB", s.GABAB})
	}
	for _, r := range rs {
		l.finite(obj, "Synapses."+r.name+".E", r.s.E, " mV")
		for _, f := range []struct {
			n string
			v float64
		}{{"Tau1", r.s.Tau1}, {"Tau2", r.s.Tau2}} {
			if !finite(f.v) || f.v < 1e-9 || f.v > 1e9 {
				l.add(obj, "Synapses."+r.name+"."+f.n, fmt.Sprint(f.v)+" ms", "must be in [1e-9, 1e9] (Exp2Syn's limits)")
			}
		}
	}
}

// validate checks a pyramidal parameter set against its section list.
func (p Pyramidal) validate(typ string, specs []secSpec) error {
	var l errs
	known := map[string]bool{}
	for _, s := range specs {
		known[s.name] = true
		g, ok := p.Sections[s.name]
		obj := fmt.Sprintf("%s section %q", typ, s.name)
		if !ok {
			l.add(typ, "Sections", s.name, "missing: every section of the cell needs its geometry")
			continue
		}
		l.positive(obj, "L", g.L, " µm")
		l.positive(obj, "Diam", g.Diam, " µm")
	}
	var unknown []string
	for name := range p.Sections {
		if !known[name] {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		l.add(typ, "Sections", fmt.Sprintf("%q", name), "no such section in "+typ+" (have "+specNames(specs)+")")
	}
	l.positive(typ, "SomaCm", p.SomaCm, " µF/cm²")
	l.positive(typ, "SomaRa", p.SomaRa, " Ω·cm")
	l.positive(typ, "DendCm", p.DendCm, " µF/cm²")
	l.positive(typ, "DendRa", p.DendRa, " Ω·cm")
	if _, ok := p.V0["all"]; !ok {
		for _, s := range specs {
			if _, ok := p.V0[s.name]; !ok {
				l.add(typ, "V0", s.name, `no initial potential: set V0[section] or V0["all"]`)
			}
		}
	}
	var v0names []string
	for name := range p.V0 {
		v0names = append(v0names, name)
	}
	sort.Strings(v0names)
	for _, name := range v0names {
		if name != "all" && !known[name] {
			l.add(typ, "V0", fmt.Sprintf("%q", name), "no such section in "+typ+" (have "+specNames(specs)+`, or "all")`)
		}
		l.finite(typ, fmt.Sprintf("V0[%q]", name), p.V0[name], " mV")
	}
	l5 := typ == L5PyramidalType
	p.Soma.check(typ+" Soma", l5, &l)
	p.Dend.check(typ+" Dend", l5, &l)
	if l5 {
		l.nonNeg(typ, "ArDistance.AtZero", p.ArDistance.AtZero, " S/cm²")
		l.finite(typ, "ArDistance.Rate", p.ArDistance.Rate, " 1/µm")
	}
	p.Synapses.check(typ, true, &l)
	return l.err()
}

func (p Basket) validate(typ string) error {
	var l errs
	l.positive(typ, "Soma.L", p.Soma.L, " µm")
	l.positive(typ, "Soma.Diam", p.Soma.Diam, " µm")
	l.positive(typ, "Cm", p.Cm, " µF/cm²")
	l.positive(typ, "Ra", p.Ra, " Ω·cm")
	l.finite(typ, "V0", p.V0, " mV")
	l.nonNeg(typ, "HH2.GKBarHH2", p.HH2.GKBarHH2, " S/cm²")
	l.nonNeg(typ, "HH2.GNaBarHH2", p.HH2.GNaBarHH2, " S/cm²")
	l.nonNeg(typ, "HH2.GLHH2", p.HH2.GLHH2, " S/cm²")
	l.finite(typ, "HH2.ELHH2", p.HH2.ELHH2, " mV")
	p.Synapses.check(typ, false, &l)
	return l.err()
}

func specNames(specs []secSpec) string {
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.name
	}
	return strings.Join(names, ", ")
}
