package network_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// A driven LIF population exciting a second one through conductance
// synapses with a 1.5 ms delay. The drivers (R·I = 20 mV above a -65 mV
// rest, 15 mV to threshold) fire every τ·ln 4 ≈ 27.7 ms; each volley of 10
// × 20 nS makes every target fire within about 1.6 ms, several times.
func Example() {
	net := network.New(network.Options{DT: 0.1, Seed: 1})
	lif := neuron.DefaultLIF() // PyNN's IF_curr_exp defaults: 1 nF, 20 ms
	net.AddPopulation("driver", 10, lif).
		Inject(stimulus.DC{Amplitude: 1000}) // pA: 1 nA for all ten
	net.AddPopulation("target", 5, lif).
		Receptor("ampa", synapse.CondExp(5, 0)) // tau 5 ms, E 0 mV
	net.Connect(net.Population("driver"), net.Population("target"), connect.AllToAll{},
		network.Synapse{Receptor: "ampa", Weight: dist.Const(20), Delay: dist.Const(1.5)}) // nS, ms
	spikes := record.NewSpikes(net.Population("target"))
	net.Record(spikes)
	if err := net.Run(100); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("t = %v ms, %d target spikes, first at %.1f ms\n", net.Time(), spikes.Len(), spikes.Times()[0])
	// Output:
	// t = 100 ms, 40 target spikes, first at 30.9 ms
}
