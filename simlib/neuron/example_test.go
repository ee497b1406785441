package neuron_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// An AdEx cell with ntwk's excitatory parameters under a 300 pA step:
// spike-triggered adaptation (b = 40 pA) lengthens the intervals.
func ExampleAdEx() {
	net := network.New(network.Options{DT: 0.1})
	net.AddPopulation("rs", 1, neuron.DefaultAdEx()).
		Inject(stimulus.DC{Amplitude: 300, Start: 100})
	sp := record.NewSpikes(net.Population("rs"))
	net.Record(sp)
	if err := net.Run(600); err != nil {
		fmt.Println(err)
		return
	}
	t := sp.Times()
	fmt.Printf("%d spikes, first at %.1f ms\n", len(t), t[0])
	fmt.Printf("first interval %.1f ms, last %.1f ms\n", t[1]-t[0], t[len(t)-1]-t[len(t)-2])
	// Output:
	// 5 spikes, first at 129.5 ms
	// first interval 43.2 ms, last 134.8 ms
}

// The Traub-Miles cell of Brian2's COBAHH example fires tonically even
// without input; a 300 pA step speeds it up. The times are Brian2's
// (testdata/hh_brian2.json) plus one step: Brian2 stamps the start of the
// detecting step, golgi its end.
func ExampleHH() {
	net := network.New(network.Options{DT: 0.01})
	net.AddPopulation("hh", 1, neuron.DefaultHH()).
		Inject(stimulus.Steps{Times: []float64{100, 300}, Amplitudes: []float64{300, 0}})
	sp := record.NewSpikes(net.Population("hh"))
	net.Record(sp)
	if err := net.Run(400); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.2f\n", sp.Times()[:4])
	// Output:
	// [11.05 83.52 110.09 127.19]
}
