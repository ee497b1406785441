// Package hnn is HNN-core's neocortical column (Jones et al. 2009,
// Neymotin et al. 2020) on golgi's compartmental cells: the mesh of
// pyramidal and basket cells with hnn-core's positions, its connection
// rules (Gaussian distance-dependent weights, delays growing as
// exp(+d²/λ²)), evoked, Poisson and bursty drives (or replayed event
// times), tonic biases, and the current dipole of the pyramidal cells
// per layer and aggregate, as hnn-core computes it.
//
// The column is a network.Network: one cell.Population per cell type, a
// projection per connection rule and target section, one SpikeTimes
// source per drive→cell pair. See docs/simlib.md.
package hnn
