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
// 4 apical dendrite; any other type is kept as "custom<type>" (NEURON's
// Import3d names them dend too; golgi keeps the type in the name so a
// marker like 5 or 7 is not lost). Samples may come in any order; ids must
// be unique, parents must exist, there must be exactly one root and no
// cycle, and every radius must be positive and every coordinate finite.
//
// Sections are formed as NEURON's Import3d does: a section starts at the
// root or at a child of a branch point (a sample with two or more children)
// or where the type changes, and runs through samples with exactly one
// child. A section whose parent is not the soma begins with a copy of its
// parent sample (so consecutive sections share their end point, as in
// NEURON) and attaches at the parent's 1 end; children of the soma begin
// with their own first sample and attach to the soma at the arc position
// of their parent sample along the soma (0.5 for one- and three-point
// somata).
//
// Soma conventions supported:
//   - a single soma sample of radius r: a cylinder along y through it,
//     L = diam = 2r (the area of the sphere of radius r), as NEURON makes it;
//   - the NeuroMorpho three-point soma (a centre sample and two samples at
//     ±r along y, all of radius r): the same cylinder;
//   - a traced soma: a chain of type-1 samples, used as the points of an
//     unbranched section like any other (a stack of frusta).
//
// A soma outline (a closed contour of type-1 samples, first and last
// sample at the same place) and a soma of several disconnected pieces are
// refused with an error: NEURON's Import3d turns contours into an
// equivalent cylinder by a principal-axis construction that golgi does
// not reproduce.
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
// agree to the last bits.
//
// # nseg
//
// NsegDLambda applies NEURON's d_lambda rule (fixnseg.hoc): the smallest
// odd nseg such that every segment is at most d_lambda of the AC length
// constant at frequency f (default 100 Hz, d_lambda 0.1).
package morph
