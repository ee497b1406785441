package crossarch

import (
	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// plastic is 300 Poisson inputs onto 40 LIF cells through every synapse
// model of package plasticity (pair STDP additive all-to-all and
// multiplicative nearest with a dendritic delay, triplet STDP,
// Tsodyks-Markram), 200 ms: the final weights of every projection and
// a weight recorder's traces.
func plastic() (Result, error) {
	net := network.New(network.Options{Seed: 11, Workers: 1})
	gIn := net.AddPopulation("in", 300, neuron.PoissonSource{Rate: 20})
	gOut := net.AddPopulation("out", 40, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
	add := plasticity.DefaultPair()
	add.WMax, add.APlus, add.AMinus = 300, 6, 6.3
	mult := add
	mult.Dependence, mult.Pairing, mult.Dendritic = plasticity.Multiplicative, plasticity.Nearest, 0.4
	tri := plasticity.DefaultTriplet()
	tri.WMax, tri.A2Plus, tri.A3Plus, tri.A2Minus, tri.A3Minus = 300, 2, 3, 4, 0.5
	var projs []*network.Projection
	for _, r := range []plasticity.Rule{add, mult, tri, plasticity.TsodyksMarkram{U: 0.2, TauRec: 150, TauFacil: 300}} {
		projs = append(projs, net.Connect(gIn, gOut, connect.FixedProbability{P: 0.1}, network.Synapse{
			Receptor: "e", Weight: dist.Uniform{Low: 50, High: 150}, Delay: dist.Uniform{Low: 0.5, High: 2}, Plasticity: r}))
	}
	w := record.NewWeights(projs[0], []int{0, 1, 2, 50, 100}, 0.5)
	x := record.NewSynapseVar(projs[3], "x", []int{0, 7}, 0)
	net.Record(w)
	net.Record(x)
	return run("plastic", net, 200, func() [][]float64 {
		var s [][]float64
		for _, pr := range projs {
			s = append(s, pr.Weights())
		}
		return append(append(s, w.Values()...), x.Values()...)
	})
}
