package recording_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording"
)

// nodeModules is where `golgi setup --test` installs the npm packages the
// tests use (kernel/setup: TestNodeModules; GOLGI_NODE_MODULES overrides).
func nodeModules(t *testing.T) string {
	if d := os.Getenv("GOLGI_NODE_MODULES"); d != "" {
		return d
	}
	dir, err := os.UserCacheDir()
	if err != nil || dir == "" {
		dir = filepath.Join(os.TempDir(), "golgi-cache")
	}
	return filepath.Join(dir, "golgi", "node", "node_modules")
}

// jsPart is one part file as hyparquet read it.
type jsPart struct {
	File    string            `json:"file"`
	Footer  int               `json:"rows_in_footer"`
	KV      map[string]string `json:"kv"`
	Columns []string          `json:"columns"`
	Strings [][]any           `json:"-"` // the rows
}

// readWithHyparquet reads the recording at dir with hyparquet under node
// (testdata/read.mjs): a Parquet reader that is not golgi's.
func readWithHyparquet(t *testing.T, dir string) []jsPart {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed to read the files with an independent Parquet reader (Debian: apt-get install nodejs npm; then golgi setup --test): %v", err)
	}
	mods := nodeModules(t)
	if _, err := os.Stat(filepath.Join(mods, "hyparquet", "package.json")); err != nil {
		t.Fatalf("hyparquet (npm) is not installed in %s: run golgi setup --test (it runs npm install --prefix %s hyparquet): %v", mods, filepath.Dir(mods), err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "read.mjs"), mods, dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node read.mjs: %v: %s", err, stderr.String())
	}
	var parts []jsPart
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var raw struct {
			jsPart
			Rows [][]any `json:"rows"`
		}
		if err := dec.Decode(&raw); err != nil {
			t.Fatalf("node read.mjs output: %v", err)
		}
		parts = append(parts, jsPart{File: raw.File, Footer: raw.Footer, KV: raw.KV, Columns: raw.Columns, Strings: raw.Rows})
	}
	return parts
}

// cell formats a value as the JavaScript reader gave it, numbers exactly.
func cell(v any) string {
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

// f formats a Go value as cell does.
func f(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// TestIndependentReader reads what Save and a StreamWriter wrote with
// hyparquet (npm), not golgi's Parquet library, and finds every row and
// the run metadata as golgi's recorders have them: the files are the
// tables the package doc says. Not short: it runs node; a missing node or
// hyparquet fails the test.
func TestIndependentReader(t *testing.T) {
	if testing.Short() {
		t.Skip("runs node and hyparquet (golgi setup --test installs them)")
	}
	r := randomRun(t, 0)
	if r.spk.Len() == 0 || len(r.vm.Times()) == 0 {
		t.Fatal("no data: the test would prove nothing")
	}
	dir := filepath.Join(t.TempDir(), "run")
	if err := recording.Save(dir, r.net, r.recorders()...); err != nil {
		t.Fatal(err)
	}
	parts := readWithHyparquet(t, dir)
	byFile := map[string]jsPart{}
	for _, p := range parts {
		byFile[p.File] = p
		// the run's metadata, in every file
		for k, want := range map[string]string{"golgi.seed": "0", "golgi.fingerprint": r.net.Fingerprint(),
			"golgi.dt_ms": f(r.net.DT()), "golgi.simlib": network.Version, "golgi.format": "golgi recording",
			"golgi.steps": strconv.FormatInt(r.net.Steps(), 10)} {
			if p.KV[k] != want {
				t.Errorf("%s: %s = %q: want %q", p.File, k, p.KV[k], want)
			}
		}
		if p.Footer != len(p.Strings) {
			t.Errorf("%s: %d rows read, the footer says %d", p.File, len(p.Strings), p.Footer)
		}
	}
	// the expected rows, from golgi's recorders
	var spikes, states, rates, updates [][]string
	for k, s := range []*record.Spikes{r.spk, r.sub} {
		for j, i := range s.Indices() {
			st := s.Steps()[j]
			spikes = append(spikes, []string{strconv.Itoa(k), s.Population(), strconv.Itoa(int(i)), strconv.FormatInt(st, 10), f(s.Times()[j])})
		}
	}
	for k, s := range []*record.State{r.vm, r.ge} {
		d := s.Data()
		for n, tm := range s.Times() {
			for j, i := range s.Neurons() {
				step := (d.K0 + int64(n)) * d.Every
				states = append(states, []string{strconv.Itoa(2 + k), s.Population(), s.Variable(), strconv.Itoa(i), strconv.FormatInt(step, 10), f(tm), f(s.Values()[j][n])})
			}
		}
	}
	tt, hz := r.rate.Rates()
	d := r.rate.Data()
	for b := range tt {
		var c int64
		hi := min(int64(b+1)*d.BinSteps, int64(len(d.Counts)))
		for j := int64(b) * d.BinSteps; j < hi; j++ {
			c += int64(d.Counts[j])
		}
		width := float64(hi-int64(b)*d.BinSteps) * d.DT
		rates = append(rates, []string{"4", "src", f(tt[b]), f(width), strconv.FormatInt(c, 10), f(hz[b])})
	}
	for j, c := range d.Counts {
		if c != 0 {
			updates = append(updates, []string{"4", "src", strconv.FormatInt(d.First+int64(j), 10), strconv.Itoa(int(c))})
		}
	}
	for _, c := range []struct {
		file string
		cols []string
		want [][]string
	}{
		{"spikes/part-000001.parquet", []string{"recorder", "population", "neuron", "step", "time_ms"}, spikes},
		{"state/part-000001.parquet", []string{"recorder", "population", "variable", "neuron", "step", "time_ms", "value"}, states},
		{"rate/part-000001.parquet", []string{"recorder", "population", "bin_start_ms", "bin_ms", "spikes", "rate_hz"}, rates},
		{"rate_updates/part-000001.parquet", []string{"recorder", "population", "step", "spikes"}, updates},
	} {
		p, ok := byFile[c.file]
		if !ok {
			t.Errorf("hyparquet did not find %s", c.file)
			continue
		}
		if fmt.Sprint(p.Columns) != fmt.Sprint(c.cols) {
			t.Errorf("%s: columns %v: want %v", c.file, p.Columns, c.cols)
		}
		if len(p.Strings) != len(c.want) {
			t.Errorf("%s: %d rows: want %d", c.file, len(p.Strings), len(c.want))
			continue
		}
		for k, row := range p.Strings {
			var got []string
			for _, v := range row {
				got = append(got, cell(v))
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want[k]) {
				t.Errorf("%s: row %d: %v: want %v", c.file, k, got, c.want[k])
				break
			}
		}
	}

	// the weights table, of a plastic projection's synapse recorders
	pl := newPlasticRun(t, 0)
	wdir := filepath.Join(t.TempDir(), "plastic")
	if err := recording.Save(wdir, pl.net, pl.recorders()...); err != nil {
		t.Fatal(err)
	}
	var weights [][]string
	for k, w := range []*record.Weights{pl.w, pl.apre} {
		d := w.Data()
		for n, tm := range w.Times() {
			for j, i := range w.Synapses() {
				step := (d.K0 + int64(n)) * d.Every
				weights = append(weights, []string{strconv.Itoa(1 + k), w.Projection(), w.Variable(), strconv.Itoa(i), strconv.FormatInt(step, 10), f(tm), f(w.Values()[j][n])})
			}
		}
	}
	if len(weights) == 0 || pl.w.Projection() != "pre → post #0" {
		t.Fatalf("%d weight rows, projection %q: want some, of \"pre → post #0\"", len(weights), pl.w.Projection())
	}
	found := false
	for _, p := range readWithHyparquet(t, wdir) {
		if p.File != filepath.Join("weights", "part-000001.parquet") {
			continue
		}
		found = true
		if p.KV["golgi.fingerprint"] != pl.net.Fingerprint() || p.KV["golgi.table"] != "weights" {
			t.Errorf("%s: fingerprint %q, table %q: want %q, weights", p.File, p.KV["golgi.fingerprint"], p.KV["golgi.table"], pl.net.Fingerprint())
		}
		if want := []string{"recorder", "projection", "variable", "synapse", "step", "time_ms", "value"}; fmt.Sprint(p.Columns) != fmt.Sprint(want) {
			t.Errorf("%s: columns %v: want %v", p.File, p.Columns, want)
		}
		if p.Footer != len(p.Strings) || len(p.Strings) != len(weights) {
			t.Errorf("%s: %d rows read, the footer says %d: want %d", p.File, len(p.Strings), p.Footer, len(weights))
			continue
		}
		for k, row := range p.Strings {
			var got []string
			for _, v := range row {
				got = append(got, cell(v))
			}
			if fmt.Sprint(got) != fmt.Sprint(weights[k]) {
				t.Errorf("%s: row %d: %v: want %v", p.File, k, got, weights[k])
				break
			}
		}
	}
	if !found {
		t.Error("hyparquet did not find weights/part-000001.parquet")
	}

	// a stream: every flushed part is read, in order
	sdir := filepath.Join(t.TempDir(), "stream")
	w, err := recording.NewStreamWriter(sdir, recording.MetaOf(r.net))
	if err != nil {
		t.Fatal(err)
	}
	streamSpikes(t, w, r.spk, max(1, r.spk.Len()/3), true)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	var steps []string
	n := 0
	for _, p := range readWithHyparquet(t, sdir) {
		n++
		for _, row := range p.Strings {
			steps = append(steps, cell(row[3]))
		}
	}
	var want []string
	for _, s := range r.spk.Steps() {
		want = append(want, strconv.FormatInt(s, 10))
	}
	if n < 2 || fmt.Sprint(steps) != fmt.Sprint(want) {
		t.Errorf("stream: %d parts, steps %v: want several parts, steps %v", n, steps, want)
	}
}
