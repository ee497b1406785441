package must

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// here returns the line after the one it is called on.
func here() int {
	_, _, line, _ := runtime.Caller(1)
	return line + 1
}

func TestNoErrorNoEffect(t *testing.T) {
	Do(nil)
	Check(true, "not used %d", 1)
	if got := Get(strconv.Atoi("42")); got != 42 {
		t.Fatalf("Get = %d, want 42", got)
	}
}

// recoverFailure runs f and returns what it panicked with (nil if it
// returned).
func recoverFailure(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

// Under go test, a failure panics with a *Failure naming the place of the
// call (this file and line) and wrapping the error.
func TestPanicsUnderTest(t *testing.T) {
	base := errors.New("bad value")
	var line int
	v := recoverFailure(func() {
		line = here()
		Do(base)
	})
	f, ok := v.(*Failure)
	if !ok {
		t.Fatalf("panicked with %#v, want a *Failure", v)
	}
	if filepath.Base(f.File) != "must_test.go" || f.Line != line || !errors.Is(f, base) {
		t.Fatalf("failure %s:%d %v, want must_test.go:%d wrapping %v", f.File, f.Line, f.Err, line, base)
	}
	v = recoverFailure(func() {
		line = here()
		_ = Get(strconv.Atoi("x"))
	})
	var ne *strconv.NumError
	if f, ok := v.(*Failure); !ok || f.Line != line || !errors.As(f, &ne) {
		t.Fatalf("Get: panicked with %#v, want a *Failure at line %d wrapping a *strconv.NumError", v, line)
	}
	v = recoverFailure(func() {
		line = here()
		Check(1 > 2, "%d is not above %d", 1, 2)
	})
	if f, ok := v.(*Failure); !ok || f.Line != line || f.Err.Error() != "1 is not above 2" {
		t.Fatalf("Check: panicked with %#v, want a *Failure at line %d: 1 is not above 2", v, line)
	}
}

// Outside tests, a failure prints one line with the place and the error
// (later lines indented) to stderr and exits with status 1.
func TestExitOutsideTests(t *testing.T) {
	var buf bytes.Buffer
	code := -1
	stop := errors.New("exit called")
	stderr, exit, inTests = &buf, func(c int) { code = c; panic(stop) }, func() bool { return false }
	defer func() { stderr, exit, inTests = os.Stderr, os.Exit, testing.Testing }()
	var line int
	v := recoverFailure(func() {
		line = here()
		Do(errors.New("population \"exc\": TauRefrac = -1 ms\n(the network will not build)\n"))
	})
	if v != stop || code != 1 {
		t.Fatalf("recovered %v, exit code %d; want exit(1)", v, code)
	}
	_, file, _, _ := runtime.Caller(0)
	want := file + ":" + strconv.Itoa(line) + ": population \"exc\": TauRefrac = -1 ms\n\t(the network will not build)\n"
	if buf.String() != want {
		t.Fatalf("stderr %q, want %q", buf.String(), want)
	}
}

func TestFailureWithoutPlace(t *testing.T) {
	f := &Failure{Err: errors.New("x")}
	if f.Error() != "error: x" {
		t.Fatalf("%q", f.Error())
	}
}

// A real program (testdata/failcell, a cell as GoNB compiles it): what it
// printed before stays, the failure is one line with main.go's line, no
// panic or goroutine dump, exit status 1.
func TestProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program (go build)")
	}
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		t.Fatalf("the go command is needed to build testdata/failcell: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "failcell")
	if out, err := exec.Command(goTool, "build", "-o", bin, "./testdata/failcell").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, c := range []struct {
		mode, want string
		code       int
	}{
		{"do", "main.go:18: population \"exc\": value 3: not allowed\n\t(second line)\n", 1},
		{"get", "main.go:20: strconv.Atoi: parsing \"x3\": invalid syntax\n", 1},
		{"check", "main.go:22: n = 3, want more than 5\n", 1},
		{"ok", "", 0},
	} {
		cmd := exec.Command(bin, c.mode)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != c.code {
			t.Errorf("%s: exit status %d, want %d (stderr %q)", c.mode, code, c.code, stderr.String())
		}
		if !strings.HasPrefix(stdout.String(), "work done before the failure: 3\n") || strings.Contains(stdout.String(), "not reached") {
			t.Errorf("%s: stdout %q", c.mode, stdout.String())
		}
		if c.want == "" {
			if stderr.Len() != 0 {
				t.Errorf("%s: stderr %q, want nothing", c.mode, stderr.String())
			}
			continue
		}
		got := stderr.String()
		if !strings.HasSuffix(got, c.want) || strings.Count(got, "\n") != strings.Count(c.want, "\n") ||
			!filepath.IsAbs(strings.SplitN(got, ":", 2)[0]) {
			t.Errorf("%s: stderr %q, want the absolute path of main.go followed by %q", c.mode, got, c.want)
		}
		if strings.Contains(got, "goroutine") || strings.Contains(got, "panic") {
			t.Errorf("%s: stderr has a stack dump: %q", c.mode, got)
		}
	}
}
