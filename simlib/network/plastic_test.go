package network_test

import (
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
)

// Plasticity onto a population whose model owns its synapses is refused,
// naming the projection, the field and the population.
func TestPlasticityOntoSitesRefused(t *testing.T) {
	net := network.New(network.Options{})
	gSrc := net.AddPopulation("src", 2, neuron.PoissonSource{Rate: 10})
	gCell := net.AddPopulation("cell", 2, toyHost{})
	net.Connect(gSrc, gCell, connect.AllToAll{}, network.Synapse{
		Site: &neuron.Site{Section: "a", X: 0.5, Synapse: toySyn{Tau: 2}}, Weight: dist.Const(0.1), Plasticity: plasticity.DefaultPair(),
	})
	err := net.Run(1)
	for _, want := range []string{`projection 0 "src" -> "cell"`, "Synapse.Plasticity stdp-pair", "synapse sites", `population "cell" (toyHost) owns its synapses`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v: want %q", err, want)
		}
	}
}
