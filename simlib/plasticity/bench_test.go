package plasticity_test

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// BenchmarkSongMillerAbbott is the shape of Song, Miller & Abbott (2000)'s
// network as Brian2's documentation runs it: 1000 Poisson inputs at 15 Hz
// onto one LIF cell through additive pair STDP (conductance receptor,
// weights in [0, 0.01·50] nS), 1 s per iteration; it reports presynaptic
// events per second (every input spike is one synapse event).
func BenchmarkSongMillerAbbott(b *testing.B) {
	var events float64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		net := network.New(network.Options{Seed: uint64(i), Workers: 1})
		gIn := net.AddPopulation("in", 1000, neuron.PoissonSource{Rate: 15})
		gOut := net.AddPopulation("out", 1, neuron.DefaultLIF()).Receptor("ge", synapse.CondExp(5, 0))
		p := plasticity.DefaultPair()
		p.WMax, p.APlus, p.AMinus = 0.5, 0.005, 0.00525
		net.Connect(gIn, gOut, connect.AllToAll{}, network.Synapse{Receptor: "ge", Weight: dist.Uniform{Low: 0, High: 0.5}, Delay: dist.Const(0.1), Plasticity: p})
		if err := net.Build(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := net.Run(1000); err != nil {
			b.Fatal(err)
		}
		events += float64(net.SpikeCount())
	}
	b.ReportMetric(events/b.Elapsed().Seconds(), "syn-events/s")
}
