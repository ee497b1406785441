// Package models builds networks from the literature and from the seed
// documents golgi started from:
//
//   - IzhikevichTriad: three Izhikevich cells in a ring with delayed
//     conductance synapses (the Izhikevich triad seed notebook);
//   - VA: the Vogels-Abbott balanced network, COBA and CUBA, with the
//     parameters of PyNN's VAbenchmarks.py (Brette et al. 2007, benchmarks
//     1 and 2; PyNN's VA COBA/CUBA benchmark);
//   - RSFS: ntwk's recurrent AdEx network of regular-spiking excitatory and
//     fast-spiking inhibitory cells with a time-varying afferent drive
//     (ntwk's AdEx network library).
//
// Each returns a *network.Network ready to run, with the recorders named in
// its doc, and a parameter struct with a Default constructor so that sweeps
// can vary any field.
package models
