package network

import (
	"math"
	"slices"

	"github.com/golgi-sim/golgi/simlib/internal/hugepage"
)

// Compact synaptic storage (docs/architecture.md, "Data layout and
// parallel step"): a projection keeps its targets (CSR, int32, each row
// ascending), its row index (rowIndex: 32-bit when the synapse count
// allows, split at the workers' target ranges), and its weights and delays
// once when they are the same for every synapse, per synapse only when
// they vary. Per-synapse delays are uint16 when the longest fits, int32
// otherwise.

// ptr32Limit: a projection with fewer synapses than this keeps its row
// index in 32 bits (a variable so that tests can lower it).
var ptr32Limit int64 = math.MaxUint32

// rowIndex locates each source's synapses (its row) in a projection's
// table, cut into w segments: entry i·w+k is the first synapse of row i
// whose target is in worker k's range, entry npre·w the synapse count. So
// worker k's part of row i is [e(i·w+k), e(i·w+k+1)) and the whole row
// [e(i·w), e((i+1)·w)); with w = 1 it is the plain CSR row pointer. The
// entries are uint32 when the synapse count is below ptr32Limit, int64
// otherwise (p32 or p64 is nil).
type rowIndex struct {
	w, npre int
	p32     []uint32
	p64     []int64
}

// newRowIndex makes the one-segment index of a CSR row pointer.
func newRowIndex(ptr []int64) rowIndex {
	x := rowIndex{w: 1, npre: len(ptr) - 1}
	if ptr[len(ptr)-1] < ptr32Limit {
		x.p32 = hugepage.Advise(make([]uint32, len(ptr)))
		for i, v := range ptr {
			x.p32[i] = uint32(v)
		}
		return x
	}
	x.p64 = append(hugepage.Advise(make([]int64, 0, len(ptr))), ptr...)
	return x
}

// at returns entry j.
func (x *rowIndex) at(j int) int64 {
	if x.p32 != nil {
		return int64(x.p32[j])
	}
	return x.p64[j]
}

// span returns the synapses [e(j), e(j+1)): segment k of row i for j =
// i·w+k.
func (x *rowIndex) span(j int) (int64, int64) {
	if x.p32 != nil {
		return int64(x.p32[j]), int64(x.p32[j+1])
	}
	return x.p64[j], x.p64[j+1]
}

// row returns source i's synapses.
func (x *rowIndex) row(i int) (int64, int64) { return x.at(i * x.w), x.at((i + 1) * x.w) }

// ptr returns the CSR row pointer (a new slice).
func (x *rowIndex) ptr() []int64 {
	p := make([]int64, x.npre+1)
	for i := range p {
		p[i] = x.at(i * x.w)
	}
	return p
}

// bytes returns the index's size.
func (x *rowIndex) bytes() int64 { return int64(len(x.p32))*4 + int64(len(x.p64))*8 }

// split returns the index cut at the targets cut (ascending, one per
// worker after the first: len(cut)+1 segments per row), found in each row
// of tgt by binary search.
func (x *rowIndex) split(tgt []int32, cut []int32) rowIndex {
	w := len(cut) + 1
	if w == x.w && w > 1 {
		x.recut(tgt, cut)
		return *x
	}
	y := rowIndex{w: w, npre: x.npre}
	n := x.npre*w + 1
	if x.p32 != nil {
		y.p32 = hugepage.Advise(make([]uint32, n))
	} else {
		y.p64 = hugepage.Advise(make([]int64, n))
	}
	y.fill(x, tgt, cut)
	return y
}

// recut moves the cuts of an index with len(cut)+1 segments in place.
func (x *rowIndex) recut(tgt []int32, cut []int32) { x.fill(x, tgt, cut) }

// fill sets y's entries from x's rows (x may be y: each row's ends are
// read before its cuts are written, and the ends stay).
func (y *rowIndex) fill(x *rowIndex, tgt []int32, cut []int32) {
	w := y.w
	n := y.npre*w + 1
	set := func(j int, v int64) {
		if y.p32 != nil {
			y.p32[j] = uint32(v)
		} else {
			y.p64[j] = v
		}
	}
	end := x.at(x.npre * x.w)
	for i := 0; i < x.npre; i++ {
		a, b := x.row(i)
		row := tgt[a:b]
		set(i*w, a)
		for k, c := range cut {
			o, _ := slices.BinarySearch(row, c)
			set(i*w+k+1, a+int64(o))
		}
	}
	set(n-1, end)
}

// segmentable reports whether a projection of npre sources and nsyn
// synapses keeps its row index cut for w workers: w-1 more entries per
// source, allowed up to one per 8 synapses (half a byte per synapse in
// 32 bits) and at most maxSegments segments. Otherwise its delivery
// searches each row for the worker's targets.
func segmentable(w, npre int, nsyn int64) bool {
	return w > 1 && w <= maxSegments && int64(w-1)*int64(npre) <= nsyn/8
}

// maxSegments bounds the segments per row of a row index.
const maxSegments = 16

// rowIn returns the synapses [a, b) of source i whose targets are in
// worker w's range [lo, hi): a segment of the row index when it is cut for
// the current workers, else found by binary search (all of the row when
// whole).
func (pr *projRT) rowIn(i int32, w int, lo, hi int32, whole bool) (int64, int64) {
	x := &pr.rows
	if x.w > 1 {
		return x.span(int(i)*x.w + w)
	}
	a, b := x.span(int(i))
	if !whole {
		row := pr.tgt[a:b]
		p, _ := slices.BinarySearch(row, lo)
		q, _ := slices.BinarySearch(row[p:], hi)
		a, b = a+int64(p), a+int64(p+q)
	}
	return a, b
}

// weight returns the weight of synapse k (table order).
func (pr *projRT) weight(k int64) float64 {
	if pr.w == nil {
		return pr.w0
	}
	return pr.w[k]
}

// delay returns the delay of synapse k (table order) in steps.
func (pr *projRT) delay(k int64) int32 {
	switch {
	case pr.d16 != nil:
		return int32(pr.d16[k])
	case pr.d != nil:
		return pr.d[k]
	}
	return pr.d0
}

// perSynapseDelays reports whether the delays are stored per synapse.
func (pr *projRT) perSynapseDelays() bool { return pr.d16 != nil || pr.d != nil }

// setDelays stores per-synapse delays (steps, each in [1, maxDelaySteps]):
// as uint16 when the longest fits, else as given.
func (pr *projRT) setDelays(d []int32) {
	hi := int32(0)
	for _, x := range d {
		hi = max(hi, x)
	}
	if hi > math.MaxUint16 {
		pr.d, pr.d16 = d, nil
		return
	}
	pr.d16, pr.d = hugepage.Advise(make([]uint16, len(d))), nil
	for k, x := range d {
		pr.d16[k] = uint16(x)
	}
}

// minDelay and maxDelay return the shortest and longest delay in steps.
func (pr *projRT) minDelay() int32 {
	if !pr.perSynapseDelays() {
		return pr.d0
	}
	lo := int32(math.MaxInt32)
	for k := range int64(len(pr.tgt)) {
		lo = min(lo, pr.delay(k))
	}
	return lo
}

func (pr *projRT) maxDelay() int32 {
	if !pr.perSynapseDelays() {
		return pr.d0
	}
	hi := int32(0)
	for k := range int64(len(pr.tgt)) {
		hi = max(hi, pr.delay(k))
	}
	return hi
}

// weights returns every synapse's weight in table order: the stored
// slice when they are per synapse, else a new one filled with w0.
func (pr *projRT) weights() []float64 {
	if pr.w != nil {
		return pr.w
	}
	w := make([]float64, len(pr.tgt))
	for k := range w {
		w[k] = pr.w0
	}
	return w
}

// delaySteps returns every synapse's delay in steps in table order: the
// stored slice when it is int32, else a new one.
func (pr *projRT) delaySteps() []int32 {
	if pr.d != nil {
		return pr.d
	}
	d := make([]int32, len(pr.tgt))
	for k := range d {
		d[k] = pr.delay(int64(k))
	}
	return d
}
