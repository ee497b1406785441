package neuron_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/internal/vec"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// benchModels are the point models with the drive and methods benchmarked.
var benchModels = []struct {
	name string
	m    neuron.Model
	dt   float64
	meth scheme.Method
	I    float64 // pA
}{
	{"LIF/exact", neuron.DefaultLIF(), 0.1, scheme.Exact, 800},
	{"Izhikevich/euler", neuron.DefaultIzhikevich(), 0.1, scheme.Euler, 100},
	{"AdEx/euler", neuron.DefaultAdEx(), 0.1, scheme.Euler, 300},
	{"AdEx/expeuler", neuron.DefaultAdEx(), 0.1, scheme.ExpEuler, 300},
	{"HH/expeuler", neuron.DefaultHH(), 0.1, scheme.ExpEuler, 300},
	{"HH/euler", neuron.DefaultHH(), 0.01, scheme.Euler, 300},
}

// A step (Advance then Spike) allocates nothing once the spike buffer has
// room.
func TestStepAllocatesNothing(t *testing.T) {
	for _, bm := range benchModels {
		c := newCell(t, bm.m, 256, bm.dt, bm.meth)
		for i := range c.in.I {
			c.in.I[i] = bm.I
		}
		c.dst = make([]int32, 0, 256)
		if a := testing.AllocsPerRun(200, func() { c.advance() }); a != 0 {
			t.Errorf("%s: %v allocations per step", bm.name, a)
		}
	}
}

// BenchmarkStep reports neuron-steps per second of Advance + Spike.
func BenchmarkStep(b *testing.B) {
	for _, bm := range benchModels {
		for _, n := range []int{1000, 100000} {
			b.Run(fmt.Sprintf("%s/n=%d", bm.name, n), func(b *testing.B) {
				c := newCell(b, bm.m, n, bm.dt, bm.meth)
				for i := range c.in.I {
					c.in.I[i] = bm.I
				}
				c.dst = make([]int32, 0, n)
				b.ResetTimer()
				for k := 0; k < b.N; k++ {
					c.advance()
				}
				b.ReportMetric(float64(b.N)*float64(n)/b.Elapsed().Seconds(), "neuron-steps/s")
			})
		}
	}
}

// BenchmarkLIFKernels times the LIF's fused update (AdvanceSpike) with the
// generic Go kernels, with the AVX2 assembly and with the AVX-512 assembly
// (for the kernels that have it), taking the three in turn step by step in
// one process (vec.SetAccelerated, vec.SetAVX512) so that a busy machine
// slows them alike, and reports nanoseconds per neuron-update for each
// (ns/neuron-go, ns/neuron-avx2, ns/neuron-avx512; a path the machine or
// the kernel lacks falls back to the one below it), and the fastest step
// of each (best-ns/...), which a busy machine disturbs less. The drive is VA-like: conductances of 0-20 nS (a third
// inhibitory, reversal -80 mV) or currents of 0-600 pA, a jump now and
// then, and refractory clamps after the spikes it causes.
//
//	go test ./simlib/neuron -run '^$' -bench LIFKernels
func BenchmarkLIFKernels(b *testing.B) {
	for _, k := range []struct {
		name string
		meth scheme.Method
		cond bool
	}{
		{"cond-exact", scheme.Exact, true},
		{"cond-euler", scheme.Euler, true},
		{"curr-exact", scheme.Exact, false},
		{"curr-euler", scheme.Euler, false},
	} {
		for _, n := range []int{4000, 64000} {
			b.Run(fmt.Sprintf("%s/n=%d", k.name, n), func(b *testing.B) {
				p := neuron.LIF{Cm: 200, TauM: 20, VRest: -60, VThresh: -50, VReset: -60, TauRefrac: 5}
				d := p.New(neuron.Context{N: n, DT: 0.1, Method: k.meth})
				fused := d.(neuron.AdvanceSpiker)
				r := rand.New(rand.NewPCG(1, 2))
				v := d.Var("v")
				in := neuron.Input{I: make([]float64, n), Jump: make([]float64, n)}
				if k.cond {
					in.G, in.GE = make([]float64, n), make([]float64, n)
				}
				for i := range n {
					v[i] = -60 + 10*r.Float64()
					if k.cond {
						gi := 7 * r.Float64()
						in.G[i] = 13*r.Float64() + gi
						in.GE[i] = -80 * gi
						in.I[i] = 250 * r.Float64()
					} else {
						in.I[i] = 600 * r.Float64()
					}
					if r.IntN(20) == 0 {
						in.Jump[i] = 0.5
					}
				}
				dst := make([]int32, 0, n)
				prev, prev512 := vec.SetAccelerated(false), vec.SetAVX512(false)
				defer func() { vec.SetAccelerated(prev); vec.SetAVX512(prev512) }()
				paths := []string{"go", "avx2", "avx512"}
				var took, best [3]time.Duration
				spikes := 0
				b.ResetTimer()
				for s := 0; s < b.N; s++ {
					p := s % 3
					vec.SetAccelerated(p > 0)
					vec.SetAVX512(p > 1)
					in.Step++
					t0 := time.Now()
					dst = fused.AdvanceSpike(0, n, in, dst[:0])
					d := time.Since(t0)
					took[p] += d
					if best[p] == 0 || d < best[p] {
						best[p] = d
					}
					spikes += len(dst)
				}
				b.StopTimer()
				for p, name := range paths {
					steps := (b.N - p + 2) / 3 // the steps s < b.N with s%3 == p
					if steps > 0 {
						b.ReportMetric(float64(took[p].Nanoseconds())/(float64(n)*float64(steps)), "ns/neuron-"+name)
						b.ReportMetric(float64(best[p].Nanoseconds())/float64(n), "best-ns/neuron-"+name)
					}
				}
				b.ReportMetric(float64(spikes)/(float64(n)*float64(b.N)), "spikes/neuron")
			})
		}
	}
}
