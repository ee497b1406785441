package network

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// Plastic projections allocate nothing in a step either, once their
// event lists have grown to the traffic (a warm-up run).
func TestPlasticStepAllocatesNothing(t *testing.T) {
	for _, w := range []int{1, 2} {
		net := New(Options{Seed: 3, Workers: w})
		gP := net.AddPopulation("p", 200, neuron.PoissonSource{Rate: 20})
		gN := net.AddPopulation("n", 100, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
		pair := plasticity.DefaultPair()
		pair.WMax, pair.APlus, pair.AMinus, pair.Dendritic = 300, 5, 5.2, 0.5
		net.Connect(gP, gN, connect.FixedProbability{P: 0.3}, Synapse{Receptor: "e", Weight: dist.Uniform{Low: 100, High: 300}, Delay: dist.Uniform{Low: 1, High: 3}, Plasticity: pair})
		net.Connect(gN, gN, connect.FixedProbability{P: 0.1}, Synapse{Receptor: "e", Weight: dist.Const(20), Delay: dist.Const(1), Plasticity: plasticity.DefaultTsodyksMarkram()})
		if err := net.Run(300); err != nil { // warm up the lists
			t.Fatal(err)
		}
		if net.SpikeCount() == 0 {
			t.Fatal("no spikes: the test exercises nothing")
		}
		e := net.e
		step := net.steps
		allocs := testing.AllocsPerRun(200, func() {
			step++
			for k := 0; k < w; k++ {
				e.phaseA(k, step, step)
			}
			for k := 0; k < w; k++ {
				e.phaseB(k, step, allChunks)
			}
			net.account(step, e.buf(step))
		})
		if allocs != 0 {
			t.Fatalf("workers=%d: %v allocations per step, want 0", w, allocs)
		}
	}
}
