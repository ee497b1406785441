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
	mu     sync.Mutex
	dir    string
	meta   Meta
	sizes  map[string]int // population sizes known from the summary
	recs   []*streamRec   // by recorder index
	spikes map[string]*streamRec
	states []*streamRec
	spk    []spikeRow
	st     []stateRow
	parts  map[string]int // parts written, by table
	closed bool
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
	defer w.mu.Unlock()
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
	return w.flushIfFull()
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
	defer w.mu.Unlock()
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
	return w.flushIfFull()
}

func (w *StreamWriter) flushIfFull() error {
	if len(w.spk)+len(w.st) >= maxBuffered {
		return w.flush()
	}
	return nil
}

// Flush writes everything written so far as new parts: when it returns
// nil, that is on disk (synced) and readable by Load or any Parquet
// reader. On an error, what was not written stays buffered for the next
// Flush.
func (w *StreamWriter) Flush() error {
	if err := w.usable("Flush"); err != nil {
		return err
	}
	defer w.mu.Unlock()
	return w.flush()
}

// pending reports whether recorders of kind are not yet described in a
// part (a recorder with no rows yet still gets a part).
func (w *StreamWriter) pending(kind string) bool {
	for _, r := range w.recs {
		if r.info.Kind == kind && !r.written {
			return true
		}
	}
	return false
}

func (w *StreamWriter) flush() error {
	if len(w.spk) > 0 || w.pending("spikes") {
		if err := streamPart(w, tableSpikes, w.spk); err != nil {
			return err
		}
		w.spk = w.spk[:0]
	}
	if len(w.st) > 0 || w.pending("state") {
		if err := streamPart(w, tableState, w.st); err != nil {
			return err
		}
		w.st = w.st[:0]
	}
	return nil
}

// streamPart writes the buffered rows of table t as its next part, with
// the recorders they are of.
func streamPart[T any](w *StreamWriter, t string, rows []T) error {
	kind := "spikes"
	if t == tableState {
		kind = "state"
	}
	var infos []recorderInfo
	for _, r := range w.recs {
		if r.info.Kind != kind || (r.rows == 0 && r.written) {
			continue
		}
		info := r.info
		info.Rows = r.rows
		if !r.knowSize {
			info.Size = r.maxID + 1
		}
		infos = append(infos, info)
	}
	n := w.parts[t] + 1
	meta, err := kv(w.meta, t, n, infos)
	if err != nil {
		return err
	}
	if err := writePart(filepath.Join(w.dir, t), n, rows, meta); err != nil {
		return err
	}
	w.parts[t] = n
	for _, r := range w.recs {
		if r.info.Kind == kind {
			r.rows, r.written = 0, true
		}
	}
	return nil
}

// SetSummary sets the summary Close writes in the recording (e.g. the
// network's Summary after the run, with its fingerprint).
func (w *StreamWriter) SetSummary(s runlog.Run) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.meta.Summary = &s
}

// Close flushes what is buffered and writes the summary. Calls after
// Close fail; Close itself can be called again.
func (w *StreamWriter) Close() error {
	if w == nil {
		return errors.New("recording: Close on a nil StreamWriter")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	if err := w.flush(); err != nil {
		return err
	}
	if err := writeMarker(w.dir, w.meta); err != nil {
		return err
	}
	w.closed = true
	return nil
}
