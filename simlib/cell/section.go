package cell

import "github.com/golgi-sim/golgi/simlib/cell/mech"

// Section is one unbranched cable of a cell, in NEURON's units. Its 0 end
// (its ChildX end) is attached to the parent section at ParentX (NEURON's
// connect child(0), parent(ParentX)); a section without Parent is a root.
// The section has Nseg segments of equal length whose centres are at
// x = (i+0.5)/Nseg; each segment's membrane is lumped at its centre node.
type Section struct {
	Name    string
	Parent  string  // parent section's name; "" for the root
	ParentX float64 // position on the parent where this section's 0 end attaches, in [0, 1] (usually 1)
	// ChildX is the end of this section that attaches to the parent: 0
	// (the default, NEURON's connect child(0), parent(x)) or 1 (connect
	// child(1), ...: the section then runs from its 1 end, which is its
	// parent's node, to its 0 end). Sections with Pt3D must use 0.
	ChildX float64
	L      float64 // length (µm)
	Diam   float64 // diameter (µm); ignored when Pt3D is set
	Nseg   int     // number of segments (>= 1)
	Ra     float64 // axial resistivity (Ω·cm)
	Cm     float64 // specific membrane capacitance (µF/cm²)
	// Pt3D, optional, gives the section's shape as 3-D points (NEURON's
	// pt3dadd): then L is the path length of the points and areas and axial
	// resistances are integrated over the frusta between them, as NEURON does.
	Pt3D []Pt3D
	// Mechs are the density mechanisms inserted in every segment.
	Mechs []mech.Density
	// Vary, optional, gives segment seg (at position x) its own parameters
	// for each mechanism m of Mechs (NEURON's "for (x, 0) seg.gbar_hd =
	// f(distance)"): it returns m's parameter set for that segment, of m's
	// type (return m unchanged for the section's values). Distance helps
	// with distance-dependent densities.
	Vary func(seg int, x float64, m mech.Density) mech.Density
	// E sets ion reversal potentials in this section (mV), by ion name
	// ("na", "k", "ca", ...); ions not named take DefaultE (an ion without a
	// default must be set wherever a mechanism uses it).
	E map[string]float64
	// V0, optional, is the initial membrane potential (mV) of every node
	// of this section (its centres and its 1 end; the root section's also
	// its 0 end), as NEURON's "sec.v = v0" before finitialize() without an
	// argument (hnn-core sets each section's v0 so); nil: Options.VInit.
	V0 *float64
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

// DefaultE holds NEURON's default reversal potentials (mV): ena 50, ek
// -77 (NEURON 8.2: soma(0.5).ena, .ek after insert("hh")) and eca
// 132.4579341637009 (after inserting a mechanism that reads eca, hnn-core's
// ca; it stays so unless a mechanism writes cai, as Cad, which then sets
// eca by Nernst). Other ions have no default here: set Section.E for them.
var DefaultE = map[string]float64{"na": 50, "k": -77, "ca": 132.4579341637009}

// DefaultConc holds NEURON's default ion concentrations (mM), inner and
// outer (nai0_na_ion, nao0_na_ion, ki0_k_ion, ko0_k_ion, cai0_ca_ion,
// cao0_ca_ion of NEURON 8.2), which Ion.Ci and Ion.Co start from; ions
// not named start at 0.
var DefaultConc = map[string][2]float64{"na": {10, 140}, "k": {54.4, 2.5}, "ca": {5e-5, 2}}

// Insert returns s with the mechanisms appended (a convenience for
// building sections in one expression).
func (s Section) Insert(m ...mech.Density) Section {
	s.Mechs = append(append([]mech.Density(nil), s.Mechs...), m...)
	return s
}
