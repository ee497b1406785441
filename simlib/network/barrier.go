package network

import (
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// barrier is a reusable barrier for the workers of one run, met once per
// window of updates. A worker that arrives early spins for a while, then
// blocks on a condition variable. Spinning costs nothing on an idle core
// and saves the wake-up of a blocked thread (tens to hundreds of
// microseconds in a virtual machine, as long as a window's work at 16 000
// cells, and paid again by the next window, which the woken worker starts
// late); blocking leaves the core to others when the machine is busy or has
// fewer cores than workers. How long to spin adapts to whether the core
// is wanted elsewhere. The budget starts at spinMax and doubles (up to
// spinMax) when a spin ends in time. A spin that runs out its budget
// blocks; once woken, the waiter doubles the budget if the wait ended
// within twice the budget (a little more spinning would have caught it)
// and halves it (down to spinMin) if it ended later (on a busy machine
// the other worker waits for a core). A spinning thread that was
// descheduled (two looks at the clock more than preemptGap apart: another
// thread or goroutine took the core) blocks at once and halves the
// budget. Halving at every block, as this barrier first did, fed on
// itself on an idle machine: a blocked worker wakes up late, so the other
// waits long at the next barrier, blocks and wakes up late in turn; at
// 64 000 cells two workers blocked 150-460 times in some runs of a
// simulated second, 4-31 times with this rule. One wait in probeEvery
// spins the whole spinMax and, if that ends in time, restores it (the
// machine is free again); otherwise it leaves the budget. Arrivals are
// counted atomically: the lock is taken only to block and to wake blocked
// waiters. It allocates nothing.
type barrier struct {
	n        int32
	count    atomic.Int32
	gen      atomic.Uint32
	sleepers atomic.Int32  // waiters blocked or about to block
	broken   atomic.Bool   // a worker panicked (see breakAll)
	brokeAt  atomic.Uint32 // the generation that was open when it first broke
	budget   atomic.Int64  // ns to spin before blocking
	waits    atomic.Uint32
	max      int64 // the budget's bound (spinMax; spinMin with more workers than processors)
	clock    func() int64
	mu       sync.Mutex
	cond     *sync.Cond
}

// The spin budget's bounds (ns), the gap between two looks at the clock
// that shows the spinning thread was descheduled (ns; a look is 64 loads
// of the generation, well under a microsecond), and how often a wait
// probes with the longest budget.
const (
	spinMin    = 1000
	spinMax    = 1_000_000
	preemptGap = 50_000
	probeEvery = 256
)

// monotonic is the barrier's clock (ns).
func monotonic() int64 { return int64(time.Since(clockStart)) }

var clockStart = time.Now()

// errBroken is the panic of a worker waiting at a barrier broken by
// another worker's panic.
var errBroken = errors.New("network: barrier broken by another worker's panic")

func newBarrier(n int) *barrier {
	b := &barrier{n: int32(n), max: spinMax, clock: monotonic}
	if n > runtime.GOMAXPROCS(0) {
		// a spinning worker would keep a waited-for one off the processors
		b.max = spinMin
	}
	b.budget.Store(b.max)
	b.cond = sync.NewCond(&b.mu)
	return b
}

// breakAll releases every waiter (steps then panics with errBroken) and
// makes every later wait panic with it: a worker that panicked calls it so
// that the others do not wait for it forever.
func (b *barrier) breakAll() {
	b.mu.Lock()
	if !b.broken.Load() {
		b.brokeAt.Store(b.gen.Load())
	}
	b.broken.Store(true)
	b.count.Store(0)
	b.gen.Add(1)
	b.cond.Broadcast()
	b.mu.Unlock()
}

// wait arrives at the barrier and waits for the others.
func (b *barrier) wait() { b.await(b.arrive()) }

// arrive counts the caller in and returns the generation to await: a
// worker may do work that needs no other worker's between the two (split
// phase: engine.steps delivers its own spikes there). The last to arrive
// opens the barrier, so its await returns at once.
func (b *barrier) arrive() uint32 {
	if b.n <= 1 {
		return 0
	}
	if b.broken.Load() {
		panic(errBroken)
	}
	g := b.gen.Load() // read before arriving: it cannot move until we have
	if b.count.Add(1) == b.n {
		b.count.Store(0)
		b.gen.Add(1)
		// a waiter counts itself a sleeper before it checks gen under the
		// lock, so either it sees the new gen or we see it and wake it
		if b.sleepers.Load() > 0 {
			b.mu.Lock()
			b.cond.Broadcast()
			b.mu.Unlock()
		}
	}
	return g
}

// failed reports whether generation g (arrive's, after await) was broken
// rather than opened by every worker's arrival: a worker that panicked
// after leaving it broke a later one, and the window g closed is whole.
func (b *barrier) failed(g uint32) bool {
	return b.broken.Load() && b.brokeAt.Load() == g
}

// await waits until the barrier of generation g (arrive's) is open: every
// worker has arrived. If it already is, nothing is learned about
// spinning and the budget is left.
func (b *barrier) await(g uint32) {
	if b.n <= 1 || b.gen.Load() != g {
		return
	}
	budget := b.budget.Load()
	probe := b.waits.Add(1)%probeEvery == 0
	if probe {
		budget = b.max
	}
	start := b.clock()
	last := start
	settled := probe // a probe leaves the budget unless it ends in time
	for i := 1; ; i++ {
		if b.gen.Load() != g {
			b.budget.Store(min(2*budget, b.max))
			return
		}
		if i%64 != 0 {
			continue
		}
		now := b.clock()
		if now-last > preemptGap {
			// descheduled while spinning: the core is wanted
			if !settled {
				b.budget.Store(max(budget/2, spinMin))
			}
			settled = true
			break
		}
		if now-start > budget {
			break
		}
		last = now
	}
	b.sleepers.Add(1)
	b.mu.Lock()
	for b.gen.Load() == g {
		b.cond.Wait()
	}
	b.mu.Unlock()
	waited := b.clock() - start
	b.sleepers.Add(-1)
	if !settled {
		if waited < 2*budget {
			// the arrival came soon after: spinning a little longer would
			// have caught it
			b.budget.Store(min(2*budget, b.max))
		} else {
			b.budget.Store(max(budget/2, spinMin))
		}
	}
}
