package network

import (
	"errors"
	"fmt"
)

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

// The recorder life cycle. A recorder that keeps its data in memory needs
// none of this; one that hands its data on during a run (to a file, as
// package record's streams do) has optional abilities, found by type
// assertion when it is attached, so that the engine special-cases no
// recorder:
//
//   - Flusher: Flush is called at the end of every run, however the run
//     ends (done, cancelled, fault), after the last state was sampled, so
//     that when Run returns the recorder's output is complete and readable
//     up to there; and between chunks of a run (every few milliseconds of
//     wall time, on the goroutine that runs the network, never while
//     stepping) when FlushDue says so.
//   - Chunker: MaxChunk bounds the updates of one chunk (between two calls
//     of Reserve), so that a recorder's buffer stays bounded.
//   - Closer: Network.Close calls Close (which must flush first).
//
// An error from Flush stops the run after the chunk that just ended, with a
// *RecorderError naming the recorder and what failed; everything recorded
// before is kept (other recorders are flushed still), and the network, like
// after a fault, refuses to run further.

// Flusher is implemented by recorders that write their data out during a
// run (see the life cycle above).
type Flusher interface {
	// FlushDue reports whether the recorder asks for Flush now. It is
	// called after every chunk of a run and must be cheap.
	FlushDue() bool
	// Flush makes everything recorded so far durable and readable; it
	// returns the first error met writing (sticky: every later Flush
	// returns it too).
	Flush() error
}

// Chunker is implemented by recorders whose buffer must hold a whole chunk
// of a run: MaxChunk returns the most updates a chunk may have (0: no
// limit).
type Chunker interface {
	MaxChunk() int64
}

// Closer is implemented by recorders that hold a resource (a file): Close
// flushes and releases it. Network.Close calls it.
type Closer interface {
	Close() error
}

// RecorderError is the error of a run stopped by a recorder (a Flusher
// whose Flush failed), or of Network.Close.
type RecorderError struct {
	Index    int      // the recorder's index, in the order it was added
	Recorder Recorder // the recorder
	Op       string   // "flush" or "close"
	Step     int64    // the update reached when it failed
	T        float64  // the time then (ms)
	Err      error
}

func (e *RecorderError) Error() string {
	what := fmt.Sprintf("%T", e.Recorder)
	if s, ok := e.Recorder.(fmt.Stringer); ok {
		what = s.String()
	}
	if e.Op == "close" {
		return fmt.Sprintf("network: recorder %d (%s): close failed: %v", e.Index, what, e.Err)
	}
	return fmt.Sprintf("network: recorder %d (%s): %s failed at t = %v ms (update %d): %v; the run stopped there, everything recorded before is kept, and the network will not run further", e.Index, what, e.Op, e.T, e.Step, e.Err)
}

func (e *RecorderError) Unwrap() error { return e.Err }

// flushAll flushes every Flusher; it returns the first error, and flushes
// the others still.
func (n *Network) flushAll() error {
	var first error
	for k, r := range n.recs {
		if f, ok := r.(Flusher); ok {
			if err := f.Flush(); err != nil && first == nil {
				first = &RecorderError{Index: k, Recorder: r, Op: "flush", Step: n.steps, T: n.Time(), Err: err}
			}
		}
	}
	return first
}

// flushDue flushes the Flushers that ask for it, between chunks.
func (n *Network) flushDue() error {
	for _, k := range n.flushers {
		f := n.recs[k].(Flusher)
		if f.FlushDue() {
			if err := f.Flush(); err != nil {
				return &RecorderError{Index: k, Recorder: n.recs[k], Op: "flush", Step: n.steps, T: n.Time(), Err: err}
			}
		}
	}
	return nil
}

// noteRecorder resolves a recorder's optional life-cycle abilities when it
// is attached.
func (n *Network) noteRecorder(k int, r Recorder) {
	if _, ok := r.(Flusher); ok {
		n.flushers = append(n.flushers, k)
	}
	if c, ok := r.(Chunker); ok {
		n.chunkers = append(n.chunkers, c)
	}
}

// maxChunk is the most updates of a chunk the recorders allow.
func (n *Network) maxChunk() int64 {
	m := int64(1 << 20)
	for _, c := range n.chunkers {
		if l := c.MaxChunk(); l > 0 && l < m {
			m = l
		}
	}
	return m
}

// Close flushes and closes the recorders that hold a resource (Closer:
// package record's streams close their sinks), and returns their errors,
// joined (each a *RecorderError). The network will not run after it; a
// second Close does nothing. Close while a run is in progress is an error.
func (n *Network) Close() error {
	if !n.running.CompareAndSwap(false, true) {
		return errors.New("network: Close called while a run of the network is in progress: close it after Run returns")
	}
	defer n.running.Store(false)
	if n.closed {
		return nil
	}
	n.closed = true
	var errs []error
	for k, r := range n.recs {
		if c, ok := r.(Closer); ok {
			if err := c.Close(); err != nil {
				errs = append(errs, &RecorderError{Index: k, Recorder: r, Op: "close", Step: n.steps, T: n.Time(), Err: err})
			}
		}
	}
	return errors.Join(errs...)
}
