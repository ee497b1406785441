package network

import (
	"slices"

	"github.com/golgi-sim/golgi/simlib/internal/vec"
)

// phaseB delivers the spikes of update step into the rings of worker w's
// target ranges.
func (e *engine) phaseB(w int, step int64) {
	par := e.buf(step)
	for _, q := range e.pops {
		lo, hi := int32(q.lo[w]), int32(q.hi[w])
		if lo == hi {
			continue
		}
		whole := lo == 0 && int(hi) == q.n
		for _, pr := range q.in_ {
			switch {
			case pr.toSite:
				pr.deliverSites(w, step, lo, hi, whole, par)
			case pr.plast != nil:
				pr.deliverPlastic(w, step, lo, hi, whole, par)
			default:
				pr.deliver(w, step, lo, hi, whole, par)
			}
		}
	}
}

// deliver adds the weights of update step's spikes of the projection's
// sources to the receptor's ring slots of their arrival, for the targets
// in worker w's range [lo, hi): sources in neuron order, each row in table
// order, so that every target's slot gets its additions in the same order
// for any number of workers. With the row index cut for the workers
// (synstore.go) each spike's part of the row is read straight from it.
func (pr *projRT) deliver(w int, step int64, lo, hi int32, whole bool, par int) {
	r := pr.rec
	n := int64(pr.post.n)
	x := &pr.rows
	k, p32 := 0, x.p32
	if x.w > 1 {
		k = w
	} else if !whole {
		p32 = nil // searched
	}
	// one weight and one delay (the VA case), or per-synapse weights and
	// one delay: one ring slot for every spike of the step
	oneDelay := pr.d16 == nil && pr.d == nil
	if len(r.counts) > 0 {
		pr.deliverCounts(w, step, lo, hi, whole, par, oneDelay, p32, k)
		return
	}
	var slot []float64
	if oneDelay {
		slot = r.ring[((step+int64(pr.d0))%r.D)*n:][:n]
	}
	if oneDelay && p32 != nil {
		// the common case, in one kernel call per worker's spikes
		// (vec.ScatterRows, which fetches later spikes' rows ahead)
		rows := vec.Rows{Tgt: pr.tgt, W: pr.w, W0: pr.w0, Index: p32[k:], Stride: x.w}
		for _, chunk := range pr.pre.spk[par] {
			vec.ScatterRows(slot, &rows, chunk)
		}
		return
	}
	w0 := pr.w0
	for _, chunk := range pr.pre.spk[par] {
		for _, i := range chunk {
			a, b := pr.rowIn(i, w, lo, hi, whole)
			if a == b {
				continue
			}
			tgt := pr.tgt[a:b]
			switch {
			case oneDelay && pr.w == nil:
				for _, j := range tgt {
					slot[j] += w0
				}
			case oneDelay:
				wt := pr.w[a:b][:len(tgt)]
				for k, j := range tgt {
					slot[j] += wt[k]
				}
			default:
				for k, j := range tgt {
					r.ring[((step+int64(pr.delay(a+int64(k))))%r.D)*n+int64(j)] += pr.weight(a + int64(k))
				}
			}
		}
	}
}

// deliverCounts is deliver for a receptor with count rings (counts.go):
// one more arrival per synapse in the projection's ring; oneDelay, p32
// and k as deliver found them.
func (pr *projRT) deliverCounts(w int, step int64, lo, hi int32, whole bool, par int, oneDelay bool, p32 []uint32, k int) {
	r := pr.rec
	n := int64(pr.post.n)
	cr := &r.counts[pr.cring]
	ring := cr.cnt
	var slot []uint8
	if oneDelay {
		s := (step + int64(pr.d0)) % r.D
		slot = ring[s*n:][:n]
		// a later ring's projections have one delay each (countable)
		if pr.cring > 0 && slices.ContainsFunc(pr.pre.spk[par], func(c []int32) bool { return len(c) > 0 }) {
			*cr.pending(w, r.D, s) = true
		}
	}
	if oneDelay && p32 != nil {
		rows := vec.Rows{Tgt: pr.tgt, Index: p32[k:], Stride: pr.rows.w}
		for _, chunk := range pr.pre.spk[par] {
			vec.ScatterCounts(slot, &rows, chunk)
		}
		return
	}
	for _, chunk := range pr.pre.spk[par] {
		for _, i := range chunk {
			a, b := pr.rowIn(i, w, lo, hi, whole)
			if a == b {
				continue
			}
			tgt := pr.tgt[a:b]
			if oneDelay {
				for _, j := range tgt {
					slot[j]++
				}
				continue
			}
			for k, j := range tgt {
				ring[((step+int64(pr.delay(a+int64(k))))%r.D)*n+int64(j)]++
			}
		}
	}
}
