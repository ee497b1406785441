package record

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"time"
)

// Sink is where a streaming recorder (SpikeStream, StateStream) writes its
// data during a run: package recording's StreamWriter writes Parquet part
// files. The recorder calls it from one background goroutine only, in the
// order the data was recorded, never from the engine's workers.
type Sink interface {
	// WriteSpikes writes spikes of population pop: spike k is of neuron
	// neurons[k] at update steps[k] (time steps[k]·dt), in order. The
	// slices are the recorder's: valid only during the call.
	WriteSpikes(pop string, steps []int64, neurons []int32) error
	// WriteState writes samples of variable of population pop: values[s][k]
	// is neuron neurons[k]'s value after update steps[s]. The slices are
	// the recorder's: valid only during the call.
	WriteState(pop, variable string, neurons []int, steps []int64, values [][]float64) error
	// Flush makes everything written so far durable and readable.
	Flush() error
	// Close flushes and releases the sink.
	Close() error
}

// StreamOptions tune a streaming recorder.
type StreamOptions struct {
	// Chunk is the spikes (SpikeStream) or samples (StateStream: one
	// sample is every recorded neuron's value at one time) the recorder
	// gathers before handing them to the sink; memory is a few chunks.
	// 0: DefaultStreamOptions' (a StateStream's default is about 1 MB).
	Chunk int
	// FlushEvery is the wall time between two flushes of the sink during
	// a run (s): a run killed mid-way leaves everything up to the last
	// flush. The end of every run flushes too. 0: DefaultStreamOptions'.
	FlushEvery float64
	// FlushAfter is the number of chunks after which a flush is due, even
	// if FlushEvery has not passed: a sink that buffers until it is
	// flushed (package recording's) then holds at most that many chunks.
	// 0: DefaultStreamOptions'.
	FlushAfter int
}

// DefaultStreamOptions are 65536 spikes per chunk and a flush every second
// or every 8 chunks.
func DefaultStreamOptions() StreamOptions {
	return StreamOptions{Chunk: 1 << 16, FlushEvery: 1, FlushAfter: 8}
}

// withDefaults fills the zero fields.
func (o StreamOptions) withDefaults() StreamOptions {
	d := DefaultStreamOptions()
	if o.Chunk == 0 {
		o.Chunk = d.Chunk
	}
	if o.FlushEvery == 0 {
		o.FlushEvery = d.FlushEvery
	}
	if o.FlushAfter == 0 {
		o.FlushAfter = d.FlushAfter
	}
	return o
}

// check refuses options that do not make sense, naming the recorder.
func (o StreamOptions) check(what string) error {
	if o.Chunk < 0 || o.Chunk > 1<<28 {
		return fmt.Errorf("%s: StreamOptions.Chunk = %d: must be in [1, %d], or 0 for the default", what, o.Chunk, 1<<28)
	}
	if !(o.FlushEvery >= 0 && o.FlushEvery <= 1e6) {
		return fmt.Errorf("%s: StreamOptions.FlushEvery = %v s: must be finite and in [0, 1e6] (0: the default, %v s)", what, o.FlushEvery, DefaultStreamOptions().FlushEvery)
	}
	if o.FlushAfter < 0 {
		return fmt.Errorf("%s: StreamOptions.FlushAfter = %d chunks: must be >= 1, or 0 for the default (%d)", what, o.FlushAfter, DefaultStreamOptions().FlushAfter)
	}
	return nil
}

// errClosed is the error of a stream written to after Close.
var errClosed = errors.New("the stream was closed (Close) while its network still ran: data of the run after it is lost")

// streamJob is one piece of work of a stream's background goroutine: write
// a chunk (and give its buffer back), flush, or close the sink; done gets
// the stream's first error when a flush or close is done.
type streamJob[C any] struct {
	chunk *C
	op    byte // 'w' write, 'f' flush, 'c' close
	done  chan error
}

// streamer runs a stream's background goroutine: chunks go to it through
// jobs, it writes them to the sink and returns the buffers through free.
// The recorder side (send, Flush, Close) runs on one goroutine at a time
// (the engine's), the sink only on the background goroutine.
type streamer[C any] struct {
	sink  Sink
	write func(c *C, sink bool) error // handles a chunk (background): hashes it, and writes it to the sink if sink
	reset func(*C)                    // empties a chunk for reuse
	jobs  chan streamJob[C]
	free  chan *C

	every     time.Duration // wall time between flushes
	after     int           // chunks between flushes
	lastFlush time.Time
	unflushed int // chunks sent since the last flush

	mu     sync.Mutex
	err    error // the first error of the sink (sticky)
	closed bool  // Close was called (recorder side)
	lost   bool  // data came after Close
}

// streamDepth is the number of chunks in flight besides the one filling:
// the background goroutine writes one while another waits.
const streamDepth = 2

func newStreamer[C any](sink Sink, o StreamOptions, write func(*C, bool) error, reset func(*C), alloc func() *C) *streamer[C] {
	s := &streamer[C]{sink: sink, write: write, reset: reset,
		jobs: make(chan streamJob[C], streamDepth), free: make(chan *C, streamDepth+1),
		every: time.Duration(o.FlushEvery * float64(time.Second)), after: o.FlushAfter, lastFlush: time.Now()}
	for range streamDepth {
		s.free <- alloc()
	}
	hold(sink)
	go s.loop()
	return s
}

// loop is the background goroutine.
func (s *streamer[C]) loop() {
	for j := range s.jobs {
		switch j.op {
		case 'w':
			ok := s.failed() == nil
			s.fail(guard(func() error { return s.write(j.chunk, ok) }))
			s.reset(j.chunk)
			s.free <- j.chunk
		case 'f':
			if s.failed() == nil {
				s.fail(guard(s.sink.Flush))
			}
			j.done <- s.failed()
		case 's':
			j.done <- s.failed()
		case 'c':
			if last := release(s.sink); last {
				s.fail(guard(s.sink.Close))
			} else if s.failed() == nil {
				s.fail(guard(s.sink.Flush))
			}
			j.done <- s.failed()
			return
		}
	}
}

// guard runs a call of the sink, turning its panic into an error (the
// background goroutine must not take the program down).
func guard(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the sink panicked: %v", p)
		}
	}()
	return f()
}

func (s *streamer[C]) fail(err error) {
	if err != nil {
		s.mu.Lock()
		if s.err == nil {
			s.err = err
		}
		s.mu.Unlock()
	}
}

func (s *streamer[C]) failed() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// send hands a full chunk to the background goroutine and returns an empty
// one (waiting for one when the sink is slower than the run).
func (s *streamer[C]) send(c *C) *C {
	if s.closed {
		s.lost = true
		s.reset(c)
		return c
	}
	s.jobs <- streamJob[C]{chunk: c, op: 'w'}
	s.unflushed++
	return <-s.free
}

// due reports whether a flush is due: FlushAfter chunks were sent since
// the last, or the flush interval passed with data sent since or gathered
// (filling: the chunk being filled holds data), or the sink failed (so
// that the run stops).
func (s *streamer[C]) due(filling bool) bool {
	if s.closed {
		return s.lost
	}
	if s.unflushed >= s.after || ((s.unflushed > 0 || filling) && time.Since(s.lastFlush) >= s.every) {
		return true
	}
	return s.failed() != nil
}

// sync waits until every chunk sent is handled, then flushes the sink (op
// 'f'), closes it ('c') or does nothing more ('s'); it returns the stream's
// first error. After Close it only returns that error (or errClosed, when
// data came after Close).
func (s *streamer[C]) sync(op byte) error {
	if s.closed {
		if err := s.failed(); err != nil || !s.lost {
			return err
		}
		return errClosed
	}
	done := make(chan error, 1)
	s.jobs <- streamJob[C]{op: op, done: done}
	err := <-done
	if op == 'f' {
		s.unflushed, s.lastFlush = 0, time.Now()
	}
	if op == 'c' {
		s.closed = true
		close(s.jobs)
	}
	return err
}

// life is the life cycle the streams share (network.Flusher and Closer).
type life[C any] struct {
	st   *streamer[C] // nil before the stream is attached
	shut bool         // Close was called before the stream was attached
	hand func()       // hands the chunk being filled on, if it holds data
	full func() bool  // reports whether the chunk being filled holds data
}

// usable refuses to attach a stream (called what) without a sink, with
// bad options, or closed.
func (l *life[C]) usable(what string, sink Sink, o StreamOptions) error {
	if sink == nil {
		return fmt.Errorf("%s: the sink is nil: give a Sink (such as package recording's StreamWriter)", what)
	}
	if err := o.check(what); err != nil {
		return err
	}
	if l.shut || (l.st != nil && l.st.closed) {
		return fmt.Errorf("%s: the stream is closed: make a new one", what)
	}
	return nil
}

// FlushDue reports whether a flush is due (network.Flusher).
func (l *life[C]) FlushDue() bool { return l.st != nil && l.st.due(l.full()) }

// Flush hands on what the stream gathered and flushes the sink; it returns
// the first error of the sink (network.Flusher).
func (l *life[C]) Flush() error { return l.end('f') }

// Close flushes the sink and closes it, unless other streams still use it
// (the last one closes it) (network.Closer); the stream records no more. A
// second Close returns the first one's error. A stream never attached
// leaves its sink alone.
func (l *life[C]) Close() error {
	if l.st == nil { // never attached: the sink was never used
		l.shut = true
		return nil
	}
	return l.end('c')
}

func (l *life[C]) end(op byte) error {
	if l.st == nil {
		return nil
	}
	if !l.st.closed {
		l.hand()
	}
	return l.st.sync(op)
}

// Streams may share a sink (several recorders writing one recording): the
// last one to close closes it, the others flush it.
var sinks = struct {
	sync.Mutex
	users map[any]int
}{users: map[any]int{}}

// shareable reports whether a sink can be counted (a comparable value: in
// practice a pointer); one that cannot is closed by its stream.
func shareable(sink Sink) bool { return reflect.TypeOf(sink).Comparable() }

// hold counts a stream using sink.
func hold(sink Sink) {
	if shareable(sink) {
		sinks.Lock()
		sinks.users[sink]++
		sinks.Unlock()
	}
}

// release uncounts a stream using sink and reports whether it was the last.
func release(sink Sink) bool {
	if !shareable(sink) {
		return true
	}
	sinks.Lock()
	defer sinks.Unlock()
	sinks.users[sink]--
	if sinks.users[sink] > 0 {
		return false
	}
	delete(sinks.users, sink)
	return true
}
