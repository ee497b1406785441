package network

import (
	"cmp"
	"math"
	"os"
	"slices"

	"github.com/golgi-sim/golgi/simlib/internal/vec"
	"github.com/golgi-sim/golgi/simlib/neuron"
)

// Count rings (vec/counts.go). A receptor of a fused population whose
// synapses all add one weight keeps, per slot and target, the number of
// spikes due instead of their summed weight: one byte instead of eight.
// advanceSpike hands a block of countBlock targets at a time to the
// dynamics as counts when it looks them up itself (neuron.CountFuser,
// fusedRT.inKernel) and the block's later rings are empty; otherwise it
// expands the block into a worker's scratch (the float64 slot, same bits:
// vec.CountTable) just before the fused pass reads it. Delivery adds one
// per synapse.

// countBlock is the targets expanded at a time, as many as phaseA's
// blocks by default (timeBlock): the scratch of two receptors (256 KiB) stays in the core's
// L2 between the expansion and the fused pass, and the calls around each
// block (the fused kernel's entry, the expansion's) are paid once per
// block of updates. Measured on a Zen 4 (1 MB L2; alternating runs, 1
// worker, CPU s): CUBA 4000 cells 5 s 0.195-0.201 against 0.224-0.253
// at 1024; 64000 cells 1 s 0.737-0.766 against 0.854-0.948; 1M cells
// 200 ms 4.14-4.38 against 4.30-4.61; COBA 4000 cells 3 s 0.315-0.323
// against 0.329-0.341. (An Intel machine, before phaseA's blocks, had
// favoured 1024: 1M CUBA 300 ms 5.15-5.26 s against 5.71-5.85 at 4096.)
// A variable for the tests (SetCountBlock), read when a network is
// built (engine.countBlock).
var countBlock = 16384

// maxCount bounds the arrivals one target's count holds: a byte.
const maxCount = math.MaxUint8

// countsOff turns count rings off: GOLGI_COUNTS=off in the environment
// (to time the float64 rings in a whole run), or SetCounts in tests;
// countsForce (tests) gives them to every population that can have one
// even where the expansion is not accelerated. Both are read when a
// network is built.
var (
	countsOff   = os.Getenv("GOLGI_COUNTS") == "off"
	countsForce = false
)

// countsExpand keeps the expansion of count rings where the dynamics
// could look the counts up itself (neuron.CountFuser, fusedRT.inKernel):
// GOLGI_COUNTS=expand (to time the two), or SetCountsExpand in tests.
// Read when a network is built.
var countsExpand = os.Getenv("GOLGI_COUNTS") == "expand"

// countScratch is a worker's expanded slots, one per receptor of a fused
// population.
type countScratch [2][]float64

func newCountScratch(n int) *countScratch {
	return &countScratch{make([]float64, n), make([]float64, n)}
}

// maxCountGroups bounds the count rings of one receptor (countable).
const maxCountGroups = 4

// countRing is one ring of counts of a receptor: D slots of n counts of
// the arrivals of weight w (its table tab).
type countRing struct {
	cnt []uint8
	w   float64
	tab *vec.CountTable
	// pend, in the rings after a receptor's first: *pending(w, s) is
	// false when worker w has delivered no arrival into slot s of its
	// range since the slot was last consumed, so that firstRingsOnly need
	// not scan it (set by deliverCounts, cleared by advanceSpike once the
	// worker's range has taken the slot, all true when ranges change);
	// each worker's flags start a cache line of their own (pendStride)
	pend []bool
}

// pendStride is the distance in pend between two workers' flags of a
// ring of D slots: D rounded up to a cache line, so that workers setting
// and clearing their own flags every update do not share a line.
func pendStride(D int64) int64 { return (D + 63) &^ 63 }

// pending is worker w's pending flag of slot s of a ring of D slots.
func (c *countRing) pending(w int, D, s int64) *bool {
	return &c.pend[int64(w)*pendStride(D)+s]
}

// useCounts gives the receptors of p count rings when it has a fused pass
// and each of them can have them (countable), and the expansion runs as
// assembly (vec.CountsAccelerated: the generic kernel gives the same bits
// but costs more than it saves). Called before the rings are made.
func (p *popRT) useCounts() {
	f := p.fuse
	if f == nil || countsOff || !vec.CountsAccelerated() && !countsForce {
		return
	}
	groups := make([][]float64, f.n)
	for k, r := range f.rec[:f.n] {
		var ok bool
		if groups[k], ok = p.countable(r); !ok {
			return
		}
	}
	f.counts = true
	for k, r := range f.rec[:f.n] {
		for _, w := range groups[k] {
			r.counts = append(r.counts, countRing{w: w, tab: vec.NewCountTable(w)})
		}
	}
	cf, ok := f.dyn.(neuron.CountFuser)
	f.inKernel = ok && !countsExpand && cf.FusesCounts()
}

// countable reports whether receptor r of p can have count rings, and the
// weight of each, in the order a target's slot gets its additions; it
// sets each projection's ring (projRT.cring). Every projection onto r must
// be static, to the receptor (not to synapse sites) and of one weight. If
// all have the same weight (the same bits), the order of the additions
// does not matter and one ring does. Otherwise each must have one delay:
// a slot then gets the additions of one update's spikes after another,
// the earliest (longest delay) first, and of one update's in the order of
// the projections (phaseB); the projections in that order, each run of
// one weight shares a ring (at most maxCountGroups), and the slot's value
// is the first ring's sum followed by the additions of the others
// (vec.AddCounts). No target may have more than maxCount synapses of a
// ring onto r, which bounds its arrivals in one update (one spike per
// source and update, one delay per synapse). A receptor no projection
// reaches has one empty ring.
func (p *popRT) countable(r *receptorRT) (weights []float64, ok bool) {
	var in []*projRT
	same := true
	for _, pr := range p.in_ {
		if pr.rec != r {
			continue
		}
		if pr.toSite || pr.plast != nil || pr.w != nil {
			return nil, false
		}
		same = same && (len(in) == 0 || math.Float64bits(pr.w0) == math.Float64bits(in[0].w0))
		in = append(in, pr)
	}
	if len(in) == 0 {
		return []float64{0}, true
	}
	if !same {
		for _, pr := range in {
			if pr.d16 != nil || pr.d != nil {
				return nil, false
			}
		}
		slices.SortStableFunc(in, func(a, b *projRT) int { return cmp.Compare(b.d0, a.d0) })
	}
	deg := make([]uint8, p.n) // synapses onto each target, of the current ring
	cring := make([]int, len(in))
	for k, pr := range in {
		if k == 0 || math.Float64bits(pr.w0) != math.Float64bits(in[k-1].w0) {
			if len(weights) == maxCountGroups {
				return nil, false
			}
			weights = append(weights, pr.w0)
			clear(deg)
		}
		cring[k] = len(weights) - 1
		for _, j := range pr.tgt {
			if deg[j] == maxCount {
				return nil, false
			}
			deg[j]++
		}
	}
	for k, pr := range in {
		pr.cring = cring[k]
	}
	return weights, true
}

// expand sets slot to receptor r's slot of update step for neurons
// [lo, hi) of a population of n from its count rings, which it clears.
func (r *receptorRT) expand(slot []float64, step int64, n, lo, hi int) {
	off := (step % r.D) * int64(n)
	for k := range r.counts {
		c := &r.counts[k]
		if k == 0 {
			vec.ExpandCounts(slot, c.cnt[off:][lo:hi], c.tab)
		} else {
			vec.AddCounts(slot, c.cnt[off:][lo:hi], c.w)
		}
	}
}

// resetPending sets every pending flag (countRing.pend) of p's later
// count rings for w workers: when the ranges change, arrivals in a slot
// may belong to another worker than the one that delivered them.
func (p *popRT) resetPending(w int) {
	if p.fuse == nil || !p.fuse.counts {
		return
	}
	for _, r := range p.fuse.rec[:p.fuse.n] {
		for k := 1; k < len(r.counts); k++ {
			r.counts[k].pend = slices.Repeat([]bool{true}, int(int64(w)*pendStride(r.D)))
		}
	}
}

// settlePending clears worker w's pending flags of the slot of update
// step in p's later count rings, once its range has taken that slot
// (advanceSpike): the slot's counts there are all zero.
func (p *popRT) settlePending(w int, step int64) {
	for _, r := range p.fuse.rec[:p.fuse.n] {
		for k := 1; k < len(r.counts); k++ {
			if f := r.counts[k].pending(w, r.D, step%r.D); *f {
				*f = false
			}
		}
	}
}

// ringBytes is the size of r's ring for a population of n.
func (r *receptorRT) ringBytes(n int) float64 {
	if len(r.counts) > 0 {
		return float64(len(r.counts)) * float64(r.D) * float64(n)
	}
	return float64(float64(r.D) * float64(n) * 8)
}
