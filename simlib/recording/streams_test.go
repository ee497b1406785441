package recording_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

func streamsNet() *network.Network {
	net := network.New(network.Options{Seed: 5, Workers: 2})
	net.AddPopulation("src", 300, neuron.PoissonSource{Rate: 30})
	net.AddPopulation("lif", 20, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: 900})
	return net
}

// TestStreams: a recording streamed with Stream over two runs loads back
// as what in-memory recorders of the same network hold, with the
// network's summary and fingerprint.
func TestStreams(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	net := streamsNet()
	rs := recording.Stream(dir, net)
	rs.Spikes(net.Population("src"))
	rs.State(net.Population("lif"), "v", []int{3, 1}, 0.5)

	ref := streamsNet()
	sp, vm := record.NewSpikes(ref.Population("src")), record.NewState(ref.Population("lif"), "v", []int{3, 1}, 0.5)
	ref.Record(sp)
	ref.Record(vm)
	for _, d := range []float64{50, 70} {
		if err := net.Run(d); err != nil {
			t.Fatal(err)
		}
		if err := ref.Run(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := rs.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := recording.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, v := got.SpikesOf("src"), got.StateOf("lif", "v")
	if s == nil || v == nil || sp.Len() < 100 {
		t.Fatalf("loaded %v, %v (%d spikes recorded)", s, v, sp.Len())
	}
	if !reflect.DeepEqual(s.Steps(), sp.Steps()) || !reflect.DeepEqual(s.Indices(), sp.Indices()) {
		t.Fatalf("spikes: loaded %d, recorded %d (or they differ)", s.Len(), sp.Len())
	}
	if !reflect.DeepEqual(v.Values(), vm.Values()) || !reflect.DeepEqual(v.Times(), vm.Times()) {
		t.Fatalf("v: loaded %d samples, recorded %d (or they differ)", len(v.Times()), len(vm.Times()))
	}
	if got.Summary == nil || got.Summary.Fingerprint != ref.Fingerprint() || got.Summary.Fingerprint != net.Fingerprint() {
		t.Fatalf("summary %+v: want the fingerprint %s", got.Summary, ref.Fingerprint())
	}
}

// TestStreamsRefusedDir: a directory golgi did not write is refused, and
// the network says so.
func TestStreamsRefusedDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	net := streamsNet()
	rs := recording.Stream(dir, net)
	rs.Spikes(net.Population("src"))
	err := net.Run(1)
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Fatalf("run streaming into a directory of other files: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Fatal("the user's file was touched")
	}
	if err := rs.Close(); err == nil {
		t.Fatal("Close of a refused recording returned nil")
	}
}
