package cell

import "github.com/golgi-sim/golgi/simlib/cell/mech"

// Group is N compartmental cells of one topology, stepped together: the
// form the network engine uses (a standalone Sim is a Group of one).
//
// Layout: every cell has Nodes() nodes in Hines order (a node's parent has
// a smaller index; node 0 is the root section's 0 end). Node arrays (V and
// the matrix) hold all cells cell-major: node j of cell k is at
// k*Nodes()+j. Each mechanism type keeps its state over all its locations,
// also cell-major (PerCell locations per cell). The methods that step take
// a range of cells [lo, hi): a cell is never split, and ranges of distinct
// cells may be stepped concurrently.
type Group struct {
	opt   Options
	n     int // cells
	nn    int // nodes per cell
	morph *morphology

	// node arrays, n*nn
	v, rhs, d []float64
	v0        []float64 // initial potential per node (mV)
	a, b      []float64 // off-diagonals: a[i] in the parent's row, b[i] in i's row
	cm        []float64 // µF/cm² at nodes with membrane, 0 at zero-area nodes
	area      []float64 // µm² (100 at zero-area nodes)
	parent    []int32   // per cell (nn), parent node index, -1 for the root

	dens    []mechSet  // density mechanism types
	points  []mechSet  // point process types
	pts     []pointRef // the cell's point processes in Cell.Points order
	ions    map[string]*mech.Ion
	ionList []*mech.Ion // the same, sorted by name

	detNode int       // the detector's node within a cell (if detTh != nil)
	detTh   []float64 // per cell threshold (mV); nil without Detector
	detFlag []bool    // per cell: above threshold after the last step
}

// mechSet is one mechanism type over all its locations.
type mechSet struct {
	name    string
	inst    mech.Instance
	recv    mech.Receiver // nil if the type takes no events
	perCell int
	node    []int32 // per location, node index within the cell
}

// pointRef locates one of a cell's point processes: its type and its
// location index within the cell.
type pointRef struct {
	label string
	set   int // index into Group.points
	loc   int // location within a cell
}

// NewGroup builds a group from cells of one topology: the same sections
// (names, parents, attachment points, nseg), the same mechanism types in
// each section and the same point processes (labels, types, locations).
// Geometry and parameter values may differ between cells.
func NewGroup(cells []Cell, o Options) (*Group, error) { return newGroup(cells, o) }

// N is the number of cells.
func (g *Group) N() int { return g.n }

// Nodes is the number of nodes per cell.
func (g *Group) Nodes() int { return g.nn }

// NodeInfo describes each node of a cell (section, position, area,
// parent) for the first cell, in the layout's order.
func (g *Group) NodeInfo() []NodeInfo { return append([]NodeInfo(nil), g.morph.info...) }

// Options returns the group's settings.
func (g *Group) Options() Options { return g.opt }

// V returns the membrane potential of every node of every cell (mV),
// cell-major: the live state.
func (g *Group) V() []float64 { return g.v }

// Init sets every node to Options.VInit and every mechanism to its initial
// state (NEURON's finitialize), computes the currents once at t = 0 and
// resets the spike detectors. NEURON checks thresholds at the end of
// finitialize: call Spikes after Init for the cells whose detector starts
// above threshold (they fire at t = 0). NewGroup calls Init.
func (g *Group) Init() { g.init() }

// Step advances cells [lo, hi) by one dt from t (ms, the time at the start
// of the step), in the order of NEURON's nrn_fixed_step: the tree matrix
// with every current at v(t) (point processes and mechanisms see time
// t+dt/2), the Hines solve, the voltage update (v += Δ, or v += 2Δ with
// Crank-Nicolson), then every mechanism's states with the new v.
// Events must have been delivered (Deliver) before.
func (g *Group) Step(lo, hi int, t float64) { g.step(lo, hi, t) }

// Spikes applies each cell's Detector after a step: it appends to dst the
// indices of cells in [lo, hi) whose detector crossed its threshold
// upwards in the step just made, and re-arms those below it.
func (g *Group) Spikes(lo, hi int, dst []int32) []int32 { return g.spikes(lo, hi, dst) }

// Point returns the index (within a cell) of the point process labelled
// label, for Deliver.
func (g *Group) Point(label string) (int, error) { return g.pointIndex(label) }

// Points returns the labels of a cell's point processes, by index.
func (g *Group) Points() []string {
	out := make([]string, len(g.pts))
	for i, p := range g.pts {
		out[i] = p.label
	}
	return out
}

// CanReceive reports whether point process p (index within a cell) takes
// events.
func (g *Group) CanReceive(p int) bool { return g.points[g.pts[p].set].recv != nil }

// Deliver gives an event of weight w (NetCon weight, µS for synapses) at
// time t (ms) to point process p of cell k (NET_RECEIVE). It acts on the
// next Step.
func (g *Group) Deliver(k, p int, w, t float64) { g.deliver(k, p, w, t) }

// Node returns the node index within a cell where a point process at
// (section, x) would act (NEURON's node for that location).
func (g *Group) Node(section string, x float64) (int, error) { return g.morph.node(section, x) }

// Var returns the live per-location slice of a mechanism variable for a
// location (section, x) of cell k: a pointer into the state (for
// recording), or an error naming what is unknown. name is "v" or NEURON's
// name_suffix form ("m_hh", "gna_hh"); for ions "ena", "ina".
func (g *Group) Var(k int, section string, x float64, name string) (*float64, error) {
	return g.varAt(k, section, x, name)
}

// PointVar returns the live value of variable name ("g", "i", "A", ...)
// of point process label in cell k.
func (g *Group) PointVar(k int, label, name string) (*float64, error) {
	return g.pointVar(k, label, name)
}
