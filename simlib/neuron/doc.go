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
// Parameter names are one vocabulary across the models: PyNN's names where
// PyNN has the parameter, as Go identifiers (Cm, TauM, VRest, VThresh,
// VReset, TauRefrac, IOffset, DeltaT, TauW, VSpike, GLeak, ERev...), the
// same name for the same meaning in every model (VSpike is where a spike
// is detected in AdEx, Izhikevich and HH) and distinct names for distinct
// meanings (Izhikevich's VThresh is a threshold, HH's VOffset a shift of
// its rate functions). docs/simlib.md, "Parameter names", lists every field
// beside its PyNN, Brian2 and NEST names.
//
// Units: ms, mV, pF, nS, pA, Hz (see package units).
package neuron
