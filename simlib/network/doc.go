// Package network is simlib's engine: it builds a network of populations
// and projections, validates every parameter before anything runs, and
// steps it in the documented order (see package simlib).
//
// A network is a value; two can run side by side. Building is declarative
// and errors are collected: every mistake (a negative time constant, a
// probability outside [0, 1], an unknown population, a network too large
// for memory) is reported together, naming the object, the field, the value
// and what is allowed, when Build or the first Run is called. Errors stay:
// after one, every Build and Run returns it, so a network never runs
// without a part that was refused (make it again with New). Every time that
// becomes a step count goes through param.Steps, which refuses NaN, ±Inf,
// negative times and counts that would overflow.
//
//	net := network.New(network.Options{DT: 0.1, Seed: 42})
//	exc := net.AddPopulation("exc", 3200, neuron.DefaultLIF()).
//		Receptor("exc", synapse.CondExp(5, 0)).
//		Receptor("inh", synapse.CondExp(10, -80)).
//		Init("v", dist.Uniform{Low: -60, High: -50})
//	net.Connect(exc, exc, connect.FixedProbability{P: 0.02},
//		network.Synapse{Receptor: "exc", Weight: dist.Const(4), Delay: dist.Const(0.2)})
//	spikes := record.NewSpikes(exc)
//	net.Record(spikes)
//	err := net.Run(1000) // ms; call again to continue
//
// # Populations and views
//
// AddPopulation returns the population's handle; Connect, Inject and the
// recorders take a handle or a view of some of its neurons
// (Population.Slice, Population.Select: a PopulationView), both a Group.
// A projection between views is a projection between the populations
// whose table covers only the views' rows and columns (the rule numbers
// each view's neurons from 0), with a stream key of its own (see
// projectionKeys), so the Vogels-Abbott network can be one population
// with two views (ExamplePopulation_Slice). A stimulus on a view drives
// only its neurons, a recorder of a view records only its neurons,
// numbered within it.
//
// # Data layout
//
// State is a structure of arrays: one slice per variable per population.
// Projections are CSR tables sorted by source. Each receptor of a target
// population has a ring buffer of D slots (D-1 the longest delay in steps):
// a spike of update n with delay d adds its weight to slot (n+d) mod D,
// which update n+d reads and clears.
//
// # Synapse instances
//
// A population whose model owns its synapses (neuron.SiteChecker and
// neuron.SynapseHost: compartmental cells, package cell) takes projections
// that name a site (Synapse.Site: section, position, synapse type) or a
// distribution of sites (Synapse.Spread) instead of a receptor; each spike
// reaches the target's synapse instance as an event (neuron, site,
// weight) after its delay, in the same order for any number of workers.
//
// # Workers and determinism
//
// Workers own contiguous ranges of every population. Updates go in windows
// as long as the shortest delay (a spike cannot arrive within the window
// it was emitted in): (A) advance, receive, threshold for the worker's
// neurons, for every update of the window; one barrier; (B) delivery of
// the window's spikes, update by update, into the rings of the worker's own
// target range, reading every source's spikes in neuron order. Every target thus
// receives its inputs in the same order whatever the number of workers, and
// random streams are per entity (package rng): results are bit-identical
// for any Workers. Summary().Fingerprint hashes every spike and every
// sample of the state and rate recorders (see Fingerprint).
//
// # Run reports
//
// Every run that starts is reported (package runlog) when it ends, however
// it ends: completed, cancelled, interrupted by SIGINT or SIGTERM (a plain
// Run too: package interrupt), failed or panicking, with the steps it made
// of those asked and the time it reached.
//
// A NaN or Inf in a model variable (or a model's own fault, such as a
// PoissonSource.RateFunc returning NaN) stops the run, at the end of the
// window in progress, with a *FaultError naming the population, neuron,
// variable and time; what recorders hold is kept.
package network
