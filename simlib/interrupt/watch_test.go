package interrupt

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"
)

// A watch is done at a SIGINT; its error wraps ErrSignal and
// context.Canceled; Stop sends the signal again (to raise, replaced here);
// a later watch starts afresh.
func TestWatchCatchesAndResends(t *testing.T) {
	var resent []os.Signal
	old := raise
	raise = func(s os.Signal) { resent = append(resent, s) }
	defer func() { raise = old }()

	a, b := Start(), Start()
	if a.Err() != nil {
		t.Fatalf("watch error before any signal: %v", a.Err())
	}
	syscall.Kill(syscall.Getpid(), syscall.SIGINT)
	select {
	case <-a.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("watch not done 5 s after SIGINT")
	}
	<-b.Done()
	if err := a.Err(); !errors.Is(err, ErrSignal) || !errors.Is(err, context.Canceled) {
		t.Fatalf("watch error %v, want ErrSignal and context.Canceled", err)
	}
	a.Stop()
	if len(resent) != 0 {
		t.Fatalf("signal sent again while a watch is still active: %v", resent)
	}
	b.Stop()
	b.Stop() // twice is once
	if len(resent) != 1 || resent[0] != os.Interrupt {
		t.Fatalf("signals sent again after the last watch: %v, want [interrupt]", resent)
	}
	raisedAt = time.Time{} // the resent signal went to the fake raise, not the process
	c := Start()
	defer c.Stop()
	if c.Err() != nil {
		t.Fatalf("a new watch after the signal: %v, want a fresh one", c.Err())
	}
}

// Without a signal, Stop sends nothing.
func TestWatchQuiet(t *testing.T) {
	var resent []os.Signal
	old := raise
	raise = func(s os.Signal) { resent = append(resent, s) }
	defer func() { raise = old }()
	w := Start()
	w.Stop()
	if len(resent) != 0 {
		t.Fatalf("Stop without a signal sent %v", resent)
	}
}

// An ignored signal stays ignored while a watch is active: it does not stop
// the watched computation.
func TestWatchKeepsIgnoredSignalsIgnored(t *testing.T) {
	var resent []os.Signal
	old := raise
	raise = func(s os.Signal) { resent = append(resent, s) }
	defer func() { raise = old }()
	signal.Ignore(syscall.SIGTERM)
	defer signal.Reset(syscall.SIGTERM)
	w := Start()
	syscall.Kill(syscall.Getpid(), syscall.SIGTERM)
	select {
	case <-w.Done():
		t.Fatal("an ignored SIGTERM stopped the watch")
	case <-time.After(200 * time.Millisecond):
	}
	w.Stop()
	if len(resent) != 0 || !signal.Ignored(syscall.SIGTERM) {
		t.Fatalf("after the watch: resent %v, SIGTERM ignored %v; want nothing resent, still ignored", resent, signal.Ignored(syscall.SIGTERM))
	}
}
