// Package rng derives independent random streams from one master seed.
//
// simlib has no global random generator. Each stochastic entity (a
// connection rule's row, a Poisson source neuron, a population's initial
// state, a sweep point) draws from its own stream, derived from the master
// seed and the entity's keys by a SplitMix64 chain. Streams do not depend on
// the order in which entities are used, so results are bit-identical for any
// number of workers.
//
//	s := rng.New(seed, rng.Key("projection"), 3, uint64(row))
//	x := s.Float64()
//
// Normal draws standard normal numbers and Exp exponential numbers with
// the same bits on every architecture (math/rand/v2's NormFloat64 and
// ExpFloat64, whose values they give on amd64 below GOAMD64=v3, do not
// have them on arm64).
package rng
