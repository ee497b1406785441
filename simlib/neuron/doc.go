// Package neuron holds point-neuron models and spike sources, one file each.
//
// A Model is a plain parameter struct with units in its field comments and
// a Default constructor (DefaultLIF, DefaultIzhikevich, ...). Params copy
// freely, which makes sweeps trivial. The engine (package network) builds a
// population from a Model by calling New, which returns the population's
// Dynamics: its state as a structure of arrays (one slice per variable) and
// two methods the engine calls once per population and step, never per
// neuron:
//
//   - Advance moves the continuous state by one dt from the state at the
//     start of the step, given the synaptic and injected input (Input);
//   - Spike applies threshold, reset and refractoriness and appends the
//     indices of the neurons that fired.
//
// Models: LIF (current- or conductance-based input, PyNN's IF_curr_* and
// IF_cond_* semantics), AdEx (ntwk's parameterisation), Izhikevich (the
// seed notebook's form), HH (Traub-Miles). Spike sources are populations
// too: PoissonSource (constant or time-varying rate), SpikeTimes, and
// GaussianDrive (HNN's evoked drive).
//
// Units: ms, mV, pF, nS, pA, Hz (see package units).
package neuron
