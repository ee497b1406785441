package cell_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// Ten ball-and-stick cells driven by Poisson sources at their dendrites,
// connected among themselves at synapses spread over soma and dendrite,
// and onto a population of point neurons.
func ExamplePopulation() {
	c := cell.Cell{Sections: []cell.Section{
		{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1, Mechs: []mech.Density{mech.DefaultHH()}},
		{Name: "dend", Parent: "soma", ParentX: 1, L: 500, Diam: 1, Nseg: 25, Ra: 100, Cm: 1,
			Mechs: []mech.Density{mech.Pas{G: 1e-4, E: -65}}},
	}}
	net := network.New(network.Options{DT: 0.025, Seed: 1})
	net.AddPopulation("drive", 50, neuron.PoissonSource{Rate: 20})
	pyr := cell.DefaultPopulation(c)
	pyr.Probes = []cell.Probe{{Name: "v_dend", Section: "dend", X: 0.5, Var: "v"}}
	net.AddPopulation("pyr", 10, pyr)
	net.AddPopulation("inh", 20, neuron.DefaultLIF()).Receptor("e", synapse.CondExp(5, 0))
	ampa := mech.Exp2Syn{Tau1: 0.5, Tau2: 5, E: 0}
	net.Connect(net.Population("drive"), net.Population("pyr"), connect.FixedInDegree{K: 10}, network.Synapse{
		Weight: dist.Const(0.002), Delay: dist.Const(1),
		Site: &neuron.Site{Section: "dend", X: 0.7, Synapse: ampa}})
	net.Connect(net.Population("pyr"), net.Population("pyr"), connect.FixedProbability{P: 0.2}, network.Synapse{
		Weight: dist.Const(0.001), Delay: dist.Const(2),
		Spread: &network.SiteSpread{
			Sites: []neuron.Site{{Section: "soma", Synapse: ampa}, {Section: "dend", Synapse: ampa}},
			P:     []float64{1, 3}, X: dist.Uniform{Low: 0, High: 1}}})
	net.Connect(net.Population("pyr"), net.Population("inh"), connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(2), Delay: dist.Const(1)})
	spikes := record.NewSpikes(net.Population("pyr"))
	vd := record.NewState(net.Population("pyr"), "v_dend", []int{0}, 0)
	net.Record(spikes)
	net.Record(vd)
	if err := net.Run(200); err != nil {
		fmt.Println(err)
		return
	}
	peak := -100.0
	for _, v := range vd.Values()[0] {
		peak = max(peak, v)
	}
	fmt.Printf("%d spikes of the cells in 200 ms; dend(0.5) of cell 0 peaked at %.1f mV\n", spikes.Len(), peak)
	// Output: 45 spikes of the cells in 200 ms; dend(0.5) of cell 0 peaked at -11.0 mV
}
