// Package simlib is golgi's spiking-network simulator: point neurons,
// synapses with delays, connection rules, stimuli, recorders and analysis,
// in pure Go.
//
// # Units
//
// Every quantity is a plain float64 in one internal system (package units):
// ms, mV, pF, nS, pA, Hz (rates), µm. The system is consistent:
// nS·mV = pA and pF·mV/ms = pA, so C·dv/dt = g·(E-v) + I needs no factors.
//
// # The step
//
// A network advances in steps of dt. Update n takes the state from
// t=(n-1)·dt to t=n·dt in a fixed order (NEST's), pinned by a test:
//
//  1. every population advances its continuous state (membrane and synaptic
//     state) by one dt from the state at the start of the step: the membrane
//     sees synaptic input and injected current as they were at the start of
//     the step (exact propagators where the model is linear, otherwise the
//     model's documented scheme; forward Euler is available for every model);
//  2. spikes due at update n are read from each receptor's delay ring slot
//     and added to synaptic state: they act on the membrane from update n+1;
//  3. threshold, reset and refractoriness give the spikes of update n,
//     stamped with time n·dt;
//  4. spikes are pushed through the projections' CSR rows into ring slots of
//     update n+d (delays rounded once, at build time, to d >= 1 steps);
//  5. recorders sample.
//
// # Packages
//
//   - units: conversion constants into the internal system
//   - scheme: integration methods (Exact, ExpEuler, Euler)
//   - param: the typed parameter error and the checked conversion of times to steps
//   - rng, dist: per-entity random streams and distributions
//   - neuron: point models and spike sources
//   - synapse: receptor kinetics (delta, exponential, alpha, bi-exponential)
//   - connect: connection rules producing CSR tables
//   - stimulus: injected currents
//   - network: the engine (build, validate, step, deliver, run)
//   - plasticity: STDP (pair, triplet) and Tsodyks-Markram synapse models
//   - record: spike, state, rate and synapse (weight) recorders
//   - analysis: rates, ISI CV, synchrony, smoothing
//   - models: networks from the literature and the seed documents
//   - runlog: run summaries reported to the golgi kernel
//   - pmath: elementary functions with the same bits on every architecture
//
// # The same bits on every machine
//
// Results are bit-identical on amd64 (any GOAMD64 level) and arm64: every
// product that meets an addition is rounded explicitly, float64(x*y), so
// the compiler cannot fuse it into a multiply-add (math.FMA where a fused
// operation is meant); exponentials, logarithms and powers come from pmath
// and normal numbers from rng.Normal, not from math and math/rand/v2, whose
// results depend on the architecture. The tests of simlib/internal/crossarch
// enforce both and compare an arm64 build run under qemu with amd64.
package simlib
