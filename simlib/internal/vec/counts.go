package vec

import (
	"encoding/binary"
	"fmt"
)

// Count rings. A receptor whose every synapse adds the same weight w (one
// weight for all of its projections, none plastic: the VA case) need not
// keep the sum of each target's arrivals in a float64 ring slot: the sum
// of k arrivals, added one at a time from +0 as the delivery pass adds
// them, is ((0 + w) + w) + ... k times, a function of k alone (the
// addends are equal, so their order cannot change it). A count ring keeps
// k in one byte per target and slot; CountTable holds the k sums, and
// ExpandCounts turns a stretch of counts back into the float64 slot the
// receptor kernels read, with the same bits. A slot reached by synapses
// of several weights has a count ring per weight when the caller knows the
// order of their additions (one ring's after another's): AddCounts adds a
// later ring's onto the slot ExpandCounts set from the first. A target's
// arrivals in one step are at most its synapses onto the receptor (one
// spike per source and step, one delay per synapse), which the caller
// bounds by 255.
//
// The gain is memory: a byte per target and slot instead of eight, so the
// rings of a million cells fit the core's L2 cache, which the delivery's
// scattered additions and the update's streaming both feel at sizes
// where the state no longer fits (docs/performance.md).

// CountTable is the slot value of k arrivals of weight w, for k from 0 to
// 255: tab[0] = +0 and tab[k] = tab[k-1] + w, the delivery pass's sums.
type CountTable [256]float64

// NewCountTable returns the table of weight w.
func NewCountTable(w float64) *CountTable {
	var t CountTable
	for k := 1; k < len(t); k++ {
		t[k] = t[k-1] + w
	}
	return &t
}

// ExpandCounts sets dst[i] = tab[cnt[i]] and clears cnt (equal lengths:
// it panics otherwise, a programming error).
func ExpandCounts(dst []float64, cnt []uint8, tab *CountTable) {
	sameLen("ExpandCounts", len(dst), len(cnt))
	i := 0
	if accel && avx512 && len(cnt) >= 64 {
		i = len(cnt) &^ 63
		expandCountsAVX512(&dst[0], &cnt[0], tab, i)
	}
	expandCountsGeneric(dst[i:], cnt[i:], tab)
}

// expandCountsGeneric is the reference kernel.
func expandCountsGeneric(dst []float64, cnt []uint8, tab *CountTable) {
	dst = dst[:len(cnt)]
	for i, c := range cnt {
		dst[i] = tab[c]
	}
	clear(cnt)
}

// AddCounts adds w to dst[i] cnt[i] times, one addition after another
// (the delivery pass's order for a later ring of the slot), and clears cnt
// (equal lengths: it panics otherwise). Most counts are zero: it skips
// them eight at a time, and writes nothing over eight zero counts.
func AddCounts(dst []float64, cnt []uint8, w float64) {
	sameLen("AddCounts", len(dst), len(cnt))
	i := 0
	for ; i+8 <= len(cnt); i += 8 {
		if binary.LittleEndian.Uint64(cnt[i:]) == 0 {
			continue
		}
		addCounts(dst[i:i+8], cnt[i:i+8], w)
	}
	addCounts(dst[i:], cnt[i:], w)
}

// NoCounts reports whether every count of cnt is zero: a later ring
// AddCounts would leave the slot as it is.
func NoCounts(cnt []uint8) bool {
	i := 0
	for ; i+8 <= len(cnt); i += 8 {
		if binary.LittleEndian.Uint64(cnt[i:]) != 0 {
			return false
		}
	}
	for _, c := range cnt[i:] {
		if c != 0 {
			return false
		}
	}
	return true
}

func addCounts(dst []float64, cnt []uint8, w float64) {
	dst = dst[:len(cnt)]
	for k, c := range cnt {
		if c == 0 {
			continue
		}
		x := dst[k]
		for range c {
			x += w
		}
		dst[k], cnt[k] = x, 0
	}
}

// CountsAccelerated reports whether ExpandCounts runs as assembly (it
// needs the AVX-512 path: AVX512), which is what makes a count ring pay;
// the generic kernel gives the same bits.
func CountsAccelerated() bool { return accel && avx512 }

// ScatterCounts adds one to cnt[target] for each synapse of each source
// of spikes, as ScatterRows adds W0 to a float64 slot (r.W must be nil),
// fetching later spikes' rows ahead in its assembly. Counts wrap past 255:
// the caller bounds them (see above). It panics (a caller's programming
// error) on per-synapse weights, a Stride outside [1, 65536], or a row or
// target outside the slices; the counts added before the bad row or
// target stay.
func ScatterCounts(cnt []uint8, r *Rows, spikes []int32) {
	if r.Stride < 1 || r.Stride > maxStride || r.W != nil {
		panic(fmt.Sprintf("vec.ScatterCounts: stride %d, %d weights (counts need one weight)", r.Stride, len(r.W)))
	}
	done := 0
	if accel && len(spikes) > 0 {
		bad := 0
		done, bad = scatterCountsAsm(cnt, r.Tgt, r.Index, r.Stride, spikes)
		if done < len(spikes) {
			panic(scatterFault("ScatterCounts", len(cnt), r, spikes[done], bad))
		}
	}
	scatterCountsGeneric(cnt, r, spikes[done:])
}

// scatterCountsGeneric is the reference kernel.
func scatterCountsGeneric(cnt []uint8, r *Rows, spikes []int32) {
	for _, i := range spikes {
		e := int(uint32(i)) * r.Stride
		for _, j := range r.Tgt[r.Index[e]:r.Index[e+1]] {
			cnt[j]++
		}
	}
}
