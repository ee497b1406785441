package network

import (
	"runtime/debug"
	"sync"
)

// workerPool runs the chunks of one run on more than one worker: worker 0
// on the calling goroutine, the others on goroutines that live as long as
// the run and meet the caller at two barriers per chunk (start and done)
// instead of being started for each chunk. A goroutine started per chunk
// (every 10-40 ms) was woken on an idle processor: about 140 µs on this
// virtual machine, 24-35 times in a 1 s run of 64k cells, 3-5 ms of a
// 0.36 s run during which worker 0 waited at the first window's barrier
// (a temporary histogram of the waits, 2026-12-03). Between chunks the
// others spin at the start barrier (barrier's budget) while the caller
// flushes, rebalances and reports.
type workerPool struct {
	e           *engine
	start, done *barrier
	from, to    int64 // the chunk: set by the caller before start
	quit        bool  // the caller's last start: the workers return
	wg          sync.WaitGroup
	mu          sync.Mutex
	perr        *WorkerPanic // the first worker's panic of the chunk
}

// startPool starts the e.w-1 workers after the first.
func (e *engine) startPool() *workerPool {
	p := &workerPool{e: e, start: newBarrier(e.w), done: newBarrier(e.w)}
	for k := 1; k < e.w; k++ {
		p.wg.Add(1)
		go p.worker(k)
	}
	return p
}

// worker runs worker k's part of each chunk until the caller quits.
func (p *workerPool) worker(k int) {
	defer p.wg.Done()
	for {
		p.start.wait()
		if p.quit {
			return
		}
		p.chunk(k)
		p.done.wait()
	}
}

// chunk runs worker k's updates of the chunk and returns the last one it
// completed. A panic (a model's, a stimulus' or a recorder's code) breaks
// the engine's barrier, so that the others stop too, and is kept for run
// to return once every worker stopped.
func (p *workerPool) chunk(k int) (last int64) {
	defer func() {
		if v := recover(); v != nil {
			if v != errBroken {
				p.mu.Lock()
				if p.perr == nil {
					p.perr = &WorkerPanic{Worker: k, Value: v, Stack: debug.Stack()}
				}
				p.mu.Unlock()
			}
			p.e.bar.breakAll()
		}
	}()
	return p.e.steps(k, p.from, p.to)
}

// run runs updates from..to on every worker and returns the last update
// worker 0 completed (see steps) and the first worker's panic, if one
// panicked.
func (p *workerPool) run(from, to int64) (last int64, perr *WorkerPanic) {
	p.from, p.to = from, to
	p.start.wait()
	last = p.chunk(0)
	p.done.wait()
	return last, p.perr
}

// stop ends the workers, which wait at the start barrier, and waits for
// them to return.
func (p *workerPool) stop() {
	p.quit = true
	p.start.wait()
	p.wg.Wait()
}
