package interrupt_test

import (
	"context"
	"errors"
	"syscall"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/interrupt"
	"github.com/golgi-sim/golgi/simlib/models"
)

// A SIGINT sent to the process while a network runs with Context's context
// stops the run cleanly with context.Canceled (reported as cancelled), and
// the network can be run further.
func TestInterruptStopsRun(t *testing.T) {
	ctx, stop := interrupt.Context()
	defer stop()
	p := models.DefaultCOBA()
	p.Scale = 0.25
	m, err := models.VANetwork(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Build(); err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(50 * time.Millisecond)
		syscall.Kill(syscall.Getpid(), syscall.SIGINT)
	}()
	err = m.RunContext(ctx, 1e6) // 1000 s: would take minutes
	if !errors.Is(err, context.Canceled) || errors.Is(err, interrupt.ErrSignal) {
		t.Fatalf("run returned %v, want context.Canceled: the context's cancellation, not the run's own watch", err)
	}
	if s := m.Summary(); s.Status != "cancelled" {
		t.Fatalf("run status %q, want cancelled", s.Status)
	}
	if m.Time() <= 0 || m.Time() >= 1e6 {
		t.Fatalf("stopped at t = %v ms", m.Time())
	}
	s0 := m.Steps()
	if err := m.Run(10); err != nil {
		t.Fatal(err)
	}
	if m.Steps() != s0+100 { // 10 ms at dt 0.1 ms
		t.Fatalf("continued to update %d, want %d", m.Steps(), s0+100)
	}
}
