package recording_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording"
)

// wantErr fails unless err says every one of parts.
func wantErr(t *testing.T, what string, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", what)
		return
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %v: want it to say %q", what, err, p)
		}
	}
}

// otherRecorder is a recorder of another type.
type otherRecorder struct{ network.Recorder }

// TestSaveBadInput: Save refuses nil, unattached and foreign recorders
// and any path that holds what golgi did not write, leaving it untouched.
func TestSaveBadInput(t *testing.T) {
	r := randomRun(t, 2)
	dir := filepath.Join(t.TempDir(), "run")
	var nilSpikes *record.Spikes
	wantErr(t, "nil", recording.Save(dir, r.net, r.spk, nil), "recorder 1 is nil")
	wantErr(t, "typed nil", recording.Save(dir, r.net, nilSpikes), "recorder 0 is a nil *record.Spikes")
	wantErr(t, "unattached spikes", recording.Save(dir, r.net, record.NewSpikes(r.net.Population("src"))), "recorder 0", "not attached")
	wantErr(t, "unattached state", recording.Save(dir, r.net, r.spk, record.NewState(r.net.Population("lif"), "v", []int{0}, 0)), "recorder 1", "not attached")
	wantErr(t, "unattached rate", recording.Save(dir, r.net, record.NewRate(r.net.Population("src"), 1)), "not attached")
	wantErr(t, "other", recording.Save(dir, r.net, &otherRecorder{r.spk}), "*recording_test.otherRecorder", "Save writes")
	wantErr(t, "nothing", recording.Save(dir, nil), "nothing to save")
	for c := uint64(3); ; c++ { // a recorder of a network with another dt
		o := randomRun(t, c)
		if o.net.DT() != r.net.DT() {
			wantErr(t, "other network", recording.Save(dir, r.net, r.spk, o.vm), "recorder 1", "another network")
			break
		}
	}
	wantErr(t, "empty path", recording.Save("", r.net, r.spk), "empty path")
	if _, err := os.Stat(dir); err == nil {
		t.Error("a refused Save made the directory")
	}

	file := filepath.Join(t.TempDir(), "run.parquet")
	os.WriteFile(file, []byte("not ours"), 0o644)
	wantErr(t, "file", recording.Save(file, r.net, r.spk), file, "does not write over it")
	foreign := t.TempDir()
	os.WriteFile(filepath.Join(foreign, "data.csv"), []byte("not ours"), 0o644)
	wantErr(t, "directory", recording.Save(foreign, r.net, r.spk), foreign, "not a golgi recording", "does not write over it")
	for _, p := range []string{file, filepath.Join(foreign, "data.csv")} {
		if b, _ := os.ReadFile(p); string(b) != "not ours" {
			t.Errorf("%s was touched", p)
		}
	}
	if es, _ := os.ReadDir(filepath.Dir(file)); len(es) != 1 {
		t.Errorf("a refused Save left %d entries next to %s: want only the file", len(es), file)
	}

	// a golgi recording is replaced, as a whole
	if err := recording.Save(dir, r.net, r.recorders()...); err != nil {
		t.Fatal(err)
	}
	if err := recording.Save(dir, nil, r.spk); err != nil {
		t.Fatal(err)
	}
	got, err := recording.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Spikes) != 1 || len(got.States) != 0 || len(got.Rates) != 0 || got.Summary != nil {
		t.Errorf("after the second Save: %d, %d, %d recorders, summary %v: want only the spikes", len(got.Spikes), len(got.States), len(got.Rates), got.Summary)
	}
	if es, _ := os.ReadDir(filepath.Dir(dir)); len(es) != 1 {
		t.Errorf("Save left %d entries next to the recording: want none", len(es)-1)
	}
}

// forgedSpike has the columns of a spikes part but for one: a forged file.
type forgedSpike struct {
	Recorder   int32  `parquet:"recorder"`
	Population string `parquet:"population"`
	Neuron     int64  `parquet:"neuron"`
	Step       int64  `parquet:"step"`
}

// goodSpike has the columns of a spikes part (as the package doc gives
// them), to forge parts with wrong content.
type goodSpike struct {
	Recorder   int32   `parquet:"recorder"`
	Population string  `parquet:"population"`
	Neuron     int32   `parquet:"neuron"`
	Step       int64   `parquet:"step"`
	Time       float64 `parquet:"time_ms"`
}

func writeForged[T any](t *testing.T, path string, rows []T, kv map[string]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var opts []parquet.WriterOption
	if kv != nil {
		kv["golgi.checksum"] = recording.Checksum(kv)
	}
	for k, v := range kv {
		opts = append(opts, parquet.KeyValueMetadata(k, v))
	}
	w := parquet.NewGenericWriter[T](f, opts...)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// TestLoadBadInput: Load refuses what is not a golgi recording, truncated
// and forged parts, with an error naming the file; it never panics.
func TestLoadBadInput(t *testing.T) {
	r := randomRun(t, 0)
	if r.spk.Len() < 2 {
		t.Fatal("need spikes")
	}
	base := t.TempDir()
	fresh := func() string {
		dir, err := os.MkdirTemp(base, "run")
		if err != nil {
			t.Fatal(err)
		}
		os.Remove(dir)
		if err := recording.Save(dir, r.net, r.recorders()...); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	_, err := recording.Load(filepath.Join(base, "missing"))
	wantErr(t, "missing", err, "missing")
	file := filepath.Join(base, "file.parquet")
	os.WriteFile(file, []byte("x"), 0o644)
	_, err = recording.Load(file)
	wantErr(t, "file", err, file, "is a file")
	_, err = recording.Load(t.TempDir())
	wantErr(t, "no marker", err, "not a golgi recording", "golgi-recording.json")

	dir := fresh()
	marker := filepath.Join(dir, "golgi-recording.json")
	b, _ := os.ReadFile(marker)
	os.WriteFile(marker, []byte(strings.Replace(string(b), `"seed": 0`, `"seed": 1`, 1)), 0o644)
	_, err = recording.Load(dir)
	wantErr(t, "changed marker", err, marker, "checksum")
	os.WriteFile(marker, []byte(`{"format":"something else"}`), 0o644)
	_, err = recording.Load(dir)
	wantErr(t, "forged marker", err, marker, "not a golgi recording marker")

	part := func(dir, table string) string { return filepath.Join(dir, table, "part-000001.parquet") }
	for _, table := range []string{"spikes", "state", "rate", "rate_updates"} {
		dir := fresh()
		damage(t, table, dir, part(dir, table), func(got *recording.Recording) bool { return sameRecording(got, r) })
	}

	// a Parquet file that golgi did not write
	dir = fresh()
	p := part(dir, "spikes")
	writeForged(t, p, []goodSpike{{0, "src", 0, 1, 0.1}}, nil)
	_, err = recording.Load(dir)
	wantErr(t, "no metadata", err, p, "not a golgi recording part")

	// golgi's metadata changed
	f, _ := os.Create(p)
	w := parquet.NewGenericWriter[goodSpike](f, parquet.KeyValueMetadata("golgi.format", "golgi recording"),
		parquet.KeyValueMetadata("golgi.format_version", "1"), parquet.KeyValueMetadata("golgi.table", "spikes"), parquet.KeyValueMetadata("golgi.checksum", "00"))
	w.Write([]goodSpike{{0, "src", 0, 1, 0.1}})
	w.Close()
	f.Close()
	_, err = recording.Load(dir)
	wantErr(t, "checksum", err, p, "golgi.checksum")

	// golgi's metadata, another schema
	kv := map[string]string{"golgi.format": "golgi recording", "golgi.format_version": "1", "golgi.table": "spikes",
		"golgi.recorders": `[{"recorder":0,"kind":"spikes","population":"src","size":5,"dt_ms":0.1,"first":0,"rows":1}]`}
	writeForged(t, p, []forgedSpike{{0, "src", 0, 1}}, kv)
	_, err = recording.Load(dir)
	wantErr(t, "schema", err, p, "columns")

	// a part of another table
	kv["golgi.table"] = "state"
	writeForged(t, p, []goodSpike{{0, "src", 0, 1, 0.1}}, kv)
	_, err = recording.Load(dir)
	wantErr(t, "table", err, p, `table "state"`)
	kv["golgi.table"] = "spikes"

	// rows that do not fit their recorder
	for _, c := range []struct {
		name string
		rows []goodSpike
		recs string
		want string
	}{
		{"time", []goodSpike{{0, "src", 0, 1, 0.2}}, "", "step·dt"},
		{"count", []goodSpike{{0, "src", 0, 1, 0.1}, {0, "src", 0, 2, 0.2}}, "", "has 2 rows: the file says 1"},
		{"undescribed", []goodSpike{{3, "src", 0, 1, 0.1}}, "", "recorder 3, which the file does not describe"},
		{"neuron", []goodSpike{{0, "src", 7, 1, 0.1}}, "", "neuron 7"},
		{"order", []goodSpike{{0, "src", 0, 2, 0.2}, {0, "src", 0, 1, 0.1}}, `[{"recorder":0,"kind":"spikes","population":"src","size":5,"dt_ms":0.1,"first":0,"rows":2}]`, "in order"},
		{"recorders", []goodSpike{{0, "src", 0, 1, 0.1}}, `{not json`, "golgi.recorders"},
	} {
		dir := fresh()
		p := part(dir, "spikes")
		k := map[string]string{}
		for a, b := range kv {
			k[a] = b
		}
		if c.recs != "" {
			k["golgi.recorders"] = c.recs
		}
		writeForged(t, p, c.rows, k)
		_, err := recording.Load(dir)
		wantErr(t, c.name, err, p, c.want)
	}
}

// damage truncates and changes bytes of part p of the recording at dir
// and loads it: an error naming the file, or (a byte Load does not use,
// e.g. column statistics) recorders as same wants them; never other
// data. Every page has a CRC-32, the golgi metadata a SHA-256. Short: one
// byte; else every fifth byte of the footer's end (metadata, schema) and
// a sample of the rest.
func damage(t *testing.T, table, dir, p string, same func(*recording.Recording) bool) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, cut := range []int{len(b) - 1, len(b) / 2, 8, 0} {
		os.WriteFile(p, b[:cut], 0o644)
		_, err = recording.Load(dir)
		wantErr(t, table+" truncated", err, p)
	}
	flips := []int{len(b) / 3}
	if !testing.Short() {
		flips = nil
		for i := 0; i < len(b); i++ {
			if (i >= len(b)-900 && i%5 == 0) || i%151 == 0 {
				flips = append(flips, i)
			}
		}
	}
	for _, i := range flips {
		c := append([]byte(nil), b...)
		c[i] ^= 0xff
		os.WriteFile(p, c, 0o644)
		got, err := recording.Load(dir)
		if err != nil {
			wantErr(t, table+" damaged", err, p)
			continue
		}
		if !same(got) {
			t.Errorf("%s: byte %d of %d changed: loaded without an error, other data", p, i, len(b))
		}
	}
}

// TestRestoreEmpty: Restore of an empty recorder's data gives an empty
// one; data that does not fit is refused.
func TestRestoreEmpty(t *testing.T) {
	s, err := record.RestoreSpikes(record.SpikesData{Pop: "x"})
	if err != nil || s.Len() != 0 || s.Population() != "x" {
		t.Errorf("empty spikes: %v, %v", s, err)
	}
	if _, err := record.RestoreSpikes(record.SpikesData{Pop: "x", DT: 0.1, Size: 2, Steps: []int64{1}, IDs: []int32{2}}); err == nil {
		t.Error("a spike of neuron 2 of 2: restored")
	}
}
