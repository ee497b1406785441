package cell_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// A soma with hh and a passive dendrite; an Exp2Syn in the middle of the
// dendrite gets one event at 10 ms: the somatic EPSP.
func Example() {
	c := cell.Cell{
		Sections: []cell.Section{
			{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1, Mechs: []mech.Density{mech.DefaultHH()}},
			{Name: "dend", Parent: "soma", ParentX: 1, L: 500, Diam: 1, Nseg: 25, Ra: 100, Cm: 1,
				Mechs: []mech.Density{mech.Pas{G: 1e-4, E: -65}}},
		},
		Points: []cell.PointProcess{
			{Label: "syn", Section: "dend", X: 0.5, Mech: mech.Exp2Syn{Tau1: 0.5, Tau2: 5, E: 0}},
		},
	}
	s, err := cell.New(c, nil) // NEURON's defaults: dt 0.025 ms, backward Euler, 6.3 °C, v_init -65 mV
	if err != nil {
		fmt.Println(err)
		return
	}
	v, _ := s.Record("soma", 0.5, "v")
	s.Events("syn", 0.0005, 10) // 0.5 nS
	if err := s.Run(40); err != nil {
		fmt.Println(err)
		return
	}
	i0, peak := 400, v.Y[400] // t = 10 ms
	for _, y := range v.Y[i0:] {
		peak = max(peak, y)
	}
	// NEURON 8.2 gives 1.399015 mV for this cell (compare/neuron_cells.py,
	// case soma_dend_syn_x0.5_w0.0005_so0)
	fmt.Printf("EPSP %.4f mV\n", peak-v.Y[i0])
	// Output:
	// EPSP 1.3990 mV
}

// A group of three cells with different synaptic weights, stepped as the
// network engine does: events delivered at a step boundary, then a step
// of every cell, then the detectors.
func ExampleNewGroup() {
	c := cell.Cell{
		Sections: []cell.Section{{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1,
			Mechs: []mech.Density{mech.DefaultHH()}}},
		Points:   []cell.PointProcess{{Label: "syn", Section: "soma", X: 0.5, Mech: mech.ExpSyn{Tau: 2, E: 0}}},
		Detector: &cell.Detector{Section: "soma", X: 0.5, Threshold: 0},
	}
	o := cell.DefaultOptions()
	g, err := cell.NewGroup([]cell.Cell{c, c, c}, o)
	if err != nil {
		fmt.Println(err)
		return
	}
	syn, _ := g.Point("syn")
	weights := []float64{0.001, 0.01, 0.05} // µS
	var spikes []int32
	for n := 0; n < 800; n++ { // 20 ms
		t := float64(n) * o.DT // the step from t to t + dt
		if n == 200 {          // events at 5 ms
			for k, w := range weights {
				g.Deliver(k, syn, w, t)
			}
		}
		g.Step(0, g.N(), t)
		for _, k := range g.Spikes(0, g.N(), spikes[:0]) {
			fmt.Printf("cell %d (weight %g µS) spikes at %.3f ms\n", k, weights[k], t+o.DT)
		}
	}
	// NEURON 8.2 on the same cell: no spike for 0.001 µS, 5.925 and 5.425 ms
	// for 0.01 and 0.05 µS (plus its 1e-10 ms stamp)
	// Output:
	// cell 2 (weight 0.05 µS) spikes at 5.425 ms
	// cell 1 (weight 0.01 µS) spikes at 5.925 ms
}
