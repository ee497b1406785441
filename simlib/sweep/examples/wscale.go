package examples

import (
	"context"
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// Site stands for a synapse's location on a cell. simlib has no
// multi-compartment cells yet, so Wscale's sections are modelled on a
// point neuron by what a location mostly changes at the soma: how slow
// the synaptic current looks there (dendritic filtering: a longer
// receptor time constant) and when it arrives (a longer delay).
type Site struct {
	TauSyn float64 // receptor decay time constant (ms)
	Delay  float64 // spike-to-soma delay (ms)
}

// Sections are the sections of Wscale's M1_grid_search.py, as Sites.
var Sections = []struct {
	Name string
	Site Site
}{
	{"soma", Site{TauSyn: 2, Delay: 0.5}},
	{"dendrite", Site{TauSyn: 8, Delay: 2}},
	{"axon_0", Site{TauSyn: 1, Delay: 0.2}},
	{"axon_1", Site{TauSyn: 1.5, Delay: 0.4}},
}

// WscaleSpace is the grid of Wscale's search: weight (nS; Wscale's
// [0.001, 0.002, 0.003] µS, extended to 1..6 nS) x section.
func WscaleSpace() *sweep.Space {
	var names []string
	for _, s := range Sections {
		names = append(names, s.Name)
	}
	return sweep.Grid(sweep.Linspace("weight", 1, 6, 6), sweep.Labels("sec", names...))
}

// EPSP returns the point function of the Wscale search: one presynaptic
// spike at 10 ms onto a LIF cell (PyNN defaults: 1 nF, 20 ms, rest -65 mV)
// through an excitatory conductance (reversal 0 mV) of the point's weight
// at the point's section; metrics epsp_mv (peak depolarisation from rest)
// and loss, the squared error to target (mV), which Table.Best minimises.
func EPSP(target float64) sweep.Func {
	return func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		site := Sections[int(p.Float("sec"))].Site
		net := network.New(network.Options{DT: 0.025, Seed: p.Seed, Workers: 1}) // Wscale's cfg.dt
		net.AddPopulation("pre", 1, neuron.SpikeTimes{Times: [][]float64{{10}}})
		cell := neuron.DefaultLIF()
		net.AddPopulation("cell", 1, cell).Receptor("ampa", synapse.CondExp(site.TauSyn, 0))
		net.Connect(net.Population("pre"), net.Population("cell"), connect.AllToAll{}, network.Synapse{
			Receptor: "ampa", Weight: dist.Const(p.Float("weight")), Delay: dist.Const(site.Delay)})
		v := record.NewState(net.Population("cell"), "v", []int{0}, 0)
		net.Record(v)
		if err := net.RunContext(ctx, 100); err != nil {
			return sweep.Output{}, err
		}
		peak := math.Inf(-1)
		for _, x := range v.Values()[0] {
			peak = max(peak, x)
		}
		epsp := peak - cell.VRest
		if epsp <= 0 {
			return sweep.Output{}, fmt.Errorf("no EPSP at weight %v nS, section %s", p.Float("weight"), p.Label("sec"))
		}
		return sweep.Output{Metrics: sweep.Metrics{"epsp_mv": epsp, "loss": (epsp - target) * (epsp - target)}}, nil
	}
}
