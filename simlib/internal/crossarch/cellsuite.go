package crossarch

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// compartmental is a cell of package cell, run standalone for 60 ms at
// 16.3 °C: a soma with hh, a tapered dendrite with pas whose shape is 3-D
// points (one pair at the same position with a step in diameter), a second
// pas dendrite off the soma's 0 end; an Exp2Syn on the first dendrite
// driven by four events, an ExpSyn and an SEClamp (two command levels) on
// the second, an IClamp at the soma, a detector at the soma. It is
// integrated by backward Euler ("cellBE", NEURON's table of hh's rates)
// or Crank-Nicolson ("cellCN", hh's rates computed exactly). Spikes counts
// the detector's spikes and Fingerprint hashes their times; Traces hashes
// v at every node at every step, hh's gates at the soma, the synapses'
// conductances and the clamp's current.
func compartmental(secondOrder int) func() (Result, error) {
	name := map[int]string{0: "cellBE", 2: "cellCN"}[secondOrder]
	return func() (Result, error) {
		hh := mech.DefaultHH()
		hh.NoTable = secondOrder == 2
		c := cell.Cell{
			Sections: []cell.Section{
				{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1, Mechs: []mech.Density{hh}},
				{Name: "dend", Parent: "soma", ParentX: 1, Nseg: 15, Ra: 150, Cm: 1,
					Mechs: []mech.Density{mech.Pas{G: 1e-4, E: -65}},
					Pt3D: []cell.Pt3D{{X: 0, Y: 0, Z: 0, Diam: 3}, {X: 40, Y: 10, Z: 0, Diam: 2.5},
						{X: 90, Y: 30.3, Z: 5, Diam: 2}, {X: 150.7, Y: 35, Z: 10, Diam: 1.6},
						{X: 150.7, Y: 35, Z: 10, Diam: 1.2}, {X: 221, Y: 60.1, Z: 12.4, Diam: 1.1},
						{X: 300, Y: 80, Z: 20, Diam: 0.8}}},
				{Name: "dend2", Parent: "soma", ParentX: 0, L: 200, Diam: 1.5, Nseg: 9, Ra: 120, Cm: 0.9,
					Mechs: []mech.Density{mech.Pas{G: 2e-4, E: -70}}},
			},
			Points: []cell.PointProcess{
				{Label: "syn", Section: "dend", X: 0.8, Mech: mech.Exp2Syn{Tau1: 0.5, Tau2: 5, E: 0}},
				{Label: "esyn", Section: "dend2", X: 0.5, Mech: mech.ExpSyn{Tau: 2, E: 0}},
				{Label: "clamp", Section: "dend2", X: 1, Mech: mech.SEClamp{Rs: 5, Dur1: 15, Amp1: -70, Dur2: 10, Amp2: -50}},
				{Label: "stim", Section: "soma", X: 0.5, Mech: mech.IClamp{Del: 28, Dur: 10, Amp: 0.5}},
			},
			Detector: &cell.Detector{Section: "soma", X: 0.5, Threshold: -20},
		}
		o := cell.DefaultOptions()
		o.SecondOrder, o.Celsius = secondOrder, 10
		s, err := cell.New(c, &o)
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", name, err)
		}
		all := s.RecordAllV()
		var trs []*cell.Trace
		for _, v := range []string{"m_hh", "h_hh", "n_hh", "ina"} {
			tr, err := s.Record("soma", 0.5, v)
			if err != nil {
				return Result{}, fmt.Errorf("%s: %w", name, err)
			}
			trs = append(trs, tr)
		}
		for _, pv := range [][2]string{{"syn", "g"}, {"esyn", "g"}, {"clamp", "i"}} {
			tr, err := s.RecordPoint(pv[0], pv[1])
			if err != nil {
				return Result{}, fmt.Errorf("%s: %w", name, err)
			}
			trs = append(trs, tr)
		}
		for _, ev := range []struct {
			label string
			w     float64 // µS
			t     []float64
		}{{"syn", 0.004, []float64{5, 12, 12.5, 45}}, {"esyn", 0.003, []float64{8, 40}}} {
			if err := s.Events(ev.label, ev.w, ev.t...); err != nil {
				return Result{}, fmt.Errorf("%s: %w", name, err)
			}
		}
		if err := s.Run(60); err != nil {
			return Result{}, fmt.Errorf("%s: %w", name, err)
		}
		series := append([][]float64{all.T}, all.V...)
		for _, tr := range trs {
			series = append(series, tr.Y)
		}
		spk := s.Spikes()
		return Result{Name: name, Spikes: int64(len(spk)), Fingerprint: traces(spk), Traces: traces(series...)}, nil
	}
}
