package recording_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording"
)

// streamSpikes writes the spikes of s through w in chunks of about chunk
// spikes, flushing after each, as a streaming recorder does.
func streamSpikes(t *testing.T, w *recording.StreamWriter, s *record.Spikes, chunk int, flush bool) {
	t.Helper()
	st, id := s.Steps(), s.Indices()
	// an empty call first: a recorder with no spikes is there too
	if err := w.WriteSpikes(s.Population(), nil, nil); err != nil {
		t.Fatal(err)
	}
	for lo := 0; lo < len(st); lo += chunk {
		hi := min(lo+chunk, len(st))
		if err := w.WriteSpikes(s.Population(), st[lo:hi], id[lo:hi]); err != nil {
			t.Fatal(err)
		}
		if flush {
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// streamState writes the samples of s through w in chunks of samples.
func streamState(t *testing.T, w *recording.StreamWriter, s *record.State, chunk int, flush bool) {
	t.Helper()
	d := s.Data()
	n := len(d.Vals[0])
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		var steps []int64
		var vals [][]float64
		for i := lo; i < hi; i++ {
			steps = append(steps, (d.K0+int64(i))*d.Every)
			row := make([]float64, len(d.Neurons))
			for k := range row {
				row[k] = d.Vals[k][i]
			}
			vals = append(vals, row)
		}
		if err := w.WriteState(d.Pop, d.Variable, d.Neurons, steps, vals); err != nil {
			t.Fatal(err)
		}
		if flush {
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestStreamRoundTrip streams the spikes and states of random runs in
// chunks, each flushed as its own part, and loads them back: every getter
// gives what the original recorder gave (the state's Digest included when
// it has two samples or more: with one, the sampling interval is not in
// the stream).
func TestStreamRoundTrip(t *testing.T) {
	for c := uint64(0); c < 12; c++ {
		r := randomRun(t, c)
		if c == 0 && r.spk.Len() == 0 {
			t.Fatal("no spikes: the test would prove nothing")
		}
		dir := filepath.Join(t.TempDir(), "run")
		w, err := recording.NewStreamWriter(dir, recording.MetaOf(r.net))
		if err != nil {
			t.Fatal(err)
		}
		streamSpikes(t, w, r.spk, max(1+int(c), r.spk.Len()/4), true) // about 4 parts
		streamSpikes(t, w, r.sub, 3, false)
		streamState(t, w, r.vm, max(1+int(c%4), len(r.vm.Times())/4), true)
		streamState(t, w, r.ge, max(7, len(r.ge.Times())/3), true)
		w.SetSummary(r.net.Summary())
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		got, err := recording.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Spikes) != 2 || len(got.States) != 2 || len(got.Rates) != 0 {
			t.Fatalf("case %d: loaded %d spike, %d state, %d rate recorders: want 2, 2, 0", c, len(got.Spikes), len(got.States), len(got.Rates))
		}
		// a stream has the recorders' names, not their groups (Data's
		// key): compare the rest. The size of a view (sub) is not in the
		// summary: compare what does not depend on it.
		g, gw := spikeGetters(got.Spikes[0]), spikeGetters(r.spk)
		same(t, "streamed spikes", g[:len(g)-1], gw[:len(gw)-1])
		g, gw = spikeGetters(got.Spikes[1]), spikeGetters(r.sub)
		same(t, "streamed spikes of a view", []any{g[0], g[1], g[3], g[4], g[5]}, []any{gw[0], gw[1], gw[3], gw[4], gw[5]})
		for k, want := range []*record.State{r.vm, r.ge} {
			g, w := got.States[k], want
			if len(w.Times()) < 2 {
				continue
			}
			// the interval is known from the steps (Interval() is the
			// sampling as made, not as asked: compare the rest)
			if got, want := g.Data().Every, w.Data().Every; got != want {
				t.Errorf("case %d: state %d: every %d steps, want %d", c, k, got, want)
			}
			same(t, "streamed state", []any{g.Values(), g.Neurons(), g.Times(), g.Digest()}, []any{w.Values(), w.Neurons(), w.Times(), w.Digest()})
		}
		if got.Summary == nil || got.Summary.Fingerprint != r.net.Fingerprint() || got.Summary.Seed != c {
			t.Errorf("case %d: summary %+v: want the network's (seed %d, fingerprint %s)", c, got.Summary, c, r.net.Fingerprint())
		}
	}
}

// TestStreamKilled leaves a stream unclosed (a killed run) with rows
// written after the last flush: Load reads everything flushed before, and
// nothing else.
func TestStreamKilled(t *testing.T) {
	r := randomRun(t, 3)
	st, id := r.spk.Steps(), r.spk.Indices()
	if len(st) < 4 {
		t.Fatalf("%d spikes: need 4 for the test", len(st))
	}
	dir := filepath.Join(t.TempDir(), "run")
	w, err := recording.NewStreamWriter(dir, recording.MetaOf(r.net))
	if err != nil {
		t.Fatal(err)
	}
	half := len(st) / 2
	if err := w.WriteSpikes("src", st[:half], id[:half]); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteSpikes("src", st[half:], id[half:]); err != nil {
		t.Fatal(err)
	}
	// no Flush, no Close: the process is gone
	got, err := recording.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := got.SpikesOf("src")
	if s == nil || !slices.Equal(s.Steps(), st[:half]) || !slices.Equal(s.Indices(), id[:half]) {
		t.Fatalf("loaded %v: want the first %d spikes %v %v", s, half, st[:half], id[:half])
	}
	// a part half-written when the process died is a hidden temporary
	// file: readers skip it
	if err := os.WriteFile(filepath.Join(dir, "spikes", ".part-000002.parquet.tmp"), []byte("PAR1 garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err = recording.Load(dir); err != nil || got.SpikesOf("src").Len() != half {
		t.Fatalf("with a temporary file left: %v, %v", got, err)
	}
	// a part removed from the middle is found missing (the writer goes
	// on here: the temporary file of the test is removed first)
	os.Remove(filepath.Join(dir, "spikes", ".part-000002.parquet.tmp"))
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteSpikes("src", st[len(st)-1:], id[len(id)-1:]); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "spikes", "part-000002.parquet"))
	if _, err := recording.Load(dir); err == nil || !strings.Contains(err.Error(), "part-000002.parquet is missing") {
		t.Errorf("a part removed: %v", err)
	}
	os.RemoveAll(filepath.Join(dir, "spikes"))
	// and a new stream may replace the recording (it is golgi's)
	w2, err := recording.NewStreamWriter(dir, recording.MetaOf(r.net))
	if err != nil {
		t.Fatal(err)
	}
	if err := w2.Close(); err != nil {
		t.Fatal(err)
	}
	if got, err = recording.Load(dir); err != nil || len(got.Spikes) != 0 {
		t.Fatalf("replaced recording: %v, %v: want no recorders", got, err)
	}
}

// TestStreamBadInput: every misuse of a stream writer is an error naming
// what is wrong.
func TestStreamBadInput(t *testing.T) {
	r := randomRun(t, 1)
	dir := filepath.Join(t.TempDir(), "run")
	meta := recording.MetaOf(r.net)
	if _, err := recording.NewStreamWriter(dir, recording.Meta{}); err == nil || !strings.Contains(err.Error(), "Meta.DT") {
		t.Errorf("no dt: %v", err)
	}
	w, err := recording.NewStreamWriter(dir, meta)
	if err != nil {
		t.Fatal(err)
	}
	size := r.net.Summary().Populations[0].Size
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"lengths", w.WriteSpikes("src", []int64{1, 2}, []int32{0}), "2 steps for 1 neurons"},
		{"neuron", w.WriteSpikes("src", []int64{1}, []int32{int32(size)}), "the population's size"},
		{"negative", w.WriteSpikes("src", []int64{1}, []int32{-1}), "neuron -1"},
		{"order", w.WriteSpikes("src", []int64{5, 4}, []int32{0, 0}), "in order"},
		{"no neurons", w.WriteState("lif", "v", nil, []int64{0}, [][]float64{{}}), "no neurons"},
		{"values", w.WriteState("lif", "v", []int{0}, []int64{0}, [][]float64{{1, 2}}), "2 values for 1 neurons"},
		{"rows", w.WriteState("lif", "v", []int{0}, []int64{0, 1}, [][]float64{{1}}), "1 rows of values for 2 steps"},
		{"state order", w.WriteState("lif", "v", []int{0}, []int64{2, 2}, [][]float64{{1}, {2}}), "increasing"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) || !strings.Contains(c.err.Error(), dir) {
			t.Errorf("%s: %v: want an error naming %s and saying %q", c.name, c.err, dir, c.want)
		}
	}
	if err := w.WriteSpikes("src", []int64{3}, []int32{0}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.WriteSpikes("src", []int64{4}, []int32{0}); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("after Close: %v", err)
	}
	if err := w.Flush(); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("Flush after Close: %v", err)
	}
	// refused input wrote nothing: the one good spike is there
	got, err := recording.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s := got.SpikesOf("src"); s == nil || !slices.Equal(s.Steps(), []int64{3}) {
		t.Errorf("loaded %v: want the one spike at update 3", s)
	}
	var nilW *recording.StreamWriter
	if err := nilW.WriteSpikes("src", nil, nil); err == nil {
		t.Error("nil writer: no error")
	}
	// a directory that is not a golgi recording is never written to
	foreign := t.TempDir()
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644)
	if _, err := recording.NewStreamWriter(foreign, meta); err == nil || !strings.Contains(err.Error(), "does not write over it") {
		t.Errorf("foreign directory: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "notes.txt")); string(b) != "mine" {
		t.Error("the foreign file was touched")
	}
	file := filepath.Join(t.TempDir(), "run.parquet")
	os.WriteFile(file, []byte("data"), 0o644)
	if _, err := recording.NewStreamWriter(file, meta); err == nil || !strings.Contains(err.Error(), "does not write over it") {
		t.Errorf("a file: %v", err)
	}
	// a golgi recording with a file golgi did not put there is not ours
	// to replace either
	os.WriteFile(filepath.Join(dir, "spikes", "extra.csv"), []byte("x"), 0o644)
	if _, err := recording.NewStreamWriter(dir, meta); err == nil || !strings.Contains(err.Error(), "extra.csv") {
		t.Errorf("recording with a foreign file: %v", err)
	}
}

// TestStreamFlushError: a flush that fails (here the table's directory
// cannot be made) loses nothing: the rows stay buffered and the next
// flush writes them, in order.
func TestStreamFlushError(t *testing.T) {
	r := randomRun(t, 0)
	dir := filepath.Join(t.TempDir(), "run")
	w, err := recording.NewStreamWriter(dir, recording.MetaOf(r.net))
	if err != nil {
		t.Fatal(err)
	}
	st, id := r.spk.Steps(), r.spk.Indices()
	half := len(st) / 2
	if err := w.WriteSpikes("src", st[:half], id[:half]); err != nil {
		t.Fatal(err)
	}
	streamState(t, w, r.ge, 1000, false)
	block := filepath.Join(dir, "spikes")
	if err := os.WriteFile(block, []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err == nil {
		t.Fatal("Flush with a file in the way of the spikes directory: no error")
	}
	if err := w.WriteSpikes("src", st[half:], id[half:]); err != nil {
		t.Fatal(err)
	}
	os.Remove(block)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := recording.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := got.SpikesOf("src")
	if s == nil || !slices.Equal(s.Steps(), st) || !slices.Equal(s.Indices(), id) {
		t.Errorf("after a failed flush: %v: want every spike %v %v", s, st, id)
	}
	if g := got.StateOf("lif", "e"); g == nil || !slices.Equal(g.Values()[0], r.ge.Values()[0]) {
		t.Errorf("after a failed flush: state %v: want the trace", g)
	}
}
