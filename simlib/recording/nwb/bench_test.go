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
	sp, vm := regular(b, 2000, 100, 0)
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
	b.ReportMetric(float64(len(vm.Neurons())*len(vm.Times()))*float64(b.N)/s, "samples/s")
}

// regular runs n LIF neurons firing regularly for 1 s (dt 0.1 ms) and
// records their spikes and v of nv of them, evenly spread, every interval
// ms.
func regular(tb testing.TB, n, nv int, interval float64) (*record.Spikes, *record.State) {
	tb.Helper()
	net := network.New(network.Options{DT: 0.1, Seed: 1})
	exc := net.AddPopulation("exc", n, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: 1500})
	sp := record.NewSpikes(exc)
	some := make([]int, nv)
	for i := range some {
		some[i] = i * (n / nv)
	}
	vm := record.NewState(exc, "v", some, interval)
	net.Record(sp)
	net.Record(vm)
	if err := net.Run(1000); err != nil {
		tb.Fatal(err)
	}
	return sp, vm
}
