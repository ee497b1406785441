package network_test

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/network"
)

// sampleFailsFirst panics when asked to sample worker 0's first neurons
// (the caller's goroutine).
type sampleFailsFirst struct{ panicky }

func (sampleFailsFirst) Sample(step int64, pop, lo, hi int) {
	if lo == 0 && step > 0 {
		panic("sample fails")
	}
}

// The workers after the first live as long as a run (workerPool), however
// it ends: after runs that end, are cancelled, panic on another worker,
// panic on worker 0 and panic between chunks (in Progress), no goroutine
// is left, and the runs that can go on go on with the same results as one
// worker.
func TestWorkersEndWithTheRun(t *testing.T) {
	settle := func() int {
		// a goroutine that returned from wg.Done may still be counted
		n := runtime.NumGoroutine()
		for i := 0; i < 200 && n > 0; i++ {
			time.Sleep(5 * time.Millisecond)
			if m := runtime.NumGoroutine(); m == n {
				break
			} else {
				n = m
			}
		}
		return n
	}
	// the first run starts os/signal's goroutine (package interrupt), which stays
	one, _, _ := randomNet(4, 1)
	if err := one.Run(300); err != nil {
		t.Fatal(err)
	}
	base := settle()
	left := func(what string) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Second)
		for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > base {
			buf := make([]byte, 1<<16)
			t.Fatalf("%s: %d goroutines, %d before the run:\n%s", what, n, base, buf[:runtime.Stack(buf, true)])
		}
	}
	three, _, _ := randomNet(4, 3)
	if err := three.Run(100); err != nil {
		t.Fatal(err)
	}
	left("a run that ended")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := three.RunContext(ctx, 100); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	left("a cancelled run")
	if err := three.Run(200); err != nil {
		t.Fatal(err)
	}
	if a, b := three.Fingerprint(), one.Fingerprint(); a != b {
		t.Fatalf("3 workers after a cancelled run: fingerprint %s, one worker %s", a, b)
	}
	for _, c := range []struct {
		what string
		rec  network.Recorder
	}{{"a panic on another worker", sampleFails{}}, {"a panic on worker 0", sampleFailsFirst{}}} {
		net, _, _ := randomNet(4, 3)
		net.Record(c.rec)
		func() {
			defer func() {
				if _, ok := recover().(*network.WorkerPanic); !ok {
					t.Fatalf("%s: Run did not panic with a *WorkerPanic", c.what)
				}
			}()
			net.Run(100)
		}()
		left(c.what)
	}
	// Progress runs on the caller's goroutine after the last chunk
	net, _, _ := randomNetWith(network.Options{Seed: 4, Workers: 2, Progress: func(network.Progress) { panic("progress fails") }})
	func() {
		defer func() {
			if p := recover(); p != "progress fails" {
				t.Fatalf("a panic in Progress: recovered %v", p)
			}
		}()
		net.Run(50)
	}()
	left("a panic in Progress")
}
