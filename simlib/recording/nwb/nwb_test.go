//go:build hdf5

package nwb_test

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/internal/h5"
	"github.com/golgi-sim/golgi/simlib/internal/h5/h5check"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording/nwb"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

type recs struct {
	net       *network.Network
	src, sub  *record.Spikes
	vm, every *record.State
	dup       *record.State // a second recorder of exc.v
	rate      *record.Rate
}

// run records a LIF population driven above threshold (its neurons fire
// together) and given spike times: all spikes of src, the spikes of three
// neurons of exc (a view of them), v of three neurons of
// exc every 0.5 ms and of one neuron of inh every step, the rate of exc
// in bins of 2.5 ms.
func run(t *testing.T) recs {
	t.Helper()
	net := network.New(network.Options{DT: 0.1, Seed: 11})
	src := net.AddPopulation("src", 3, neuron.SpikeTimes{Times: [][]float64{{0.3, 5, 5.1}, {}, {0.3, 2}}})
	exc := net.AddPopulation("exc", 10, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: 1500})
	inh := net.AddPopulation("inh", 2, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: 900})
	r := recs{net, record.NewSpikes(src), record.NewSpikes(exc.Select(2, 5, 7)),
		record.NewState(exc, "v", []int{4, 0, 9}, 0.5), record.NewState(inh, "v", []int{1}, 0),
		record.NewState(exc, "v", []int{1}, 0), record.NewRate(exc, 2.5)}
	for _, x := range []network.Recorder{r.src, r.sub, r.vm, r.every, r.dup, r.rate} {
		net.Record(x)
	}
	if err := net.Run(100); err != nil {
		t.Fatal(err)
	}
	if r.sub.Len() < 10 || r.src.Len() != 5 || len(r.vm.Times()) != 201 {
		t.Fatalf("%d, %d spikes, %d samples: the test would prove little", r.sub.Len(), r.src.Len(), len(r.vm.Times()))
	}
	return r
}

// row is what one row of the Units table must hold.
type row struct {
	Population string   `json:"population"`
	Neuron     int      `json:"neuron"`
	Steps      []int64  `json:"steps"`
	Times      []uint64 `json:"times"` // IEEE bits of the spike times in s
}

// series is what one TimeSeries must hold.
type series struct {
	Name       string   `json:"name"`
	Shape      []int    `json:"shape"`
	Data       []uint64 `json:"data"` // bits, row-major time × neuron
	Timestamps []uint64 `json:"timestamps"`
	Neurons    []int    `json:"neurons"`
	Unit       string   `json:"unit"`
	Conversion uint64   `json:"conversion"`
}

func rows(s *record.Spikes, neurons []int, dt float64) []row {
	times, steps := s.Times(), s.Steps()
	byNeuron := map[int][]int{} // spikes of each neuron, in order
	for k, n := range s.Indices() {
		byNeuron[int(n)] = append(byNeuron[int(n)], k)
	}
	var out []row
	for _, i := range neurons {
		r := row{Population: s.Population(), Neuron: i, Steps: []int64{}}
		var ts []float64
		for _, k := range byNeuron[i] {
			r.Steps = append(r.Steps, steps[k])
			ts = append(ts, times[k]/1000)
		}
		r.Times = h5check.Bits(ts)
		out = append(out, r)
	}
	return out
}

func seriesOf(name string, s *record.State) series {
	v, tm := s.Values(), s.Times()
	var data, ts []float64
	for k := range tm {
		for j := range v {
			data = append(data, v[j][k])
		}
		ts = append(ts, tm[k]/1000)
	}
	return series{name, []int{len(tm), len(v)}, h5check.Bits(data), h5check.Bits(ts), s.Neurons(), "volts", h5check.Bits([]float64{1e-3})[0]}
}

func rateOf(r *record.Rate) series {
	t, hz := r.Rates()
	ts := make([]float64, len(t))
	for k := range t {
		ts[k] = t[k] / 1000
	}
	return series{r.Population() + "_rate", []int{len(t)}, h5check.Bits(hz), h5check.Bits(ts), nil, "Hz", h5check.Bits([]float64{1})[0]}
}

func TestIndependentReaders(t *testing.T) {
	h5check.Modules(t, "h5py", "numpy", "hdmf")
	r := run(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "run.nwb")
	sum := r.net.Summary()
	opt := nwb.DefaultOptions()
	opt.Run = &sum
	opt.Identifier = "golgi-test-run"
	opt.SessionStart = time.Date(2026, 12, 1, 10, 30, 0, 0, time.UTC)
	opt.Experimenter, opt.Lab = []string{"Ada", "Bea"}, "golgi lab"
	opt.Subject = &nwb.Subject{SubjectID: "model-1", Species: "Mus musculus", Description: "simulated network"}
	if err := nwb.Write(path, opt, r.src, r.vm, r.sub, r.every, r.rate); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"identifier": "golgi-test-run", "session_start_time": "2026-12-01T10:30:00.000Z",
		"session_description": "golgi simulation", "nwb_version": nwb.Version,
		"experimenter": opt.Experimenter, "lab": "golgi lab", "subject": map[string]string{"subject_id": "model-1", "species": "Mus musculus", "description": "simulated network"},
		"dt": 0.1, "seed": sum.Seed, "fingerprint": sum.Fingerprint,
		"units":  append(rows(r.src, []int{0, 1, 2}, 0.1), rows(r.sub, []int{0, 1, 2}, 0.1)...),
		"series": []series{seriesOf("exc_v", r.vm), seriesOf("inh_v", r.every)},
		"rates":  []series{rateOf(r.rate)},
	}
	wp := filepath.Join(dir, "want.json")
	h5check.WriteJSON(t, wp, want)
	if keep := os.Getenv("GOLGI_KEEP_NWB"); keep != "" {
		b, _ := os.ReadFile(path)
		os.WriteFile(keep+".nwb", b, 0o644)
		b, _ = os.ReadFile(wp)
		os.WriteFile(keep+".json", b, 0o644)
	}
	out := h5check.Run(t, "testdata/check_nwb.py", path, wp)
	if !strings.Contains(out, "ok") {
		t.Fatalf("check_nwb.py: %s", out)
	}
	t.Log(out)
	// the checker can fail: one bit of one spike time off
	u := want["units"].([]row)
	u[3].Times[1] ^= 1
	h5check.WriteJSON(t, wp, want)
	if out, err := h5check.Try(t, "testdata/check_nwb.py", path, wp); err == nil || !strings.Contains(out, "row 3 times bits") {
		t.Fatalf("check_nwb.py passed a wrong spike time: %v %s", err, out)
	}
}

func TestRefusals(t *testing.T) {
	r := run(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "run.nwb")
	opt := nwb.DefaultOptions()
	noV := nwb.DefaultOptions()
	noV.Units = nil
	unrun := network.New(network.Options{DT: 0.1}).AddPopulation("exc", 2, neuron.DefaultLIF())
	badUnit := nwb.DefaultOptions()
	badUnit.Units = map[string]nwb.Unit{"v": {Name: "volts", Conversion: 0}}
	for name, c := range map[string]struct {
		opt  nwb.Options
		recs []network.Recorder
		msg  string
	}{
		"none":       {opt, nil, "no recorders"},
		"nil":        {opt, []network.Recorder{r.src, nil}, "recorder 1 is nil"},
		"nil spikes": {opt, []network.Recorder{(*record.Spikes)(nil)}, "spike recorder 0 is nil"},
		"nil state":  {opt, []network.Recorder{r.src, (*record.State)(nil)}, "state recorder 1 is nil"},
		"twice":      {opt, []network.Recorder{r.vm, r.dup}, "a second recorder of that variable"},
		"unrun":      {opt, []network.Recorder{record.NewSpikes(unrun)}, "not attached"},
		"empty pop":  {opt, []network.Recorder{record.NewSpikes(nil)}, "population name is empty"},
		"rate":       {opt, []network.Recorder{record.NewRate(unrun, 1)}, `rate recorder of "exc": no bins`},
		"two rates":  {opt, []network.Recorder{r.rate, r.rate}, `rate recorder of "exc": a second recorder`},
		"nil rate":   {opt, []network.Recorder{(*record.Rate)(nil)}, "rate recorder 0 is nil"},
		"other":      {opt, []network.Recorder{other{}}, "NWB export takes spike, state and rate recorders"},
		"no unit":    {noV, []network.Recorder{r.vm}, `no unit for variable "v"`},
		"bad unit":   {badUnit, []network.Recorder{r.vm}, "Conversion positive"},
	} {
		err := nwb.Write(path, c.opt, c.recs...)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want an error saying %q", name, err, c.msg)
		}
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a refused write left a file")
	}
	// existing files: an NWB file golgi did not write is never touched
	other := filepath.Join(dir, "other.nwb")
	if err := h5.Write(other, nil, func(f *h5.File) error { return f.Root().SetAttr("neurodata_type", "NWBFile") }); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(other)
	for _, ow := range []bool{false, true} {
		o := opt
		o.Overwrite = ow
		if err := nwb.Write(other, o, r.src); !errors.Is(err, h5.ErrExists) {
			t.Errorf("overwrite %v of an NWB file golgi did not write: %v", ow, err)
		}
	}
	if after, _ := os.ReadFile(other); string(after) != string(before) {
		t.Fatal("a file golgi did not write was changed")
	}
	// golgi's own file: refused without Overwrite, replaced with it
	if err := nwb.Write(path, opt, r.src); err != nil {
		t.Fatal(err)
	}
	if err := nwb.Write(path, opt, r.vm); !errors.Is(err, h5.ErrExists) {
		t.Errorf("second write without Overwrite: %v", err)
	}
	o := opt
	o.Overwrite = true
	if err := nwb.Write(path, o, r.vm); err != nil {
		t.Fatal(err)
	}
	f, err := h5.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Root().Has("units") || !f.Root().Has("acquisition") {
		t.Fatal("the replaced file is not the new one")
	}
	acq, err := f.Root().OpenGroup("acquisition")
	if err != nil || !acq.Has("exc_v") {
		t.Fatalf("acquisition: %v", err)
	}
}

// TestRoundTrip writes and reads back with golgi's own reader: every spike
// time and every sample, bit for bit, and golgi's updates from the times.
func TestRoundTrip(t *testing.T) {
	r := run(t)
	path := filepath.Join(t.TempDir(), "run.nwb")
	sum := r.net.Summary()
	opt := nwb.DefaultOptions()
	opt.Run = &sum
	if err := nwb.Write(path, opt, r.src, r.sub, r.vm, r.every, r.rate); err != nil {
		t.Fatal(err)
	}
	f, err := nwb.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	want := append(rows(r.src, []int{0, 1, 2}, 0.1), rows(r.sub, []int{0, 1, 2}, 0.1)...)
	if len(f.Units) != len(want) {
		t.Fatalf("%d units, want %d", len(f.Units), len(want))
	}
	for k, u := range f.Units {
		w := want[k]
		if u.Population != w.Population || u.Neuron != w.Neuron || !slices.Equal(h5check.Bits(u.SpikeTimes), w.Times) {
			t.Fatalf("unit %d: %+v, want %+v", k, u, w)
		}
		for j, ts := range u.SpikeTimes {
			if step := int64(math.Round(ts * 1000 / 0.1)); step != w.Steps[j] {
				t.Fatalf("unit %d spike %d: %v s gives update %d, recorded %d", k, j, ts, step, w.Steps[j])
			}
		}
	}
	if len(f.Series) != 2 {
		t.Fatalf("%d series", len(f.Series))
	}
	for _, s := range f.Series {
		rec := map[string]*record.State{"exc_v": r.vm, "inh_v": r.every}[s.Name]
		if rec == nil || s.Population != rec.Population() || s.Variable != rec.Variable() || !slices.Equal(s.Neurons, rec.Neurons()) || s.Unit != "volts" || s.Conversion != 1e-3 {
			t.Fatalf("series %s: %s %s %v %s %v", s.Name, s.Population, s.Variable, s.Neurons, s.Unit, s.Conversion)
		}
		for j, v := range rec.Values() {
			if !slices.Equal(h5check.Bits(s.Data[j]), h5check.Bits(v)) {
				t.Fatalf("series %s column %d differs", s.Name, j)
			}
		}
		for k, tm := range rec.Times() {
			if math.Float64bits(s.Timestamps[k]) != math.Float64bits(tm/1000) {
				t.Fatalf("series %s sample %d: %v s, want %v", s.Name, k, s.Timestamps[k], tm/1000)
			}
		}
	}
	tr, hz := r.rate.Rates()
	if len(f.Rates) != 1 || f.Rates[0].Name != "exc_rate" || f.Rates[0].Unit != "Hz" || f.Rates[0].Variable != "rate" ||
		!slices.Equal(h5check.Bits(f.Rates[0].Data[0]), h5check.Bits(hz)) || len(f.Rates[0].Timestamps) != len(tr) {
		t.Fatalf("rates: %+v", f.Rates)
	}
	var run struct {
		Seed        uint64
		Fingerprint string
	}
	if err := json.Unmarshal([]byte(f.Notes), &run); err != nil || run.Seed != 11 || run.Fingerprint != sum.Fingerprint {
		t.Fatalf("notes: %v %+v", err, run)
	}
	if f.SessionDescription != "golgi simulation" || f.Identifier == "" {
		t.Fatalf("file: %+v", f)
	}
	// a file golgi did not write is refused
	other := filepath.Join(t.TempDir(), "other.nwb")
	if err := h5.Write(other, nil, func(f *h5.File) error { return f.Root().SetAttr("neurodata_type", "NWBFile") }); err != nil {
		t.Fatal(err)
	}
	if _, err := nwb.Read(other); err == nil || !strings.Contains(err.Error(), "golgi did not write") {
		t.Fatalf("read of another NWB file: %v", err)
	}
}

// TestLarge writes datasets large enough to be chunked and deflated (more
// than 65536 values) and reads them back bit for bit.
func TestLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("a 1000-neuron run: skipped under -short")
	}
	sp, vm := regular(t, 1000, 70, 1)
	some := vm.Neurons()
	if sp.Len() <= 1<<16 || len(some)*len(vm.Times()) <= 1<<16 {
		t.Fatalf("%d spikes, %d samples: not above one chunk", sp.Len(), len(some)*len(vm.Times()))
	}
	path := filepath.Join(t.TempDir(), "large.nwb")
	if err := nwb.Write(path, nwb.DefaultOptions(), sp, vm); err != nil {
		t.Fatal(err)
	}
	f, err := nwb.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := rows(sp, func() []int {
		all := make([]int, 1000)
		for i := range all {
			all[i] = i
		}
		return all
	}(), 0.1)
	for k, u := range f.Units {
		if !slices.Equal(h5check.Bits(u.SpikeTimes), rows[k].Times) {
			t.Fatalf("unit %d differs", k)
		}
	}
	for j, v := range vm.Values() {
		if !slices.Equal(h5check.Bits(f.Series[0].Data[j]), h5check.Bits(v)) {
			t.Fatalf("column %d differs", j)
		}
	}
	dump := h5check.H5dump(t, "-p", "-H", "-d", "/units/spike_times", path)
	if !strings.Contains(dump, "CHUNKED ( 65536 )") || !strings.Contains(dump, "DEFLATE") {
		t.Fatalf("spike_times is not chunked and deflated:\n%s", dump)
	}
}

// other is a recorder NWB export does not know.
type other struct{}

func (other) Attach(network.View) error    { return nil }
func (other) Reserve(int64)                {}
func (other) Sample(int64, int, int, int)  {}
func (other) Spikes(int64, int, [][]int32) {}
