// Package badinput is the harness of simlib's bad-input tables
// (badinput_test.go in each package): every row is an input that must be
// refused with an error naming the object, the field, the value and what
// is allowed. The harness fails a row that panics, hangs, returns nil or
// returns an error missing one of the row's substrings.
package badinput

import (
	"fmt"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// Case is one bad input: Name, Run (feeds the input through the public
// API) and Want (substrings the error must contain: object, field, value,
// allowed). It is an unnamed struct type so that tables can be written
// without field names.
type Case = struct {
	Name string
	Run  func() error
	Want []string
}

// Timeout is how long a row may take before it counts as a hang.
const Timeout = 60 * time.Second

// Run runs every case and reports the number of rows.
func Run(t *testing.T, cases []Case) {
	t.Helper()
	panics := 0
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			type result struct {
				err   error
				panic string
			}
			done := make(chan result, 1)
			go func() {
				defer func() {
					if p := recover(); p != nil {
						done <- result{panic: fmt.Sprintf("%v\n%s", p, debug.Stack())}
					}
				}()
				done <- result{err: c.Run()}
			}()
			select {
			case r := <-done:
				switch {
				case r.panic != "":
					panics++
					t.Fatalf("panicked: %s", r.panic)
				case r.err == nil:
					t.Fatalf("accepted: want an error with %q", c.Want)
				}
				for _, w := range c.Want {
					if !strings.Contains(r.err.Error(), w) {
						t.Errorf("error %q\ndoes not contain %q", r.err, w)
					}
				}
			case <-time.After(Timeout):
				t.Fatalf("no answer after %v: a hang", Timeout)
			}
		})
	}
	if panics != 0 {
		t.Errorf("%d of %d rows panicked", panics, len(cases))
	}
	t.Logf("%d bad inputs refused", len(cases))
}
