// Command cellspeed times golgi's compartmental cells on the workload of
// compare/neuron_speed.py (which runs it and NEURON and prints the table):
// an unbranched section of 100 segments with hh, L 1000 µm, diam 2 µm,
// Ra 100 Ω·cm, cm 1 µF/cm², an IClamp of 0.2 nA from 10 ms at its 0 end,
// dt 0.025 ms, backward Euler, celsius 6.3 °C; n independent copies.
//
//	go run ./compare/cmd/cellspeed -cells 100 -tstop 1000 -mode group -repeat 3
//
// Mode group steps a cell.Group of the n cells directly (what a standalone
// cell.Sim does, one call per step); mode network runs them as a
// cell.Population in a network.Network with one worker (-workers). The build is not
// timed. Each repeat prints one JSON line: the run's process CPU time
// (getrusage, user + system) and wall time, the steps, and the spike count
// of cell 0 (detector at the section's 0.5, threshold 10 mV, NEURON's
// NetCon default) as a check that golgi and NEURON did the same work.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"syscall"
	"time"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/record"
)

// Cable is the benchmark cell (compare/neuron_speed.py has the same numbers).
func Cable() cell.Cell {
	s := cell.Section{Name: "cable", L: 1000, Diam: 2, Nseg: 100, Ra: 100, Cm: 1, Mechs: []mech.Density{mech.DefaultHH()}}
	c := cell.Cell{Sections: []cell.Section{s}, Detector: &cell.Detector{Section: "cable", X: 0.5, Threshold: 10}}
	c.AddPoint("stim", "cable", 0, mech.IClamp{Del: 10, Dur: 1e9, Amp: 0.2})
	return c
}

type result struct {
	Mode   string  `json:"mode"`
	Cells  int     `json:"cells"`
	CPU    float64 `json:"cpu_s"`
	Wall   float64 `json:"wall_s"`
	Steps  int64   `json:"steps"`
	Spikes int     `json:"spikes"`
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func runGroup(n int, tstop float64) (result, error) {
	cells := make([]cell.Cell, n)
	for i := range cells {
		cells[i] = Cable()
	}
	g, err := cell.NewGroup(cells, cell.DefaultOptions())
	if err != nil {
		return result{}, err
	}
	dt := g.Options().DT
	var spk []int32
	r := result{Mode: "group", Cells: n}
	c0, w0 := cpuTime(), time.Now()
	t := 0.0
	for t < tstop-0.5*dt {
		g.Step(0, n, t)
		t += 0.5 * dt // NEURON's two half steps, as cell.Sim does
		t += 0.5 * dt
		r.Steps++
		spk = g.Spikes(0, n, spk[:0])
		if len(spk) > 0 && spk[0] == 0 {
			r.Spikes++
		}
	}
	r.CPU, r.Wall = (cpuTime() - c0).Seconds(), time.Since(w0).Seconds()
	if v := g.V()[0]; math.IsNaN(v) {
		return r, fmt.Errorf("v became NaN")
	}
	return r, nil
}

func runNetwork(n int, tstop float64, workers int) (result, error) {
	net := network.New(network.Options{DT: 0.025, Workers: workers})
	net.AddPopulation("cables", n, cell.DefaultPopulation(Cable()))
	sp := record.NewSpikes(net.Population("cables"))
	net.Record(sp)
	if err := net.Build(); err != nil {
		return result{}, err
	}
	r := result{Mode: "network", Cells: n}
	c0, w0 := cpuTime(), time.Now()
	if err := net.Run(tstop); err != nil {
		return r, err
	}
	r.CPU, r.Wall = (cpuTime() - c0).Seconds(), time.Since(w0).Seconds()
	r.Steps = net.Steps()
	for _, i := range sp.Indices() {
		if i == 0 {
			r.Spikes++
		}
	}
	return r, nil
}

func main() {
	n := flag.Int("cells", 1, "number of cells")
	tstop := flag.Float64("tstop", 1000, "simulated time (ms)")
	mode := flag.String("mode", "group", "group or network")
	repeat := flag.Int("repeat", 1, "runs")
	workers := flag.Int("workers", 1, "network mode: workers (0: automatic)")
	flag.Parse()
	for k := 0; k < *repeat; k++ {
		var r result
		var err error
		switch *mode {
		case "group":
			r, err = runGroup(*n, *tstop)
		case "network":
			r, err = runNetwork(*n, *tstop, *workers)
		default:
			err = fmt.Errorf("-mode %q: use group or network", *mode)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "cellspeed:", err)
			os.Exit(1)
		}
		b, _ := json.Marshal(r)
		fmt.Println(string(b))
	}
}
