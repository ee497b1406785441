package network

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkBarrier measures one barrier crossing of two workers with no work
// between crossings: the fixed cost a step pays for running in parallel.
func BenchmarkBarrier(b *testing.B) {
	bar := newBarrier(2)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < b.N; i++ {
			bar.wait()
		}
	}()
	for i := 0; i < b.N; i++ {
		bar.wait()
	}
	wg.Wait()
}

// TestBarrierPhases checks that no worker starts phase k+1 before every
// worker has finished phase k, with more workers than cores.
func TestBarrierPhases(t *testing.T) {
	const workers, rounds = 5, 2000
	bar := newBarrier(workers)
	var mu sync.Mutex
	done := make([]int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				mu.Lock()
				for k, d := range done {
					if d < r {
						mu.Unlock()
						t.Errorf("worker %d in round %d while worker %d finished only %d", w, r, k, d)
						return
					}
				}
				done[w] = r + 1
				mu.Unlock()
				bar.wait()
			}
		}(w)
	}
	wg.Wait()
}

// TestBarrierSplitPhase checks arrive and await: await returns only once
// every worker has arrived in that round, whatever the worker did
// between the two, with more workers than cores.
func TestBarrierSplitPhase(t *testing.T) {
	const workers, rounds = 5, 2000
	bar := newBarrier(workers)
	arrived := make([]atomic.Int64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := int64(1); r <= rounds; r++ {
				arrived[w].Store(r)
				g := bar.arrive()
				if r%7 == int64(w) {
					runtime.Gosched() // work between arriving and waiting
				}
				bar.await(g)
				for k := range arrived {
					if a := arrived[k].Load(); a < r {
						t.Errorf("worker %d past round %d while worker %d has arrived only in round %d", w, r, k, a)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// fakeClock is a barrier clock that advances tick ns at every look,
// jump ns more at look number at (counted from 1; 0: never) and asleep ns
// more at a look while a waiter of bar is blocked (the waiter's look on
// waking up: how long it slept).
type fakeClock struct {
	t, looks               atomic.Int64
	tick, jump, at, asleep int64
	bar                    *barrier
}

func (c *fakeClock) now() int64 {
	k := c.looks.Add(1)
	d := c.tick
	if k == c.at {
		d += c.jump
	}
	if c.bar.sleepers.Load() > 0 {
		d += c.asleep
	}
	return c.t.Add(d)
}

// waitWith runs one wait of bar on clock c, the other worker arriving
// once the waiter has blocked (late) or while it spins (c then stands
// still, so the spin cannot run out); it returns the budget after the
// wait.
func waitWith(t *testing.T, bar *barrier, c *fakeClock, late bool) int64 {
	t.Helper()
	c.bar, bar.clock = bar, c.now
	done := make(chan struct{})
	go func() {
		if late {
			arriveAfterBlock(bar)
		} else {
			time.Sleep(time.Millisecond)
			bar.wait()
		}
		close(done)
	}()
	bar.wait()
	<-done
	return bar.budget.Load()
}

// TestBarrierBudget: a spin that ends in time doubles the budget (up to
// the bound); a spin that runs out its budget undisturbed blocks, then
// doubles the budget if the wait ended within twice the budget and
// halves it (down to spinMin) if it did not; a spin interrupted by a gap
// in the clock (the thread was descheduled) blocks at once and halves
// it; a probe (one wait in probeEvery) spins the bound and leaves the
// budget unless it ends in time; with more workers than processors the
// budget stays at spinMin. The barrier's clock is fake (fakeClock), so
// nothing depends on the machine's load.
func TestBarrierBudget(t *testing.T) {
	bar := newBarrier(2)
	if bar.max != spinMax && runtime.GOMAXPROCS(0) >= 2 {
		t.Fatalf("2 workers, GOMAXPROCS %d: budget bound %d ns, want spinMax", runtime.GOMAXPROCS(0), bar.max)
	}
	if bar.budget.Load() != bar.max {
		t.Fatalf("a new barrier's budget: %d ns, want its bound %d", bar.budget.Load(), bar.max)
	}
	bar.max = spinMax
	tick := int64(1000)
	bar.budget.Store(4 * spinMin)
	for _, want := range []int64{8 * spinMin, 16 * spinMin} {
		if got := waitWith(t, bar, &fakeClock{tick: tick}, true); got != want {
			t.Fatalf("after a blocked wait that ended soon after the spin: budget %d ns, want %d", got, want)
		}
	}
	for _, want := range []int64{8 * spinMin, 4 * spinMin} {
		c := &fakeClock{tick: tick, asleep: 32 * spinMin}
		if got := waitWith(t, bar, c, true); got != want {
			t.Fatalf("after a blocked wait longer than twice the budget: budget %d ns, want %d", got, want)
		}
	}
	bar.budget.Store(spinMax) // 1000 looks, no gap between two
	if got := waitWith(t, bar, &fakeClock{tick: tick}, true); got != spinMax {
		t.Fatalf("after a spin of %d ns that ran out undisturbed, woken at once: budget %d ns, want it left at the bound", spinMax, got)
	}
	for _, want := range []int64{spinMax / 2, spinMax / 4} {
		c := &fakeClock{tick: tick, jump: preemptGap, at: 3}
		if got := waitWith(t, bar, c, true); got != want {
			t.Fatalf("after a spin with a gap of %d ns: budget %d ns, want %d", preemptGap+tick, got, want)
		}
		if n := c.looks.Load(); n != 4 { // 3 spinning, 1 on waking up
			t.Fatalf("a spin with a gap at look 3 looked at the clock %d times: want it to block at once", n)
		}
	}
	bar.budget.Store(2 * spinMin)
	for _, want := range []int64{spinMin, spinMin} {
		if got := waitWith(t, bar, &fakeClock{tick: tick, jump: preemptGap, at: 2}, true); got != want {
			t.Fatalf("after a spin with a gap: budget %d ns, want %d", got, want)
		}
	}
	// the next probes: interrupted, or blocked long, they leave the budget
	for _, c := range []*fakeClock{{tick: tick, jump: preemptGap, at: 2}, {tick: tick, asleep: 4 * spinMax}} {
		bar.waits.Store(probeEvery - 1)
		if got := waitWith(t, bar, c, true); got != spinMin {
			t.Fatalf("after a probe that did not end in time: budget %d ns, want it left at %d", got, spinMin)
		}
	}
	for _, want := range []int64{2 * spinMin, 4 * spinMin} {
		if got := waitWith(t, bar, &fakeClock{}, false); got != want {
			t.Fatalf("after a spin that ended in time: budget %d ns, want %d", got, want)
		}
	}
	bar.waits.Store(probeEvery - 1)
	if got := waitWith(t, bar, &fakeClock{}, false); got != spinMax {
		t.Fatalf("after a probe that ended in time: budget %d ns, want the bound %d", got, spinMax)
	}
	if b := newBarrier(runtime.GOMAXPROCS(0) + 1); b.max != spinMin || b.budget.Load() != spinMin {
		t.Fatalf("more workers than processors: budget %d ns, bound %d, want spinMin", b.budget.Load(), b.max)
	}
}

// arriveAfterBlock arrives at bar once the other waiter has spun out its
// budget and blocked, whatever the machine's load: a late arrival by
// construction, not by a sleep that a descheduled waiter could outlast.
func arriveAfterBlock(bar *barrier) {
	for bar.sleepers.Load() == 0 {
		time.Sleep(50 * time.Microsecond)
	}
	bar.wait()
}

// failed tells a generation that every worker reached (opened) from one
// that a panic broke before they all arrived: a worker that leaves an
// opened barrier late, after another worker broke a later one, still has
// a whole window (steps delivers and accounts it;
// TestPanicKeepsAccountedSpikes); one whose barrier was broken has not.
func TestBarrierFailed(t *testing.T) {
	b := newBarrier(2)
	g := b.arrive()
	b.arrive()   // the other worker: the barrier opens
	b.breakAll() // it panics later, in the next window
	b.await(g)
	if b.failed(g) {
		t.Fatal("an opened generation reported as broken")
	}
	if !b.failed(g + 1) {
		t.Fatal("the generation open when the barrier broke not reported as broken")
	}
	b2 := newBarrier(2)
	g2 := b2.arrive()
	b2.breakAll() // the other worker panics before it arrives
	b2.await(g2)
	if !b2.failed(g2) {
		t.Fatal("a generation broken before every worker arrived not reported as broken")
	}
	b2.breakAll() // a second panic does not move the generation that broke
	if !b2.failed(g2) {
		t.Fatal("a second break moved the broken generation")
	}
}
