//go:build hdf5

// Package h5check runs the independent readers that the tests of the
// HDF5 writers check their files with: Debian's python3 with h5py (and
// hdmf), and h5dump. Under go test -short a missing tool skips the test;
// otherwise it fails it (CI installs them with golgi setup --test).
package h5check

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Python is Debian's interpreter, which has python3-h5py and python3-hdmf
// (a python3 earlier on PATH may have neither).
const Python = "/usr/bin/python3"

// need skips (-short) or fails the test when err says a tool is missing.
func need(t testing.TB, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if testing.Short() {
		t.Skipf("%s not available (%v): skipped under -short", what, err)
	}
	t.Fatalf("%s not available (%v): install it (golgi setup --test installs python3-h5py, python3-hdmf, hdf5-tools)", what, err)
}

// Modules checks that Python imports every module.
func Modules(t testing.TB, modules ...string) {
	t.Helper()
	for _, m := range modules {
		out, err := exec.Command(Python, "-c", "import "+m).CombinedOutput()
		if err != nil {
			need(t, "python module "+m, &toolError{err, out})
		}
	}
}

type toolError struct {
	err error
	out []byte
}

func (e *toolError) Error() string { return e.err.Error() + ": " + string(bytes.TrimSpace(e.out)) }

// Run runs the script (a path) with args under Python, with golgicheck.py
// (the helpers the scripts share) importable, and fails the test
// with the script's output when it exits non-zero. It returns the output.
func Run(t testing.TB, script string, args ...string) string {
	t.Helper()
	out, err := Try(t, script, args...)
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", filepath.Base(script), args, err, out)
	}
	return out
}

// Try runs the script as Run does and returns its output and error, for
// tests that the script fails on a wrong file.
func Try(t testing.TB, script string, args ...string) (string, error) {
	t.Helper()
	if _, err := os.Stat(Python); err != nil {
		need(t, Python, err)
	}
	cmd := exec.Command(Python, append([]string{script}, args...)...)
	_, here, _, _ := runtime.Caller(0)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1", "PYTHONPATH="+filepath.Dir(here))
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// H5dump runs h5dump with args and returns its output.
func H5dump(t testing.TB, args ...string) string {
	t.Helper()
	p, err := exec.LookPath("h5dump")
	need(t, "h5dump (hdf5-tools)", err)
	out, err := exec.Command(p, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("h5dump %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// Bits gives the IEEE bits of v, for expectations compared bit for bit
// (JSON numbers would be compared by value, and NaN has none).
func Bits(v []float64) []uint64 {
	b := make([]uint64, len(v))
	for k, x := range v {
		b[k] = math.Float64bits(x)
	}
	return b
}

// WriteJSON writes v as JSON to path.
func WriteJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
