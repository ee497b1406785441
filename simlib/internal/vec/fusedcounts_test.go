package vec

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// countKernels pairs each fused kernel (fusedKernels, by name) with its
// count twin.
var countKernels = map[string]func(c *LIF, f fusedState, q, q2 Counts, k, k2 Recv1, off int, dst []int32) ([]int32, bool){
	"CurrExactCur1": func(c *LIF, f fusedState, q, q2 Counts, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
		return LIFCurrExactCounts(c, f.v, f.ref, f.s, q, nil, Counts{}, k, Recv1{}, off, dst)
	},
	"CurrExactCur1Pair": func(c *LIF, f fusedState, q, q2 Counts, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
		return LIFCurrExactCounts(c, f.v, f.ref, f.s, q, f.s2, q2, k, k2, off, dst)
	},
	"CondExpCond1": func(c *LIF, f fusedState, q, q2 Counts, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
		return LIFCondExpCounts(c, f.v, f.ref, f.s, q, nil, Counts{}, k, Recv1{}, off, dst)
	},
	"CondExpCond1Pair": func(c *LIF, f fusedState, q, q2 Counts, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
		return LIFCondExpCounts(c, f.v, f.ref, f.s, q, f.s2, q2, k, k2, off, dst)
	},
	"CondEulerCond1": func(c *LIF, f fusedState, q, q2 Counts, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
		return LIFCondEulerCounts(c, f.v, f.ref, f.s, q, nil, Counts{}, k, Recv1{}, off, dst)
	},
	"CondEulerCond1Pair": func(c *LIF, f fusedState, q, q2 Counts, k, k2 Recv1, off int, dst []int32) ([]int32, bool) {
		return LIFCondEulerCounts(c, f.v, f.ref, f.s, q, f.s2, q2, k, k2, off, dst)
	},
}

// countWeights are the weights of the count tables: the VA's (nS), a
// current weight, and hostile ones (a sum that overflows to +Inf, -0, a
// subnormal, NaN).
var countWeights = []float64{0.27, 4.5, 67.5, 1e307, math.Copysign(0, -1), 5e-324, math.NaN()}

// randomCounts returns n counts: most 0, some 1 to 7, a fraction wide of
// 8 to 15 and of 16 to 255 (the kernels' wide groups).
func randomCounts(r *rand.Rand, n int, wide float64) []uint8 {
	c := make([]uint8, n)
	for i := range c {
		switch x := r.Float64(); {
		case x < wide/2:
			c[i] = uint8(8 + r.IntN(8))
		case x < wide:
			c[i] = uint8(16 + r.IntN(240))
		case x < wide+0.3:
			c[i] = uint8(1 + r.IntN(7))
		}
	}
	return c
}

// TestFusedCountsSameBits: each count kernel, on every path, gives the
// bits of the two passes its slot twin replaces run on the slots
// ExpandCounts makes of its counts, and clears the counts, on every
// length from 0 to 70 at every start and on blocks beyond lifBlock, for
// random and hostile states, tables and wide counts. The guard neurons
// around the slice and their counts must not move.
func TestFusedCountsSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(43, 5))
	lengths := kernelLengths()
	for _, k := range fusedKernels {
		api := countKernels[k.name]
		spikes, wideSeen := 0, 0
		for ci, c := range lifConsts[:2] {
			for ki, kk := range fusedCoefs {
				for _, bad := range []float64{0, 0.02} {
					for _, wide := range []float64{0, 0.005, 0.2} {
						for _, n := range lengths {
							if n > 70 && ki > 1 {
								continue
							}
							start := r.IntN(4)
							all := randomFused(r, c, start+n+3, bad)
							clear(all.r)
							clear(all.r2)
							q := Counts{randomCounts(r, start+n+3, wide), NewCountTable(countWeights[r.IntN(len(countWeights))])}
							q2 := Counts{randomCounts(r, start+n+3, wide), NewCountTable(countWeights[r.IntN(len(countWeights))])}
							for _, x := range q.Cnt[start : start+n] {
								if x >= 8 {
									wideSeen++
								}
							}
							want := all.clone()
							sub := want.sub(start, start+n)
							expandCountsGeneric(sub.r, slices.Clone(q.Cnt[start:start+n]), q.Tab)
							if k.pair {
								expandCountsGeneric(sub.r2, slices.Clone(q2.Cnt[start:start+n]), q2.Tab)
							}
							prefix := []int32{-7, 3}
							sw := k.ref(&c, sub, kk[0], kk[1], 1000+start, slices.Clone(prefix))
							for _, p := range allPaths() {
								got := all.clone()
								gq, gq2 := Counts{slices.Clone(q.Cnt), q.Tab}, Counts{slices.Clone(q2.Cnt), q2.Tab}
								restore := p.use()
								g := got.sub(start, start+n)
								sg, fin := api(&c, g, Counts{gq.Cnt[start : start+n], q.Tab}, Counts{gq2.Cnt[start : start+n], q2.Tab}, kk[0], kk[1], 1000+start, slices.Clone(prefix))
								restore()
								where := func() string {
									return k.name + " counts, path " + p.name
								}
								if d := finDiff(got.v[start:start+n], fin); d != "" {
									t.Fatalf("%s, population %d, receptors %d, bad %v, wide %v, n %d: %s", where(), ci, ki, bad, wide, n, d)
								}
								if d := want.diff(got, sw, sg); d != "" {
									t.Fatalf("%s, population %d, receptors %d, bad %v, wide %v, n %d, start %d: two passes vs count kernel: %s", where(), ci, ki, bad, wide, n, start, d)
								}
								for _, x := range []struct {
									name      string
									got, orig []uint8
									used      bool
								}{{"counts", gq.Cnt, q.Cnt, true}, {"counts2", gq2.Cnt, q2.Cnt, k.pair}} {
									for i := range x.got {
										in := i >= start && i < start+n && x.used
										if in && x.got[i] != 0 || !in && x.got[i] != x.orig[i] {
											t.Fatalf("%s, n %d, start %d: %s[%d] = %d after the pass (was %d)", where(), n, start, x.name, i, x.got[i], x.orig[i])
										}
									}
								}
							}
							spikes += len(sw) - len(prefix)
						}
					}
				}
			}
		}
		if spikes < 1000 || wideSeen < 1000 {
			t.Errorf("%s: %d spikes, %d wide counts: too few to compare", k.name, spikes, wideSeen)
		}
	}
}

// The count kernels allocate nothing when dst has room.
func TestFusedCountsAllocateNothing(t *testing.T) {
	c := lifConsts[0]
	r := rand.New(rand.NewPCG(1, 2))
	f := randomFused(r, c, 1000, 0)
	q := Counts{make([]uint8, 1000), NewCountTable(0.27)}
	q2 := Counts{make([]uint8, 1000), NewCountTable(4.5)}
	cnt := randomCounts(r, 1000, 0.01)
	dst := make([]int32, 0, 1000)
	for _, p := range allPaths() {
		restore := p.use()
		for _, k := range fusedKernels {
			api := countKernels[k.name]
			if a := testing.AllocsPerRun(20, func() {
				copy(q.Cnt, cnt)
				dst, _ = api(&c, f, q, q2, fusedCoefs[0][0], fusedCoefs[0][1], 0, dst[:0])
			}); a != 0 {
				t.Errorf("%s counts (%s): %v allocations", k.name, p.name, a)
			}
		}
		restore()
	}
}

// TestFusedCountsUnitSameBits: the unit count kernels and the AVX2 unit
// kernels on float slots (receptors' B 1 and a LIF's IOffset ±0, or for
// conductances B and C 1: fusedCountsAsm and unitCoefs pick them; they
// leave out B·q, C·x and the addition of IOffset) give the bits of the two
// passes on the inputs where leaving those out could show: zero inputs of
// either sign (states ±0 and tables of weight ±0), IOffset -0 and +0,
// VRest -0 with v ±0 (TestFusedSignedZeros has the case a VRest of -0
// changes), signalling and quiet NaNs in the tables and states (their
// payloads aside, as in every comparison here: sameFloat), and hostile
// states besides.
func TestFusedCountsUnitSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(44, 6))
	snan := math.Float64frombits(0x7ff0000000000123)
	nz := math.Copysign(0, -1)
	tables := func() *CountTable {
		switch r.IntN(4) {
		case 0:
			return NewCountTable(nz)
		case 1:
			return NewCountTable(0)
		case 2:
			tab := NewCountTable(0.27)
			tab[1+r.IntN(7)] = snan
			tab[1+r.IntN(7)] = math.Float64frombits(0xfff8000000000456)
			return tab
		default:
			return NewCountTable(countWeights[r.IntN(len(countWeights))])
		}
	}
	zeros := []float64{0, nz, snan, math.Float64frombits(0x7ff8000000000789)}
	checked := 0
	for _, name := range []string{"CurrExactCur1", "CurrExactCur1Pair", "CondExpCond1", "CondExpCond1Pair", "CondEulerCond1", "CondEulerCond1Pair"} {
		var k fusedKernel
		for _, x := range fusedKernels {
			if x.name == name {
				k = x
			}
		}
		api := countKernels[name]
		for _, x := range []struct{ vrest, ioff float64 }{{-60, 0}, {-60, nz}, {nz, 0}, {nz, nz}} {
			c := lifConsts[0]
			c.VRest, c.IOffset = x.vrest, x.ioff
			ioff := x.ioff
			for _, kk := range fusedCoefs[:2] {
				for range 40 {
					n := 8 + r.IntN(120)
					all := randomFused(r, c, n, 0.02)
					clear(all.r)
					clear(all.r2)
					for i := range all.s {
						if r.IntN(3) == 0 {
							all.s[i] = zeros[r.IntN(len(zeros))]
						}
						if r.IntN(3) == 0 {
							all.s2[i] = zeros[r.IntN(len(zeros))]
						}
						if x.vrest == 0 && r.IntN(3) == 0 {
							all.v[i] = zeros[r.IntN(2)] // ±0 beside a VRest of -0
						}
					}
					q := Counts{randomCounts(r, n, 0.005), tables()}
					q2 := Counts{randomCounts(r, n, 0.005), tables()}
					want := all.clone()
					expandCountsGeneric(want.r, slices.Clone(q.Cnt), q.Tab)
					if k.pair {
						expandCountsGeneric(want.r2, slices.Clone(q2.Cnt), q2.Tab)
					}
					// the float-slot kernels (their unit twins: AVX2) on the
					// slots the counts expand to
					slots := all.clone()
					copy(slots.r, want.r)
					copy(slots.r2, want.r2)
					sw := k.ref(&c, want, kk[0], kk[1], 0, nil)
					for _, p := range allPaths() {
						got := all.clone()
						restore := p.use()
						sg, _ := api(&c, got, Counts{slices.Clone(q.Cnt), q.Tab}, Counts{slices.Clone(q2.Cnt), q2.Tab}, kk[0], kk[1], 0, nil)
						gf := slots.clone()
						sf, _ := k.api(&c, gf, kk[0], kk[1], 0, nil)
						restore()
						if d := want.diff(got, sw, sg); d != "" {
							t.Fatalf("%s counts, path %s, IOffset %v, n %d: two passes vs count kernel: %s", name, p.name, ioff, n, d)
						}
						if d := want.diff(gf, sw, sf); d != "" {
							t.Fatalf("%s, path %s, IOffset %v, n %d: two passes vs fused kernel: %s", name, p.name, ioff, n, d)
						}
						checked++
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("nothing compared")
	}
}
