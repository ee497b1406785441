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

// The Vogels-Abbott network written as Brian2 writes it: one population
// of 4000 cells and two views, E = P[:3200] and I = P[3200:], connected
// with 2% probability (E through the excitatory receptor, I through the
// inhibitory one), started from random membrane potentials. Recorders of
// a view number its neurons from 0.
func ExamplePopulation_Slice() {
	net := network.New(network.Options{DT: 0.1, Seed: 1})
	lif := neuron.DefaultLIF()
	lif.Cm, lif.TauM, lif.VRest, lif.VReset, lif.VThresh, lif.TauRefrac = 200, 20, -60, -60, -50, 5 // pF, ms, mV
	P := net.AddPopulation("P", 4000, lif).
		Receptor("exc", synapse.CondExp(5, 0)).    // ms, mV
		Receptor("inh", synapse.CondExp(10, -80)). // ms, mV
		Init("v", dist.Uniform{Low: -60, High: -50})
	E, I := P.Slice(0, 3200), P.Slice(3200, 4000)
	rule := connect.FixedProbability{P: 0.02}
	net.Connect(E, P, rule, network.Synapse{Receptor: "exc", Weight: dist.Const(4), Delay: dist.Const(0.1)})  // nS, ms
	net.Connect(I, P, rule, network.Synapse{Receptor: "inh", Weight: dist.Const(51), Delay: dist.Const(0.1)}) // nS, ms
	E.Slice(0, 200).Inject(stimulus.Steps{Times: []float64{0, 50}, Amplitudes: []float64{400, 0}})            // pA: a 50 ms kick
	exc, inh := record.NewSpikes(E), record.NewSpikes(I)
	net.Record(exc)
	net.Record(inh)
	if err := net.Run(200); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("E: %d cells, %d spikes; I: %d cells, %d spikes\n", exc.Size(), exc.Len(), inh.Size(), inh.Len())
	// Output:
	// E: 3200 cells, 9066 spikes; I: 800 cells, 2126 spikes
}
