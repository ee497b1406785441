package cell

import "github.com/golgi-sim/golgi/simlib/cell/mech"

// Section is one unbranched cable of a cell, in NEURON's units. Its 0 end
// is attached to the parent section at ParentX (NEURON's
// connect child(0), parent(ParentX)); a section without Parent is a root.
// The section has Nseg segments of equal length whose centres are at
// x = (i+0.5)/Nseg; each segment's membrane is lumped at its centre node.
type Section struct {
	Name    string
	Parent  string  // parent section's name; "" for the root
	ParentX float64 // position on the parent where this section's 0 end attaches, in [0, 1] (usually 1)
	L       float64 // length (µm)
	Diam    float64 // diameter (µm); ignored when Pt3D is set
	Nseg    int     // number of segments (>= 1)
	Ra      float64 // axial resistivity (Ω·cm)
	Cm      float64 // specific membrane capacitance (µF/cm²)
	// Pt3D, optional, gives the section's shape as 3-D points (NEURON's
	// pt3dadd): then L is the path length of the points and areas and axial
	// resistances are integrated over the frusta between them, as NEURON does.
	Pt3D []Pt3D
	// Mechs are the density mechanisms inserted in every segment.
	Mechs []mech.Density
	// E sets ion reversal potentials in this section (mV), by ion name
	// ("na", "k", "ca", ...); ions not named take DefaultE.
	E map[string]float64
}

// Pt3D is one 3-D point of a section's shape (µm).
type Pt3D struct {
	X, Y, Z float64
	Diam    float64
}

// DefaultSection returns NEURON's defaults for a new section: L 100 µm,
// diam 500 µm, nseg 1, Ra 35.4 Ω·cm, cm 1 µF/cm², attached at the parent's
// 1 end.
func DefaultSection(name string) Section {
	return Section{Name: name, ParentX: 1, L: 100, Diam: 500, Nseg: 1, Ra: 35.4, Cm: 1}
}

// DefaultE holds NEURON's default reversal potentials (mV) of the ions its
// built-in mechanisms use: ena 50, ek -77; eca is NEURON's Nernst value
// for cai 5e-5 mM, cao 2 mM at 6.3 °C.
var DefaultE = map[string]float64{"na": 50, "k": -77, "ca": 132.4579341637009}

// Insert returns s with the mechanisms appended (a convenience for
// building sections in one expression).
func (s Section) Insert(m ...mech.Density) Section {
	s.Mechs = append(append([]mech.Density(nil), s.Mechs...), m...)
	return s
}
