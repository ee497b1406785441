package record

import (
	"fmt"
	"math"
	"slices"
)

// spikeLog is the storage of a Spikes recorder: compact, and it never
// moves what it holds while a network runs.
//
//   - The neurons (int32) are kept in chunks. A full chunk is never copied:
//     the next spike starts a new one, twice as long as the last, up to
//     maxChunk (512 KiB). An append-grown slice would copy everything at
//     every growth (1.25x past a few hundred KiB): at 64 000 cells that was
//     some 5 % of a run, page faults included, all of it on worker 0 while
//     the other worker waited at the barrier.
//   - The updates are kept as one run per update with spikes: the gap since
//     the previous run's update and the run's length, 8 bytes, instead of
//     8 bytes per spike (a COBA network of 64 000 cells has about 120
//     spikes per update). A gap longer than MaxUint32 takes runs of no
//     spikes; a run never holds more than MaxUint32 spikes.
//
// Steps and Indices give contiguous slices, made when asked for and kept:
// the neurons' chunks are then joined into one slice (which later joins
// extend by append, so repeated calls cost amortised linear time), and the
// runs are expanded into one update per spike, from where the last
// expansion stopped (MarshalBinary expands without keeping: stepsOnce).
// Updates are never negative and never decrease (the
// network's are; UnmarshalBinary checks a recorder's data).
type spikeLog struct {
	ids    []int32   // the first spikes' neurons, joined by indices
	chunks [][]int32 // the later spikes' neurons
	runs   []spikeRun
	last   int64 // update of the last run; 0 before the first
	n      int   // spikes

	steps []int64   // the first len(steps) spikes' updates, expanded by stepsOf
	cur   runCursor // where the expansion stopped
}

// spikeRun is gap updates after the previous run (or after update 0),
// n spikes.
type spikeRun struct{ gap, n uint32 }

// runCursor is a place in the runs: at spike k of run r; base is the
// update of run r-1 (0 for the first run).
type runCursor struct {
	r    int
	k    uint32
	base int64
}

// The neurons' chunks: the first holds minChunk, each next one twice the
// last, up to maxChunk.
const (
	minChunk = 256
	maxChunk = 1 << 17
)

// add records spikes at update step: the neurons of ids, or, with pos,
// pos[i] of each neuron i of ids that pos does not map to -1.
func (l *spikeLog) add(step int64, ids []int32, pos []int32) {
	if len(ids) == 0 {
		return
	}
	added := 0
	for len(ids) > 0 {
		c := l.room()
		if pos == nil {
			k := copy(c[len(c):cap(c)], ids)
			c, ids = c[:len(c)+k], ids[k:]
		} else {
			for len(ids) > 0 && len(c) < cap(c) {
				if k := pos[ids[0]]; k >= 0 {
					c = append(c, k)
				}
				ids = ids[1:]
			}
		}
		added += len(c) - len(l.chunks[len(l.chunks)-1])
		l.chunks[len(l.chunks)-1] = c
	}
	l.mark(step, added)
}

// room returns the last chunk, a new one if it is full.
func (l *spikeLog) room() []int32 {
	if k := len(l.chunks); k > 0 && len(l.chunks[k-1]) < cap(l.chunks[k-1]) {
		return l.chunks[k-1]
	}
	size := minChunk
	if k := len(l.chunks); k > 0 {
		size = min(2*cap(l.chunks[k-1]), maxChunk)
	} else if len(l.ids) > 0 {
		size = min(max(len(l.ids)/4, minChunk), maxChunk)
	}
	l.chunks = append(l.chunks, make([]int32, 0, size))
	return l.chunks[len(l.chunks)-1]
}

// mark counts n spikes at update step in the runs.
func (l *spikeLog) mark(step int64, n int) {
	if n == 0 {
		return
	}
	if step < l.last || step < 0 {
		// the network's updates only increase; recorded data is checked
		// before it is restored
		panic(fmt.Sprintf("record: spike at update %d after update %d", step, l.last))
	}
	l.n += n
	if k := len(l.runs); k > 0 && step == l.last {
		r := &l.runs[k-1]
		more := min(uint64(n), math.MaxUint32-uint64(r.n))
		r.n += uint32(more)
		n -= int(more)
	}
	gap := step - l.last
	if len(l.runs) == 0 {
		gap = step
	}
	for n > 0 {
		for gap > math.MaxUint32 {
			l.runs = append(l.runs, spikeRun{math.MaxUint32, 0})
			gap -= math.MaxUint32
		}
		k := min(uint64(n), math.MaxUint32)
		l.runs = append(l.runs, spikeRun{uint32(gap), uint32(k)})
		n -= int(k)
		gap = 0
	}
	l.last = step
}

// indices returns every spike's neuron, in one slice.
func (l *spikeLog) indices() []int32 {
	if len(l.chunks) == 0 {
		return l.ids
	}
	more := 0
	for _, c := range l.chunks {
		more += len(c)
	}
	l.ids = slices.Grow(l.ids, more)
	for _, c := range l.chunks {
		l.ids = append(l.ids, c...)
	}
	l.chunks = nil
	return l.ids
}

// stepsOf returns every spike's update, in one slice, and keeps it.
func (l *spikeLog) stepsOf() []int64 {
	if len(l.steps) != l.n {
		l.steps = l.expand(slices.Grow(l.steps, l.n-len(l.steps)), &l.cur)
	}
	return l.steps
}

// stepsOnce is stepsOf for a caller that needs the slice only for a
// moment (MarshalBinary): it is not kept, unless it already was.
func (l *spikeLog) stepsOnce() []int64 {
	if len(l.steps) == l.n {
		return l.steps
	}
	var c runCursor
	return l.expand(make([]int64, 0, l.n), &c)
}

// expand appends to dst the update of every spike from cursor c on, and
// leaves c at the last run (which may still grow).
func (l *spikeLog) expand(dst []int64, c *runCursor) []int64 {
	for c.r < len(l.runs) {
		ru := l.runs[c.r]
		at := c.base + int64(ru.gap)
		for ; c.k < ru.n; c.k++ {
			dst = append(dst, at)
		}
		if c.r == len(l.runs)-1 {
			break // the last run may grow
		}
		c.r, c.k, c.base = c.r+1, 0, at
	}
	return dst
}

// each calls yield with every spike's update and neuron, in order, until
// it returns false, without joining or expanding anything.
func (l *spikeLog) each(yield func(step int64, id int32) bool) {
	var c runCursor
	for _, ch := range append([][]int32{l.ids}, l.chunks...) {
		for _, i := range ch {
			for c.k == l.runs[c.r].n {
				c.base += int64(l.runs[c.r].gap)
				c.r, c.k = c.r+1, 0
			}
			c.k++
			if !yield(c.base+int64(l.runs[c.r].gap), i) {
				return
			}
		}
	}
}

// set replaces the log by the spikes of steps and ids (as long as each
// other, checked by the caller: updates not negative, in order).
func (l *spikeLog) set(steps []int64, ids []int32) {
	*l = spikeLog{ids: ids}
	for k := 0; k < len(steps); {
		e := k + 1
		for e < len(steps) && steps[e] == steps[k] {
			e++
		}
		l.mark(steps[k], e-k)
		k = e
	}
	if len(steps) > 0 {
		l.steps, l.cur = steps, runCursor{r: len(l.runs) - 1, k: l.runs[len(l.runs)-1].n}
		l.cur.base = l.last - int64(l.runs[len(l.runs)-1].gap)
	}
}
