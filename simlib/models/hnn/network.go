package hnn

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/pmath"
)

// CellTypes lists the cell types in hnn-core's gid order.
var CellTypes = []string{L2BasketType, L2PyramidalType, L5BasketType, L5PyramidalType}

// Mesh places the column's cells as hnn-core's _create_cell_coords does
// (network.py:33-120): NX×NY pyramidal cells per layer on a grid of
// spacing InplaneDistance, basket cells on a sparser staggered grid.
type Mesh struct {
	NX, NY          int     // pyramidal cells along x and y (10, 10)
	InplaneDistance float64 // grid spacing (µm; 1.0)
	LayerSeparation float64 // depth of L2 above L5 (µm; 1307.4)
}

// DefaultMesh is hnn-core's 10x10 column.
func DefaultMesh() Mesh { return Mesh{NX: 10, NY: 10, InplaneDistance: 1, LayerSeparation: 1307.4} }

// Validate checks the mesh.
func (m Mesh) Validate() error {
	var e []string
	if m.NX < 1 || m.NY < 1 || m.NX > 1000 || m.NY > 1000 {
		e = append(e, fmt.Sprintf("mesh: NX, NY = %d, %d: need 1..1000 pyramidal cells along each axis", m.NX, m.NY))
	}
	if !(m.InplaneDistance > 0) || math.IsInf(m.InplaneDistance, 0) {
		e = append(e, fmt.Sprintf("mesh: InplaneDistance = %v µm: must be positive and finite", m.InplaneDistance))
	}
	if !(m.LayerSeparation >= 0) || math.IsInf(m.LayerSeparation, 0) {
		e = append(e, fmt.Sprintf("mesh: LayerSeparation = %v µm: must be >= 0 and finite", m.LayerSeparation))
	}
	if len(e) > 0 {
		return fmt.Errorf("%s", strings.Join(e, "; "))
	}
	return nil
}

// Positions returns each cell type's positions in gid order.
func (m Mesh) Positions() map[string][]Pos {
	d := m.InplaneDistance
	pyr := func(z float64) []Pos {
		var p []Pos
		for x := 0; x < m.NX; x++ {
			for y := 0; y < m.NY; y++ {
				p = append(p, Pos{float64(x) * d, float64(y) * d, z})
			}
		}
		return p
	}
	basket := func(z float64) []Pos {
		var p []Pos
		for x := 0; x < m.NX; x += 3 {
			for y := 0; y < m.NY; y += 2 {
				p = append(p, Pos{float64(x) * d, float64(y) * d, z})
			}
		}
		for x := 1; x < m.NX; x += 3 {
			for y := 1; y < m.NY; y += 2 {
				p = append(p, Pos{float64(x) * d, float64(y) * d, z})
			}
		}
		sort.SliceStable(p, func(i, j int) bool { return p[i].Y < p[j].Y })
		return p
	}
	return map[string][]Pos{
		L2BasketType:    basket(0.8 * m.LayerSeparation),
		L2PyramidalType: pyr(m.LayerSeparation),
		L5BasketType:    basket(0.2 * m.LayerSeparation),
		L5PyramidalType: pyr(0),
	}
}

// Origin is where every drive cell sits (network.py:89-95).
func (m Mesh) Origin() Pos {
	d := m.InplaneDistance
	return Pos{float64((m.NX-1)/2) * d, float64((m.NY-1)/2) * d, math.Floor(m.LayerSeparation / 2)}
}

// Gaussian returns hnn-core's distance-dependent weight and delay
// (cell.py:59-93): with d the xy distance (µm) and λ = lamtha ×
// inplane distance, weight = aWeight·exp(−d²/λ²) and delay =
// aDelay/exp(−d²/λ²), computed in hnn-core's order of operations.
func Gaussian(src, tgt Pos, aWeight, aDelay, lamtha, inplane float64) (w, delay float64) {
	dx, dy := tgt.X-src.X, tgt.Y-src.Y
	dist := math.Sqrt(float64(dx*dx) + float64(dy*dy))
	l := lamtha * inplane
	w = aWeight * pmath.Exp(-(dist*dist)/(l*l))
	delay = aDelay / (1 * pmath.Exp(-(dist*dist)/(l*l)))
	return w, delay
}

// CellModel is one cell type as the column needs it: the cell (sections,
// mechanisms, the spike detector at soma(0.5)), its synapse kinetics by
// receptor and the sections that carry each, its section groups for
// "proximal" and "distal" targeting, and, for pyramidal cells, each
// section's direction cosine to the apical trunk for the dipole.
type CellModel struct {
	Cell     cell.Cell
	Options  cell.Options            // celsius, v_init; DT is the column's
	Synapses map[string]mech.Exp2Syn // receptor ("ampa", "nmda", "gabaa", "gabab") → kinetics
	Carriers map[string][]string     // receptor → sections carrying that synapse (at 0.5)
	Groups   map[string][]string     // "proximal", "distal" → sections
	Dipole   map[string]float64      // section → cos θ to the apical axis; nil: no dipole
	// At, optional, builds the cell at a mesh position (hnn-core builds
	// each cell at its position); nil: Cell everywhere.
	At func(Pos) (cell.Cell, error)
}

// sections resolves a location (a group name or a section name) for a
// receptor: the sections whose synapse it targets.
func (m CellModel) sections(typ, loc, receptor string) ([]string, error) {
	secs, group := m.Groups[loc]
	if !group {
		if !slices.ContainsFunc(m.Cell.Sections, func(s cell.Section) bool { return s.Name == loc }) {
			var names []string
			for g := range m.Groups {
				names = append(names, g)
			}
			for _, s := range m.Cell.Sections {
				names = append(names, s.Name)
			}
			sort.Strings(names)
			return nil, fmt.Errorf("location %q: %s has no such section or group (has %s)", loc, typ, strings.Join(names, ", "))
		}
		secs = []string{loc}
	}
	if len(secs) == 0 {
		return nil, fmt.Errorf("location %q: the group is empty on %s (hnn-core: a distal drive cannot target L5 basket cells)", loc, typ)
	}
	if _, ok := m.Synapses[receptor]; !ok {
		return nil, fmt.Errorf("receptor %q: %s has no such synapse (has %s)", receptor, typ, strings.Join(sortedKeys(m.Synapses), ", "))
	}
	for _, s := range secs {
		if !slices.Contains(m.Carriers[receptor], s) {
			return nil, fmt.Errorf("receptor %q at %q: %s carries it on %s only", receptor, s, typ, strings.Join(m.Carriers[receptor], ", "))
		}
	}
	return secs, nil
}

func sortedKeys[V any](m map[string]V) []string {
	k := make([]string, 0, len(m))
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

// Connection is one of the column's connection rules (hnn-core's
// add_connection): every Src cell to every Target cell (no cell to
// itself unless Autapses), on the Target sections named by Loc, with
// weight Weight·exp(−d²/λ²) (µS) and delay Delay/exp(−d²/λ²) (ms), λ =
// Lamtha × inplane distance, d the xy distance. One NetCon per section
// of a group, each with the full weight (network_builder.py:551-570).
type Connection struct {
	Src, Target string
	Loc         string  // "proximal", "distal" or a section ("soma")
	Receptor    string  // "ampa", "nmda", "gabaa", "gabab"
	Weight      float64 // A_weight (µS), >= 0
	Delay       float64 // A_delay (ms), > 0
	Lamtha      float64 // space constant (in units of the inplane distance), > 0
	Autapses    bool    // connect a cell to itself when Src == Target
	Probability float64 // fraction of pairs kept, in (0, 1]; 0 means 1
	Seed        uint64  // stream for the pairs kept when Probability < 1
}

// DefaultConnections returns the 16 rules of hnn-core's jones_2009_model
// (network_models.py:177-291; weights from param/default.json:120-134).
func DefaultConnections() []Connection {
	c := func(src, tgt, loc, rec string, w, lam float64) Connection {
		return Connection{Src: src, Target: tgt, Loc: loc, Receptor: rec, Weight: w, Delay: 1, Lamtha: lam}
	}
	l2l2b := c(L2BasketType, L2BasketType, "soma", "gabaa", 0.02, 20)
	l2l2b.Autapses = true
	return []Connection{
		c(L2PyramidalType, L2PyramidalType, "proximal", "nmda", 0.0005, 3),
		c(L2PyramidalType, L2PyramidalType, "proximal", "ampa", 0.0005, 3),
		c(L5PyramidalType, L5PyramidalType, "proximal", "nmda", 0.0005, 3),
		c(L5PyramidalType, L5PyramidalType, "proximal", "ampa", 0.0005, 3),
		c(L2BasketType, L2PyramidalType, "soma", "gabaa", 0.05, 50),
		c(L2BasketType, L2PyramidalType, "soma", "gabab", 0.05, 50),
		c(L5BasketType, L5PyramidalType, "soma", "gabaa", 0.025, 70),
		c(L5BasketType, L5PyramidalType, "soma", "gabab", 0.025, 70),
		c(L2PyramidalType, L5PyramidalType, "proximal", "ampa", 0.00025, 3),
		c(L2PyramidalType, L5PyramidalType, "distal", "ampa", 0.00025, 3),
		c(L2BasketType, L5PyramidalType, "distal", "gabaa", 0.001, 50),
		c(L2PyramidalType, L2BasketType, "soma", "ampa", 0.0005, 3),
		l2l2b,
		c(L5BasketType, L5BasketType, "soma", "gabaa", 0.02, 20),
		c(L5PyramidalType, L5BasketType, "soma", "ampa", 0.0005, 3),
		c(L2PyramidalType, L5BasketType, "soma", "ampa", 0.00025, 3),
	}
}

// TonicBias is hnn-core's add_tonic_bias: an IClamp of Amp (nA) at
// Section(0.5) of every cell of type Type from T0 to TStop (ms; 0:
// the run's end).
type TonicBias struct {
	Type    string
	Section string  // "soma" in hnn-core's default
	Amp     float64 // nA
	T0      float64 // ms, >= 0
	TStop   float64 // ms; 0: the run's tstop
}
