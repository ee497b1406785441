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
//     (ntwk's AdEx network library);
//   - SongAbbott: Song, Miller & Abbott (2000)'s STDP network, 1000 Poisson
//     inputs onto one LIF cell through additive pair STDP, as Brian2's
//     documentation example "synapses/STDP" runs it.
//
// Each constructor has one shape: it takes a parameter struct (with a
// Default constructor, so that sweeps can vary any field) and returns a
// model and an error,
//
//	m, err := models.VANetwork(models.DefaultCOBA())
//
// where the model (VAModel, TriadModel, RSFSModel, SongAbbottModel) embeds the network,
// ready to run (m.Run(1000), m.Summary()), and the recorders named in the
// constructor's doc (m.Exc); m.Network is the *network.Network itself. The
// error reports parameters that make no network; the network reports the
// values its engine refuses when it is built or run.
//
// Parameter names follow one vocabulary (PyNN's names where PyNN has the
// parameter): see the neuron package and docs/simlib.md, "Parameter names".
package models
