package network

import (
	"github.com/golgi-sim/golgi/simlib/internal/vec"
)

// part is which of a source population's spike chunks (one per worker's
// range, spk[buf][k]) a delivery takes. Before the barrier the other
// workers are still writing theirs: a delivery of ownChunk must not read
// another chunk, not even its length (takes is asked first).
type part int8

const (
	allChunks   part = iota // every worker's, in order
	ownChunk                // the delivering worker's own (count rings only)
	otherChunks             // the others' (count rings; everything else takes allChunks)
)

// takes reports whether worker w's delivery of part p takes chunk c.
func (p part) takes(c, w int) bool { return p == allChunks || (p == ownChunk) == (c == w) }

// phaseB delivers the spikes of update step into the rings of worker w's
// target ranges. With more than one worker it runs in two parts
// (engine.steps): ownChunk before the barrier, which delivers the
// worker's own spikes into its count rings (their counts are integers, so
// the order of the additions does not change a bit; no other worker
// reads or writes the worker's targets), then otherChunks after it, which
// delivers the rest: the other workers' spikes into the count rings and
// every spike, in neuron order, into every other kind of ring (floating
// point sums, whose bits depend on the order), synapse site and plastic
// projection. With one worker it is allChunks.
func (e *engine) phaseB(w int, step int64, pt part) {
	par := e.buf(step)
	for _, q := range e.pops {
		lo, hi := int32(q.lo[w]), int32(q.hi[w])
		if lo == hi {
			continue
		}
		whole := lo == 0 && int(hi) == q.n
		for _, pr := range q.in_ {
			counted := !pr.toSite && pr.plast == nil && len(pr.rec.counts) > 0
			switch {
			case pt == ownChunk && !counted:
				// after the barrier, in order
			case pr.toSite:
				pr.deliverSites(w, step, lo, hi, whole, par)
			case pr.plast != nil:
				pr.deliverPlastic(w, step, lo, hi, whole, par)
			case counted:
				pr.deliverCounts(w, step, lo, hi, whole, par, pt)
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
	p32, k := pr.rowIndex(w, whole)
	// one weight and one delay (the VA case), or per-synapse weights and
	// one delay: one ring slot for every spike of the step
	oneDelay := pr.d16 == nil && pr.d == nil
	var slot []float64
	if oneDelay {
		slot = r.ring[((step+int64(pr.d0))%r.D)*n:][:n]
	}
	if oneDelay && p32 != nil {
		// the common case, in one kernel call per worker's spikes
		// (vec.ScatterRows, which fetches later spikes' rows ahead)
		rows := vec.Rows{Tgt: pr.tgt, W: pr.w, W0: pr.w0, Index: p32[k:], Stride: pr.rows.w}
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

// rowIndex returns the row index cut for the workers (synstore.go) and
// worker w's column of it, or nil when the rows must be searched for the
// worker's range (one column, and the range is not the whole population).
func (pr *projRT) rowIndex(w int, whole bool) (p32 []uint32, k int) {
	x := &pr.rows
	switch {
	case x.w > 1:
		return x.p32, w
	case !whole:
		return nil, 0
	}
	return x.p32, 0
}

// deliverCounts is deliver for a receptor with count rings (counts.go):
// one more arrival per synapse in the projection's ring, from the spike
// chunks that part pt takes.
func (pr *projRT) deliverCounts(w int, step int64, lo, hi int32, whole bool, par int, pt part) {
	r := pr.rec
	n := int64(pr.post.n)
	p32, k := pr.rowIndex(w, whole)
	oneDelay := pr.d16 == nil && pr.d == nil
	cr := &r.counts[pr.cring]
	ring := cr.cnt
	chunks := pr.pre.spk[par]
	var slot []uint8
	if oneDelay {
		s := (step + int64(pr.d0)) % r.D
		slot = ring[s*n:][:n]
		// a later ring's projections have one delay each (countable)
		if pr.cring > 0 && pr.anySpike(chunks, w, pt) {
			*cr.pending(w, r.D, s) = true
		}
	}
	if oneDelay && p32 != nil {
		rows := vec.Rows{Tgt: pr.tgt, Index: p32[k:], Stride: pr.rows.w}
		for c := range chunks {
			if pt.takes(c, w) {
				vec.ScatterCounts(slot, &rows, chunks[c])
			}
		}
		return
	}
	for c := range chunks {
		if !pt.takes(c, w) {
			continue
		}
		for _, i := range chunks[c] {
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

// anySpike reports whether the chunks that part pt takes for worker w
// hold a spike.
func (pr *projRT) anySpike(chunks [][]int32, w int, pt part) bool {
	for c := range chunks {
		if pt.takes(c, w) && len(chunks[c]) > 0 {
			return true
		}
	}
	return false
}
