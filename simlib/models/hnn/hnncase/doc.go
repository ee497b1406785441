// Package hnncase runs one of hnn-core's cells (package hnn) on a
// stimulus described as JSON (current steps, synaptic events on a group
// or a section, recorded variables), the form compare/hnn_cells.py gives
// NEURON and golgi alike; the tests replay NEURON's results without
// NEURON.
package hnncase
