// Package hnn builds the cells of HNN-core's neocortical column (Jones et
// al. 2009, Neymotin et al. 2020) as hnn-core 0.6 defines them
// (cells_default.py, params_default.py, hnn_core/mod/*.mod), on golgi's
// compartmental core (package cell): the layer 2/3 pyramidal cell (8
// sections), the layer 5 pyramidal cell (9 sections) and the L2 and L5
// basket cells (one soma), with their geometry, nseg rule, mechanisms
// (mech.HH2, mech.Km, mech.Ca, mech.Cad, mech.KCa, mech.CaT, mech.Ar) and
// Exp2Syn synapses.
//
//	m, err := hnn.L5Pyramidal(hnn.DefaultL5Pyramidal(), hnn.Pos{})
//	labels, err := m.Site("proximal", "ampa") // one Exp2Syn per section of the group
//	s, err := cell.New(m.Cell, hnn.DefaultOptions()) // 37 °C, dt 0.025 ms
//
// A Model is a cell.Cell plus what a network needs to wire it: the
// synapse sites by location (a section, or the groups "proximal" and
// "distal" of hnn-core's sect_loc) and receptor, the sections' end points
// and their cos θ to the apical trunk (for the dipole).
//
// # What matches NEURON
//
// hnn-core gives NEURON each section as two 3-D points (pt3dadd of the end
// points plus the cell's position, in single precision), then sets L, diam
// and nseg. NEURON then rescales the points to L, so that the section's
// length becomes l·(L/l) with l the length of the single-precision points
// (254.99999999999997 µm for L5 basal_2 instead of 255), and its diameter
// is diam rounded to single precision (4.08 → 4.079999923706055). The
// builders compute these two numbers in the same operations, for the given
// position, and give the core a cylinder of that L and diameter: areas and
// axial resistances then equal NEURON's to rounding (the frusta NEURON
// integrates over are cylinders). Every section starts at its own v0
// (Section.V0: hnn-core sets sec.v and calls finitialize() without a
// value). eca follows cai by Nernst with NEURON's legacy constants (Cad).
// testdata/cell_structure.json.gz holds NEURON's value for every segment
// and the tests compare them all.
//
// # The column
//
// The column (column.go, network.go, drives.go, dipole.go) is HNN-core's neocortical column (Jones et al. 2009,
// Neymotin et al. 2020) on golgi's compartmental cells: the mesh of
// pyramidal and basket cells with hnn-core's positions, its connection
// rules (Gaussian distance-dependent weights, delays growing as
// exp(+d²/λ²)), evoked, Poisson and bursty drives (or replayed event
// times), tonic biases, and the current dipole of the pyramidal cells
// per layer and aggregate, as hnn-core computes it.
//
// The column is a network.Network: one cell.Population per cell type, a
// projection per connection rule and target section, one SpikeTimes
// source per drive→cell pair. See docs/simlib.md.
package hnn
