package vec_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/internal/vec"
)

// One exact step of six current-driven LIF neurons (the constants as
// neuron.LIF builds them for Cm 250 pF, TauM 10 ms, dt 0.1 ms, VRest -65
// mV, VReset -70 mV, VThresh -50 mV, 2 ms refractory): neuron 1 is clamped,
// neurons 3 and 5 are pushed over the threshold by their jumps. By hand:
// neuron 2 goes to -65 + 10·prop + 500·R = -54.900, neuron 4 to
// -65 + 5·prop = -60.050.
func ExampleLIFCurrExact() {
	const prop = 0.9900498337491681 // e^{-0.1/10}
	gl := 250.0 / 10
	c := vec.LIF{VRest: -65, Prop: prop, R: (1 - prop) / gl, VReset: -70, Th: -50, NRef: 20}
	v := []float64{-65, -70, -55, -51, -60, -50.5}
	ref := []int32{0, 3, 0, 0, 0, 0}
	in := []float64{0, 0, 500, 0, 0, 0}                        // pA
	jump := []float64{0, 0, 0, 2, 0, 1}                        // mV
	spikes := vec.LIFCurrExact(&c, v, ref, in, jump, 100, nil) // neurons numbered from 100
	fmt.Println("spikes:", spikes)
	fmt.Printf("v: %.3f\n", v)
	fmt.Println("ref:", ref)
	// Output:
	// spikes: [103 105]
	// v: [-65.000 -70.000 -54.900 -70.000 -60.050 -70.000]
	// ref: [0 2 0 20 0 20]
}
