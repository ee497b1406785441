// Package synapse describes postsynaptic receptors: the kinetics of the
// current or conductance that a spike causes, and whether it is a current
// (pA, adds to the membrane) or a conductance (nS, with a reversal potential
// E in mV, drives g·(E-v)).
//
// Kinetics, one file each, all linear:
//
//   - Delta: an instantaneous jump of the membrane potential by w mV
//     (current-based only; NEST's iaf_psc_delta).
//   - Exp{Tau}: s jumps by w and decays with Tau (PyNN's *_exp).
//   - Alpha{Tau}: w·(t/Tau)·e^(1-t/Tau), peak w at t = Tau (PyNN's *_alpha).
//   - BiExp{Rise, Decay}: difference of exponentials normalised to peak w.
//
// The engine steps every kinetics through its Linear form, a propagator
// matrix of at most two states, computed once at build time: exact unless
// the population uses forward Euler. The weight of a spike is the peak of the
// receptor's output (pA or nS; mV for Delta).
//
//	exc := synapse.CondExp(5, 0)    // tau 5 ms, ERev 0 mV
//	inh := synapse.CondExp(10, -80) // tau 10 ms, ERev -80 mV
//	ampa := synapse.Receptor{Kinetics: synapse.BiExp{Rise: 0.5, Decay: 2}, Conductance: true, ERev: 0}
package synapse
