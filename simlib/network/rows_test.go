package network

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/internal/vec"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// rowsNet has projections with long rows (cut for several workers) and
// short ones (searched), between populations of unequal sizes.
func rowsNet(seed uint64) *Network {
	net := New(Options{Seed: seed})
	lif := neuron.DefaultLIF()
	a := net.AddPopulation("a", 300, lif).Receptor("e", synapse.CurrExp(5))
	b := net.AddPopulation("b", 517, lif).Receptor("e", synapse.CurrExp(5))
	s := Synapse{Receptor: "e", Weight: dist.Const(1), Delay: dist.Const(1)}
	net.Connect(a, b, connect.FixedProbability{P: 0.2}, s)
	net.Connect(b, a, connect.FixedProbability{P: 0.1}, s)
	net.Connect(a, a, connect.FixedOutDegree{K: 3}, s)
	net.Connect(b, b, connect.OneToOne{}, s)
	return net
}

// The row index cut at the workers' ranges, for any number of workers and
// any shares, keeps every row where the table has it, and gives each
// worker exactly the row's targets in its range, in table order; where it
// is not cut (short rows, too many workers), the search gives the same.
func TestRowIndexCut(t *testing.T) {
	net := rowsNet(4)
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	ptrs := make([][]int64, len(net.projs))
	for k, pr := range net.projs {
		ptrs[k] = slices.Clone(pr.Table().Ptr)
		if pr.rt.rows.p32 == nil {
			t.Fatalf("%v: %d synapses: the row index is not 32-bit", pr, pr.Len())
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	cut, searched := 0, 0
	for _, w := range []int{1, 2, 3, 5, 8, 17} {
		for trial := 0; trial < 4; trial++ {
			e := net.e
			e.partition(w)
			if trial > 0 {
				e.setShares(randomShares(r, w))
			}
			for k, pr := range net.projs {
				x := &pr.rt.rows
				want := 1
				if segmentable(w, x.npre, pr.Len()) {
					want = w
				}
				if x.w != want {
					t.Fatalf("%d workers: %v: %d segments per row, want %d", w, pr, x.w, want)
				}
				if x.w > 1 {
					cut++
				} else if w > 1 {
					searched++
				}
				q := pr.rt.post
				for i := 0; i < x.npre; i++ {
					a, b := x.row(i)
					if a != ptrs[k][i] || b != ptrs[k][i+1] {
						t.Fatalf("%d workers: %v: row %d at [%d, %d), want [%d, %d)", w, pr, i, a, b, ptrs[k][i], ptrs[k][i+1])
					}
					at := a
					for j := 0; j < w; j++ {
						lo, hi := int32(q.lo[j]), int32(q.hi[j])
						if lo == hi {
							continue
						}
						whole := lo == 0 && int(hi) == q.n
						s, e := pr.rt.rowIn(int32(i), j, lo, hi, whole)
						if s != at || e < s {
							t.Fatalf("%d workers: %v: row %d, worker %d: synapses [%d, %d), want from %d", w, pr, i, j, s, e, at)
						}
						for _, tg := range pr.rt.tgt[s:e] {
							if tg < lo || tg >= hi {
								t.Fatalf("%d workers: %v: row %d, worker %d [%d, %d): target %d", w, pr, i, j, lo, hi, tg)
							}
						}
						at = e
					}
					if at != b {
						t.Fatalf("%d workers: %v: the workers' parts of row %d end at %d, the row at %d", w, pr, i, at, b)
					}
				}
			}
		}
	}
	if cut == 0 || searched == 0 {
		t.Fatalf("%d cut and %d searched indexes: the test covers only one kind", cut, searched)
	}
}

// A projection with ptr32Limit synapses or more keeps a 64-bit row index,
// one with fewer a 32-bit one; both give the same bits, for one worker and
// for two (cut) and three (searched: rows of 10 are too short).
func TestRowIndex32Boundary(t *testing.T) {
	defer func(l int64) { ptr32Limit = l }(ptr32Limit)
	var ref string
	for _, limit := range []int64{101, 100} {
		ptr32Limit = limit
		for _, w := range []int{1, 2, 3} {
			net := New(Options{Seed: 9, Workers: w})
			src := net.AddPopulation("src", 10, neuron.PoissonSource{Rate: 200})
			lif := neuron.DefaultLIF()
			dst := net.AddPopulation("dst", 10, lif).Receptor("e", synapse.CurrExp(5))
			pr := net.Connect(src, dst, connect.AllToAll{}, Synapse{Receptor: "e", Weight: dist.Uniform{Low: 100, High: 400}, Delay: dist.Const(0.5)})
			if err := net.Run(100); err != nil {
				t.Fatal(err)
			}
			if pr.Len() != 100 {
				t.Fatalf("all-to-all 10 -> 10: %d synapses, want 100", pr.Len())
			}
			x := &pr.rt.rows
			if is64 := x.p64 != nil; is64 != (limit == 100) || (x.p32 != nil) == is64 {
				t.Fatalf("limit %d, 100 synapses: 64-bit index %v, 32-bit %v", limit, x.p64 != nil, x.p32 != nil)
			}
			// segmentable: 10 sources, 100 synapses: (w-1)·10 more entries
			// allowed up to 100/8, so cut for 2 workers, searched for 3
			if want := map[int]int{1: 1, 2: 2, 3: 1}[w]; x.w != want {
				t.Fatalf("%d workers: %d segments per row, want %d", w, x.w, want)
			}
			if net.SpikeCount() == 0 {
				t.Fatal("no spikes: the test exercises nothing")
			}
			fp := net.Fingerprint()
			if ref == "" {
				ref = fp
			} else if fp != ref {
				t.Fatalf("limit %d, %d workers: fingerprint %s, want %s", limit, w, fp, ref)
			}
		}
	}
}

// TestDeliverMatchesReference: phase B (vec.ScatterRows for one delay and
// a 32-bit index, assembly or generic; the searched and per-synapse-delay
// paths otherwise) leaves every ring slot with the bits of a plain
// reference walk (every spike in neuron order, each whole row in table
// order, the synapse's weight added to its target's slot of arrival), for
// 1, 2, 3 and 17 workers and random shares, on projections with one
// weight, per-synapse weights and per-synapse delays, and rows cut or
// searched, rings filled with random values first so that the order of
// the additions shows (a network has no multapses; vec's tests cover
// duplicate targets).
func TestDeliverMatchesReference(t *testing.T) {
	prev := vec.Accelerated()
	defer vec.SetAccelerated(prev)
	// float64 rings throughout (count rings: TestCountRingsSameBits)
	defer func(off bool) { countsOff = off }(countsOff)
	countsOff = true
	net := New(Options{Seed: 7})
	lif := neuron.DefaultLIF()
	a := net.AddPopulation("a", 300, lif).Receptor("e", synapse.CurrExp(5)).Receptor("i", synapse.CurrExp(7))
	b := net.AddPopulation("b", 517, lif).Receptor("e", synapse.CurrExp(5))
	one := Synapse{Receptor: "e", Weight: dist.Const(0.3), Delay: dist.Const(1)}
	drawn := Synapse{Receptor: "e", Weight: dist.Uniform{Low: -1, High: 2}, Delay: dist.Const(1)}
	delays := Synapse{Receptor: "i", Weight: dist.Uniform{Low: 0, High: 1}, Delay: dist.Uniform{Low: 0.1, High: 2}}
	net.Connect(a, b, connect.FixedProbability{P: 0.2}, one)
	net.Connect(b, a, connect.FixedProbability{P: 0.3}, drawn)
	net.Connect(a, a, connect.FixedOutDegree{K: 40}, drawn)
	net.Connect(b, b, connect.FixedOutDegree{K: 3}, one)
	net.Connect(b, a, connect.FixedProbability{P: 0.1}, delays)
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	e := net.e
	r := rand.New(rand.NewPCG(7, 7))
	const step = 1
	for _, w := range []int{1, 2, 3, 17} {
		for trial := 0; trial < 3; trial++ {
			e.partition(w)
			if trial > 0 {
				e.setShares(randomShares(r, w))
			}
			randomSpikes(e, r, step, 4)
			init := map[*receptorRT][]float64{}
			for _, p := range e.pops {
				for _, rc := range p.rec {
					v := make([]float64, len(rc.ring))
					for k := range v {
						v[k] = r.NormFloat64()
					}
					init[rc] = v
				}
			}
			want := map[*receptorRT][]float64{}
			for rc, v := range init {
				want[rc] = slices.Clone(v)
			}
			for _, pr := range e.projs {
				ring, n := want[pr.rec], int64(pr.post.n)
				for _, chunk := range pr.pre.spk[e.buf(step)] {
					for _, i := range chunk {
						lo, hi := pr.rows.row(int(i))
						for k := lo; k < hi; k++ {
							ring[((step+int64(pr.delay(k)))%pr.rec.D)*n+int64(pr.tgt[k])] += pr.weight(k)
						}
					}
				}
			}
			for _, acc := range []bool{false, true} {
				vec.SetAccelerated(acc)
				for rc, v := range init {
					copy(rc.ring, v)
				}
				// as engine.steps does: in two parts with more than one
				// worker (ownChunk leaves these rings, which are not counts,
				// to otherChunks)
				for _, pt := range map[bool][]part{false: {allChunks}, true: {ownChunk, otherChunks}}[w > 1] {
					for k := 0; k < w; k++ {
						e.phaseB(k, step, pt)
					}
				}
				for rc, v := range want {
					for k := range v {
						if math.Float64bits(rc.ring[k]) != math.Float64bits(v[k]) {
							t.Fatalf("%d workers, trial %d, accelerated %v: receptor %q ring[%d] = %v, reference %v", w, trial, acc, rc.name, k, rc.ring[k], v[k])
						}
					}
				}
			}
		}
	}
}
