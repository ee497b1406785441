// Package scheme names the integration methods a population can use.
//
//   - Exact: exact propagators for linear dynamics (LIF with current-based
//     synapses, all synaptic kinetics). For the membrane, synaptic currents
//     evolve within the step exactly as their kinetics dictate (NEST's
//     iaf_psc_exp scheme); injected currents are constant over the step.
//   - ExpEuler: exponential Euler: each variable is advanced exactly for
//     one step with the other variables (and conductances) frozen at their
//     values at the start of the step (Brian2's exponential_euler; for HH,
//     the Rush-Larsen scheme).
//   - Euler: forward Euler from the state at the start of the step; available
//     for every model (the seed notebook's choice).
//
// Default lets each model choose its documented scheme.
package scheme
