package record

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/golgi-sim/golgi/simlib/network"
)

// StateStream records a state variable of chosen neurons every few steps,
// as State does, but keeps only a chunk of samples in memory: full chunks
// go to a background goroutine that writes them to a Sink (see SpikeStream
// for flushing, closing and errors). Its part of the network's Fingerprint
// is State's exactly (the same samples hash the same), so a run's
// fingerprint does not depend on whether it streamed. It bounds the chunks
// of a run (network.Chunker) so that a chunk of samples holds a whole
// chunk of the run.
type StateStream struct {
	cfg  *State // configuration, neurons and source (its Attach checks them)
	sink Sink
	opt  StreamOptions
	life[stateChunk]
	cur     *stateChunk
	rows    int  // samples per chunk
	started bool // the first Sample came (Attach's, from one goroutine)
	k0      int64
	n       int64 // samples handed on
	dg      digest
}

// stateChunk is a chunk of samples: row r (sample index first+r) is
// vals[r·K:(r+1)·K], the neurons in the order given.
type stateChunk struct {
	first int64
	n     int // complete rows (set by the worker that owns the first neuron)
	vals  []float64
	steps []int64     // filled when written
	view  [][]float64 // filled when written
}

// NewStateStream streams variable of the given neurons of g (a population
// or a view of one; nil neurons: all of them) to sink every interval ms (as
// NewState), with DefaultStreamOptions, except a chunk of about 1 MB.
func NewStateStream(sink Sink, g network.Group, variable string, neurons []int, interval float64) *StateStream {
	s := &StateStream{cfg: NewState(g, variable, neurons, interval), sink: sink, k0: -1}
	s.SetOptions(StreamOptions{})
	return s
}

// SetOptions sets the stream's options (before it is added to a network;
// zero fields take the defaults).
func (s *StateStream) SetOptions(o StreamOptions) *StateStream {
	chunk := o.Chunk
	s.opt = o.withDefaults()
	s.opt.Chunk = chunk // 0: about 1 MB, known when attached
	return s
}

func (s *StateStream) String() string {
	return fmt.Sprintf("state stream of %q.%s", s.cfg.label, s.cfg.variable)
}

func (s *StateStream) Attach(v network.View) error {
	if err := s.usable(s.String(), s.sink, s.opt); err != nil {
		return err
	}
	if err := s.cfg.Attach(v); err != nil {
		return err
	}
	s.cfg.vals = nil // the stream keeps its samples in chunks
	if s.st == nil {
		k := len(s.cfg.neurons)
		s.rows = s.opt.Chunk
		if s.rows == 0 {
			s.rows = max(16, (1<<20)/(8*k))
		}
		size := (s.rows + 4) * k // room for a whole chunk of the run (MaxChunk)
		alloc := func() *stateChunk { return &stateChunk{vals: make([]float64, size)} }
		s.st = newStreamer(s.sink, s.opt, s.write, func(c *stateChunk) { c.n = 0 }, alloc)
		s.cur = alloc()
		s.hand = s.handOn
		s.full = func() bool { return s.cur.n > 0 }
	}
	return nil
}

// MaxChunk bounds the updates of a chunk of the run to a chunk of samples
// (network.Chunker).
func (s *StateStream) MaxChunk() int64 {
	if s.rows == 0 {
		return 0
	}
	return int64(s.rows) * s.cfg.every
}

// Reserve makes room for the samples of the coming chunk of the run,
// handing the full chunk on first (every sample in it is complete: this
// runs between chunks).
func (s *StateStream) Reserve(steps int64) {
	need := int(steps/s.cfg.every) + 2
	k := len(s.cfg.neurons)
	if (s.cur.n+need)*k > len(s.cur.vals) {
		s.handOn()
		if need*k > len(s.cur.vals) { // a chunk longer than MaxChunk
			s.cur.vals = make([]float64, need*k)
		}
	}
}

// handOn hands the current chunk to the background goroutine, if it holds
// samples, and starts the next one after it.
func (s *StateStream) handOn() {
	c := s.cur
	if c.n == 0 {
		return
	}
	s.n += int64(c.n)
	next := c.first + int64(c.n)
	s.cur = s.st.send(c)
	s.cur.first, s.cur.n = next, 0
}

func (s *StateStream) Sample(step int64, pop, lo, hi int) {
	c := s.cfg
	if pop != c.idx {
		return
	}
	if !s.started { // the sample taken when attached: one goroutine
		s.started = true
		s.cur.first = (step + c.every - 1) / c.every
		s.k0 = s.cur.first
	}
	if step%c.every != 0 {
		return
	}
	r := int(step/c.every - s.cur.first)
	k := len(c.neurons)
	row := s.cur.vals[r*k : (r+1)*k]
	a, _ := slices.BinarySearch(c.sorted, lo)
	for j := a; j < len(c.sorted) && c.sorted[j] < hi; j++ {
		row[c.order[j]] = c.src[c.sorted[j]]
	}
	if a == 0 && len(c.sorted) > 0 && c.sorted[0] < hi {
		s.cur.n = r + 1 // only the owner of the first neuron
	}
}

func (s *StateStream) Spikes(int64, int, [][]int32) {}

// write hashes a chunk and writes it to the sink (on the background
// goroutine).
func (s *StateStream) write(c *stateChunk, sink bool) error {
	cfg, k := s.cfg, len(s.cfg.neurons)
	c.steps, c.view = c.steps[:0], c.view[:0]
	for r := range c.n {
		c.steps = append(c.steps, (c.first+int64(r))*cfg.every)
		c.view = append(c.view, c.vals[r*k:(r+1)*k])
	}
	d := &s.dg
	d.init()
	if !d.head {
		d.stateHeader(cfg.pop, cfg.variable, cfg.neurons, cfg.every, s.k0)
	}
	for _, v := range c.view {
		row := d.row(k)
		for j, x := range v {
			binary.LittleEndian.PutUint64(row[8*j:], math.Float64bits(x))
		}
	}
	d.flush(false)
	if !sink {
		return nil
	}
	return s.sink.WriteState(cfg.label, cfg.variable, cfg.neurons, c.steps, c.view)
}

// Digest returns the hash of the samples recorded so far, State's exactly
// (network.Digester). It waits for the chunks handed on to be hashed.
func (s *StateStream) Digest() []byte {
	if s.st != nil && !s.st.closed {
		s.handOn()
		s.st.sync('s')
	}
	s.dg.init()
	return s.dg.sum()
}

// Population returns the recorded population's name.
func (s *StateStream) Population() string { return s.cfg.label }

// Variable returns the recorded variable's name.
func (s *StateStream) Variable() string { return s.cfg.variable }

// Neurons returns the recorded neurons, in the order given.
func (s *StateStream) Neurons() []int { return s.cfg.neurons }

// Len returns the number of samples handed on (each of every neuron).
func (s *StateStream) Len() int64 { return s.n }
