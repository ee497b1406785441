package network

import (
	"math/rand/v2"
	"time"
)

// WorkerTimes returns, per worker of the network's last run (with more
// than one worker, or any with ThreadClock), the time spent in phase A,
// phase B, worker 0's bookkeeping and waiting at the barrier.
func WorkerTimes(n *Network) [][4]time.Duration {
	var out [][4]time.Duration
	for _, s := range n.e.stat {
		out = append(out, [4]time.Duration{time.Duration(s.a), time.Duration(s.b), time.Duration(s.acct), time.Duration(s.wait)})
	}
	return out
}

// SetBalanceHook builds n and makes its runs take the workers' shares
// from f after every chunk instead of measuring.
func SetBalanceHook(n *Network, f func(w int) []float64) error {
	if err := n.Build(); err != nil {
		return err
	}
	n.e.balanceHook = f
	return nil
}

// WorkerRange returns worker w's range of population pop in the last run.
func WorkerRange(n *Network, pop string, w int) (int, int) {
	q := n.Population(pop).rt
	return q.lo[w], q.hi[w]
}

// RandomShares draws w workers' shares, some of them zero.
var RandomShares = randomShares

// randomShares draws w shares, some of them zero.
func randomShares(r *rand.Rand, w int) []float64 {
	s := make([]float64, w)
	sum := 0.0
	for k := range s {
		if r.IntN(5) > 0 {
			s[k] = r.Float64()
		}
		sum += s[k]
	}
	for k := range s {
		if sum == 0 {
			s[k] = 1 / float64(w)
		} else {
			s[k] /= sum
		}
	}
	return s
}

// TraceWindows builds n and makes its next runs with more than one worker
// record, for each of up to workers workers, the clock of its first
// windows (at most windows of them): see WindowTrace.
func TraceWindows(n *Network, workers, windows int) error {
	if err := n.Build(); err != nil {
		return err
	}
	t := &windowTrace{t0: time.Now(), w: make([][]windowStamps, workers)}
	for k := range t.w {
		t.w[k] = make([]windowStamps, 0, windows)
	}
	n.e.trace = t
	return nil
}

// WindowStamps is one worker's clock at the five points of a window
// (windowStamps).
type WindowStamps = windowStamps

// WindowTrace returns what TraceWindows recorded: per worker, one
// WindowStamps per window in the order run.
func WindowTrace(n *Network) [][]WindowStamps { return n.e.trace.w }
