// Package cell simulates compartmental neurons as NEURON does: sections
// of cable with NEURON's geometry and units, density mechanisms and point
// processes (package mech), the cable equation integrated implicitly on
// the tree with the O(N) Hines solver, by backward Euler (NEURON's
// default, secondorder = 0) or Crank-Nicolson (secondorder = 2), at a
// fixed dt. Traces match NEURON 8.2's to about 1e-10 mV, most bit for bit
// (compare/neuron_cells.py; the tests pin its numbers).
//
// # Units
//
// NEURON's: lengths and diameters µm, Ra Ω·cm, cm µF/cm², v mV, t ms;
// density mechanisms in S/cm² and mA/cm²; point processes in nA and µS.
//
// # Building a cell
//
// A Cell is a plain value: sections, point processes, a spike detector.
// A section's 0 end attaches to its parent at ParentX (NEURON's
// connect child(0), parent(x); ChildX = 1 attaches its 1 end instead); one
// section has no parent (the root).
//
//	c := cell.Cell{
//		Sections: []cell.Section{
//			{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1, Mechs: []mech.Density{mech.DefaultHH()}},
//			{Name: "dend", Parent: "soma", ParentX: 1, L: 500, Diam: 1, Nseg: 25, Ra: 100, Cm: 1,
//				Mechs: []mech.Density{mech.Pas{G: 1e-4, E: -65}}},
//		},
//		Points: []cell.PointProcess{
//			{Label: "syn", Section: "dend", X: 0.5, Mech: mech.Exp2Syn{Tau1: 0.5, Tau2: 5, E: 0}},
//			{Label: "stim", Section: "soma", X: 0.5, Mech: mech.IClamp{Del: 5, Dur: 1, Amp: 0.5}},
//		},
//		Detector: &cell.Detector{Section: "soma", X: 0.5, Threshold: 0},
//	}
//
// Segments: a section of Nseg segments has its membrane lumped at the
// segment centres x = (i+0.5)/Nseg; as in NEURON each section also has a
// node of zero area at its 1 end, and its 0 end is its parent's node at
// ParentX (the root section's 0 end is the cell's root node). Areas are
// π·diam·L/nseg and the resistance between neighbouring nodes is the sum of
// two half segments, 4·Ra·(L/2nseg)/(π·diam²) (nrn_area_ri). With Pt3D
// points, areas and resistances are integrated over the frusta between
// the points as NEURON does (3-D points in single precision, like
// NEURON's), and L is their path length.
//
// Section.Vary sets a mechanism's parameters per segment (NEURON's
// "for seg in sec: seg.gbar_hd = f(h.distance(soma(0.5), seg))"); Distances
// measures path lengths as NEURON's distance() does.
//
// A point process acts at the node NEURON uses for (section, X): the
// centre of the segment containing X, or the end node at X = 0 and X = 1.
// Density mechanism variables are read at the segment containing X.
//
// # Mechanisms
//
// mech.Pas, mech.HH (hh.mod: its table of rates and cnexp), hnn-core's
// mech.HH2, Km, Ca, Cad, KCa, CaT, Ar, point processes mech.ExpSyn,
// mech.Exp2Syn (with NEURON's factor), mech.IClamp, mech.SEClamp.
// Ion reversal potentials (ena, ek, ...) and concentrations (cai, cao) are
// kept per node as NEURON does; Section.E sets the reversal potentials for
// a section, DefaultE and DefaultConc hold NEURON's defaults, and a
// mechanism that writes an inner concentration (Cad) sets the reversal
// potential by Nernst. Section.V0 starts a section at its own potential
// (NEURON's sec.v = v0 before finitialize() without a value). A
// new channel is one Go file implementing mech.Density (parameters) and
// mech.Instance (its state as a structure of arrays over all segments that
// carry it): see package mech's example.
//
// # Running one cell
//
//	s, err := cell.New(c, nil) // nil: DefaultOptions (dt 0.025, BE, 6.3 °C, v_init -65)
//	v, _ := s.Record("soma", 0.5, "v")
//	m, _ := s.Record("soma", 0.5, "m_hh") // NEURON's name_suffix
//	g, _ := s.RecordPoint("syn", "g")
//	s.Events("syn", 0.002, 10, 20)     // weight 0.002 µS at 10 and 20 ms
//	err = s.Run(50)                    // v.T, v.Y; s.Spikes()
//
// New is NEURON's finitialize(v_init); Run(tstop) is
// "while t < tstop - dt/2: fadvance()". One step is nrn_fixed_step:
//
//  1. events due by t + dt/2 are delivered (NET_RECEIVE: a synapse's
//     conductance jumps);
//  2. every mechanism adds its current at v(t) to the right-hand side and
//     its dI/dv to the diagonal (point processes and IClamp see time
//     t + dt/2); the axial currents and the capacitance cm/dt (2cm/dt with
//     Crank-Nicolson) complete the tree matrix;
//  3. the Hines solve gives Δ; v += Δ (backward Euler) or v += 2Δ
//     (Crank-Nicolson), at every node;
//  4. every mechanism advances its states with the new v (cnexp);
//  5. t = t + dt; recorders sample; detectors test v > threshold (a spike
//     at t when v was not above it after the previous step); events due by
//     t + dt/2 are delivered.
//
// NEURON stamps a detected spike at t + 1e-10 ms; golgi at t.
//
// # N cells for the network engine
//
// A Group holds N cells of one topology (parameters and geometry may
// differ) for the engine: node j of cell k is at k·Nodes()+j in every
// node array, the nodes of a cell in Hines order (parents first, node 0
// the root); each mechanism type keeps its state over all locations of all
// cells, cell-major. Group.Step(lo, hi, t) steps cells [lo, hi) (a cell is
// never split; disjoint ranges may run concurrently), Group.Spikes applies
// the detectors, Group.Deliver gives an event to point process p
// (Group.Point(label)) of cell k.
package cell
