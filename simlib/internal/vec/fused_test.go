package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// fusedState is what a fused kernel reads and writes: the neurons and
// their two receptors' states and ring slots.
type fusedState struct {
	v, s, r, s2, r2 []float64
	ref             []int32
}

func (f fusedState) clone() fusedState {
	return fusedState{slices.Clone(f.v), slices.Clone(f.s), slices.Clone(f.r), slices.Clone(f.s2), slices.Clone(f.r2), slices.Clone(f.ref)}
}

func (f fusedState) sub(lo, hi int) fusedState {
	return fusedState{f.v[lo:hi], f.s[lo:hi], f.r[lo:hi], f.s2[lo:hi], f.r2[lo:hi], f.ref[lo:hi]}
}

// diff reports where a and b differ in their bits, NaN payloads aside
// ("" if nowhere).
func (f fusedState) diff(b fusedState, sa, sb []int32) string {
	for _, x := range []struct {
		name string
		a, b []float64
	}{{"v", f.v, b.v}, {"s", f.s, b.s}, {"r", f.r, b.r}, {"s2", f.s2, b.s2}, {"r2", f.r2, b.r2}} {
		for i := range x.a {
			if !sameFloat(x.a[i], x.b[i]) {
				return fmt.Sprintf("%s[%d]: %v (%#x) vs %v (%#x)", x.name, i, x.a[i], math.Float64bits(x.a[i]), x.b[i], math.Float64bits(x.b[i]))
			}
		}
	}
	for i := range f.ref {
		if f.ref[i] != b.ref[i] {
			return fmt.Sprintf("ref[%d]: %d vs %d", i, f.ref[i], b.ref[i])
		}
	}
	if !slices.Equal(sa, sb) {
		return fmt.Sprintf("spikes %v vs %v", sa, sb)
	}
	return ""
}

// fusedKernel is one fused kernel: ref is the two passes it replaces (the
// generic receptor kernel into a fresh I or G and GE, then the generic LIF
// kernel on it with zero current and jumps), gen the generic fused kernel,
// api the exported function (assembly when Accelerated).
type fusedKernel struct {
	name     string
	pair     bool
	ref, gen func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32
	api      func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) ([]int32, bool)
}

var fusedKernels = []fusedKernel{
	{"CurrExactCur1", false,
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			n := len(f.v)
			I := make([]float64, n)
			cur1SetGeneric(I, f.s, f.r, k)
			return lifCurrExactGo(c, f.v, f.ref, I, make([]float64, n), off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			return fusedCurrExactGo(c, f.v, f.ref, f.s, f.r, nil, nil, k, Recv1{}, off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
			return LIFCurrExactCur1(c, f.v, f.ref, f.s, f.r, k, off, dst)
		}},
	{"CurrExactCur1Pair", true,
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			n := len(f.v)
			I := make([]float64, n)
			cur1PairSetGeneric(I, f.s, f.r, f.s2, f.r2, k, k2)
			return lifCurrExactGo(c, f.v, f.ref, I, make([]float64, n), off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			return fusedCurrExactGo(c, f.v, f.ref, f.s, f.r, f.s2, f.r2, k, k2, off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
			return LIFCurrExactCur1Pair(c, f.v, f.ref, f.s, f.r, f.s2, f.r2, k, k2, off, dst)
		}},
	{"CondExpCond1", false,
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			n := len(f.v)
			G, GE := make([]float64, n), make([]float64, n)
			cond1SetGeneric(G, GE, f.s, f.r, k)
			return lifCondExpGo(c, f.v, f.ref, G, GE, make([]float64, n), make([]float64, n), off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			return fusedCondExpGo(c, f.v, f.ref, f.s, f.r, nil, nil, k, Recv1{}, off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
			return LIFCondExpCond1(c, f.v, f.ref, f.s, f.r, k, off, dst)
		}},
	{"CondExpCond1Pair", true,
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			n := len(f.v)
			G, GE := make([]float64, n), make([]float64, n)
			cond1PairSetGeneric(G, GE, f.s, f.r, f.s2, f.r2, k, k2)
			return lifCondExpGo(c, f.v, f.ref, G, GE, make([]float64, n), make([]float64, n), off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			return fusedCondExpGo(c, f.v, f.ref, f.s, f.r, f.s2, f.r2, k, k2, off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
			return LIFCondExpCond1Pair(c, f.v, f.ref, f.s, f.r, f.s2, f.r2, k, k2, off, dst)
		}},
	{"CondEulerCond1", false,
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			n := len(f.v)
			G, GE := make([]float64, n), make([]float64, n)
			cond1SetGeneric(G, GE, f.s, f.r, k)
			return lifCondEulerGo(c, f.v, f.ref, G, GE, make([]float64, n), make([]float64, n), off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			return fusedCondEulerGo(c, f.v, f.ref, f.s, f.r, nil, nil, k, Recv1{}, off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
			return LIFCondEulerCond1(c, f.v, f.ref, f.s, f.r, k, off, dst)
		}},
	{"CondEulerCond1Pair", true,
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			n := len(f.v)
			G, GE := make([]float64, n), make([]float64, n)
			cond1PairSetGeneric(G, GE, f.s, f.r, f.s2, f.r2, k, k2)
			return lifCondEulerGo(c, f.v, f.ref, G, GE, make([]float64, n), make([]float64, n), off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) []int32 {
			return fusedCondEulerGo(c, f.v, f.ref, f.s, f.r, f.s2, f.r2, k, k2, off, dst)
		},
		func(c *LIF, f fusedState, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
			return LIFCondEulerCond1Pair(c, f.v, f.ref, f.s, f.r, f.s2, f.r2, k, k2, off, dst)
		}},
}

// fusedCoefs are receptor pairs: the VA's (exponential decay of 5 and
// 10 ms at dt 0.1 ms, weight 1, E 0 and -80 mV; current weights as the
// engine's effective current), then hostile coefficients.
var fusedCoefs = [][2]Recv1{
	{{A: math.Exp(-0.1 / 5), B: 1, C: 1, CE: 0}, {A: math.Exp(-0.1 / 10), B: 1, C: 1, CE: -80}},
	{{A: 0.98, B: 1, C: 0.99, CE: 0}, {A: 0.99, B: 1, C: 0.995, CE: 0}},
	{{A: 1, B: math.Copysign(0, -1), C: -1, CE: math.Inf(1)}, {A: math.NaN(), B: 1e300, C: math.Copysign(0, -1), CE: 0}},
	{{A: 5e-324, B: -1, C: math.MaxFloat64, CE: -5e-324}, {A: -1, B: 0, C: 0, CE: math.Copysign(0, -1)}},
}

// randomFused fills n neurons near threshold and receptor states that
// give conductances of 0 to 40 nS (or currents of 0 to 800 pA), with a
// fraction bad of hostile values (signed zeros, NaN, ±Inf, subnormals,
// conductances beyond ExpNeg's range).
func randomFused(r *rand.Rand, c LIF, n int, bad float64) fusedState {
	l := randomLIF(r, c, n, bad)
	f := fusedState{l.v, make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), l.ref}
	pick := func(x float64) float64 {
		if r.Float64() < bad {
			if r.IntN(2) == 0 {
				return hostile[r.IntN(len(hostile))]
			}
			return hostileValue(r, 1)
		}
		return x
	}
	for i := range n {
		f.s[i] = pick(20 * r.Float64())
		f.s2[i] = pick(20 * r.Float64())
		if r.IntN(5) == 0 {
			f.r[i] = pick(3 * r.Float64())
		} else {
			f.r[i] = pick(0)
		}
		if r.IntN(5) == 0 {
			f.r2[i] = pick(3 * r.Float64())
		} else {
			f.r2[i] = pick(0)
		}
	}
	return f
}

// TestFusedSameBits: each fused kernel, generic and through its exported
// function with the assembly on, gives the bits of the two passes it
// replaces (v, ref, spikes, both receptor states and slots), on every
// length from 0 to 70 at every start (aligned or not) and on blocks
// beyond lifBlock, for random and hostile inputs, each population of
// lifConsts and each receptor pair of fusedCoefs; spikes are appended
// after what dst holds. The guard neurons around the slice must not move.
func TestFusedSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 3))
	lengths := kernelLengths()
	for _, k := range fusedKernels {
		spikes, clamped, fallbacks := 0, 0, 0
		for ci, c := range lifConsts {
			for ki, kk := range fusedCoefs {
				for _, bad := range []float64{0, 0.02, 0.3} {
					for _, n := range lengths {
						if n > 70 && (ki > 1 || ci > 1) {
							continue // the long blocks on the ordinary populations only
						}
						for start := range 4 {
							all := randomFused(r, c, start+n+3, bad)
							want := all.clone()
							prefix := []int32{-7, 3}
							sw := k.ref(&c, want.sub(start, start+n), kk[0], kk[1], 1000+start, slices.Clone(prefix))
							for _, p := range allPaths() {
								got := all.clone()
								var sg []int32
								if p.accel {
									restore := p.use()
									var fin bool
									sg, fin = k.api(&c, got.sub(start, start+n), kk[0], kk[1], 1000+start, slices.Clone(prefix))
									restore()
									if d := finDiff(got.v[start:start+n], fin); d != "" {
										t.Fatalf("%s, population %d, receptors %d, bad %v, n %d, start %d, path %s: %s", k.name, ci, ki, bad, n, start, p.name, d)
									}
								} else {
									sg = k.gen(&c, got.sub(start, start+n), kk[0], kk[1], 1000+start, slices.Clone(prefix))
								}
								if d := want.diff(got, sw, sg); d != "" {
									t.Fatalf("%s, population %d, receptors %d, bad %v, n %d, start %d, path %s: two passes vs fused: %s", k.name, ci, ki, bad, n, start, p.name, d)
								}
							}
							spikes += len(sw) - len(prefix)
							for i := start; i < start+n; i++ {
								if all.ref[i] > 0 {
									clamped++
								}
								g := float64(kk[0].C * all.s[i])
								if k.pair {
									g += float64(kk[1].C * all.s2[i])
								}
								if x := float64(c.K * (c.GL + g)); !(x >= 0 && x <= expMax) {
									fallbacks++
								}
							}
						}
					}
				}
			}
		}
		if k.name[:7] != "CondExp" {
			fallbacks = 100 // no polynomial
		}
		if spikes < 1000 || clamped < 1000 || fallbacks < 100 {
			t.Errorf("%s: %d spikes, %d clamped, %d lanes beyond the polynomial: too few to compare", k.name, spikes, clamped, fallbacks)
		}
	}
}

// Over many steps of a network-like drive, the fused kernels (generic and
// assembly) and the two passes stay bit-identical.
func TestFusedSameBitsOverSteps(t *testing.T) {
	const n, steps = 203, 2000
	for _, k := range fusedKernels {
		c, kk := lifConsts[0], fusedCoefs[0]
		if k.name[:4] == "Curr" {
			c, kk = lifConsts[1], fusedCoefs[1]
		}
		r := rand.New(rand.NewPCG(5, 9))
		s := randomFused(r, c, n, 0)
		clear(s.ref)
		a, b := s.clone(), s.clone()
		var gs []fusedState
		for range asmPaths() {
			gs = append(gs, s.clone())
		}
		var sa, sb, sg []int32
		total := 0
		for step := range steps {
			for i := range n { // the same spikes into every copy
				a.r[i], a.r2[i] = 0, 0
				if r.IntN(10) == 0 {
					a.r[i] = 4 * r.Float64()
					if k.name[:4] == "Curr" {
						a.r[i] *= 300
					}
				}
				if r.IntN(40) == 0 {
					a.r2[i] = 2 * r.Float64()
				}
			}
			for _, g := range append(gs, b) {
				copy(g.r, a.r)
				copy(g.r2, a.r2)
			}
			sa = k.ref(&c, a, kk[0], kk[1], 0, sa[:0])
			sb = k.gen(&c, b, kk[0], kk[1], 0, sb[:0])
			if d := a.diff(b, sa, sb); d != "" {
				t.Fatalf("%s step %d: two passes vs generic fused: %s", k.name, step, d)
			}
			for pi, p := range asmPaths() {
				g := gs[pi]
				restore := p.use()
				var fin bool
				sg, fin = k.api(&c, g, kk[0], kk[1], 0, sg[:0])
				restore()
				if !fin {
					t.Fatalf("%s step %d (%s): all v finite, reported not", k.name, step, p.name)
				}
				if d := a.diff(g, sa, sg); d != "" {
					t.Fatalf("%s step %d: two passes vs fused (%s): %s", k.name, step, p.name, d)
				}
			}
			total += len(sa)
		}
		if total < n*steps/200 {
			t.Errorf("%s: %d spikes in %d neuron-steps: too few to compare", k.name, total, n*steps)
		}
	}
}

// The fused kernels allocate nothing when dst has room.
func TestFusedAllocateNothing(t *testing.T) {
	c := lifConsts[0]
	f := randomFused(rand.New(rand.NewPCG(1, 2)), c, 1000, 0)
	dst := make([]int32, 0, 1000)
	for _, p := range allPaths() {
		restore := p.use()
		for _, k := range fusedKernels {
			if a := testing.AllocsPerRun(20, func() { dst, _ = k.api(&c, f, fusedCoefs[0][0], fusedCoefs[0][1], 0, dst[:0]) }); a != 0 {
				t.Errorf("%s (%s): %v allocations", k.name, p.name, a)
			}
		}
		restore()
	}
}

// A mismatch of lengths is a programming error: the wrapper panics rather
// than read past a slice.
func TestFusedLengthMismatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic on slices of different lengths")
		}
	}()
	c := lifConsts[0]
	k := fusedCoefs[0][0]
	LIFCondExpCond1Pair(&c, make([]float64, 8), make([]int32, 8), make([]float64, 8), make([]float64, 8), make([]float64, 8), make([]float64, 7), k, k, 0, nil)
}

// BenchmarkFused times each fused kernel against the two passes it
// replaces (the exported receptor kernel into I or G and GE, then the
// exported LIF kernel), alternating the two in the same loop on copies of
// the same state, on every path (generic, AVX2, AVX-512), and reports ns per
// neuron of each (its fastest call: on a busy machine a descheduled call
// says nothing of the kernel) and their ratio. The ring slots are refilled
// (untimed) before each call, so that the states stay in a network's
// range.
//
//	go test ./simlib/internal/vec -run '^$' -bench Fused
func BenchmarkFused(b *testing.B) {
	for _, k := range fusedKernels {
		for _, n := range []int{4000, 64000} {
			for _, p := range allPaths() {
				b.Run(fmt.Sprintf("%s/N=%d/%s", k.name, n, p.name), func(b *testing.B) {
					defer p.use()()
					c, kk := lifConsts[0], fusedCoefs[0]
					if k.name[:4] == "Curr" {
						c, kk = lifConsts[1], fusedCoefs[1]
					}
					r := rand.New(rand.NewPCG(3, 4))
					f := randomFused(r, c, n, 0)
					clear(f.ref)
					slot, slot2 := slices.Clone(f.r), slices.Clone(f.r2)
					a := f.clone()
					I, G, GE, zero := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
					two := func(dst []int32) []int32 {
						switch k.name {
						case "CurrExactCur1":
							Cur1(I, a.s, a.r, kk[0], true)
							return LIFCurrExact(&c, a.v, a.ref, I, zero, 0, dst)
						case "CurrExactCur1Pair":
							Cur1Pair(I, a.s, a.r, a.s2, a.r2, kk[0], kk[1], true)
							return LIFCurrExact(&c, a.v, a.ref, I, zero, 0, dst)
						case "CondExpCond1":
							Cond1(G, GE, a.s, a.r, kk[0], true)
							return LIFCondExp(&c, a.v, a.ref, G, GE, zero, zero, 0, dst)
						case "CondEulerCond1":
							Cond1(G, GE, a.s, a.r, kk[0], true)
							return LIFCondEuler(&c, a.v, a.ref, G, GE, zero, zero, 0, dst)
						case "CondEulerCond1Pair":
							Cond1Pair(G, GE, a.s, a.r, a.s2, a.r2, kk[0], kk[1], true)
							return LIFCondEuler(&c, a.v, a.ref, G, GE, zero, zero, 0, dst)
						default:
							Cond1Pair(G, GE, a.s, a.r, a.s2, a.r2, kk[0], kk[1], true)
							return LIFCondExp(&c, a.v, a.ref, G, GE, zero, zero, 0, dst)
						}
					}
					dst := make([]int32, 0, n)
					tFused, tTwo := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
					b.ResetTimer()
					for range b.N {
						copy(f.r, slot)
						copy(f.r2, slot2)
						copy(a.r, slot)
						copy(a.r2, slot2)
						t0 := time.Now()
						dst, _ = k.api(&c, f, kk[0], kk[1], 0, dst[:0])
						t1 := time.Now()
						dst = two(dst[:0])
						tTwo = min(tTwo, time.Since(t1))
						tFused = min(tFused, t1.Sub(t0))
					}
					b.ReportMetric(float64(tFused.Nanoseconds())/float64(n), "fused-ns/neuron")
					b.ReportMetric(float64(tTwo.Nanoseconds())/float64(n), "2pass-ns/neuron")
					b.ReportMetric(float64(tTwo)/float64(tFused), "speedup")
				})
			}
		}
	}
}

// The signed zeros the AVX-512 current kernels' left-out additions of +0
// (fused512_amd64.s) could change: VRest -0, v just below it (v - VRest
// times Prop rounds to -0) and a negative IOffset too small for its
// product with R, so that both terms of the update are -0 (the generic
// kernel's + 0 makes that +0; fusedCurrExactAsm runs the generic kernel
// for such a VRest), and the same with VRest +0 and an IOffset of -0,
// with receptor outputs of -0 (C·x -0) and of +0. Every path gives the
// two passes' bits. Then the zeros of the CondEuler kernels, which leave
// out the first + 0 of the generic kernel's update (the second decides):
// v -0 and a step K·(...) that underflows to -0.
func TestFusedSignedZeros(t *testing.T) {
	negZero := math.Copysign(0, -1)
	for _, vrest := range []float64{negZero, 0} {
		for _, ioff := range []float64{-5e-324, negZero, 0} {
			// tau 0.1 ms at dt 0.1: Prop e^-1, so -5e-324·Prop is -0; v stays below threshold
			c := testLIF(200, 0.1, vrest, -70, ioff, 0.1, 50, 2)
			for _, k := range fusedKernels[:2] {
				const n = 37
				f := fusedState{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]int32, n)}
				for i := range n {
					f.v[i] = -5e-324
					if i%2 == 1 {
						f.s[i], f.s2[i] = negZero, negZero // C·x = -0
					}
				}
				want := f.clone()
				sw := k.ref(&c, want, fusedCoefs[1][0], fusedCoefs[1][1], 0, nil)
				if vrest == negZero && ioff == -5e-324 && (want.v[0] != 0 || math.Signbit(want.v[0])) {
					t.Fatalf("%s: two passes gave v %v, want +0: not the case meant", k.name, want.v[0])
				}
				for _, p := range allPaths() {
					got := f.clone()
					restore := p.use()
					sg, _ := k.api(&c, got, fusedCoefs[1][0], fusedCoefs[1][1], 0, nil)
					restore()
					if d := want.diff(got, sw, sg); d != "" {
						t.Fatalf("%s, VRest %v, IOffset %v, path %s: %s", k.name, vrest, ioff, p.name, d)
					}
				}
			}
		}
	}
	// K = 1e-300 and Base = -1e-30: K·(Base - gt·(-0) + 0) is -0, which
	// the second + 0 makes +0 (v: -0 + +0 = +0).
	c := testLIF(1e299, 20, 0, -70, -1e-30, 0.1, 50, 2)
	for _, k := range fusedKernels[4:6] {
		const n = 37
		f := fusedState{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]int32, n)}
		for i := range n {
			f.v[i] = negZero
		}
		want := f.clone()
		sw := k.ref(&c, want, fusedCoefs[0][0], fusedCoefs[0][1], 0, nil)
		if want.v[0] != 0 || math.Signbit(want.v[0]) {
			t.Fatalf("%s: two passes gave v %v, want +0: not the case meant", k.name, want.v[0])
		}
		for _, p := range allPaths() {
			got := f.clone()
			restore := p.use()
			sg, _ := k.api(&c, got, fusedCoefs[0][0], fusedCoefs[0][1], 0, nil)
			restore()
			if d := want.diff(got, sw, sg); d != "" {
				t.Fatalf("%s, path %s: %s", k.name, p.name, d)
			}
		}
	}
}
