// Package cellcase is the JSON case format shared by golgi and NEURON in
// the side-by-side script compare/neuron_cells.py: a cell (sections with
// NEURON's names for geometry and mechanism parameters, point processes
// with event times), the run settings and what to record. Run builds the
// case with package cell, runs it and returns the traces in the same
// form the script records them from NEURON.
//
// The mechanism tables Densities and Points map NEURON names ("hh", "pas",
// "Exp2Syn", ...) to constructors from NEURON's parameter names; a new
// mechanism is added by adding an entry.
package cellcase
