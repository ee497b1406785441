package sweep_test

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/sweep"
)

// SpikeData and TraceData hold exactly what the recorders hold.
func TestRecorderData(t *testing.T) {
	net := network.New(network.Options{DT: 0.1, Seed: 1, Workers: 1})
	net.AddPopulation("c", 3, neuron.DefaultLIF()).Select(0, 2).Inject(stimulus.DC{Amplitude: 1000}) // pA
	spk := record.NewSpikes(net.Population("c"))
	v := record.NewState(net.Population("c"), "v", []int{2, 1}, 0.5)
	net.Record(spk)
	net.Record(v)
	if err := net.Run(100); err != nil {
		t.Fatal(err)
	}
	sd := sweep.SpikeData("spikes", spk)
	if err := sd.Check(); err != nil || sd.Rows() != spk.Len() || spk.Len() == 0 {
		t.Fatalf("spikes: %v, %d rows for %d spikes", err, sd.Rows(), spk.Len())
	}
	for k := range spk.Len() {
		if sd.Columns[0].Int[k] != spk.Steps()[k] || sd.Columns[1].Float[k] != spk.Times()[k] || sd.Columns[2].Int[k] != int64(spk.Indices()[k]) {
			t.Fatalf("spike %d differs", k)
		}
	}
	td := sweep.TraceData("v", v)
	n := len(v.Times())
	if err := td.Check(); err != nil || td.Rows() != 2*n {
		t.Fatalf("trace: %v, %d rows, want %d", err, td.Rows(), 2*n)
	}
	// Long form: neuron 2's samples, then neuron 1's.
	for j := 0; j < n; j++ {
		for k, nr := range []int64{2, 1} {
			r := k*n + j
			if td.Columns[0].Float[r] != v.Times()[j] || td.Columns[1].Int[r] != nr || td.Columns[2].Float[r] != v.Values()[k][j] {
				t.Fatalf("trace row %d differs", r)
			}
		}
	}
}
