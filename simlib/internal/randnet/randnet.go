// Package randnet builds random small networks for property tests of the
// recorders and of their storage (simlib/record, simlib/recording).
package randnet

import (
	"math/rand/v2"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// Net is a random network: n spike sources firing at random times ("src")
// and n LIF neurons driven by a DC current ("lif", receptor "e").
type Net struct {
	Net *network.Network
	N   int     // size of each population
	DT  float64 // time step (ms)
	// Subset is a random, non-empty subset of the neurons.
	Subset []int
}

// New draws a network from r (seed is its master seed).
func New(r *rand.Rand, seed uint64) Net {
	n := 1 + r.IntN(20)
	dt := []float64{0.1, 0.05, 0.025, 0.2}[r.IntN(4)]
	times := make([][]float64, n)
	for i := range times {
		for k := r.IntN(6); k > 0; k-- {
			times[i] = append(times[i], dt*float64(1+r.IntN(200)))
		}
	}
	net := network.New(network.Options{DT: dt, Workers: 1 + r.IntN(3), Seed: seed})
	net.AddPopulation("src", n, neuron.SpikeTimes{Times: times})
	net.AddPopulation("lif", n, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5)).Inject(stimulus.DC{Amplitude: 300})
	var subset []int
	for i := 0; i < n; i++ {
		if r.IntN(2) == 0 {
			subset = append(subset, i)
		}
	}
	if len(subset) == 0 {
		subset = []int{n - 1}
	}
	return Net{net, n, dt, subset}
}
