// Package testnet is the small network the sweep packages' tests,
// benchmarks and examples compute at each point: Poisson sources driving
// a population of conductance-based LIF neurons with recurrent
// excitation and inhibition.
package testnet

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

// Size is the network's size at each point.
type Size struct {
	Sources, Cells int     // Poisson sources and LIF cells
	Duration       float64 // simulated time (ms)
}

// Small is the size used by the tests: 40 sources, 40 cells, 200 ms.
var Small = Size{Sources: 40, Cells: 40, Duration: 200}

// Func returns the point function: parameters w_in (input weight, nS),
// w_rec (recurrent weight, nS) and optionally rate (input rate, Hz;
// default 20). Metrics: rate_hz (cells' mean rate), v_mean (mean
// membrane potential at the end, mV), spikes. With data set it also
// returns the cells' spikes as Data "spikes". A point with w_in < 0
// fails with an error (the network's validation), as the tests want.
func Func(sz Size, data bool) sweep.Func {
	return func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		rate := 20.0
		if _, ok := p.Map()["rate"]; ok {
			rate = p.Float("rate")
		}
		net := network.New(network.Options{DT: 0.1, Seed: p.Seed, Workers: 1, Label: fmt.Sprintf("sweep point %d", p.Index)})
		net.AddPopulation("in", sz.Sources, neuron.PoissonSource{Rate: rate})
		net.AddPopulation("cells", sz.Cells, neuron.DefaultLIF()).
			Receptor("exc", synapse.CondExp(5, 0)).
			Receptor("inh", synapse.CondExp(10, -80)).
			Init("v", dist.Uniform{Low: -65, High: -55})
		net.Connect(net.Population("in"), net.Population("cells"), connect.FixedProbability{P: 0.3},
			network.Synapse{Receptor: "exc", Weight: dist.Const(p.Float("w_in")), Delay: dist.Const(1)})
		net.Connect(net.Population("cells"), net.Population("cells"), connect.FixedProbability{P: 0.2},
			network.Synapse{Receptor: "exc", Weight: dist.Const(p.Float("w_rec")), Delay: dist.Uniform{Low: 1, High: 3}})
		net.Connect(net.Population("cells"), net.Population("cells"), connect.FixedProbability{P: 0.1},
			network.Synapse{Receptor: "inh", Weight: dist.Const(2 * p.Float("w_rec")), Delay: dist.Const(1)})
		spk := record.NewSpikes(net.Population("cells"))
		net.Record(spk)
		if err := net.RunContext(ctx, sz.Duration); err != nil {
			return sweep.Output{}, err
		}
		v := net.Population("cells").Var("v")
		mean := 0.0
		for _, x := range v {
			mean += x
		}
		mean /= float64(len(v))
		out := sweep.Output{Metrics: sweep.Metrics{
			"rate_hz": float64(spk.Len()) / float64(sz.Cells) / (sz.Duration / 1000),
			"v_mean":  mean,
			"spikes":  float64(spk.Len()),
		}}
		if math.IsNaN(mean) {
			return out, fmt.Errorf("testnet: NaN membrane potential")
		}
		if data {
			out.Data = []sweep.Data{sweep.SpikeData("spikes", spk)}
		}
		return out, nil
	}
}
