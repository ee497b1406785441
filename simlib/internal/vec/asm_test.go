package vec

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fmaOp matches the x86 fused multiply-add mnemonics (VFMADD*, VFMSUB*,
// VFNMADD*, VFNMSUB*, VFMADDSUB*, VFMSUBADD*), which would round once where
// the generic kernels round twice.
var fmaOp = regexp.MustCompile(`(?i)\bVFN?M(ADD|SUB)`)

// TestNoFMAInAssembly scans every assembly file of the package: a fused
// multiply-add would break the same-bits contract with the generic kernels.
func TestNoFMAInAssembly(t *testing.T) {
	files, err := filepath.Glob("*.s")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(b), "\n") {
			code, _, _ := strings.Cut(line, "//")
			if fmaOp.MatchString(code) {
				t.Errorf("%s:%d: fused multiply-add: %s", f, n+1, strings.TrimSpace(line))
			}
		}
	}
	if !fmaOp.MatchString("\tVFMADD231PD Y1, Y2, Y3") || fmaOp.MatchString("\tVMULPD Y1, Y2, Y3") {
		t.Fatal("fmaOp does not tell a fused multiply-add from a multiply")
	}
}

// TestSetAccelerated: switching off gives the generic kernels; switching
// on gives the assembly only where the machine has it.
func TestSetAccelerated(t *testing.T) {
	prev := SetAccelerated(false)
	defer SetAccelerated(prev)
	if Accelerated() {
		t.Fatal("SetAccelerated(false) left the assembly on")
	}
	SetAccelerated(true)
	if Accelerated() != hasAVX2 {
		t.Fatalf("SetAccelerated(true): Accelerated() = %v, machine has AVX2 kernels: %v", Accelerated(), hasAVX2)
	}
}
