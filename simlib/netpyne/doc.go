// Package netpyne describes compartmental cells the way NetPyNE's
// netParams.cellParams does, reads that description from the JSON NetPyNE
// writes, and converts it to a simlib/cell.Cell.
//
// A description is a Go value mirroring NetPyNE's dictionaries:
//
//	pt := netpyne.CellParams{Secs: map[string]netpyne.SecParams{
//		"soma": {
//			Geom:  netpyne.Geom{L: 20, Diam: 20, Ra: 100, Cm: 1}, // zero fields: NEURON's defaults
//			Mechs: netpyne.Mechs{"hh": {"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3}, "hd": {"gbar": 0.0001}},
//		},
//		"dend": {
//			Geom:  netpyne.Geom{L: 250, Diam: 2, Nseg: 9},
//			Topol: netpyne.Topol{ParentSec: "soma", ParentX: 1, ChildX: 0},
//			Mechs: netpyne.Mechs{"pas": {"g": 1e-4, "e": -65}},
//		},
//	}}
//	c, err := pt.Cell(netpyne.DefaultRegistry())
//
// Load reads JSON as NetPyNE writes it: a netParams file (with
// "cellParams"), a simulation output (with "net" → "params" →
// "cellParams"), a map of cell names to cell descriptions, or one cell
// description ({"secs": ...}). Sections keep the order of the file.
//
// What is read, per section: geom (L, diam, nseg, Ra, cm, pt3d as
// [[x, y, z, diam], ...]; absent fields take NEURON's defaults L 100 µm,
// diam 500 µm, nseg 1, Ra 35.4 Ω·cm, cm 1 µF/cm²; pt3d, when present,
// defines L and the diameters as in NEURON), topol (parentSec, parentX,
// childX; childX must be 0: golgi attaches a child by its 0 end), mechs
// (suffix → parameter → value; a mechanism named in mechs is inserted with
// its defaults for the parameters not given), ions (name → e, the reversal
// potential; concentrations i and o are read and not used), vinit and
// threshold (they must agree between sections: golgi has one v_init and
// one detector per cell; spikeGenLoc places the detector). weightNorm and
// secLists are kept for the caller. Everything else is an error naming the
// key: point processes inside sections (pointps), non-empty globals. A
// mechanism parameter given as a list (NetPyNE's form for a value that
// varies along the section) sets one value per segment (SegMechs; the list
// must have nseg values).
//
// WriteJSON writes descriptions back as NetPyNE's netParams JSON
// ({"cellParams": ...}), which Load (and NetPyNE) read: a morphology read
// by golgi can be handed to NetPyNE.
//
// Mechanisms are found by suffix in a Registry: DefaultRegistry knows
// pas, hh and hd. A user's own channel (a mech.Density value) is added
// with Registry.Add; its parameters are set from NetPyNE's names by
// matching exported field names case-insensitively ("gnabar" → Gnabar), or
// a field's `nrn:"name"` tag.
package netpyne
