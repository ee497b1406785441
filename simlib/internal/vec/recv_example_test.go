package vec_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/internal/vec"
)

// Two single-state conductance receptors (excitatory, reversal 0 mV;
// inhibitory, -80 mV) of three neurons, one step: their conductances go
// into G and G·E into GE, the states decay by A and take the spikes due
// now (the ring slots, weighted by B), and the slots are cleared.
func ExampleCond1Pair() {
	G, GE := make([]float64, 3), make([]float64, 3)
	ge, gi := []float64{4, 0, 2}, []float64{0, 10, 5}    // nS
	re, ri := []float64{0.5, 0, 0}, []float64{0, 0, 1.5} // nS arriving now
	exc := vec.Recv1{A: 0.5, B: 1, C: 1, CE: 0}
	inh := vec.Recv1{A: 0.25, B: 1, C: 1, CE: -80}
	vec.Cond1Pair(G, GE, ge, re, gi, ri, exc, inh, true)
	fmt.Println("G", G, "GE", GE)
	fmt.Println("ge", ge, "gi", gi)
	fmt.Println("slots", re, ri)
	// Output:
	// G [4 10 7] GE [0 -800 -400]
	// ge [2.5 0 1] gi [0 2.5 2.75]
	// slots [0 0 0] [0 0 0]
}
