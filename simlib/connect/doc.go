// Package connect holds connection rules, each producing a CSR table of
// synapses sorted by source, with targets ascending within each row.
//
// Rules: AllToAll, OneToOne, FixedProbability, FixedInDegree,
// FixedOutDegree, FixedTotal, Distance (probability decaying with the
// distance between positions in the plane), List and Matrix. Autapses (a
// neuron onto itself, when a projection connects a population to itself)
// are excluded unless the rule's Autapses field is true; multapses are
// never made.
//
// A stochastic rule draws each row (or column, for FixedInDegree) from its
// own stream (package rng) derived from the projection's seed, so the table
// is the same whatever the number of workers.
//
//	t, err := connect.FixedProbability{P: 0.02}.Build(3200, 4000, false, seed)
package connect
