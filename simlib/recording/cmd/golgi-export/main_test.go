//go:build hdf5

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/h5/h5check"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording"
	"github.com/golgi-sim/golgi/simlib/recording/nwb"
	"github.com/golgi-sim/golgi/simlib/recording/sonata"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// saved runs a small network and saves its recorders as Parquet.
func saved(t *testing.T) (string, *record.Spikes, *record.State) {
	t.Helper()
	net := network.New(network.Options{DT: 0.1, Seed: 3})
	exc := net.AddPopulation("exc", 5, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: 1500})
	sp, vm, ra := record.NewSpikes(exc), record.NewState(exc, "v", []int{1, 3}, 0.2), record.NewRate(exc, 5)
	for _, r := range []network.Recorder{sp, vm, ra} {
		net.Record(r)
	}
	if err := net.Run(50); err != nil {
		t.Fatal(err)
	}
	if sp.Len() == 0 {
		t.Fatal("no spikes: the test would prove nothing")
	}
	dir := filepath.Join(t.TempDir(), "run")
	if err := recording.Save(dir, net, sp, vm, ra); err != nil {
		t.Fatal(err)
	}
	return dir, sp, vm
}

func TestExport(t *testing.T) {
	in, sp, vm := saved(t)
	dir := t.TempDir()
	var out bytes.Buffer
	nwbPath := filepath.Join(dir, "run.nwb")
	if err := run([]string{"nwb", "-identifier", "x1", in, nwbPath}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "1 spike, 1 state and 1 rate") {
		t.Fatalf("output: %s", out.String())
	}
	f, err := nwb.Read(nwbPath)
	if err != nil {
		t.Fatal(err)
	}
	if f.Identifier != "x1" || len(f.Units) != 5 || len(f.Series) != 1 || len(f.Rates) != 1 || !strings.Contains(f.Notes, `"seed":3`) {
		t.Fatalf("nwb: %+v", f)
	}
	var times []float64
	for _, u := range f.Units {
		times = append(times, u.SpikeTimes...)
	}
	if len(times) != sp.Len() {
		t.Fatalf("%d spike times, recorded %d", len(times), sp.Len())
	}
	if !slices.Equal(h5check.Bits(f.Series[0].Data[1]), h5check.Bits(vm.Values()[1])) {
		t.Fatal("the exported trace differs from the recorded one")
	}
	son := filepath.Join(dir, "spikes.h5")
	if err := run([]string{"sonata", "-sorting", "by_id", in, son}, &out); err != nil {
		t.Fatal(err)
	}
	pops, err := sonata.Read(son)
	if err != nil || len(pops) != 1 || pops[0].Sorting != "by_id" || len(pops[0].NodeIDs) != sp.Len() {
		t.Fatalf("sonata: %+v %v", pops, err)
	}
	// again: refused, then replaced with -overwrite
	if err := run([]string{"sonata", in, son}, &out); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("second export: %v", err)
	}
	if err := run([]string{"sonata", "-overwrite", in, son}, &out); err != nil {
		t.Fatal(err)
	}
}

func TestBadArguments(t *testing.T) {
	in, _, _ := saved(t)
	dir := t.TempDir()
	other := filepath.Join(dir, "notes.txt")
	os.WriteFile(other, []byte("mine"), 0o644)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{nil, "usage"},
		{[]string{"csv", in, "x"}, "usage"},
		{[]string{"nwb", in}, "want IN and OUT"},
		{[]string{"nwb", "-unit", "w=amperes", in, "x"}, "VAR=NAME:CONVERSION"},
		{[]string{"nwb", "-unit", "w=amperes:-1", in, "x"}, "positive"},
		{[]string{"sonata", "-sorting", "by_gid", in, filepath.Join(dir, "s.h5")}, `Sorting "by_gid"`},
		{[]string{"nwb", filepath.Join(dir, "missing"), filepath.Join(dir, "m.nwb")}, "missing"},
		{[]string{"nwb", "-overwrite", in, other}, "exists"},
	} {
		err := run(c.args, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: %v, want an error saying %q", c.args, err, c.msg)
		}
	}
	if b, _ := os.ReadFile(other); string(b) != "mine" {
		t.Fatal("a file golgi did not write was changed")
	}
}
