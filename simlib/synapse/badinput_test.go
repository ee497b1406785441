package synapse_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/badinput"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// The receptors' bad-input table: what receptors and kinetics refuse, and
// why. Rows add receptor "r" to population "p" (LIF, dt 0.1 ms); the error
// must name the population, the receptor, the field, the value and what is
// allowed.

func receptor(r synapse.Receptor) func() error {
	return func() error {
		net := network.New(network.Options{})
		net.AddPopulation("p", 2, neuron.DefaultLIF()).Receptor("r", r)
		return net.Run(1)
	}
}

func TestBadInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	rec := `population "p" (LIF): receptor "r"`
	badinput.Run(t, []badinput.Case{
		{"nil kinetics", receptor(synapse.Receptor{}), []string{rec, "Kinetics is nil", "synapse.Exp, Alpha, BiExp or Delta"}},
		{"delta conductance", receptor(synapse.Receptor{Kinetics: synapse.Delta{}, Conductance: true}), []string{rec, "delta kinetics is current-based only", "Conductance = false"}},
		{"reversal NaN", receptor(synapse.CondExp(5, nan)), []string{rec, "reversal potential ERev = NaN mV", "must be finite"}},
		{"reversal +Inf", receptor(synapse.CondAlpha(5, inf)), []string{rec, "ERev = +Inf mV", "must be finite"}},
		{"exp Tau 0", receptor(synapse.CurrExp(0)), []string{rec, "exp kinetics", "Tau = 0 ms", "positive finite"}},
		{"exp Tau NaN", receptor(synapse.CondExp(nan, 0)), []string{rec, "exp kinetics", "Tau = NaN ms", "positive finite"}},
		{"exp Tau below dt", receptor(synapse.CurrExp(0.05)), []string{rec, "Tau = 0.05 ms", "shorter than dt = 0.1 ms"}},
		{"alpha Tau +Inf", receptor(synapse.CurrAlpha(inf)), []string{rec, "alpha kinetics", "Tau = +Inf ms", "positive finite"}},
		{"alpha Tau -1", receptor(synapse.CondAlpha(-1, 0)), []string{rec, "alpha kinetics", "Tau = -1 ms", "positive finite"}},
		{"biexp Rise below dt", receptor(synapse.CurrBiExp(0.01, 5)), []string{rec, "biexp kinetics", "Rise = 0.01 ms", "shorter than dt"}},
		{"biexp Decay NaN", receptor(synapse.CurrBiExp(1, nan)), []string{rec, "biexp kinetics", "Decay = NaN ms", "positive finite"}},
		{"biexp Decay = Rise", receptor(synapse.CondBiExp(2, 2, 0)), []string{rec, "biexp kinetics", "Decay = 2 ms", "longer than Rise = 2 ms"}},
		{"biexp Decay below Rise", receptor(synapse.CondBiExp(5, 2, 0)), []string{rec, "Decay = 2 ms", "longer than Rise = 5 ms"}},
	})
}
