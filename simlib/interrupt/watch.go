package interrupt

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// ErrSignal is the cause of a run stopped by Watch: errors returned for it
// wrap both ErrSignal and context.Canceled.
var ErrSignal = errors.New("interrupted by a signal")

// A Watch catches SIGINT and SIGTERM while a simulation runs, so that a run
// that was given no cancellable context (a plain network.Run) still stops
// after a whole step and reports how far it got before the process reacts
// to the signal. network.Run watches every run; other long computations
// can too.
//
// While any watch is active the signals do not kill the process (unless
// they are ignored, then they stay ignored): they
// close every active watch's Done channel. When the last active watch
// stops after a signal, the signal is sent to the process again, as if no
// watch had been there: a program that handles it (with Context, or its
// own signal.Notify) gets it and goes on; one that does not is ended by
// it, as it would have been without the watch. A watch started after the
// signal and before that is done at once.
type Watch struct {
	st      *watchState
	stopped bool
}

// watchState is the state of one period during which watches are active.
type watchState struct {
	ch     chan os.Signal
	done   chan struct{}
	quit   chan struct{}
	sig    os.Signal // the first signal received, nil before
	active int
}

var (
	watchMu  sync.Mutex
	watching *watchState
	// raisedAt is when Stop last sent a signal again: a watch that
	// receives it right after ignores it (it is not a new interrupt).
	raisedAt time.Time
	// raise sends a signal to the process (tests replace it).
	raise = func(s os.Signal) {
		p, err := os.FindProcess(os.Getpid())
		if err == nil {
			err = p.Signal(s)
		}
		if err != nil {
			// The signal cannot be sent (not on this system): end the
			// process as its default action would.
			os.Exit(130)
		}
		// Give the default action time to end the process before the
		// caller goes on; if something handles the signal, carry on.
		time.Sleep(10 * time.Millisecond)
	}
)

// resent is how long after Stop sent a signal again a watch takes a
// signal for that one.
const resent = 100 * time.Millisecond

// Start begins a watch. Stop must be called when the watched computation
// ends, after it has reported what it did.
func Start() *Watch {
	watchMu.Lock()
	defer watchMu.Unlock()
	if watching == nil {
		st := &watchState{ch: make(chan os.Signal, 1), done: make(chan struct{}), quit: make(chan struct{})}
		// A signal the program ignores (it was started with it ignored,
		// as background jobs of a shell are, or called signal.Ignore)
		// stays ignored: it would not have stopped anything.
		var sigs []os.Signal
		for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
			if !signal.Ignored(s) {
				sigs = append(sigs, s)
			}
		}
		if len(sigs) > 0 {
			signal.Notify(st.ch, sigs...)
		}
		go st.loop()
		watching = st
	}
	watching.active++
	return &Watch{st: watching}
}

func (st *watchState) loop() {
	for {
		select {
		case s := <-st.ch:
			watchMu.Lock()
			if st.sig == nil && time.Since(raisedAt) > resent {
				st.sig = s
				close(st.done)
			}
			watchMu.Unlock()
		case <-st.quit:
			return
		}
	}
}

// Done is closed when the process receives SIGINT or SIGTERM while the
// watch is active.
func (w *Watch) Done() <-chan struct{} { return w.st.done }

// Err returns nil before a signal and, after one, an error naming it that
// wraps ErrSignal and context.Canceled.
func (w *Watch) Err() error {
	select {
	case <-w.st.done:
	default:
		return nil
	}
	watchMu.Lock()
	s := w.st.sig
	watchMu.Unlock()
	return fmt.Errorf("%w (%v): %w", ErrSignal, s, context.Canceled)
}

// Stop ends the watch. The last watch to stop after a signal sends the
// signal to the process again (see Watch); Stop may then not return, when
// nothing in the program handles the signal.
func (w *Watch) Stop() {
	watchMu.Lock()
	if w.stopped {
		watchMu.Unlock()
		return
	}
	w.stopped = true
	st := w.st
	st.active--
	if st.active > 0 {
		watchMu.Unlock()
		return
	}
	signal.Stop(st.ch)
	close(st.quit)
	sig := st.sig
	if sig == nil {
		// A signal may have arrived just before Stop took the lock.
		select {
		case sig = <-st.ch:
			if time.Since(raisedAt) <= resent {
				sig = nil // the one an earlier Stop sent
			}
		default:
		}
	}
	watching = nil
	if sig != nil {
		raisedAt = time.Now()
	}
	watchMu.Unlock()
	if sig != nil {
		raise(sig)
	}
}
