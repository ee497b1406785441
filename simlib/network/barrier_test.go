package network

import (
	"sync"
	"testing"
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
