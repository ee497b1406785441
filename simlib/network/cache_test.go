package network_test

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
)

func TestRunCache(t *testing.T) {
	dir := t.TempDir()
	a, spA, stA := randomNet(21, 2)
	a.EnableCache(dir)
	if err := a.Run(60); err != nil {
		t.Fatal(err)
	}
	if hit, why := a.CacheStatus(); hit || why != "" {
		t.Fatalf("first run: hit=%v why=%q, want a miss that gets stored", hit, why)
	}

	b, spB, stB := randomNet(21, 1) // workers do not change the key
	b.EnableCache(dir)
	if err := b.Run(60); err != nil {
		t.Fatal(err)
	}
	if hit, _ := b.CacheStatus(); !hit || !b.Summary().Cached {
		t.Fatal("identical network was simulated again instead of loaded")
	}
	if b.Fingerprint() != a.Fingerprint() || b.SpikeCount() != a.SpikeCount() || b.Time() != 60 {
		t.Fatalf("cached run: fingerprint %s spikes %d t %v, want %s %d 60", b.Fingerprint(), b.SpikeCount(), b.Time(), a.Fingerprint(), a.SpikeCount())
	}
	if !reflect.DeepEqual(spA.Steps(), spB.Steps()) || !reflect.DeepEqual(stA.Values(), stB.Values()) || !reflect.DeepEqual(stA.Times(), stB.Times()) {
		t.Fatal("cached recorders differ from the simulated ones")
	}
	// The state was not restored: a run beyond the cache is refused.
	if err := b.Run(10); err == nil || !strings.Contains(err.Error(), "loaded from the run cache") {
		t.Fatalf("continuing a cached network: %v", err)
	}

	// A different seed, or a different parameter, misses.
	c, _, _ := randomNet(22, 2)
	c.EnableCache(dir)
	if err := c.Run(60); err != nil {
		t.Fatal(err)
	}
	if hit, _ := c.CacheStatus(); hit {
		t.Fatal("different seed hit the cache")
	}
	d, _, _ := randomNet(21, 2)
	d.Population("inh").InitValues("v", make([]float64, 77))
	d.EnableCache(dir)
	if err := d.Run(60); err != nil {
		t.Fatal(err)
	}
	if hit, _ := d.CacheStatus(); hit {
		t.Fatal("changed initial condition hit the cache")
	}
}

func TestRunCacheRefusesFunctions(t *testing.T) {
	n, _, _ := randomNet(1, 1)
	n.AddPopulation("f", 3, neuron.PoissonSource{RateFunc: func(float64) float64 { return 5 }})
	n.Record(record.NewSpikes(n.Population("f")))
	n.EnableCache(t.TempDir())
	if err := n.Run(5); err != nil {
		t.Fatal(err)
	}
	hit, why := n.CacheStatus()
	if hit || !strings.Contains(why, "RateFunc") {
		t.Fatalf("hit=%v why=%q: a function-valued parameter must disable the cache and say so", hit, why)
	}
}

// TestRunCacheBadRecorderData: a cache entry whose last recorder's data
// does not decode is a miss: the run is simulated, the recorders restored
// before the failure get their own data back (no spike recorded twice),
// and the entry is rewritten.
func TestRunCacheBadRecorderData(t *testing.T) {
	dir := t.TempDir()
	a, spA, stA := randomNet(21, 2)
	a.EnableCache(dir)
	if err := a.Run(60); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.gob"))
	if len(files) != 1 {
		t.Fatalf("cache files %v, want one", files)
	}
	// the entry's layout, by field name (gob)
	var ce struct {
		Steps, Spikes int64
		Hash          []byte
		Workers       int
		Wall          float64
		Recorders     [][]byte
	}
	b, _ := os.ReadFile(files[0])
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&ce); err != nil || len(ce.Recorders) != 2 {
		t.Fatalf("decoding the entry: %v (%d recorders)", err, len(ce.Recorders))
	}
	ce.Recorders[1] = []byte("not a recorder")
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(ce); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(files[0], buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	c, spC, stC := randomNet(21, 1)
	c.EnableCache(dir)
	if err := c.Run(60); err != nil {
		t.Fatal(err)
	}
	if hit, why := c.CacheStatus(); hit || !strings.Contains(why, "recorder 1") || !strings.Contains(why, "simulated instead") {
		t.Fatalf("hit=%v why=%q: want a miss naming recorder 1", hit, why)
	}
	if !reflect.DeepEqual(spA.Steps(), spC.Steps()) || !reflect.DeepEqual(stA.Values(), stC.Values()) || spC.Len() == 0 {
		t.Fatalf("simulated after a bad entry: %d spikes, want %d (the same as the first run)", spC.Len(), spA.Len())
	}
	d, spD, _ := randomNet(21, 1) // the entry was rewritten: a hit again
	d.EnableCache(dir)
	if err := d.Run(60); err != nil {
		t.Fatal(err)
	}
	if hit, why := d.CacheStatus(); !hit || !reflect.DeepEqual(spD.Steps(), spA.Steps()) {
		t.Fatalf("after the rewrite: hit=%v why=%q", hit, why)
	}
}
