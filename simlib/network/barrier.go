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
// fewer cores than workers. How long to spin adapts: the budget starts at
// spinMax, doubles (up to spinMax) when a spin ends in time and halves
// (down to spinMin) when the waiter had to block; one wait in probeEvery
// spins the whole spinMax and, if that ends in time, restores it (the
// machine is free again). Arrivals are counted atomically: the lock is
// taken only to block and to wake blocked waiters. It allocates nothing.
type barrier struct {
	n        int32
	count    atomic.Int32
	gen      atomic.Uint32
	sleepers atomic.Int32 // waiters blocked or about to block
	broken   atomic.Bool  // a worker panicked (see breakAll)
	budget   atomic.Int64 // ns to spin before blocking
	waits    atomic.Uint32
	max      int64 // the budget's bound (spinMax; spinMin with more workers than processors)
	mu       sync.Mutex
	cond     *sync.Cond
}

// The spin budget's bounds (ns), and how often a wait probes with the
// longest.
const (
	spinMin    = 1000
	spinMax    = 1_000_000
	probeEvery = 256
)

// errBroken is the panic of a worker waiting at a barrier broken by
// another worker's panic.
var errBroken = errors.New("network: barrier broken by another worker's panic")

func newBarrier(n int) *barrier {
	b := &barrier{n: int32(n), max: spinMax}
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
	b.broken.Store(true)
	b.count.Store(0)
	b.gen.Add(1)
	b.cond.Broadcast()
	b.mu.Unlock()
}

func (b *barrier) wait() {
	if b.n <= 1 {
		return
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
		return
	}
	budget := b.budget.Load()
	probe := b.waits.Add(1)%probeEvery == 0
	if probe {
		budget = b.max
	}
	start := time.Now()
	for i := 1; ; i++ {
		if b.gen.Load() != g {
			b.budget.Store(min(2*budget, b.max))
			return
		}
		if i%64 == 0 && int64(time.Since(start)) > budget {
			break
		}
	}
	if !probe {
		b.budget.Store(max(budget/2, spinMin))
	}
	b.sleepers.Add(1)
	b.mu.Lock()
	for b.gen.Load() == g {
		b.cond.Wait()
	}
	b.mu.Unlock()
	b.sleepers.Add(-1)
}
