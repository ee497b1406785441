package cell_test

import (
	"fmt"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/network"
)

// hhCable is the speed workload of compare/neuron_speed.py (issue 9): one
// section of 100 segments with hh, L 1000 µm, diam 2 µm, Ra 100 Ω·cm, an
// IClamp of 0.2 nA from 10 ms at its 0 end (it fires about 60 times per
// second), dt 0.025 ms, backward Euler.
func hhCable() cell.Cell {
	s := cell.Section{Name: "cable", L: 1000, Diam: 2, Nseg: 100, Ra: 100, Cm: 1, Mechs: []mech.Density{mech.DefaultHH()}}
	c := cell.Cell{Sections: []cell.Section{s}, Detector: &cell.Detector{Section: "cable", X: 0.5, Threshold: 10}}
	c.AddPoint("stim", "cable", 0, mech.IClamp{Del: 10, Dur: 1e9, Amp: 0.2})
	return c
}

// benchTStop is the simulated time per iteration (ms): shorter than the
// script's 1 s so that a benchmark run stays short; the rate is per
// compartment-step either way (the cell fires from 10 ms on).
const benchTStop = 200

// BenchmarkHHCable steps 1 and 100 hh cables, as a cell.Group (what a
// standalone Sim does) and as a cell.Population in a network with one
// worker, and reports compartment-steps per second (segments × steps).
//
//	go test ./simlib/cell -run '^$' -bench HHCable -benchtime 3x
func BenchmarkHHCable(b *testing.B) {
	for _, n := range []int{1, 100} {
		cells := make([]cell.Cell, n)
		for i := range cells {
			cells[i] = hhCable()
		}
		b.Run(fmt.Sprintf("Group/cells=%d", n), func(b *testing.B) {
			var steps int64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				g, err := cell.NewGroup(cells, cell.DefaultOptions())
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				dt, t := g.Options().DT, 0.0
				for t < benchTStop-0.5*dt {
					g.Step(0, n, t)
					t += dt
					steps++
				}
			}
			b.ReportMetric(float64(steps)*100*float64(n)/b.Elapsed().Seconds(), "compartment-steps/s")
		})
		b.Run(fmt.Sprintf("Network/cells=%d", n), func(b *testing.B) {
			var steps int64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				net := network.New(network.Options{DT: 0.025, Workers: 1})
				net.AddPopulation("cables", n, cell.DefaultPopulation(hhCable()))
				if err := net.Build(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := net.Run(benchTStop); err != nil {
					b.Fatal(err)
				}
				steps += net.Steps()
			}
			b.ReportMetric(float64(steps)*100*float64(n)/b.Elapsed().Seconds(), "compartment-steps/s")
		})
	}
}
