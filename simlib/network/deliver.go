package network

import "slices"

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
			if pr.toSite {
				pr.deliverSites(w, step, lo, hi, whole, par)
				continue
			}
			if pr.plast != nil {
				pr.deliverPlastic(w, step, lo, hi, whole, par)
				continue
			}
			r := pr.rec
			n := int64(q.n)
			for _, chunk := range pr.pre.spk[par] {
				for _, i := range chunk {
					a, b := pr.ptr[i], pr.ptr[i+1]
					if !whole {
						row := pr.tgt[a:b]
						x, _ := slices.BinarySearch(row, lo)
						y, _ := slices.BinarySearch(row[x:], hi)
						a, b = a+int64(x), a+int64(x+y)
					}
					tgt := pr.tgt[a:b]
					switch {
					case pr.w == nil && pr.d16 == nil && pr.d == nil:
						// the VA case: one weight, one delay
						slot := r.ring[((step+int64(pr.d0))%r.D)*n:][:n]
						w0 := pr.w0
						for _, j := range tgt {
							slot[j] += w0
						}
					case pr.d16 == nil && pr.d == nil:
						slot := r.ring[((step+int64(pr.d0))%r.D)*n:][:n]
						wt := pr.w[a:b]
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
	}
}
