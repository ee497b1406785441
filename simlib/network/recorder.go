package network

// Recorder observes a network as it runs (see package record for spike,
// state and rate recorders). The engine calls it at fixed points of the
// step; a new recorder is one type implementing these methods.
type Recorder interface {
	// Attach is called once when the network is built (or when the
	// recorder is added to a built network); it checks the recorder
	// against the network (population and variable names).
	Attach(v View) error
	// Reserve is called before each chunk of a run (a few milliseconds of
	// wall time) with the number of updates it will make, so the recorder
	// can make room and allocate nothing while stepping.
	Reserve(steps int64)
	// Sample is called with the state after update step (0: the initial
	// state) for neurons [lo, hi) of population pop, from the goroutine
	// that owns those neurons: calls for disjoint ranges run concurrently.
	Sample(step int64, pop, lo, hi int)
	// Spikes is called from one goroutine after every update step, for
	// every population pop, with its spikes: the neuron indices in chunks,
	// ascending across chunks (possibly none).
	Spikes(step int64, pop int, chunks [][]int32)
}

// RunSizer is implemented by recorders whose data grows by a known amount
// per update (state and rate recorders): before a run the network adds
// RunBytes(steps) of every such recorder to its memory estimate and refuses
// a run that would not fit MaxMemory.
type RunSizer interface {
	RunBytes(steps int64) float64
}

// View is what recorders see of a built network.
type View interface {
	// ID identifies the network: unique among the networks of the process
	// (a recorder attaches to one network only).
	ID() uint64
	DT() float64
	// Lookup returns the index and size of the population called name.
	Lookup(name string) (pop, size int, ok bool)
	// Name returns the name of population pop.
	Name(pop int) string
	// Var returns the live state slice of variable name of population pop
	// (model variable or receptor state), or nil.
	Var(pop int, name string) []float64
	// Vars lists population pop's variables.
	Vars(pop int) []string
	// Projections returns the network's projections (a synapse recorder
	// checks that its projection is one of them).
	Projections() []*Projection
	// Group resolves a population or a view of one (see Group): the
	// index and size of its population, and its neurons as population
	// indices, ascending (nil when it is the whole population). A nil
	// group, a bad view or a population of another network is an error.
	Group(g Group) (pop, size int, neurons []int, err error)
}

type view struct{ n *Network }

func (v view) ID() uint64  { return v.n.id }
func (v view) DT() float64 { return v.n.DT() }
func (v view) Lookup(name string) (int, int, bool) {
	p := v.n.byName[name]
	if p == nil {
		return 0, 0, false
	}
	return p.index, p.size, true
}
func (v view) Name(pop int) string                { return v.n.pops[pop].name }
func (v view) Var(pop int, name string) []float64 { return v.n.pops[pop].Var(name) }
func (v view) Vars(pop int) []string              { return v.n.pops[pop].Vars() }
func (v view) Projections() []*Projection         { return v.n.projs }
func (v view) Group(g Group) (int, int, []int, error) {
	m, err := v.n.resolve(g)
	if err != nil {
		return 0, 0, nil, err
	}
	if m.whole() {
		return m.p.index, m.p.size, nil, nil
	}
	neurons := make([]int, m.size())
	for k := range neurons {
		neurons[k] = m.at(k)
	}
	return m.p.index, m.p.size, neurons, nil
}

// Digester is implemented by recorders whose data is part of the network's
// Fingerprint (package record's State and Rate; spike recorders need not:
// every spike is hashed already).
type Digester interface {
	// Digest returns a hash of everything recorded so far: exact bits, in
	// an order that does not depend on the number of workers, nor on how
	// the recording was split into runs. The network calls it after runs,
	// never while stepping; a recorder hashes only what is new since the
	// previous call, and starts again from its whole data when that is
	// restored (the run cache).
	Digest() []byte
}
