package recording

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/golgi-sim/golgi/simlib/runlog"
)

// StreamWriter writes a recording while a run goes on: spikes and samples
// are buffered in memory and written as a new part of their table at each
// Flush (and whenever the buffer reaches maxBuffered rows), so memory is
// bounded by what is written between flushes. A run killed at any point
// leaves a directory Load reads, with everything flushed before.
//
// A StreamWriter is safe for use by several goroutines.
type StreamWriter struct {
	// fmu serializes flushes (and parts' numbers); mu guards the rest and
	// is not held while a part is written, so writers go on meanwhile.
	fmu    sync.Mutex
	mu     sync.Mutex
	dir    string
	meta   Meta
	sizes  map[string]int // population sizes known from the summary
	recs   []*streamRec   // by recorder index
	spikes map[string]*streamRec
	states []*streamRec
	spk    []spikeRow
	st     []stateRow
	spare  struct { // buffers of the last flush, for reuse
		spk []spikeRow
		st  []stateRow
	}
	parts  map[string]int // parts written, by table (under fmu)
	closed bool           // no more writes
	done   bool           // Close finished
}

// streamRec is one recorder as the writer sees it.
type streamRec struct {
	info     recorderInfo
	rows     int64 // buffered, not yet flushed
	last     int64 // last step written, -1 before
	maxID    int   // largest neuron seen, -1 before
	knowSize bool  // info.Size is the population's (from the summary)
	written  bool  // described in a part already
}

// maxBuffered is the number of rows buffered before a flush is made
// without being asked for (a bound on memory: about 64 bytes a row).
const maxBuffered = 1 << 20

// NewStreamWriter starts a recording in directory dir, made if missing.
// A dir that exists must be empty or a golgi recording, which is replaced
// (its files are removed first); anything else is refused: golgi never
// writes over a file it did not write.
func NewStreamWriter(dir string, meta Meta) (*StreamWriter, error) {
	if err := meta.check(dir); err != nil {
		return nil, err
	}
	if err := clearRecording(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("recording: %w", err)
	}
	if err := writeMarker(dir, meta); err != nil {
		return nil, err
	}
	return &StreamWriter{dir: dir, meta: meta, sizes: meta.sizes(), spikes: map[string]*streamRec{}, parts: map[string]int{}}, nil
}

// Dir returns the recording's directory.
func (w *StreamWriter) Dir() string { return w.dir }

func (w *StreamWriter) newRec(info recorderInfo) *streamRec {
	info.Recorder = len(w.recs)
	info.DT = w.meta.DT
	r := &streamRec{info: info, last: -1, maxID: -1}
	if n, ok := w.sizes[info.Population]; ok {
		r.info.Size, r.knowSize = n, true
	}
	w.recs = append(w.recs, r)
	return r
}

// usable locks w, unless it is nil or closed (an error; then unlocked).
func (w *StreamWriter) usable(what string) error {
	if w == nil {
		return fmt.Errorf("recording: %s on a nil StreamWriter", what)
	}
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return fmt.Errorf("recording: %s: %s: the stream writer is closed", w.dir, what)
	}
	return nil
}

// WriteSpikes adds spikes of population pop: spike k is of neuron
// neurons[k] at update steps[k] (time steps[k]·dt). Spikes come in order
// of update, across calls too.
func (w *StreamWriter) WriteSpikes(pop string, steps []int64, neurons []int32) error {
	if err := w.usable("WriteSpikes"); err != nil {
		return err
	}
	err := w.writeSpikes(pop, steps, neurons)
	full := len(w.spk)+len(w.st) >= maxBuffered
	w.mu.Unlock()
	if err == nil && full {
		err = w.Flush()
	}
	return err
}

func (w *StreamWriter) writeSpikes(pop string, steps []int64, neurons []int32) error {
	if len(steps) != len(neurons) {
		return fmt.Errorf("recording: %s: spikes of %q: %d steps for %d neurons: must be as many", w.dir, pop, len(steps), len(neurons))
	}
	r := w.spikes[pop]
	last, maxID := int64(-1), -1
	if r != nil {
		last, maxID = r.last, r.maxID
	}
	for k, i := range neurons {
		if err := w.checkNeuron(pop, int(i)); err != nil {
			return fmt.Errorf("%w (spike %d)", err, k)
		}
		if steps[k] < 0 || steps[k] < last {
			return fmt.Errorf("recording: %s: spikes of %q: spike %d at update %d after one at update %d: updates must be >= 0 and in order", w.dir, pop, k, steps[k], last)
		}
		last, maxID = steps[k], max(maxID, int(i))
	}
	if r == nil {
		r = w.newRec(recorderInfo{Kind: "spikes", Population: pop})
		w.spikes[pop] = r
	}
	r.last, r.maxID = last, maxID
	for k, i := range neurons {
		w.spk = append(w.spk, spikeRow{Recorder: int32(r.info.Recorder), Population: pop, Neuron: i, Step: steps[k], Time: float64(steps[k]) * w.meta.DT})
	}
	r.rows += int64(len(neurons))
	return nil
}

// checkNeuron checks neuron i of pop against its population's size, when
// known.
func (w *StreamWriter) checkNeuron(pop string, i int) error {
	n, ok := w.sizes[pop]
	if i < 0 || (ok && i >= n) {
		lim := "must be >= 0"
		if ok {
			lim = fmt.Sprintf("must be in [0, %d) (the population's size)", n)
		}
		return fmt.Errorf("recording: %s: population %q: neuron %d: %s", w.dir, pop, i, lim)
	}
	return nil
}

// WriteState adds samples of variable of neurons of population pop:
// values[s][k] is neuron neurons[k]'s value at update steps[s]. A
// recorder is one (pop, variable, neurons); its samples come in order of
// update, at a fixed interval, across calls too.
func (w *StreamWriter) WriteState(pop, variable string, neurons []int, steps []int64, values [][]float64) error {
	if err := w.usable("WriteState"); err != nil {
		return err
	}
	err := w.writeState(pop, variable, neurons, steps, values)
	full := len(w.spk)+len(w.st) >= maxBuffered
	w.mu.Unlock()
	if err == nil && full {
		err = w.Flush()
	}
	return err
}

func (w *StreamWriter) writeState(pop, variable string, neurons []int, steps []int64, values [][]float64) error {
	what := fmt.Sprintf("state of %q.%s", pop, variable)
	if len(neurons) == 0 {
		return fmt.Errorf("recording: %s: %s: no neurons given", w.dir, what)
	}
	if len(values) != len(steps) {
		return fmt.Errorf("recording: %s: %s: %d rows of values for %d steps: must be as many", w.dir, what, len(values), len(steps))
	}
	var r *streamRec
	for _, s := range w.states {
		if s.info.Population == pop && s.info.Variable == variable && slices.Equal(s.info.Neurons, neurons) {
			r = s
		}
	}
	for _, i := range neurons {
		if err := w.checkNeuron(pop, i); err != nil {
			return fmt.Errorf("%w (%s)", err, what)
		}
	}
	last := int64(-1)
	if r != nil {
		last = r.last
	}
	for s, v := range values {
		if len(v) != len(neurons) {
			return fmt.Errorf("recording: %s: %s: sample %d has %d values for %d neurons: must be as many", w.dir, what, s, len(v), len(neurons))
		}
		if steps[s] < 0 || steps[s] <= last {
			return fmt.Errorf("recording: %s: %s: sample %d at update %d after one at update %d: updates must be >= 0 and increasing", w.dir, what, s, steps[s], last)
		}
		last = steps[s]
	}
	if r == nil {
		r = w.newRec(recorderInfo{Kind: "state", Population: pop, Variable: variable, Neurons: slices.Clone(neurons)})
		w.states = append(w.states, r)
	}
	r.last = last
	rec := int32(r.info.Recorder)
	for s, v := range values {
		t := float64(steps[s]) * w.meta.DT
		for k, x := range v {
			w.st = append(w.st, stateRow{Recorder: rec, Population: pop, Variable: variable, Neuron: int32(neurons[k]), Step: steps[s], Time: t, Value: x})
		}
	}
	r.rows += int64(len(values) * len(neurons))
	for _, i := range neurons {
		r.maxID = max(r.maxID, i)
	}
	return nil
}

// Flush writes everything written so far as new parts: when it returns
// nil, that is on disk (synced) and readable by Load or any Parquet
// reader. Writes made while a part is written go on (into the next
// part). On an error, what was not written stays buffered for the next
// Flush.
func (w *StreamWriter) Flush() error {
	if w == nil {
		return errors.New("recording: Flush on a nil StreamWriter")
	}
	w.fmu.Lock()
	defer w.fmu.Unlock()
	w.mu.Lock()
	closed := w.closed
	w.mu.Unlock()
	if closed {
		return fmt.Errorf("recording: %s: Flush: the stream writer is closed", w.dir)
	}
	return w.flush()
}

// batch is what a flush writes of one table: the rows taken from the
// buffer, the recorders they are of, and those described for the first
// time (to undo on an error).
type batch[T any] struct {
	table string
	rows  []T
	infos []recorderInfo
	first []*streamRec
}

// take moves the rows of buf into a batch of table t (of recorders of
// kind), leaving buf the spare buffer; ok is false when there is nothing
// to write. w.mu is held.
func take[T any](w *StreamWriter, t, kind string, buf, spare *[]T) (b batch[T], ok bool) {
	undescribed := false
	for _, r := range w.recs {
		undescribed = undescribed || (r.info.Kind == kind && !r.written)
	}
	if len(*buf) == 0 && !undescribed {
		return b, false
	}
	b = batch[T]{table: t, rows: *buf}
	*buf, *spare = (*spare)[:0], nil
	for _, r := range w.recs {
		if r.info.Kind != kind || (r.rows == 0 && r.written) {
			continue
		}
		info := r.info
		info.Rows = r.rows
		if !r.knowSize {
			info.Size = r.maxID + 1
		}
		b.infos = append(b.infos, info)
		if !r.written {
			b.first = append(b.first, r)
		}
		r.rows, r.written = 0, true
	}
	return b, true
}

// giveBack puts the rows of a batch that could not be written back in
// front of buf. w.mu is held.
func giveBack[T any](w *StreamWriter, b batch[T], buf *[]T) {
	*buf = append(b.rows, (*buf)...)
	for _, info := range b.infos {
		w.recs[info.Recorder].rows += info.Rows
	}
	for _, r := range b.first {
		r.written = false
	}
}

// writeBatch writes b as the next part of its table. w.fmu is held.
func writeBatch[T any](w *StreamWriter, m Meta, b batch[T]) error {
	n := w.parts[b.table] + 1
	meta, err := kv(m, b.table, n, b.infos)
	if err == nil {
		err = writePart(filepath.Join(w.dir, b.table), n, b.rows, meta)
	}
	if err == nil {
		w.parts[b.table] = n
	}
	return err
}

// flush writes what is buffered; w.fmu is held, w.mu is not (it is taken
// only to swap the buffers).
func (w *StreamWriter) flush() error {
	w.mu.Lock()
	bs, okS := take(w, tableSpikes, "spikes", &w.spk, &w.spare.spk)
	bt, okT := take(w, tableState, "state", &w.st, &w.spare.st)
	m := w.meta
	w.mu.Unlock()
	var errS, errT error
	if okS {
		errS = writeBatch(w, m, bs)
	}
	if okT && errS == nil {
		errT = writeBatch(w, m, bt)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if okS {
		if errS != nil {
			giveBack(w, bs, &w.spk)
		} else {
			w.spare.spk = bs.rows[:0]
		}
	}
	if okT {
		if errS != nil || errT != nil {
			giveBack(w, bt, &w.st)
		} else {
			w.spare.st = bt.rows[:0]
		}
	}
	if errS != nil {
		return errS
	}
	return errT
}

// SetSummary sets the summary Close writes in the recording (e.g. the
// network's Summary after the run, with its fingerprint).
func (w *StreamWriter) SetSummary(s runlog.Run) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.meta.Summary = &s
}

// Close flushes what is buffered and writes the summary; writes after
// Close fail. Close can be called again (after an error, it tries again).
func (w *StreamWriter) Close() error {
	if w == nil {
		return errors.New("recording: Close on a nil StreamWriter")
	}
	w.fmu.Lock()
	defer w.fmu.Unlock()
	w.mu.Lock()
	if w.done {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	w.mu.Unlock()
	if err := w.flush(); err != nil {
		return err
	}
	w.mu.Lock()
	m := w.meta
	w.mu.Unlock()
	if err := writeMarker(w.dir, m); err != nil {
		return err
	}
	w.mu.Lock()
	w.done = true
	w.mu.Unlock()
	return nil
}
