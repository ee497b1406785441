package setup

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteSpecIdempotent(t *testing.T) {
	kdir := filepath.Join(t.TempDir(), "kernels", "golgi")
	spec := Spec("/k/golgi", "/go/bin/gonb", "/src/golgi", []string{"/go/bin", ""})
	if got := strings.Join(spec.Argv, " "); got != "/k/golgi kernel --connection-file {connection_file} --gonb /go/bin/gonb --golgi-dir /src/golgi --path /go/bin" {
		t.Errorf("argv %q", got)
	}
	if spec.InterruptMode != "message" || spec.DisplayName != DisplayName {
		t.Errorf("spec %+v", spec)
	}
	for i, want := range []bool{true, false, false} {
		changed, err := WriteSpec(kdir, spec)
		if err != nil || changed != want {
			t.Fatalf("write %d: changed %v err %v, want %v", i+1, changed, err, want)
		}
	}
	spec.Argv[0] = "/elsewhere/golgi"
	if changed, _ := WriteSpec(kdir, spec); !changed {
		t.Error("a changed spec is not rewritten")
	}
}

func TestFindCheckout(t *testing.T) {
	d, err := FindCheckout(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(d, "kernel", "setup", "setup.go")); err != nil {
		t.Errorf("checkout %s: %v", d, err)
	}
	if _, err := FindCheckout(t.TempDir()); err == nil || !strings.Contains(err.Error(), "--golgi-dir") {
		t.Errorf("outside a checkout: %v", err)
	}
}
