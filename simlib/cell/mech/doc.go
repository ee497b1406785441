// Package mech holds the membrane mechanisms of compartmental cells
// (package cell) and the small interface they implement: density
// mechanisms (Density: pas, hh, ...) and point processes (Point: ExpSyn,
// Exp2Syn, IClamp, ...), in NEURON's units (mV, ms, mA/cm², S/cm², nA, µS).
//
// A mechanism's parameters are a plain struct; New allocates an Instance
// that keeps the state of every location carrying the mechanism as a
// structure of arrays, cell-major. Per step the cell calls Current (add
// the membrane current to the right-hand side and dI/dv to the diagonal,
// from v at the start of the step, as NEURON's nrn_cur) and, after the
// voltage update, Advance (the states, as nrn_state with cnexp).
package mech
