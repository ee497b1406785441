package cell_test

import (
	"fmt"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// hhCable is the speed workload of issue 9: 100 compartments with hh (a
// soma and a 99-segment dendrite), driven by a current step so it fires.
func hhCable() cell.Cell {
	return cell.Cell{
		Sections: []cell.Section{
			{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1, Mechs: []mech.Density{mech.DefaultHH()}},
			{Name: "dend", Parent: "soma", ParentX: 1, L: 1000, Diam: 2, Nseg: 99, Ra: 100, Cm: 1,
				Mechs: []mech.Density{mech.DefaultHH()}},
		},
		Points:   []cell.PointProcess{{Section: "soma", X: 0.5, Mech: mech.IClamp{Del: 0, Dur: 1e9, Amp: 0.3}}},
		Detector: &cell.Detector{Section: "soma", X: 0.5, Threshold: 0},
	}
}

// BenchmarkHHCable: 1 s of simulated time at dt 0.025 ms for N cells of
// 100 hh compartments, one goroutine. Reports compartment-steps/s.
func BenchmarkHHCable(b *testing.B) {
	for _, n := range []int{1, 100} {
		b.Run(fmt.Sprintf("cells=%d", n), func(b *testing.B) {
			cells := make([]cell.Cell, n)
			for i := range cells {
				cells[i] = hhCable()
			}
			const steps = 40000
			var spikes int
			for b.Loop() {
				g, err := cell.NewGroup(cells, cell.DefaultOptions())
				if err != nil {
					b.Fatal(err)
				}
				var dst []int32
				t := 0.0
				for i := 0; i < steps; i++ {
					g.Step(0, n, t)
					t += 0.025
					dst = g.Spikes(0, n, dst[:0])
					spikes += len(dst)
				}
			}
			b.ReportMetric(float64(b.N)*steps*float64(n)*101/b.Elapsed().Seconds(), "node-steps/s")
			b.ReportMetric(float64(spikes)/float64(b.N)/float64(n), "spikes/cell")
		})
	}
}
