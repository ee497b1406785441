//go:build hdf5

package sonata_test

import (
	"cmp"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/h5"
	"github.com/golgi-sim/golgi/simlib/internal/h5/h5check"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording/sonata"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// run makes spikes: a LIF population driven above threshold (its neurons
// fire in the same updates, so by_id and by_time orders differ) and given
// spike times (neurons 0 and 2 at 0.3 ms, neuron 0 again at 5 and 5.1).
func run(t *testing.T) (*network.Network, *record.Spikes, *record.Spikes) {
	t.Helper()
	net := network.New(network.Options{DT: 0.1, Seed: 7})
	sp := net.AddPopulation("src", 3, neuron.SpikeTimes{Times: [][]float64{{0.3, 5, 5.1}, {}, {0.3, 2}}})
	ep := net.AddPopulation("exc", 20, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: 1500})
	src, exc := record.NewSpikes(sp), record.NewSpikes(ep)
	net.Record(src)
	net.Record(exc)
	if err := net.Run(200); err != nil {
		t.Fatal(err)
	}
	if exc.Len() < 50 || src.Len() != 5 {
		t.Fatalf("%d and %d spikes: the test would prove little", exc.Len(), src.Len())
	}
	return net, src, exc
}

// want is what a population's group must hold in an order.
type want struct {
	Name    string   `json:"name"`
	Sorting string   `json:"sorting"`
	Times   []uint64 `json:"times"` // IEEE bits
	IDs     []uint64 `json:"ids"`
}

func expect(s *record.Spikes, sorting string) want {
	t := s.Times()
	ids := make([]uint64, len(t))
	for k, i := range s.Indices() {
		ids[k] = uint64(i)
	}
	if sorting == sonata.ByID {
		o := make([]int, len(t))
		for k := range o {
			o[k] = k
		}
		slices.SortStableFunc(o, func(a, b int) int { return cmp.Compare(ids[a], ids[b]) })
		t2, i2 := make([]float64, len(o)), make([]uint64, len(o))
		for k, j := range o {
			t2[k], i2[k] = t[j], ids[j]
		}
		t, ids = t2, i2
	}
	return want{s.Population(), sorting, h5check.Bits(t), ids}
}

func TestWriteRead(t *testing.T) {
	net, src, exc := run(t)
	dir := t.TempDir()
	for _, sorting := range []string{sonata.ByTime, sonata.ByID, sonata.None} {
		path := filepath.Join(dir, sorting+".h5")
		sum := net.Summary()
		opt := sonata.DefaultOptions()
		opt.Sorting, opt.Run = sorting, &sum
		if err := sonata.Write(path, opt, exc, src); err != nil {
			t.Fatal(err)
		}
		pops, err := sonata.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(pops) != 2 {
			t.Fatalf("%s: %d populations", sorting, len(pops))
		}
		for _, p := range pops {
			rec := map[string]*record.Spikes{"src": src, "exc": exc}[p.Name]
			if rec == nil {
				t.Fatalf("%s: population %q", sorting, p.Name)
			}
			w := expect(rec, sorting)
			if p.Sorting != sorting || p.Units != "ms" || !slices.Equal(h5check.Bits(p.Timestamps), w.Times) || !slices.Equal(p.NodeIDs, w.IDs) {
				t.Fatalf("%s %s: read %s %s %v %v, want %v %v", sorting, p.Name, p.Sorting, p.Units, p.Timestamps, p.NodeIDs, w.Times, w.IDs)
			}
		}
		if sorting == sonata.ByID {
			byTime := expect(exc, sonata.ByTime)
			if w := expect(exc, sonata.ByID); slices.Equal(w.IDs, byTime.IDs) {
				t.Fatal("by_id and by_time orders are the same: the test would prove nothing")
			}
		}
	}
}

// TestIndependentReader has h5py read the file and compare every dataset
// and attribute with what golgi recorded, bit for bit, and checks the
// layout the SONATA developer guide gives for spike files.
func TestIndependentReader(t *testing.T) {
	h5check.Modules(t, "h5py", "numpy")
	net, src, exc := run(t)
	dir := t.TempDir()
	sum := net.Summary()
	var wants []want
	for _, sorting := range []string{sonata.ByTime, sonata.ByID} {
		path := filepath.Join(dir, sorting+".h5")
		opt := sonata.DefaultOptions()
		opt.Sorting, opt.Run = sorting, &sum
		if err := sonata.Write(path, opt, src, exc); err != nil {
			t.Fatal(err)
		}
		wants = []want{expect(src, sorting), expect(exc, sorting)}
		wp := filepath.Join(dir, sorting+".json")
		h5check.WriteJSON(t, wp, map[string]any{"populations": wants, "seed": sum.Seed, "fingerprint": sum.Fingerprint, "golgi_version": network.Version})
		if out := h5check.Run(t, "testdata/check_sonata.py", path, wp); !strings.Contains(out, "ok") {
			t.Fatalf("check_sonata.py: %s", out)
		}
	}
	dump := h5check.H5dump(t, "-A", filepath.Join(dir, "by_time.h5"))
	for _, s := range []string{`GROUP "exc"`, `ATTRIBUTE "sorting"`, `"by_time"`, `ATTRIBUTE "magic"`, "2682"} { // 0x0A7A = 2682
		if !strings.Contains(dump, s) {
			t.Errorf("h5dump -A lacks %q", s)
		}
	}
}

func TestRefusals(t *testing.T) {
	_, src, exc := run(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "spikes.h5")
	opt := sonata.DefaultOptions()
	for name, c := range map[string]struct {
		opt    sonata.Options
		spikes []*record.Spikes
		msg    string
	}{
		"none":      {opt, nil, "no spike recorders"},
		"nil":       {opt, []*record.Spikes{exc, nil}, "spike recorder 1 is nil"},
		"twice":     {opt, []*record.Spikes{exc, src, exc}, `a second recorder of that population`},
		"unrun":     {opt, []*record.Spikes{record.NewSpikes(network.New(network.Options{DT: 0.1}).AddPopulation("exc", 2, neuron.DefaultLIF()))}, "not attached"},
		"empty pop": {opt, []*record.Spikes{record.NewSpikes(nil)}, "population name is empty"},
		"sorting":   {sonata.Options{Sorting: "by_gid"}, []*record.Spikes{exc}, `Options.Sorting "by_gid"`},
	} {
		err := sonata.Write(path, c.opt, c.spikes...)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want an error saying %q", name, err, c.msg)
		}
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a refused write left a file")
	}
	// a population name with '/' would become a path
	net := network.New(network.Options{DT: 0.1})
	slash := record.NewSpikes(net.AddPopulation("a/b", 1, neuron.SpikeTimes{Times: [][]float64{{1}}}))
	net.Record(slash)
	if err := net.Run(2); err != nil {
		t.Fatal(err)
	}
	if err := sonata.Write(path, opt, slash); err == nil || !strings.Contains(err.Error(), "must not contain '/'") {
		t.Errorf("population a/b: %v", err)
	}

	// existing files: a file golgi did not write is never touched, ours
	// is replaced only with Overwrite
	other := filepath.Join(dir, "other.h5")
	if err := h5.Write(other, nil, func(f *h5.File) error { _, err := f.Root().CreateGroup("spikes"); return err }); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(other)
	for _, ow := range []bool{false, true} {
		o := opt
		o.Overwrite = ow
		if err := sonata.Write(other, o, exc); !errors.Is(err, h5.ErrExists) {
			t.Errorf("overwrite %v of a file golgi did not write: %v", ow, err)
		}
	}
	if after, _ := os.ReadFile(other); string(after) != string(before) {
		t.Fatal("a file golgi did not write was changed")
	}
	if err := sonata.Write(path, opt, exc); err != nil {
		t.Fatal(err)
	}
	if err := sonata.Write(path, opt, src); !errors.Is(err, h5.ErrExists) {
		t.Errorf("second write without Overwrite: %v", err)
	}
	o := opt
	o.Overwrite = true
	if err := sonata.Write(path, o, src); err != nil {
		t.Fatal(err)
	}
	pops, err := sonata.Read(path)
	if err != nil || len(pops) != 1 || pops[0].Name != "src" {
		t.Fatalf("overwritten file: %v %v", pops, err)
	}
	if pops, err := sonata.Read(other); err != nil || len(pops) != 0 {
		t.Fatalf("a file with an empty /spikes: %v %v, want no populations", pops, err)
	}
	if _, err := sonata.Read(filepath.Join(dir, "missing.h5")); err == nil {
		t.Fatal("read a missing file")
	}
}

// TestLarge writes more spikes than one chunk (chunked and deflated
// datasets) and reads them back bit for bit.
func TestLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("a 1000-neuron run: skipped under -short")
	}
	net := network.New(network.Options{DT: 0.1, Seed: 2})
	sp := record.NewSpikes(net.AddPopulation("exc", 1000, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: 1500}))
	net.Record(sp)
	if err := net.Run(1000); err != nil {
		t.Fatal(err)
	}
	if sp.Len() <= 1<<16 {
		t.Fatalf("%d spikes: not above one chunk", sp.Len())
	}
	path := filepath.Join(t.TempDir(), "large.h5")
	opt := sonata.DefaultOptions()
	opt.Sorting = sonata.ByID
	if err := sonata.Write(path, opt, sp); err != nil {
		t.Fatal(err)
	}
	pops, err := sonata.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	w := expect(sp, sonata.ByID)
	if len(pops) != 1 || !slices.Equal(h5check.Bits(pops[0].Timestamps), w.Times) || !slices.Equal(pops[0].NodeIDs, w.IDs) {
		t.Fatal("large file read back differs")
	}
	if dump := h5check.H5dump(t, "-p", "-H", "-d", "/spikes/exc/node_ids", path); !strings.Contains(dump, "CHUNKED ( 65536 )") {
		t.Fatalf("node_ids not chunked:\n%s", dump)
	}
}

// TestReadForeign reads spike files that h5py wrote the way other tools
// do (a string sorting, a 32-bit enum, none; int64 node ids).
func TestReadForeign(t *testing.T) {
	h5check.Modules(t, "h5py", "numpy")
	dir := t.TempDir()
	h5check.Run(t, "testdata/write_foreign.py", dir)
	for file, sorting := range map[string]string{"string.h5": sonata.ByTime, "enum32.h5": sonata.ByTime, "unsorted.h5": ""} {
		pops, err := sonata.Read(filepath.Join(dir, file))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if len(pops) != 1 || pops[0].Name != "v1" || pops[0].Sorting != sorting || pops[0].Units != "ms" ||
			!slices.Equal(pops[0].Timestamps, []float64{0.5, 1.25, 2.0}) || !slices.Equal(pops[0].NodeIDs, []uint64{3, 1, 3}) {
			t.Fatalf("%s: %+v", file, pops)
		}
	}
}
