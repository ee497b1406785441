package network

import "time"

// windowTrace is, for a run with more than one worker, each worker's
// clock at five points of every window of updates: phase A starts, phase
// A ends (the worker arrives at the barrier), the worker starts waiting
// (after delivering its own spikes into its count rings), the barrier
// opens for it, and the window ends (after phase B and worker 0's
// bookkeeping). It is for measuring where the workers wait
// (BenchmarkScaledWindows); a run records it only when a test gave the
// engine one (TraceWindows), and stops when a worker's record is full.
type windowTrace struct {
	t0 time.Time
	w  [][]windowStamps // per worker, one per window
}

// windowStamps is one worker's clock (ns since the trace began) at the
// five points of one window whose first update is First.
type windowStamps struct {
	First                         int64
	Start, EndA, Wait, Leave, End int64
}

// now is the trace's clock.
func (t *windowTrace) now() int64 { return int64(time.Since(t.t0)) }

// at returns worker w's stamps for the next window, or nil once its
// record is full (or the trace has no record for w).
func (t *windowTrace) at(w int) *windowStamps {
	if w >= len(t.w) {
		return nil
	}
	r := t.w[w]
	if len(r) == cap(r) {
		return nil
	}
	t.w[w] = r[:len(r)+1]
	return &t.w[w][len(r)]
}
