package netpyne_test

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/analysis"
	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/netpyne"
)

// A passive soma described as NetPyNE would, a current step, and its input
// resistance and time constant measured from the trace. Closed forms:
// Rin = 1/(g·area) = 1/(1e-4 S/cm² · π·20·20 µm²) = 795.8 MΩ; with backward
// Euler the step response decays by 1/(1 + dt/τ) per step, an exponential
// of time constant dt/ln(1 + dt/τ) = 10.0125 ms for τ = cm/g = 10 ms.
func Example() {
	p := netpyne.CellParams{Secs: map[string]netpyne.SecParams{
		"soma": {Geom: netpyne.Geom{L: 20, Diam: 20, Ra: 100, Cm: 1}, Mechs: netpyne.Mechs{"pas": {"g": 1e-4, "e": -65}}},
	}}
	c, err := p.Cell(netpyne.DefaultRegistry())
	if err != nil {
		fmt.Println(err)
		return
	}
	c.AddPoint("stim", "soma", 0.5, mech.IClamp{Del: 10, Dur: 200, Amp: -0.01})
	sim, err := cell.New(c, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := sim.Record("soma", 0.5, "v")
	if err := sim.Run(210); err != nil {
		fmt.Println(err)
		return
	}
	r, err := analysis.Passive(v.Y, analysis.DefaultStepOptions(0.025, 10, 210, -0.01))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("Rin %.1f MΩ (closed form %.1f)\n", r.Rin, 1/(1e-4*math.Pi*20*20*1e-8)*1e-6)
	fmt.Printf("tau %.4f ms (backward Euler: %.4f)\n", r.Tau, 0.025/math.Log(1+0.025/10))
	// Output:
	// Rin 795.8 MΩ (closed form 795.8)
	// tau 10.0125 ms (backward Euler: 10.0125)
}
