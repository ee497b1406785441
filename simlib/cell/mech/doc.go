// Package mech holds the membrane mechanisms of compartmental cells
// (package cell) and the small interface they implement: density
// mechanisms (Density: Pas, HH, and hnn-core's HH2, Km, Ca, Cad, KCa, CaT,
// Ar) and point processes (Point: ExpSyn, Exp2Syn, IClamp, SEClamp), in NEURON's units (mV, ms, mA/cm², S/cm²,
// nA, µS). Each is NEURON's .mod file written in Go, in the floating-point
// operations nocmodl generates (the difference-quotient conductance,
// cnexp's update, hh's rate table), so that traces agree with NEURON's to
// about 1e-10 mV.
//
// # Writing a channel
//
// A new channel is one Go file with two types:
//
//   - the parameters, a plain struct implementing Density: Name (the NEURON
//     suffix; variables are recorded as name_suffix), Validate(Env)
//     (return a *ParamError, e.g. with NonNegative, for a bad field; Env
//     carries dt and celsius for checks such as a dt too large for the
//     channel), New(params, Context);
//   - the state, implementing Instance, as a structure of arrays over all
//     the segments that carry the channel in all cells (params[i] and
//     Context.Node[i] belong to location i): Vars and Var for recording,
//     Init (INITIAL: states from v), Current (BREAKPOINT: for each location
//     subtract the current density from Step.RHS and add dI/dv to Step.D
//     at its node, from v at the start of the step), Advance (the states
//     over one step with the new v, e.g. x += (1 - exp(-dt/τ))·(x∞ - x)).
//
// A channel carried by an ion implements IonUser (Ions() []string) and
// reads Context.Ions[name].E (the reversal potential per node), adding its
// current and conductance to the ion's I and DIDV; Ci and Co are the
// concentrations (a mechanism writing Ci, as Cad, also sets E with
// Nernst). A point process is the
// same with Point instead of Density: its currents are in nA and it
// converts them with 100/Context.Area[i]; if it takes events (a synapse)
// its Instance also implements Receiver. The package example (KSlow) is a
// complete channel; package mechtest checks any mechanism for conformance
// (ranges respected, conductance = slope of the current, finite states,
// determinism) in one line of a test.
//
// Per step the cell calls every Current, solves the cable equation, then
// every Advance; methods get ranges [lo, hi) of locations covering whole
// cells, and must touch only those.
package mech
