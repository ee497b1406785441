package network_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
)

// lcRec is a recorder with the whole life cycle (Flusher, Chunker,
// Closer) that logs what the engine does to it.
type lcRec struct {
	net          *network.Network
	dueEvery     int   // FlushDue is true every dueEvery-th call (0: never)
	failFlush    int   // the failFlush-th Flush fails (0: none)
	maxChunk     int64 // 0: no limit
	panicAt      int64 // Spikes panics at this update (0: never)
	dues         int
	flushes      []int64 // the network's steps at each Flush
	lastSample   int64   // step of the last Sample
	sampleAtEnd  []int64 // lastSample at each Flush
	maxReserve   int64
	closes       int
	closeErr     error
	spikesAfterF bool // Spikes came after a Flush within a chunk (must not)
}

func (r *lcRec) Attach(network.View) error { return nil }
func (r *lcRec) Reserve(steps int64)       { r.maxReserve = max(r.maxReserve, steps) }
func (r *lcRec) Sample(step int64, pop, lo, hi int) {
	if pop == 0 && lo == 0 {
		r.lastSample = step
	}
}
func (r *lcRec) Spikes(step int64, pop int, chunks [][]int32) {
	if r.panicAt != 0 && step == r.panicAt {
		panic("lcRec: panic in Spikes (test)")
	}
}
func (r *lcRec) FlushDue() bool {
	r.dues++
	return r.dueEvery > 0 && r.dues%r.dueEvery == 0
}
func (r *lcRec) Flush() error {
	r.flushes = append(r.flushes, r.net.Steps())
	r.sampleAtEnd = append(r.sampleAtEnd, r.lastSample)
	if r.failFlush > 0 && len(r.flushes) >= r.failFlush {
		return errors.New("disk full (test)")
	}
	return nil
}
func (r *lcRec) MaxChunk() int64 { return r.maxChunk }
func (r *lcRec) Close() error    { r.closes++; return r.closeErr }
func (r *lcRec) String() string  { return "the test's recorder" }

func lcNet(r *lcRec) *network.Network {
	net := network.New(network.Options{Workers: 2})
	net.AddPopulation("p", 50, neuron.PoissonSource{Rate: 100})
	net.Record(r)
	r.net = net
	return net
}

// TestFlushAtEndOfEveryRun: a Flusher is flushed once at the end of every
// run, after the run's last state was sampled, however the run ends: done,
// of zero steps, cancelled, stopped by a fault.
func TestFlushAtEndOfEveryRun(t *testing.T) {
	r := &lcRec{}
	net := lcNet(r)
	for _, d := range []float64{10, 0, 3.3} {
		if err := net.Run(d); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := net.RunContext(ctx, 5); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	want := []int64{100, 100, 133, 133}
	if fmt.Sprint(r.flushes) != fmt.Sprint(want) || fmt.Sprint(r.sampleAtEnd) != fmt.Sprint(want) {
		t.Fatalf("flushed at updates %v with the last sample at %v: want one flush per run, at %v, after its last sample", r.flushes, r.sampleAtEnd, want)
	}

	f := &lcRec{}
	bad := network.New(network.Options{Workers: 1})
	bad.AddPopulation("bad", 10, badModel{at: 42})
	bad.Record(f)
	f.net = bad
	if err := bad.Run(100); err == nil {
		t.Fatal("the faulting run succeeded")
	}
	if len(f.flushes) != 1 || f.flushes[0] != bad.Steps() || f.sampleAtEnd[0] != bad.Steps() {
		t.Fatalf("a run stopped by a fault at update %d: flushes %v, last sample %v: want one flush after the last sample", bad.Steps(), f.flushes, f.sampleAtEnd)
	}
}

// TestFlushDueAndChunks: the engine asks FlushDue after every chunk and
// flushes when it says so; MaxChunk bounds the chunks (Reserve gets at
// most MaxChunk+1).
func TestFlushDueAndChunks(t *testing.T) {
	r := &lcRec{dueEvery: 2, maxChunk: 7}
	net := lcNet(r)
	if err := net.Run(100); err != nil { // 1000 updates: at least 143 chunks
		t.Fatal(err)
	}
	if r.dues < 143 {
		t.Fatalf("FlushDue asked %d times in a run of 1000 updates in chunks of at most 7: want one per chunk", r.dues)
	}
	if len(r.flushes) != r.dues/2+1 {
		t.Fatalf("%d flushes for %d FlushDue, every second true: want %d (and the end's)", len(r.flushes), r.dues, r.dues/2+1)
	}
	if r.maxReserve > 7+1 {
		t.Fatalf("Reserve(%d): chunks longer than MaxChunk 7", r.maxReserve)
	}
}

// TestFlushErrorStopsRun: a failed flush between chunks stops the run
// with a RecorderError naming the recorder; the network runs no more.
func TestFlushErrorStopsRun(t *testing.T) {
	r := &lcRec{dueEvery: 1, failFlush: 3}
	net := lcNet(r)
	err := net.Run(1000)
	var re *network.RecorderError
	if !errors.As(err, &re) || re.Index != 0 || re.Op != "flush" || re.Step != net.Steps() {
		t.Fatalf("run: %v", err)
	}
	for _, w := range []string{"recorder 0 (the test's recorder)", "flush failed at t = ", "disk full (test)", "everything recorded before is kept"} {
		if !strings.Contains(err.Error(), w) {
			t.Fatalf("error %q does not say %q", err, w)
		}
	}
	if net.Steps() >= 10000 {
		t.Fatal("the run did not stop")
	}
	if s := net.Summary(); s.Status != "error" || !strings.Contains(s.Error, "disk full") {
		t.Fatalf("summary: status %q, error %q", s.Status, s.Error)
	}
	if err := net.Run(1); err == nil || !strings.Contains(err.Error(), "disk full (test)") {
		t.Fatalf("a run after a failed flush: %v", err)
	}
}

// TestFlushAfterPanic: a run that panics still flushes (what was recorded
// is written), then the panic goes on.
func TestFlushAfterPanic(t *testing.T) {
	for _, w := range []int{1, 2} {
		r := &lcRec{panicAt: 20}
		net := lcNet(r)
		net.SetWorkers(w)
		func() {
			defer func() {
				if recover() == nil {
					t.Fatalf("workers %d: the recorder's panic did not reach the caller", w)
				}
			}()
			net.Run(10)
		}()
		if len(r.flushes) != 1 {
			t.Fatalf("workers %d: %d flushes after the panic: want 1", w, len(r.flushes))
		}
	}
}

// TestNetworkClose: Close closes every Closer once and returns their
// errors as RecorderErrors; a closed network does not run; Close again
// does nothing.
func TestNetworkClose(t *testing.T) {
	a, b := &lcRec{}, &lcRec{closeErr: errors.New("cannot close (test)")}
	net := lcNet(a)
	net.Record(b)
	b.net = net
	if err := net.Run(1); err != nil {
		t.Fatal(err)
	}
	err := net.Close()
	var re *network.RecorderError
	if !errors.As(err, &re) || re.Index != 1 || re.Op != "close" || !strings.Contains(err.Error(), "recorder 1 (the test's recorder): close failed: cannot close (test)") {
		t.Fatalf("Close: %v", err)
	}
	if a.closes != 1 || b.closes != 1 {
		t.Fatalf("closes %d, %d: want 1 each", a.closes, b.closes)
	}
	if err := net.Run(1); err == nil || !strings.Contains(err.Error(), "Close was called") {
		t.Fatalf("a run after Close: %v", err)
	}
	if err := net.Close(); err != nil || a.closes != 1 {
		t.Fatalf("a second Close: %v, %d closes", err, a.closes)
	}
}
