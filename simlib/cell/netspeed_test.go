//go:build unix

package cell_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

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
// worker, and reports compartment-steps per second (segments × steps) of
// wall time and of process CPU time (cpu-compartment-steps/s: user +
// system, getrusage), which a busy machine inflates much less.
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
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				g, err := cell.NewGroup(cells, cell.DefaultOptions())
				if err != nil {
					b.Fatal(err)
				}
				c0 := cpuTime()
				b.StartTimer()
				dt, t := g.Options().DT, 0.0
				for t < benchTStop-0.5*dt {
					g.Step(0, n, t)
					t += dt
					steps++
				}
				b.StopTimer()
				cpu += cpuTime() - c0
			}
			report(b, steps, n, cpu)
		})
		b.Run(fmt.Sprintf("Network/cells=%d", n), func(b *testing.B) {
			var steps int64
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				net := network.New(network.Options{DT: 0.025, Workers: 1})
				net.AddPopulation("cables", n, cell.DefaultPopulation(hhCable()))
				if err := net.Build(); err != nil {
					b.Fatal(err)
				}
				c0 := cpuTime()
				b.StartTimer()
				if err := net.Run(benchTStop); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += cpuTime() - c0
				steps += net.Steps()
			}
			report(b, steps, n, cpu)
		})
	}
}

func report(b *testing.B, steps int64, cells int, cpu time.Duration) {
	cs := float64(steps) * 100 * float64(cells)
	b.ReportMetric(cs/b.Elapsed().Seconds(), "compartment-steps/s")
	b.ReportMetric(cs/cpu.Seconds(), "cpu-compartment-steps/s")
}

// cpuTime returns the process's user plus system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
