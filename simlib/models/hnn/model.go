package hnn

import (
	"fmt"
	"sort"
	"strings"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/pmath"
)

// Cell type names, as hnn-core's Network.cell_types.
const (
	L2BasketType    = "L2_basket"
	L2PyramidalType = "L2_pyramidal"
	L5BasketType    = "L5_basket"
	L5PyramidalType = "L5_pyramidal"
)

// Receptors are the synapse types, as hnn-core names them.
var Receptors = []string{"ampa", "nmda", "gabaa", "gabab"}

// DefaultOptions returns the simulation settings hnn-core runs with: dt
// 0.025 ms, backward Euler, 37 °C (default.json's celsius). VInit is unused:
// every section has its own V0. Each call returns a new value to change freely.
func DefaultOptions() *cell.Options {
	return &cell.Options{DT: 0.025, SecondOrder: 0, Celsius: 37, VInit: -65}
}

// Threshold is the spike detection threshold of hnn-core's cells (mV),
// net.threshold in default.json, on soma(0.5).
const Threshold = 0.0

// Model is one cell of a type: the cell.Cell to simulate and what a
// network needs to wire it.
type Model struct {
	Type string
	Cell cell.Cell
	// Groups are hnn-core's sect_loc: "proximal" and "distal" to their
	// sections (L5 basket: distal is empty).
	Groups map[string][]string
	// Synapses maps each section to its receptors (in hnn-core's order);
	// the synapse at section s of receptor r is the point labelled s_r
	// ("apical_tuft_ampa"), an Exp2Syn at s(0.5).
	Synapses map[string][]string
	// EndPts are the sections' end points (µm) as hnn-core places them
	// (relative to the cell, soma's 0 end at the origin; pyramidal cells).
	EndPts map[string][2][3]float64
	// CosTheta is each section's cos θ to the apical trunk (pyramidal
	// cells; hnn-core's dipole projection).
	CosTheta map[string]float64
	// Pos is the position the cell was built for.
	Pos Pos
}

// Site returns the labels of the synapses of receptor at loc: a group
// ("proximal", "distal": one synapse per section, each taking the full
// weight in hnn-core) or a section name ("soma"). An unknown location or
// receptor, an empty group (L5 basket's distal) or a receptor the location
// does not carry is an error.
func (m *Model) Site(loc, receptor string) ([]string, error) {
	secs, ok := m.Groups[loc]
	if !ok {
		if _, isSec := m.Synapses[loc]; !isSec {
			return nil, &Error{Object: m.Type, Field: "location", Value: fmt.Sprintf("%q", loc),
				Allowed: "must be proximal, distal or a section with synapses (" + strings.Join(m.synSections(), ", ") + ")"}
		}
		secs = []string{loc}
	}
	if len(secs) == 0 {
		return nil, &Error{Object: m.Type, Field: "location", Value: fmt.Sprintf("%q", loc),
			Allowed: "the group is empty: nothing can target it (hnn-core: a distal drive cannot target L5_basket)"}
	}
	known := false
	for _, r := range Receptors {
		known = known || r == receptor
	}
	if !known {
		return nil, &Error{Object: m.Type, Field: "receptor", Value: fmt.Sprintf("%q", receptor), Allowed: "must be one of " + strings.Join(Receptors, ", ")}
	}
	var labels []string
	for _, s := range secs {
		has := false
		for _, r := range m.Synapses[s] {
			has = has || r == receptor
		}
		if !has {
			return nil, &Error{Object: m.Type, Field: "receptor", Value: fmt.Sprintf("%q at %q", receptor, s),
				Allowed: "section " + s + " carries " + strings.Join(m.Synapses[s], ", ")}
		}
		labels = append(labels, s+"_"+receptor)
	}
	return labels, nil
}

func (m *Model) synSections() []string {
	var s []string
	for k := range m.Synapses {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}

func exp2(s Synapse) mech.Exp2Syn { return mech.Exp2Syn{Tau1: s.Tau1, Tau2: s.Tau2, E: s.E} }

func (s Synapses) byName(r string) Synapse {
	switch r {
	case "ampa":
		return s.AMPA
	case "nmda":
		return s.NMDA
	case "gabaa":
		return s.GABAA
	}
	return s.GABAB
}

func checkPos(typ string, pos Pos) error {
	if !finite(pos.X) || !finite(pos.Y) || !finite(pos.Z) {
		return &Error{Object: typ, Field: "Pos", Value: pos, Allowed: "coordinates (µm) must be finite"}
	}
	return nil
}

// L2Pyramidal builds hnn-core's L2/3 pyramidal cell at pos.
func L2Pyramidal(p Pyramidal, pos Pos) (*Model, error) {
	return pyramidal(L2PyramidalType, l2Specs, p, pos)
}

// L5Pyramidal builds hnn-core's L5 pyramidal cell at pos.
func L5Pyramidal(p Pyramidal, pos Pos) (*Model, error) {
	return pyramidal(L5PyramidalType, l5Specs, p, pos)
}

func f32(x float64) float64 { return float64(float32(x)) }

func pyramidal(typ string, specs []secSpec, p Pyramidal, pos Pos) (*Model, error) {
	if err := p.validate(typ, specs); err != nil {
		return nil, err
	}
	if err := checkPos(typ, pos); err != nil {
		return nil, err
	}
	L := map[string]float64{}
	for _, sp := range specs {
		L[sp.name] = p.Sections[sp.name].L
	}
	sh := newShape(specs, L)
	m := &Model{Type: typ, Groups: map[string][]string{
		"proximal": {"apical_oblique", "basal_2", "basal_3"}, "distal": {"apical_tuft"}},
		Synapses: map[string][]string{}, EndPts: map[string][2][3]float64{}, CosTheta: map[string]float64{}, Pos: pos}
	l5 := typ == L5PyramidalType
	// path distance from soma(0) to each section's 0 end, as hnn-core's
	// distance_section walks the cell_tree (a section passed through adds
	// its whole length)
	dist0 := map[string]float64{}
	for _, sp := range order(specs) {
		if sp.parent == "" {
			continue
		}
		d := dist0[sp.parent]
		if sp.parentX == 1 {
			d += L[sp.parent]
		}
		dist0[sp.name] = d
	}
	for _, sp := range specs {
		g := p.Sections[sp.name]
		m.EndPts[sp.name] = *sh.pts[sp.name]
		m.CosTheta[sp.name] = sh.cosTheta(sp.name, "apical_trunk")
		v0, ok := p.V0[sp.name]
		if !ok {
			v0 = p.V0["all"]
		}
		b, cm, ra := p.Dend, p.DendCm, p.DendRa
		if sp.name == "soma" {
			b, cm, ra = p.Soma, p.SomaCm, p.SomaRa
		}
		hh := mech.HH2{GNaBar: b.GNaBarHH2, GKBar: b.GKBarHH2, GL: b.GLHH2, EL: b.ELHH2}
		km := mech.Km{GBar: b.GBarKm}
		// mechanisms in NEURON's type order (nrnivmodl's alphabetical mod
		// files), which is the order NEURON sums their currents in
		var mechs []mech.Density
		if l5 {
			mechs = []mech.Density{mech.Ar{GBar: b.GBarAr, Erev: -35}, mech.Ca{GBar: b.GBarCa},
				mech.Cad{Taur: b.TaurCad, Depth: 0.1, CaInf: 1e-4}, mech.CaT{GBar: b.GBarCaT}, hh,
				mech.KCa{GBar: b.GBarKCa}, km}
		} else {
			mechs = []mech.Density{hh, km}
		}
		s := cell.Section{Name: sp.name, Parent: sp.parent, ParentX: sp.parentX,
			L: neuronL(*sh.pts[sp.name], pos, g.L), Diam: f32(g.Diam), Nseg: nseg(g.L),
			Ra: ra, Cm: cm, Mechs: mechs, V0: &v0}
		if l5 && sp.name != "soma" {
			// hnn-core's _compute_section_mechs: x = distance to the
			// section's 0 end + seg_x·L with seg_x from np.linspace
			ar, n, d0, Lh := p.ArDistance, s.Nseg, dist0[sp.name], g.L
			s.Vary = func(seg int, _ float64, dm mech.Density) mech.Density {
				a, ok := dm.(mech.Ar)
				if !ok {
					return dm
				}
				segX := float64(2*seg+1) * (1 / float64(2*n))
				a.GBar = ar.AtZero * (float64(1*pmath.Exp(ar.Rate*(d0+float64(segX*Lh)))) + 0)
				return a
			}
		}
		m.Cell.Sections = append(m.Cell.Sections, s)
	}
	// synapses: hnn-core's _create_synapses, sections in order, soma
	// inhibitory only
	for _, sp := range specs {
		recs := Receptors
		if sp.name == "soma" {
			recs = []string{"gabaa", "gabab"}
		}
		m.Synapses[sp.name] = recs
		for _, r := range recs {
			m.Cell.Points = append(m.Cell.Points, cell.PointProcess{Label: sp.name + "_" + r, Section: sp.name, X: 0.5, Mech: exp2(p.Synapses.byName(r))})
		}
	}
	m.Cell.Detector = &cell.Detector{Section: "soma", X: 0.5, Threshold: Threshold}
	return m, nil
}

// order returns the specs with parents before children.
func order(specs []secSpec) []secSpec {
	var out []secSpec
	done := map[string]bool{}
	for len(out) < len(specs) {
		for _, sp := range specs {
			if !done[sp.name] && (sp.parent == "" || done[sp.parent]) {
				done[sp.name] = true
				out = append(out, sp)
			}
		}
	}
	return out
}

// L2Basket builds hnn-core's L2 basket cell at pos (proximal and distal
// inputs both reach its soma).
func L2Basket(p Basket, pos Pos) (*Model, error) {
	return basket(L2BasketType, p, pos, map[string][]string{"proximal": {"soma"}, "distal": {"soma"}})
}

// L5Basket builds hnn-core's L5 basket cell at pos (proximal inputs only:
// its distal group is empty).
func L5Basket(p Basket, pos Pos) (*Model, error) {
	return basket(L5BasketType, p, pos, map[string][]string{"proximal": {"soma"}, "distal": {}})
}

func basket(typ string, p Basket, pos Pos, groups map[string][]string) (*Model, error) {
	if err := p.validate(typ); err != nil {
		return nil, err
	}
	if err := checkPos(typ, pos); err != nil {
		return nil, err
	}
	// cell_tree is None: the end points stay as given, (0,0,0)-(0,0,39)
	end := [2][3]float64{{0, 0, 0}, {0, 0, 39}}
	v0 := p.V0
	m := &Model{Type: typ, Groups: groups, Synapses: map[string][]string{"soma": {"ampa", "gabaa", "nmda"}},
		EndPts: map[string][2][3]float64{"soma": end}, Pos: pos}
	m.Cell.Sections = []cell.Section{{Name: "soma", L: neuronL(end, pos, p.Soma.L), Diam: f32(p.Soma.Diam),
		Nseg: nseg(p.Soma.L), Ra: p.Ra, Cm: p.Cm, V0: &v0,
		Mechs: []mech.Density{mech.HH2{GNaBar: p.HH2.GNaBarHH2, GKBar: p.HH2.GKBarHH2, GL: p.HH2.GLHH2, EL: p.HH2.ELHH2}}}}
	for _, r := range m.Synapses["soma"] {
		m.Cell.Points = append(m.Cell.Points, cell.PointProcess{Label: "soma_" + r, Section: "soma", X: 0.5, Mech: exp2(p.Synapses.byName(r))})
	}
	m.Cell.Detector = &cell.Detector{Section: "soma", X: 0.5, Threshold: Threshold}
	return m, nil
}

// New builds a cell of any of the four types with its default parameters
// at pos.
func New(typ string, pos Pos) (*Model, error) {
	switch typ {
	case L2PyramidalType:
		return L2Pyramidal(DefaultL2Pyramidal(), pos)
	case L5PyramidalType:
		return L5Pyramidal(DefaultL5Pyramidal(), pos)
	case L2BasketType:
		return L2Basket(DefaultBasket(), pos)
	case L5BasketType:
		return L5Basket(DefaultBasket(), pos)
	}
	return nil, &Error{Object: "hnn", Field: "cell type", Value: fmt.Sprintf("%q", typ),
		Allowed: "must be one of " + strings.Join([]string{L2BasketType, L2PyramidalType, L5BasketType, L5PyramidalType}, ", ")}
}
