package network

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// BenchmarkDeliver times phase B alone on the VA network's projections
// (two populations, 4:1, about 80 synapses per cell, one weight and one
// delay per projection) with a fixed set of spikes (0.2 % of the cells per
// step, the benchmark's rate of about 20 Hz at dt 0.1 ms), for one worker
// and for each of two: ns per synaptic event onto the worker's range
// (ns/event). The same spikes each time keep rows and ring slots in cache:
// it times the kernel, not a run, where both are colder.
func BenchmarkDeliver(b *testing.B) {
	for _, n := range []int{16000, 64000, 256000} {
		net := New(Options{Seed: 2, Workers: 1})
		lif := neuron.DefaultLIF()
		ne := n * 4 / 5
		pe := net.AddPopulation("exc", ne, lif).Receptor("exc", synapse.CondExp(5, 0)).Receptor("inh", synapse.CondExp(10, -80))
		pi := net.AddPopulation("inh", n-ne, lif).Receptor("exc", synapse.CondExp(5, 0)).Receptor("inh", synapse.CondExp(10, -80))
		rule := connect.FixedProbability{P: 80 / float64(n)}
		for _, pre := range []*Population{pe, pi} {
			for _, post := range []*Population{pe, pi} {
				net.Connect(pre, post, rule, Synapse{Receptor: pre.name, Weight: dist.Const(1), Delay: dist.Const(0.2)})
			}
		}
		if err := net.Build(); err != nil {
			b.Fatal(err)
		}
		e := net.e
		r := rand.New(rand.NewPCG(1, 1))
		for _, w := range []int{1, 2} {
			e.partition(w)
			randomSpikes(e, r, 1, 500)
			events := make([]int64, w) // per worker: synapses onto its range
			for _, pr := range e.projs {
				q := pr.post
				for _, s := range pr.pre.spk[e.buf(1)] {
					for _, i := range s {
						for k := 0; k < w; k++ {
							lo, hi := int32(q.lo[k]), int32(q.hi[k])
							a, z := pr.rowIn(i, k, lo, hi, lo == 0 && int(hi) == q.n)
							events[k] += z - a
						}
					}
				}
			}
			for k := 0; k < w; k++ {
				b.Run(fmt.Sprintf("N=%dk/Workers=%d/worker=%d", n/1000, w, k), func(b *testing.B) {
					for range b.N {
						e.phaseB(k, 1, allChunks)
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(events[k]), "ns/event")
				})
			}
		}
	}
}

// randomSpikes gives each neuron of e a spike in update step with
// probability 1/oneIn, in each worker's spike list of its range.
func randomSpikes(e *engine, r *rand.Rand, step int64, oneIn int) {
	for _, p := range e.pops {
		for k := range p.lo {
			var s []int32
			for i := p.lo[k]; i < p.hi[k]; i++ {
				if r.IntN(oneIn) == 0 {
					s = append(s, int32(i))
				}
			}
			p.spk[e.buf(step)][k] = s
		}
	}
}
