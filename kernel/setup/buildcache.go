package setup

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
)

// CellPackages are the patterns of golgi's packages that notebook cells
// import; WarmBuildCache compiles them into Go's build cache so that the
// first cell of the first notebook is as quick as a later one (GoNB builds
// every cell's program with go build; docs/performance.md "Time to first
// result": with an empty cache the first COBA cell compiled for about 27 s
// of CPU, with a warm one it compiles main.go alone).
var CellPackages = []string{"./must/...", "./simlib/...", "./widgets/..."}

// WarmBuildCache compiles the packages matching patterns in dir (the golgi
// checkout) into Go's build cache unless every one is there already, and
// returns how many were not (0: nothing done). A package compiled here is
// found again by a cell's program: GoNB's go.work makes the checkout a
// workspace module, which compiles each package with the same inputs.
// The environment (GOFLAGS, GOCACHE) is the caller's, as GoNB's is the
// kernel's.
func WarmBuildCache(ctx context.Context, dir string, patterns ...string) (int, error) {
	// Commands (package main) are left out: go build discards them, and
	// go list calls them stale as long as they are not installed.
	list := exec.CommandContext(ctx, "go", append([]string{"list", "-buildvcs=false", "-f", "{{if and .Stale (ne .Name \"main\")}}{{.ImportPath}}{{end}}"}, patterns...)...)
	list.Dir = dir
	out, err := list.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = lastLines(ee.Stderr, 8)
		}
		return 0, fmt.Errorf("setup: go list %s in %s: %v: %s", strings.Join(patterns, " "), dir, err, msg)
	}
	stale := strings.Fields(string(out))
	if len(stale) == 0 {
		return 0, nil
	}
	build := exec.CommandContext(ctx, "go", append([]string{"build", "-buildvcs=false"}, stale...)...)
	build.Dir = dir
	if b, err := build.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("setup: go build of %d packages in %s: %v: %s", len(stale), dir, err, lastLines(b, 8))
	}
	return len(stale), nil
}
