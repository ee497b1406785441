//go:build hdf5

package sonata_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording/sonata"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// BenchmarkWrite measures SONATA write throughput (spikes/s) for 2000 LIF
// neurons firing regularly for 1 s.
func BenchmarkWrite(b *testing.B) {
	net := network.New(network.Options{DT: 0.1, Seed: 1})
	exc := net.AddPopulation("exc", 2000, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: 1500})
	sp := record.NewSpikes(exc)
	net.Record(sp)
	if err := net.Run(1000); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	path := filepath.Join(dir, "spikes.h5")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		os.Remove(path)
		if err := sonata.Write(path, sonata.DefaultOptions(), sp); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(sp.Len())*float64(b.N)/b.Elapsed().Seconds(), "spikes/s")
}
