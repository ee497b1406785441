package units_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/units"
)

// Multiply by a unit to convert into the internal system (ms, mV, pF, nS,
// pA), divide to convert out. PyNN's conventions: cm in nF, conductance
// weights in µS, currents in nA.
func Example() {
	cm := 0.2 * units.NF            // pF
	w := 0.004 * units.Microsiemens // nS
	i := 0.27 * units.NA            // pA
	fmt.Println(cm, w, i)
	fmt.Println(1.5*units.Second, "ms")
	fmt.Println(-65*units.MV/units.Volt, "V")
	// nS·mV = pA: 4 nS at 60 mV from reversal drive 240 pA.
	fmt.Println(4*units.Nanosiemens*60*units.MV, "pA")
	// Output:
	// 200 4 270
	// 1500 ms
	// -0.065 V
	// 240 pA
}

// A compartment's capacitance and leak from NEURON's specific quantities:
// the PyNN VA benchmark cell (area 20000 µm², cm 1 µF/cm², g_leak
// 5e-5 S/cm²) has 200 pF and 10 nS, a 20 ms time constant.
func ExampleSpecificCapacitance() {
	c := units.SpecificCapacitance(1, 20000)
	g := units.SpecificConductance(5e-5, 20000)
	fmt.Printf("C = %.4g pF, g = %.4g nS, tau = %.4g ms\n", c, g, c/g)
	// Output:
	// C = 200 pF, g = 10 nS, tau = 20 ms
}
