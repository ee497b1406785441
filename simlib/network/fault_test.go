package network_test

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// TestEarliestFaultAnyWorkers: neuron 5 (the first worker's range) goes
// NaN at update 9 and neurons 250 and 251 (the last worker's) at update 5,
// within one window of updates (no projection: the window is the longest
// allowed), so the workers meet them in either order. The fault reported,
// the updates made and the recorded trace must be those of one worker:
// the earliest fault by update, then neuron, whatever the number of
// workers and whichever worker met its fault first.
func TestEarliestFaultAnyWorkers(t *testing.T) {
	run := func(workers int) (*network.FaultError, int64, [][]float64) {
		net := network.New(network.Options{Seed: 3, Workers: workers})
		p := net.AddPopulation("p", 300, neuron.DefaultLIF()).Receptor("e", synapse.CondExp(5, 0))
		for _, at := range []struct {
			neuron int
			start  float64
		}{{5, 0.8}, {250, 0.4}, {251, 0.4}} {
			// two DC sources of 1e308 pA overflow the input to +Inf
			for range 2 {
				p.Select(at.neuron).Inject(stimulus.DC{Amplitude: 1e308, Start: at.start})
			}
		}
		st := record.NewState(p, "v", []int{5, 250, 0}, 0)
		net.Record(st)
		err := net.Run(20)
		var f *network.FaultError
		if !errors.As(err, &f) {
			t.Fatalf("%d workers: error %v, want a FaultError", workers, err)
		}
		return f, net.Steps(), st.Values()
	}
	want, steps, vals := run(1)
	// a DC from 0.4 ms acts in update 5 (t = 0.4 ms at its start)
	if want.Neuron != 250 || want.Step != 5 || want.Var != "v" || !math.IsNaN(want.Value) {
		t.Fatalf("1 worker: %v, want neuron 250 going NaN at update 5", want)
	}
	for range 10 {
		for _, workers := range []int{2, 3} {
			f, s, v := run(workers)
			if f.Error() != want.Error() || s != steps {
				t.Fatalf("%d workers: %v after %d updates, want %v after %d", workers, f, s, want, steps)
			}
			for k := range v {
				if !slices.EqualFunc(v[k], vals[k], func(a, b float64) bool {
					return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
				}) {
					t.Fatalf("%d workers: trace %d differs from 1 worker's", workers, k)
				}
			}
		}
	}
}
