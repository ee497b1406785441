package netpyne

// CellParams is one entry of NetPyNE's netParams.cellParams: a cell's
// sections (and the section lists NetPyNE keeps beside them).
type CellParams struct {
	Secs map[string]SecParams
	// Order, optional, is the order of the sections (every name of Secs
	// once). Load sets it to the file's order; when nil, sections are taken
	// by name. The order decides how NEURON and golgi number the nodes, not
	// the physics.
	Order []string
	// SecLists are NetPyNE's named lists of sections (kept, not used).
	SecLists map[string][]string
}

// SecParams is one section: NetPyNE's secs[name].
type SecParams struct {
	Geom  Geom
	Topol Topol
	Mechs Mechs
	// SegMechs holds per-segment values, as NetPyNE writes a parameter that
	// varies along the section (a list): SegMechs[mech][param][k] is the
	// value in segment k (nseg values, from the 0 end). They override
	// Mechs' value of that parameter; a mechanism named only here is
	// inserted too.
	SegMechs map[string]map[string][]float64
	// Ions sets reversal potentials by ion ("na", "k", "ca"), NetPyNE's
	// ions[name]["e"].
	Ions map[string]Ion
	// Vinit (mV), optional: NetPyNE's per-section initial potential. golgi
	// initialises a whole cell to one value, so every section that sets it
	// must agree (CellParams.VInit).
	Vinit *float64
	// Threshold (mV), optional: the spike detector's threshold (NetPyNE's
	// secs[name]["threshold"]); SpikeGenLoc (0..1), optional, puts the
	// detector on this section.
	Threshold   *float64
	SpikeGenLoc *float64
	// WeightNorm is NetPyNE's per-segment weight normalisation (kept, not
	// applied: multiply synaptic weights by it where NetPyNE would).
	WeightNorm []float64
}

// Geom is NetPyNE's geom: a zero field means NEURON's default (L 100 µm,
// diam 500 µm, nseg 1, Ra 35.4 Ω·cm, cm 1 µF/cm²).
type Geom struct {
	L    float64 // µm
	Diam float64 // µm
	Nseg int
	Ra   float64 // Ω·cm
	Cm   float64 // µF/cm²
	// Pt3d, optional, are 3-D points [x, y, z, diam] (µm); they define the
	// length and the diameters (L and Diam are then ignored), as in NEURON.
	Pt3d [][4]float64
}

// Topol attaches the section's ChildX end to its parent's ParentX
// (NEURON's connect). A section without ParentSec is the root.
type Topol struct {
	ParentSec string
	// ParentX is the position on the parent, 0..1. In Go 0 is the parent's
	// 0 end (give 1 for the usual distal end); JSON without "parentX"
	// means 1.
	ParentX float64
	ChildX  float64 // must be 0
}

// Mechs maps a mechanism suffix to its parameters (NEURON names without
// the suffix: {"hh": {"gnabar": 0.12}}).
type Mechs map[string]map[string]float64

// Ion is NetPyNE's ions[name]: reversal potential e (mV), internal and
// external concentrations i, o (mM, not used by golgi).
type Ion struct {
	E, I, O float64
}

// NEURON's defaults for a new section.
const (
	DefaultL    = 100.0 // µm
	DefaultDiam = 500.0 // µm
	DefaultRa   = 35.4  // Ω·cm
	DefaultCm   = 1.0   // µF/cm²
	// DefaultThreshold is NetPyNE's netParams.defaultThreshold (mV).
	DefaultThreshold = 10.0
)
