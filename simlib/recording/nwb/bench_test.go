//go:build hdf5

package nwb_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording/nwb"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// BenchmarkWrite measures NWB write throughput (spikes/s, and samples/s
// of v) for 2000 LIF neurons firing regularly for 1 s, v of 100 of them
// every step.
func BenchmarkWrite(b *testing.B) {
	net := network.New(network.Options{DT: 0.1, Seed: 1})
	exc := net.AddPopulation("exc", 2000, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: 1500})
	sp := record.NewSpikes(exc)
	some := make([]int, 100)
	for i := range some {
		some[i] = 20 * i
	}
	vm := record.NewState(exc, "v", some, 0)
	net.Record(sp)
	net.Record(vm)
	if err := net.Run(1000); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "run.nwb")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		os.Remove(path)
		if err := nwb.Write(path, nwb.DefaultOptions(), sp, vm); err != nil {
			b.Fatal(err)
		}
	}
	s := b.Elapsed().Seconds()
	b.ReportMetric(float64(sp.Len())*float64(b.N)/s, "spikes/s")
	b.ReportMetric(float64(len(some)*len(vm.Times()))*float64(b.N)/s, "samples/s")
}
