package examples

import (
	"math"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// BatchSpace is HNN-core's batch example's parameter grid with
// combinations=False: 20 points, weight_basket and weight_pyr both
// logspace(-4, -1, 20) µS, here in nS (0.1 to 100 nS).
func BatchSpace() *sweep.Space {
	return sweep.Zip(sweep.Logspace("weight_basket", 0.1, 100, 20), sweep.Logspace("weight_pyr", 0.1, 100, 20))
}

// Batch returns the point function of the batch example, a point-neuron
// analogue of HNN's jones_2009_model with one proximal evoked drive: 40
// pyramidal LIF cells and 10 basket cells; 20 drive sources fire once at
// times ~ N(40 ms, 5 ms) (HNN's evprox: mu 40, sigma 5, numspikes 1) onto
// the pyramidal cells (weight_pyr, 1 ms delay) and the basket cells
// (weight_basket, 0.1 ms); pyramidal cells excite basket cells, which
// inhibit them. The signal standing for the dipole is the pyramidal
// cells' mean membrane potential (mV, every 0.1 ms), smoothed with a
// 30-sample moving average (HNN's smooth(window_len=30)); the metrics are
// its min_peak and max_peak (HNN's summary_func). With spikes set the
// pyramidal spikes are a bulk output "spikes".
func Batch(duration float64, spikes bool) sweep.Func {
	return sweep.Simulate(func(p sweep.Point) (*network.Network, batchRecorders, error) {
		net := network.New(network.Options{DT: 0.1, Seed: p.Seed, Workers: 1})
		evprox := net.AddPopulation("evprox", 20, neuron.GaussianDrive{Mu: 40, Sigma: 5, NumSpikes: 1})
		pyr := net.AddPopulation("pyr", 40, neuron.DefaultLIF()).
			Receptor("ampa", synapse.CondExp(5, 0)).
			Receptor("gaba", synapse.CondExp(10, -80)).
			Init("v", dist.Uniform{Low: -66, High: -64})
		basket := net.AddPopulation("basket", 10, neuron.DefaultLIF()).
			Receptor("ampa", synapse.CondExp(5, 0))
		net.Connect(evprox, pyr, connect.FixedProbability{P: 0.5},
			network.Synapse{Receptor: "ampa", Weight: dist.Const(p.Float("weight_pyr")), Delay: dist.Const(1)})
		net.Connect(evprox, basket, connect.FixedProbability{P: 0.5},
			network.Synapse{Receptor: "ampa", Weight: dist.Const(p.Float("weight_basket")), Delay: dist.Const(0.1)})
		net.Connect(pyr, basket, connect.FixedProbability{P: 0.3},
			network.Synapse{Receptor: "ampa", Weight: dist.Const(5), Delay: dist.Const(1)})
		net.Connect(basket, pyr, connect.FixedProbability{P: 0.5},
			network.Synapse{Receptor: "gaba", Weight: dist.Const(20), Delay: dist.Const(1)})
		r := batchRecorders{v: record.NewState(pyr, "v", nil, 0), spikes: record.NewSpikes(pyr)} // every pyramidal cell
		net.Record(r.v)
		net.Record(r.spikes)
		return net, r, nil
	}, duration, func(p sweep.Point, net *network.Network, r batchRecorders) (sweep.Output, error) {
		s := smooth(meanTrace(r.v.Values()), 30)
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, x := range s {
			lo, hi = min(lo, x), max(hi, x)
		}
		out := sweep.Output{Metrics: sweep.Metrics{"min_peak": lo, "max_peak": hi, "pyr_spikes": float64(r.spikes.Len())}}
		if spikes {
			out.Data = []sweep.Data{sweep.SpikeData("spikes", r.spikes)}
		}
		return out, nil
	})
}

// batchRecorders are what Batch's build hands its summary.
type batchRecorders struct {
	v      *record.State
	spikes *record.Spikes
}

// meanTrace averages traces sample by sample.
func meanTrace(vals [][]float64) []float64 {
	m := make([]float64, len(vals[0]))
	for _, tr := range vals {
		for k, x := range tr {
			m[k] += x
		}
	}
	for k := range m {
		m[k] /= float64(len(vals))
	}
	return m
}

// smooth is a centred moving average over w samples, shrinking at the
// ends.
func smooth(x []float64, w int) []float64 {
	y := make([]float64, len(x))
	for k := range x {
		lo, hi := max(0, k-w/2), min(len(x), k-w/2+w)
		s := 0.0
		for _, v := range x[lo:hi] {
			s += v
		}
		y[k] = s / float64(hi-lo)
	}
	return y
}
