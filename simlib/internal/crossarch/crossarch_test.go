package crossarch

import (
	"errors"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// target is one way to build and run cmd/fingerprints.
type target struct {
	name string
	env  []string // GOARCH and GOAMD64
	arch string   // GOARCH
}

var targets = []target{
	{"amd64 GOAMD64=v1", []string{"GOARCH=amd64", "GOAMD64=v1"}, "amd64"},
	{"amd64 GOAMD64=v2", []string{"GOARCH=amd64", "GOAMD64=v2"}, "amd64"},
	{"amd64 GOAMD64=v3", []string{"GOARCH=amd64", "GOAMD64=v3"}, "amd64"},
	{"amd64 GOAMD64=v4", []string{"GOARCH=amd64", "GOAMD64=v4"}, "amd64"},
	{"arm64", []string{"GOARCH=arm64"}, "arm64"},
}

// qemu names the user-mode emulator of Debian's qemu-user for an arch.
var qemu = map[string]string{"amd64": "qemu-x86_64", "arm64": "qemu-aarch64"}

// The determinism suite gives the same spike fingerprints and the same
// bits in every recorded trace on amd64 at every GOAMD64 level and on
// arm64: cmd/fingerprints is built for each target and run natively, or
// under Debian's qemu-user when the target is another architecture, and
// every output must equal this test process's own. A GOAMD64 level the CPU
// lacks cannot run here and is reported, not failed (v1 and the foreign
// architecture must run). A missing qemu fails the test unless -short.
func TestSameBitsEverywhere(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the suite for five targets and runs one under qemu")
	}
	rs, err := Suite()
	if err != nil {
		t.Fatal(err)
	}
	want := Format(rs)
	for _, r := range rs {
		if r.Spikes == 0 {
			t.Errorf("%s: no spikes; the suite must exercise spiking", r.Name)
		}
	}
	t.Logf("this process (%s/%s):\n%s", runtime.GOOS, runtime.GOARCH, want)
	dir := t.TempDir()
	ran := map[string]bool{}
	for _, tg := range targets {
		bin := filepath.Join(dir, strings.NewReplacer(" ", "-", "=", "").Replace(tg.name))
		goCmd(t, tg.env, "build", "-o", bin, "./simlib/internal/crossarch/cmd/fingerprints")
		cmd := exec.Command(bin)
		how := "natively"
		if tg.arch != runtime.GOARCH {
			emu, err := exec.LookPath(qemu[tg.arch])
			if err != nil {
				t.Fatalf("%s: %s not found (%v): install Debian's qemu-user, e.g. with `golgi setup --test`", tg.name, qemu[tg.arch], err)
			}
			cmd, how = exec.Command(emu, bin), "under "+qemu[tg.arch]
		}
		start := time.Now()
		out, err := cmd.Output()
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) && strings.Contains(string(ee.Stderr), "microarchitecture support") && tg.name != targets[0].name {
				t.Logf("%s: this CPU cannot run it: %s", tg.name, strings.TrimSpace(string(ee.Stderr)))
				continue
			}
			t.Fatalf("%s: running %s: %v\n%s", tg.name, how, err, out)
		}
		ran[tg.name] = true
		t.Logf("%s: run %s in %.1f s", tg.name, how, time.Since(start).Seconds())
		if got := string(out); got != want {
			t.Errorf("%s gives other results than this process:\n%s\nwant:\n%s", tg.name, got, want)
		}
	}
	if !ran["arm64"] || !ran["amd64 GOAMD64=v1"] {
		t.Errorf("ran %v: amd64 v1 and arm64 must both run", ran)
	}
}
