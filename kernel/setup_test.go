package kernel_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/kernel/setup"
)

// TestSetupIdempotent runs golgi setup twice into a private Jupyter data
// dir: the first run builds the kernel binary and registers the kernel,
// the second finds everything in place and changes nothing.
func TestSetupIdempotent(t *testing.T) {
	e := integration(t)
	data := t.TempDir()
	ctx := context.Background()
	var out bytes.Buffer
	first, err := setup.Run(ctx, setup.Options{GolgiDir: e.checkout, JupyterDataDir: data, Out: &out, NoApt: true})
	if err != nil {
		t.Fatalf("first setup: %v\n%s", err, out.String())
	}
	if len(first.Did) < 2 || !strings.Contains(strings.Join(first.Did, "\n"), `kernel "golgi"`) {
		t.Errorf("first setup did %q", first.Did)
	}
	spec := filepath.Join(data, "kernels", "golgi", "kernel.json")
	before, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	second, err := setup.Run(ctx, setup.Options{GolgiDir: e.checkout, JupyterDataDir: data, Out: &out, NoApt: true})
	if err != nil {
		t.Fatalf("second setup: %v\n%s", err, out.String())
	}
	if len(second.Did) != 0 || len(second.Found) != len(first.Did)+len(first.Found) {
		t.Errorf("second setup did %q, found %q", second.Did, second.Found)
	}
	for _, want := range []string{"present:   Jupyter", "present:   gopls v0.23.0", "present:   GoNB v0.11.5", "present:   ECharts 5.4.3", `present:   kernel "golgi"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("second setup's report lacks %q:\n%s", want, out.String())
		}
	}
	after, _ := os.ReadFile(spec)
	if !bytes.Equal(before, after) {
		t.Error("second setup rewrote kernel.json")
	}

	// Without Jupyter and without apt, setup does the rest, says what is
	// missing and the command that installs it, and fails.
	defer func(p string) { setup.Python = p }(setup.Python)
	setup.Python = filepath.Join(t.TempDir(), "no-python3")
	out.Reset()
	third, err := setup.Run(ctx, setup.Options{GolgiDir: e.checkout, JupyterDataDir: data, Out: &out, NoApt: true})
	if err == nil || !strings.Contains(err.Error(), "apt-get install -y jupyter-nbconvert python3-nbclient python3-jupyter-client jupyter-notebook") {
		t.Errorf("setup without Jupyter: err %v", err)
	}
	if !strings.Contains(out.String(), "MISSING:   Jupyter") || len(third.Found) != len(second.Found)-1 {
		t.Errorf("setup without Jupyter did not go on with the other steps:\n%s", out.String())
	}
	setup.Python = "/usr/bin/python3"

	// --test: a missing test tool is named with the command that installs it.
	defer func(p []struct{ Package, Program string }) { setup.TestPackages = p }(setup.TestPackages)
	setup.TestPackages = []struct{ Package, Program string }{{"golgi-no-such-package", "golgi-no-such-program"}}
	out.Reset()
	_, err = setup.Run(ctx, setup.Options{GolgiDir: e.checkout, JupyterDataDir: data, Out: &out, NoApt: true, Test: true})
	if err == nil || !strings.Contains(err.Error(), "apt-get install -y golgi-no-such-package") || !strings.Contains(out.String(), "MISSING:   golgi-no-such-package") {
		t.Errorf("setup --test with a missing tool: err %v\n%s", err, out.String())
	}
}
