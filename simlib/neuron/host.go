package neuron

// Site is where the synapses of a projection act on neurons that own their
// synapse instances (a SynapseHost, such as a compartmental cell): a section,
// a position along it and a synapse type. Point models have no sites; their
// synapses are the population's receptors.
type Site struct {
	Section string  // section name, e.g. "soma", "dend"
	X       float64 // position along the section, 0..1 (NEURON's x; the host picks the segment)
	// Synapse is the host's synapse type with its parameters, a value of one
	// of the types its package documents (for package cell: cell.ExpSyn,
	// cell.Exp2Syn).
	Synapse any
}

// SiteEvent is one spike arriving at a synapse instance of a SynapseHost.
type SiteEvent struct {
	Neuron int32   // target neuron of the population
	Site   int32   // site index returned by AddSite
	Weight float64 // the connection's weight, in the host's unit (NEURON's NetCon weight: µS)
}

// SiteChecker is implemented by models whose neurons own their synapses:
// the engine checks every site a projection names with CheckSite (with the
// network's step dt, which point processes may need) while it
// validates the network, before anything is allocated. The error names the
// field, its value and what is allowed (the sections the cell has, the
// synapse types it accepts).
type SiteChecker interface {
	CheckSite(s Site, dt float64) error
}

// SynapseHost is implemented by the Dynamics of models that are
// SiteCheckers. While building, the engine calls AddSite once for every
// distinct site of every projection onto the population (the same site on
// every neuron of the population) and keeps the index it returns; a host
// may return the same index for sites that resolve to the same synapse
// instance (same segment, same kinetics: the synapses are linear, so their
// inputs sum).
//
// After the last AddSite, and before the first step, the engine calls
// SitesDone once: the host allocates its synapse instances; an error (the
// host's own inconsistency, e.g. an initial condition set on a variable it
// only reports) is returned by the network's Build.
//
// During a run, Receive is called for neurons [lo, hi) after Advance of
// update step and before Spike, with the events due at update step for
// those neurons: they are added to the synapses' state and act on the
// membrane from update step+1, as receptors' spikes do (NEURON: an event
// delivered at t acts in the step from t to t+dt). Every neuron's events
// come in the same order whatever the number of workers: by delivering
// update, then projection, then source neuron, then table order. The slice
// is the engine's; Receive must not keep it.
type SynapseHost interface {
	AddSite(s Site) (site int, err error)
	SitesDone() error
	Receive(step int64, lo, hi int, ev []SiteEvent)
}

// Footprint is implemented by models whose neurons are large (compartmental
// cells): the engine's memory check then counts BytesPerNeuron for each of
// the population's neurons instead of a point neuron's few variables.
type Footprint interface {
	BytesPerNeuron() float64
}

// Cost is implemented by models whose neurons cost more to update than a
// point neuron (compartmental cells): UpdateCost is one neuron's update in
// point-neuron updates (about 8 per hh compartment: a COBA LIF update
// takes about 11 ns, an hh compartment-step about 90 ns). The engine's
// automatic number of workers counts neurons weighted by it.
type Cost interface {
	UpdateCost() float64
}
