package must

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
)

// Do stops the program (or, under go test, panics) with err when err is
// not nil: see the package doc.
func Do(err error) {
	if err != nil {
		fail(err)
	}
}

// Get returns v when err is nil, and otherwise stops the program (or, under
// go test, panics) with err: must.Get(f()) for a function f returning a
// value and an error.
func Get[T any](v T, err error) T {
	if err != nil {
		fail(err)
	}
	return v
}

// Check stops the program (or, under go test, panics) with the message
// fmt.Sprintf(format, args...) when ok is false: a result a notebook
// asserts (a tutorial's key numbers) in one line.
func Check(ok bool, format string, args ...any) {
	if !ok {
		fail(fmt.Errorf(format, args...))
	}
}

// Failure is what Do, Get and Check panic with under go test: the error and
// where the failing call is.
type Failure struct {
	File string // source file of the call ("" if unknown)
	Line int    // line of the call
	Err  error
}

func (f *Failure) Error() string {
	msg := f.Err.Error()
	if rest, ok := strings.CutSuffix(msg, "\n"); ok {
		msg = rest
	}
	// Lines after the first are indented, so that the first line (which
	// GoNB maps to the cell's line) stays the one with the place.
	msg = strings.ReplaceAll(msg, "\n", "\n\t")
	if f.File == "" {
		return "error: " + msg
	}
	return fmt.Sprintf("%s:%d: %s", f.File, f.Line, msg)
}

func (f *Failure) Unwrap() error { return f.Err }

// Hooks replaced by the package's tests.
var (
	stderr  io.Writer = os.Stderr
	exit              = os.Exit
	inTests           = testing.Testing
)

// fail reports err at the place of the call of Do, Get or Check (two
// frames up) and stops.
func fail(err error) {
	f := &Failure{Err: err}
	if _, file, line, ok := runtime.Caller(2); ok {
		f.File, f.Line = file, line
	}
	if inTests() {
		panic(f)
	}
	fmt.Fprintln(stderr, f.Error())
	exit(1)
	panic(f) // exit was replaced and returned (tests); never reached otherwise
}
