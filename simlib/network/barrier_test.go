package network

import (
	"runtime"
	"sync"
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

// A waiter that spins past its budget blocks and halves the budget, down
// to spinMin, except in a probe (one wait in probeEvery), which leaves it;
// with more workers than processors the budget stays at spinMin. (That a
// spin ending in time doubles it, or a probe restores it, is not tested:
// on a busy machine no arrival is sure to come in time.)
func TestBarrierBudget(t *testing.T) {
	bar := newBarrier(2)
	if bar.max != spinMax && runtime.GOMAXPROCS(0) >= 2 {
		t.Fatalf("2 workers, GOMAXPROCS %d: budget bound %d ns, want spinMax", runtime.GOMAXPROCS(0), bar.max)
	}
	if bar.budget.Load() != bar.max {
		t.Fatalf("a new barrier's budget: %d ns, want its bound %d", bar.budget.Load(), bar.max)
	}
	bar.budget.Store(4 * spinMin)
	for _, want := range []int64{2 * spinMin, spinMin, spinMin} {
		done := make(chan struct{})
		go func() {
			arriveAfterBlock(bar)
			close(done)
		}()
		bar.wait()
		<-done
		// the late arriver did not spin: only this waiter changed the budget
		if got := bar.budget.Load(); got != want {
			t.Fatalf("after a wait that blocked: budget %d ns, want %d", got, want)
		}
	}
	// the next probe: a spin of spinMax past which the budget stays
	bar.waits.Store(probeEvery - 1)
	late := make(chan struct{})
	go func() {
		arriveAfterBlock(bar)
		close(late)
	}()
	bar.wait()
	<-late
	if got := bar.budget.Load(); got != spinMin {
		t.Fatalf("after a probe that did not end in time: budget %d ns, want it left at %d", got, spinMin)
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
