package stimulus_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// Inject a current into chosen neurons of a population: here 500 pA from
// 1 ms into neuron 1 of two LIF neurons (tau_m 20 ms, 50 nS leak), which
// after 20 ms has risen 10·(1 - e^-0.95) = 6.133 mV above rest.
func Example() {
	net := network.New(network.Options{DT: 0.1, Seed: 1})
	pop := net.AddPopulation("lif", 2, neuron.DefaultLIF())
	pop.Slice(1, 2).Inject(stimulus.DC{Amplitude: 500, Start: 1})
	if err := net.Run(20); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("v = %.3f mV, %.3f mV\n", pop.Var("v")[0], pop.Var("v")[1])
	// Output:
	// v = -65.000 mV, -58.867 mV
}

// A DC of 300 pA during [0.2, 0.5) ms, read as the engine does with
// dt = 0.1 ms: update n uses the current at its start t = (n-1)·dt.
func ExampleDC() {
	src := stimulus.DC{Amplitude: 300, Start: 0.2, Stop: 0.5}.New(stimulus.Context{N: 1, DT: 0.1})
	for n := int64(1); n <= 6; n++ {
		t := float64(n-1) * 0.1
		i := []float64{0}
		src.Add(n, t, 0, 1, i)
		fmt.Printf("t = %.1f ms: %v pA\n", t, i[0])
	}
	// Output:
	// t = 0.0 ms: 0 pA
	// t = 0.1 ms: 0 pA
	// t = 0.2 ms: 300 pA
	// t = 0.3 ms: 300 pA
	// t = 0.4 ms: 300 pA
	// t = 0.5 ms: 0 pA
}

// Steps holds each amplitude from its time until the next.
func ExampleSteps() {
	s := stimulus.Steps{Times: []float64{10, 20}, Amplitudes: []float64{100, -50}}
	src := s.New(stimulus.Context{N: 1, DT: 0.1})
	for _, t := range []float64{5, 10, 15, 20, 100} {
		i := []float64{0}
		src.Add(int64(t/0.1)+1, t, 0, 1, i)
		fmt.Printf("t = %v ms: %v pA\n", t, i[0])
	}
	// Output:
	// t = 5 ms: 0 pA
	// t = 10 ms: 100 pA
	// t = 15 ms: 100 pA
	// t = 20 ms: -50 pA
	// t = 100 ms: -50 pA
}

// Parameters are checked before anything runs; errors name the field, the
// value and what is allowed.
func ExampleNoise_Validate() {
	fmt.Println(stimulus.Noise{Mean: 0, SD: -5}.Validate(0.1))
	fmt.Println(stimulus.DC{Amplitude: 100, Start: 50, Stop: 20}.Validate(0.1))
	// Output:
	// SD = -5 pA: must be >= 0 and finite
	// Stop = 20 ms: must be 0 (never) or after Start = 50 ms
}
