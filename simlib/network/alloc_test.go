package network

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// No allocation inside a step, for one and for two workers.
func TestStepAllocatesNothing(t *testing.T) {
	for _, w := range []int{1, 2} {
		net := New(Options{Seed: 1, Workers: w})
		net.AddPopulation("p", 100, neuron.PoissonSource{Rate: 50})
		lif := neuron.DefaultLIF()
		lif.Cm, lif.VRest, lif.VReset, lif.TauRefrac = 200, -60, -60, 2
		net.AddPopulation("n", 400, lif).
			Receptor("e", synapse.CondExp(5, 0)).
			Receptor("c", synapse.CurrAlpha(2)).
			Receptor("d", synapse.DeltaJump()).
			Init("v", dist.Uniform{Low: -60, High: -50}).
			Slice(1, 4).Inject(stimulus.Noise{Mean: 100, SD: 50})
		net.Connect(net.Population("p"), net.Population("n"), connect.FixedProbability{P: 0.1}, Synapse{Receptor: "e", Weight: dist.Const(5), Delay: dist.Uniform{Low: 0.1, High: 2}})
		net.Connect(net.Population("n"), net.Population("n"), connect.FixedProbability{P: 0.05}, Synapse{Receptor: "c", Weight: dist.Const(5), Delay: dist.Const(1)})
		net.Connect(net.Population("n"), net.Population("n"), connect.FixedProbability{P: 0.05}, Synapse{Receptor: "d", Weight: dist.Const(0.1)})
		if err := net.Run(100); err != nil { // warm up buffers
			t.Fatal(err)
		}
		if net.SpikeCount() == 0 {
			t.Fatal("no spikes: the test exercises nothing")
		}
		e := net.e
		step := net.steps
		allocs := testing.AllocsPerRun(200, func() {
			step++
			e.phaseA(0, step, step)
			if w == 2 {
				e.phaseA(1, step, step)
			}
			e.phaseB(0, step, allChunks)
			if w == 2 {
				e.phaseB(1, step, allChunks)
			}
			net.account(step, e.buf(step))
		})
		if allocs != 0 {
			t.Fatalf("workers=%d: %v allocations per step, want 0", w, allocs)
		}
	}
}
