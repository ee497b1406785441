package cell

import "sort"

// event is one scheduled delivery to a point process.
type event struct {
	t     float64 // ms
	point int
	w     float64
	seq   int // insertion order, for ties
}

// eventQueue holds a standalone cell's pending events sorted by time
// (ties in the order they were added).
type eventQueue struct {
	ev   []event
	next int
	seq  int
}

func (q *eventQueue) add(t float64, point int, w float64) {
	q.ev = append(q.ev, event{t: t, point: point, w: w, seq: q.seq})
	q.seq++
	rest := q.ev[q.next:]
	sort.SliceStable(rest, func(i, j int) bool {
		if rest[i].t != rest[j].t {
			return rest[i].t < rest[j].t
		}
		return rest[i].seq < rest[j].seq
	})
}

// due pops the events with time <= tm.
func (q *eventQueue) due(tm float64, f func(event)) {
	for q.next < len(q.ev) && q.ev[q.next].t <= tm {
		f(q.ev[q.next])
		q.next++
	}
	if q.next == len(q.ev) {
		q.ev, q.next = q.ev[:0], 0
	}
}
