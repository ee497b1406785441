package neuron_test

import (
	"math"
	"slices"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/vec"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// LIF's AdvanceSpikeFused takes conductances with every method and
// currents with Exact and ExpEuler, declines currents with Euler,
// everything without the assembly kernels, and a jump input; declined,
// it changes nothing. Taken on a sub-range [lo, hi) it changes nothing
// outside it, and spikes are numbered in the population.
func TestLIFFusedDeclines(t *testing.T) {
	const n, lo, hi = 37, 5, 30
	for _, m := range []scheme.Method{scheme.Exact, scheme.ExpEuler, scheme.Euler} {
		for _, cond := range []bool{false, true} {
			for _, nr := range []int{1, 2} {
				for _, accel := range []bool{false, true} {
					for _, jump := range []bool{false, true} {
						prev := vec.SetAccelerated(accel)
						p := neuron.LIF{Cm: 200, TauM: 20, VRest: -60, VThresh: -50, VReset: -60, TauRefrac: 2}
						d := p.New(neuron.Context{N: n, DT: 0.1, Method: m})
						v := d.Var("v")
						for i := range v {
							v[i] = -49.5 // above threshold: every free neuron of the range fires
						}
						in := neuron.Input{I: make([]float64, n)}
						if cond {
							in.G, in.GE = make([]float64, n), make([]float64, n)
						}
						if jump {
							in.Jump = make([]float64, n)
						}
						var s, slot [2][]float64
						rec := neuron.FusedReceptors{Conductance: cond, N: nr}
						for k := range nr {
							s[k], slot[k] = make([]float64, n), make([]float64, n)
							for i := range n {
								s[k][i], slot[k][i] = 1, 2
							}
							rec.R[k] = neuron.FusedReceptor{S: s[k][lo:hi], Slot: slot[k][lo:hi], A: 0.5, B: 1, C: 1, CE: 0}
						}
						v0 := slices.Clone(v)
						dst, ok, fin := d.(neuron.ReceptorFuser).AdvanceSpikeFused(lo, hi, in, rec, []int32{-1})
						on := vec.Accelerated() // whether the call had the assembly (prev, restored next, is false under GOLGI_SIMD=off)
						vec.SetAccelerated(prev)
						want := !jump && (cond || m != scheme.Euler) && accel && on
						if ok != want {
							t.Fatalf("%v cond %v receptors %d assembly %v jump %v: taken %v, want %v", m, cond, nr, accel, jump, ok, want)
						}
						for i := range n {
							inside := ok && i >= lo && i < hi
							if changed := math.Float64bits(v[i]) != math.Float64bits(v0[i]); changed != inside {
								t.Fatalf("%v cond %v receptors %d assembly %v: v[%d] changed %v, want %v", m, cond, nr, accel, i, changed, inside)
							}
							for k := range nr {
								if changed := s[k][i] != 1 || slot[k][i] != 2; changed != inside {
									t.Fatalf("%v cond %v: receptor %d at %d changed %v, want %v", m, cond, k, i, changed, inside)
								}
							}
						}
						if ok && (len(dst) != 1+hi-lo || dst[1] != lo || dst[len(dst)-1] != hi-1) {
							t.Fatalf("%v cond %v receptors %d: spikes %v, want -1 then %d..%d", m, cond, nr, dst, lo, hi-1)
						}
						if !ok && len(dst) != 1 {
							t.Fatalf("declined with spikes %v", dst)
						}
						if fin != ok { // taken, every v is finite (reset)
							t.Fatalf("%v cond %v receptors %d: taken %v, finite %v", m, cond, nr, ok, fin)
						}
					}
				}
			}
		}
	}
}
