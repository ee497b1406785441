package network_test

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// vaForm builds the Vogels-Abbott COBA network of ExamplePopulation_Slice
// (4000 cells, 2% connectivity) as one population with two views (views
// true) or as two populations with four projections.
func vaForm(views bool) *network.Network {
	net := network.New(network.Options{DT: 0.1, Seed: 1, Workers: 1})
	lif := neuron.DefaultLIF()
	lif.Cm, lif.TauM, lif.VRest, lif.VReset, lif.VThresh, lif.TauRefrac = 200, 20, -60, -60, -50, 5 // pF, ms, mV
	add := func(name string, n int) *network.Population {
		return net.AddPopulation(name, n, lif).
			Receptor("exc", synapse.CondExp(5, 0)).
			Receptor("inh", synapse.CondExp(10, -80)).
			Init("v", dist.Uniform{Low: -60, High: -50})
	}
	rule := connect.FixedProbability{P: 0.02}
	syn := func(r string, w float64) network.Synapse {
		return network.Synapse{Receptor: r, Weight: dist.Const(w), Delay: dist.Const(0.1)}
	}
	kick := stimulus.Steps{Times: []float64{0, 50}, Amplitudes: []float64{400, 0}}
	if views {
		P := add("P", 4000)
		E, I := P.Slice(0, 3200), P.Slice(3200, 4000)
		net.Connect(E, P, rule, syn("exc", 4))
		net.Connect(I, P, rule, syn("inh", 51))
		E.Slice(0, 200).Inject(kick)
		return net
	}
	E, I := add("E", 3200), add("I", 800)
	for _, pre := range []*network.Population{E, I} {
		for _, post := range []*network.Population{E, I} {
			if pre == E {
				net.Connect(pre, post, rule, syn("exc", 4))
			} else {
				net.Connect(pre, post, rule, syn("inh", 51))
			}
		}
	}
	E.Slice(0, 200).Inject(kick)
	return net
}

// BenchmarkVAViews runs 200 ms of the network in both forms: views cost
// nothing at run time (the engine sees the populations' tables), so the
// two should take the same time. Reports ms of wall time per simulated
// second and the spikes made.
func BenchmarkVAViews(b *testing.B) {
	for _, c := range []struct {
		name  string
		views bool
	}{{"populations", false}, {"views", true}} {
		b.Run(c.name, func(b *testing.B) {
			var spikes int64
			for b.Loop() {
				b.StopTimer()
				net := vaForm(c.views)
				if err := net.Build(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := net.Run(200); err != nil {
					b.Fatal(err)
				}
				spikes = net.SpikeCount()
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/0.2, "ms/s_sim")
			b.ReportMetric(float64(spikes), "spikes")
		})
	}
}
