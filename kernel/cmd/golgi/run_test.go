package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunChecksBeforeExecuting: golgi run refuses a bad -out or a missing
// notebook at once, before any notebook is executed (a notebook may take
// minutes, and its results must not be lost at the end for want of a
// directory).
func TestRunChecksBeforeExecuting(t *testing.T) {
	dir := t.TempDir()
	nb := filepath.Join(dir, "a.ipynb")
	if err := os.WriteFile(nb, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-out", filepath.Join(dir, "x.ipynb"), nb}, "is not an existing directory"},
		{[]string{"-out", nb, nb}, "is not an existing directory"},
		{[]string{filepath.Join(dir, "missing.ipynb")}, "no such file"},
		{[]string{dir}, "no such file"},
		{nil, "no notebook given"},
	} {
		err := cmdRun(c.args)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("golgi run %q: error %v, want one containing %q", c.args, err, c.want)
		}
	}
}
