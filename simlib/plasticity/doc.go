// Package plasticity holds the synapse models of a projection whose
// synapses change with spikes: spike-timing-dependent plasticity (Pair,
// Triplet) and short-term depression and facilitation (TsodyksMarkram).
// A rule is set on a projection's network.Synapse.Plasticity; nil keeps
// static weights (the engine's old delivery path, untouched).
//
//	net.Connect(in, out, connect.AllToAll{}, network.Synapse{ // populations or views
//		Receptor:   "exc",
//		Weight:     dist.Const(0.5),
//		Delay:      dist.Const(1),
//		Plasticity: plasticity.DefaultPair(),
//	})
//
// Every synapse keeps its own state (weight, traces, the update of its
// last event) as Brian2's event-driven synaptic variables do, and the
// traces are decayed exactly, at events only: x ← x·exp(-Δt/τ) with
// pmath.Exp. Times are whole steps: Δt = (steps between the events)·dt.
//
// Timing (NEST's definition of delays): a synapse's delay d (Synapse.Delay)
// is axonal plus dendritic, d = d_ax + d_dend, with d_dend the rule's
// Dendritic delay (0 by default). A presynaptic spike at update s reaches
// the synapse at s + d_ax; the synapse then reads its weight for the
// postsynaptic potential (which reaches the soma d_dend later, at s + d,
// as a static synapse's would) and updates itself; a postsynaptic spike at
// update m reaches the synapses onto its neuron at m + d_dend. Events at
// the same synapse time go presynaptic first, then postsynaptic (Brian2's
// order: the on_pre pathway before on_post). With Dendritic = 0 a rule is
// Brian2's Synapses with delay d on the pre pathway and none on the post
// pathway; with Dendritic = d it has the timing of NEST's stdp_synapse
// (delay completely dendritic), except that NEST sends the weight after
// the spike's own depression and golgi, as Brian2's documented STDP
// example (on_pre: ge += w first), before it. See docs/simlib.md for the
// equations and their Brian2 form.
//
// Models, one file each:
//
//   - Pair: pair-based STDP with a pre and a post trace, additive or
//     multiplicative weight dependence, weight bounds, all-to-all or
//     nearest-spike pairing (Song, Miller & Abbott 2000; van Rossum et al.
//     2000; Morrison et al. 2008).
//   - Triplet: Pfister & Gerstner (2006)'s triplet rule, all-to-all or
//     nearest-spike (their minimal model is A3Minus = 0).
//   - TsodyksMarkram: short-term depression and facilitation (Tsodyks,
//     Pawelzik & Markram 1998; NEST's tsodyks2_synapse).
//
// A rule is parameters (Rule); the engine asks it for the state of a
// projection's synapses (New) and hands that state the synapses' events
// in the documented order (Synapses.Pre, Synapses.Post). A new rule is one
// file that implements both.
package plasticity
