package crossarch

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// fmaInstr matches a line of compiler assembly (go build -gcflags=-S) that
// is a fused multiply-add: arm64 FMADDD, FMSUBD, FNMADDD, FNMSUBD (and
// the single-precision S forms), amd64 VFMADD231SD and the other VFM*
// and VFNM* forms. Group 1 is the source file, 2 the line.
var fmaInstr = regexp.MustCompile(`\((\S+\.go):(\d+)\)\s+(FN?M(?:ADD|SUB)[DS]|VFN?M(?:ADD|SUB)\w+)\s`)

// fusedSites compiles simlib and widgets for the given target with -S and
// returns the source lines where the compiler emitted a fused multiply-add,
// as "file:line: source", and how many instructions it found.
func fusedSites(t *testing.T, env ...string) (sites map[string]string, n int) {
	out := goCmd(t, env, "build", "-gcflags=github.com/golgi-sim/golgi/...=-S", "./simlib/...", "./widgets/...")
	sites = map[string]string{}
	lines := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := fmaInstr.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		n++
		file, ln := m[1], m[2]
		if lines[file] == nil {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("reading %s: %v", file, err)
			}
			lines[file] = strings.Split(string(b), "\n")
		}
		k, _ := strconv.Atoi(ln)
		src := ""
		if k >= 1 && k <= len(lines[file]) {
			src = strings.TrimSpace(lines[file][k-1])
		}
		sites[fmt.Sprintf("%s:%s", file, ln)] = src
	}
	return sites, n
}

// No floating-point multiply-add appears in the object code of golgi's
// simlib and widgets packages for arm64 or amd64 GOAMD64=v3 (the targets
// where Go fuses x*y+z) except on source lines that call math.FMA, which
// rounds once on every target. Anywhere else a fusion would give other bits
// than amd64 v1: round the product explicitly, float64(x*y) (Go may fuse a
// product with an addition in a later statement, so a product stored in a
// variable counts too). The check is not vacuous: pmath.Exp's math.FMA
// calls must show up as fused instructions.
func TestNoFusedMultiplyAdd(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles simlib and widgets for two targets")
	}
	for _, target := range [][]string{{"GOARCH=arm64"}, {"GOARCH=amd64", "GOAMD64=v3"}} {
		sites, n := fusedSites(t, target...)
		explicit := 0
		for site, src := range sites {
			if strings.Contains(src, "math.FMA(") {
				if strings.Contains(site, "/simlib/pmath/exp.go:") {
					explicit++
				}
				continue
			}
			t.Errorf("%s: fused multiply-add at %s: %q (write float64(x*y) for each product, or math.FMA; the product may be in a variable set earlier, or a division by a power of two, x/2 being x*0.5)", strings.Join(target, " "), site, src)
		}
		if explicit < 9 {
			t.Errorf("%s: %d fused instructions in all, %d lines of pmath.Exp with math.FMA among them: want its 10 math.FMA calls fused (is the check finding instructions?)", strings.Join(target, " "), n, explicit)
		}
		t.Logf("%s: %d fused multiply-add instructions on %d source lines", strings.Join(target, " "), n, len(sites))
	}
}
