package network_test

import (
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
	n.Record(record.NewSpikes("f"))
	n.EnableCache(t.TempDir())
	if err := n.Run(5); err != nil {
		t.Fatal(err)
	}
	hit, why := n.CacheStatus()
	if hit || !strings.Contains(why, "RateFunc") {
		t.Fatalf("hit=%v why=%q: a function-valued parameter must disable the cache and say so", hit, why)
	}
}
