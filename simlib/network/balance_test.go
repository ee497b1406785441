package network_test

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// plasticNet has plastic projections (pair STDP with per-synapse delays
// and a dendritic delay, Tsodyks-Markram) whose pending events are dealt
// to new owners when the ranges move.
func plasticNet(seed uint64, workers int) (*network.Network, *record.State) {
	net := network.New(network.Options{Seed: seed, Workers: workers})
	gP := net.AddPopulation("p", 200, neuron.PoissonSource{Rate: 20})
	gN := net.AddPopulation("n", 150, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
	pair := plasticity.DefaultPair()
	pair.WMax, pair.APlus, pair.AMinus, pair.Dendritic = 300, 5, 5.2, 0.5
	net.Connect(gP, gN, connect.FixedProbability{P: 0.3}, network.Synapse{Receptor: "e", Weight: dist.Uniform{Low: 100, High: 300}, Delay: dist.Uniform{Low: 1, High: 3}, Plasticity: pair})
	net.Connect(gN, gN, connect.FixedProbability{P: 0.1}, network.Synapse{Receptor: "e", Weight: dist.Const(20), Delay: dist.Const(1), Plasticity: plasticity.DefaultTsodyksMarkram()})
	st := record.NewState(gN, "v", []int{0, 75, 149}, 0)
	net.Record(st)
	return net, st
}

// kickNet is a LIF population whose receptor has two count rings (two
// weights, one delay): a steady drive and a sparse kick, whose arrivals
// a worker that had no cells when they were delivered must still find
// in its new range (countRing.pend).
func kickNet(t *testing.T, seed uint64, workers int) (*network.Network, *record.State) {
	net := network.New(network.Options{Seed: seed, Workers: workers})
	cells := net.AddPopulation("cells", 600, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5)).Init("v", dist.Uniform{Low: -65, High: -50})
	drive := net.AddPopulation("drive", 300, neuron.PoissonSource{Rate: 60})
	kick := net.AddPopulation("kick", 20, neuron.PoissonSource{Rate: 30})
	net.Connect(drive, cells, connect.FixedInDegree{K: 40}, network.Synapse{Receptor: "e", Weight: dist.Const(7.1), Delay: dist.Const(0.4)})
	net.Connect(kick, cells, connect.FixedInDegree{K: 3}, network.Synapse{Receptor: "e", Weight: dist.Const(1.9), Delay: dist.Const(0.4)})
	st := record.NewState(cells, "v", []int{0, 200, 599}, 0)
	net.Record(st)
	prev := network.SetCounts(1)
	err := net.Build()
	network.SetCounts(prev)
	if err != nil {
		t.Fatal(err)
	}
	if !net.Population("cells").CountRings() {
		t.Fatal("kickNet: cells have no count rings")
	}
	return net, st
}

// Any cut of the populations gives the same bits: the measured-cost
// balance moves the workers' ranges between chunks, so runs whose shares
// are drawn at random after every chunk (some workers left without cells)
// must equal one worker: receptors, plastic projections, synapse hosts
// and count rings with a later ring, run in pieces.
func TestRandomSharesSameBits(t *testing.T) {
	nets := []struct {
		name, pop string // pop: a population whose ranges are watched
		make      func(w int) (*network.Network, *record.State)
	}{
		{"random", "exc", func(w int) (*network.Network, *record.State) {
			net, _, st := randomNet(7, w)
			return net, st
		}},
		{"plastic", "n", func(w int) (*network.Network, *record.State) { return plasticNet(3, w) }},
		{"sites", "cells", func(w int) (*network.Network, *record.State) { return siteNet(5, w) }},
		{"count rings", "cells", func(w int) (*network.Network, *record.State) { return kickNet(t, 9, w) }},
	}
	for _, c := range nets {
		var ref string
		var refV [][]float64
		for _, w := range []int{1, 2, 3} {
			net, st := c.make(w)
			r := rand.New(rand.NewPCG(uint64(w), 5))
			calls := 0
			seen := map[[2]int]bool{}
			if w > 1 {
				if err := network.SetBalanceHook(net, func(w int) []float64 {
					calls++
					return network.RandomShares(r, w)
				}); err != nil {
					t.Fatal(err)
				}
			}
			for piece := 0; piece < 20; piece++ {
				if err := net.Run(15); err != nil {
					t.Fatal(err)
				}
				lo, hi := network.WorkerRange(net, c.pop, 0)
				seen[[2]int{lo, hi}] = true
			}
			if net.SpikeCount() < 100 {
				t.Fatalf("%s: %d spikes: too quiet to test anything", c.name, net.SpikeCount())
			}
			fp := net.Fingerprint()
			if w == 1 {
				ref, refV = fp, st.Values()
				continue
			}
			if calls < 20 || len(seen) < 5 {
				t.Fatalf("%s, %d workers: shares drawn %d times, %d different ranges of worker 0: the ranges hardly moved", c.name, w, calls, len(seen))
			}
			if fp != ref || !reflect.DeepEqual(st.Values(), refV) {
				t.Fatalf("%s, %d workers, random shares: fingerprint %s, want %s (one worker)", c.name, w, fp, ref)
			}
		}
	}
}
