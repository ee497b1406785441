// Package morph reads neuron morphologies and forms NEURON-style sections
// from them: unbranched runs of 3-D points between branch points, each with
// its list of points (x, y, z, diam in µm), its parent section and the
// position on the parent where it attaches.
//
// # SWC
//
// ReadSWC reads standard SWC (Cannon et al. 1998; the NeuroMorpho.org
// form): one sample per line, "id type x y z radius parent", '#' comments,
// parent -1 for the root. Types: 1 soma, 2 axon, 3 basal dendrite,
// 4 apical dendrite; any other type t >= 0 makes sections named
// "dend_<t>" as NEURON's Import3d names them (type2name). Samples may come
// in any order; ids must
// be unique, parents must exist, there must be exactly one root and no
// cycle, and every radius must be positive and every coordinate finite.
//
// Sections are listed and named as Import3d lists them: by the id of their
// first own sample, numbered per type (soma_0, dend_0, dend_1, ...), so
// that golgi's dend_3 is NEURON's dend[3] (and NetPyNE's dend_3 after
// import). NEURON requires sequential ids; golgi accepts any unique ids.
//
// Sections are formed as NEURON's Import3d (read_swc.hoc, NEURON 8.2)
// forms them: a section starts at the root, at a child of a branch point
// (a sample with two or more children) or where the type changes, and
// runs through samples with exactly one child. A section whose parent is
// not the soma begins with a copy of its parent sample (so consecutive
// sections share their end point) and attaches at the parent's 1 end.
//
// Soma conventions supported, with Import3d's rules for what hangs from
// them:
//   - a single soma sample of radius r: a cylinder along x through it,
//     L = diam = 2r (the sphere's area; NEURON's sphere_rep); its children
//     attach at soma(0.5) by a "wire": they begin with their own first
//     sample (a one-sample child begins at the soma point, with its own
//     diameter);
//   - the NeuroMorpho three-point soma, as Import3d recognises it: the
//     root has two soma children of its radius, without children, one
//     diameter apart in total: the same as a single sample;
//   - a traced soma: an unbranched chain of type-1 samples from the root,
//     used as the soma section's points. Children of its first sample
//     attach at 0, of its last sample at 1 (both beginning with a copy of
//     that soma sample at the child's diameter), of an interior sample at
//     0.5 by a wire, wherever that sample lies (Import3d's choice).
//
// A soma outline (a closed contour), a branched soma and a root with two
// soma arms that are not a three-point soma are refused with an error:
// NEURON's Import3d splits those into several soma sections or builds an
// equivalent cylinder by a construction golgi does not reproduce.
// A root that is not a soma starts a section that runs on into its first
// child (lowest id) even when the root branches; its other children hang
// at that section's 0 end, beginning with a copy of the root sample.
//
// compare/neuron_cells_morph.py checks the sections of the four files in
// testdata (branched, traced, branch_at_first, dend_root) against NEURON's
// Import3d: names, points, lengths, areas, parents and positions.
//
// # Geometry
//
// SegmentGeometry integrates area, mean diameter and axial resistance of
// each segment over a section's 3-D points exactly as NEURON does
// (nrn_area_ri with pt3d): every segment is split in halves, the diameter
// is interpolated linearly along the arc, the area of each piece is a
// frustum's lateral area and the resistance of each piece is
// 4·Ra·Δs/(π·d₁·d₂). NEURON keeps 3-D points in single precision; so does
// golgi (Point rounds x, y, z and diam to float32), so lengths and areas
// agree to the last bits. The integration is simlib/cell's own
// (cell.Pt3DSegments), the one a cell is simulated with.
//
// # nseg
//
// DLambda.Nseg applies NEURON's d_lambda rule (fixnseg.hoc) with the
// length constant from LambdaF (3-D points) or LambdaFCylinder: the
// smallest odd nseg such that every segment is at most d_lambda of the AC
// length constant at frequency f (default 100 Hz, d_lambda 0.1).
package morph
