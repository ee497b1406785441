package network

// Measured-cost balance: every population is cut in the same shares among
// the workers (engine.ranges), at first equal. After each chunk of a run
// with more than one worker, rebalance compares the time each worker spent
// working (phases A and B and worker 0's bookkeeping, not waiting) since
// the last change (at least balanceMin, doubling after each change); when
// the slowest is more than balanceTol above the
// mean, it moves the shares halfway to those that would have equalised
// the times, taking each worker's time as proportional to its share
// (worker k's speed is share_k / time_k). The results do not depend on the
// shares: spikes are delivered in neuron order whatever the ranges.

// balanceMin is the work (ns per worker) to measure before the first
// change; it doubles after each change up to balanceMax, since moving the
// ranges costs a pass over every projection's row index (a few ms at 64k
// cells) and, once the shares fit, what remains is mostly noise.
// balanceTol is the imbalance tolerated.
const (
	balanceMin = 100e6
	balanceMax = 1.6e9
	balanceTol = 0.03
)

// rebalance changes the workers' shares when they worked unevenly (see
// above); balanceHook, when set (tests), gives the shares instead.
func (e *engine) rebalance() {
	w := e.w
	if w < 2 {
		return
	}
	if e.balanceHook != nil {
		e.setShares(e.balanceHook(w))
		return
	}
	if len(e.mark) != w {
		e.mark = make([]int64, w)
	}
	busy := make([]float64, w)
	mean, top := 0.0, 0.0
	for k := range busy {
		s := &e.stat[k]
		t := s.a + s.b + s.acct
		busy[k] = float64(t - e.mark[k])
		if busy[k] < e.balanceAfter && e.share[k] > 0 {
			return
		}
		mean += busy[k] / float64(w)
		top = max(top, busy[k])
	}
	for k := range busy {
		s := &e.stat[k]
		e.mark[k] = s.a + s.b + s.acct
	}
	if top <= (1+balanceTol)*mean {
		return
	}
	share := make([]float64, w)
	sum := 0.0
	for k := range share {
		share[k] = e.share[k] / max(busy[k], 1)
		sum += share[k]
	}
	floor := 0.1 / float64(w) // no worker is left without cells for good
	total := 0.0
	for k := range share {
		share[k] = max(floor, (e.share[k]+share[k]/sum)/2)
		total += share[k]
	}
	for k := range share {
		share[k] /= total
	}
	e.setShares(share)
	e.balanceAfter = min(2*e.balanceAfter, balanceMax)
}

// setShares cuts the populations anew for the shares, unless they give
// the same ranges.
func (e *engine) setShares(share []float64) {
	e.share = share
	e.ranges(share)
}
