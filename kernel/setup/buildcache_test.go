package setup

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWarmBuildCache: on an empty build cache the step compiles the
// module's library package (not its command), the second time it has
// nothing to do, and a cell's module that uses the checkout through
// go.work, as GoNB's does, finds the package compiled.
func TestWarmBuildCache(t *testing.T) {
	t.Setenv("GOCACHE", t.TempDir())
	root := t.TempDir()
	mod := filepath.Join(root, "golgi")
	writeFiles(t, mod, map[string]string{
		"go.mod":           "module example.com/golgi\n\ngo 1.26\n",
		"lib/lib.go":       "package lib\n\n// F is a function.\nfunc F() int { return 1 }\n",
		"cmd/tool/main.go": "package main\n\nfunc main() {}\n",
		"lib/lib_test.go":  "package lib\n",
		"nogo/README.md":   "not a package\n",
		"lib/sub/sub.go":   "package sub\n\nimport \"example.com/golgi/lib\"\n\n// G calls F.\nfunc G() int { return lib.F() }\n",
	})
	ctx := context.Background()
	n, err := WarmBuildCache(ctx, mod, "./...")
	if err != nil || n != 2 {
		t.Fatalf("first: %d packages compiled, %v; want 2 (lib, lib/sub)", n, err)
	}
	if n, err := WarmBuildCache(ctx, mod, "./..."); err != nil || n != 0 {
		t.Fatalf("second: %d packages compiled, %v; want 0", n, err)
	}
	cell := filepath.Join(root, "gonb_x")
	writeFiles(t, cell, map[string]string{
		"go.mod":  "module gonb_x\n\ngo 1.26\n",
		"go.work": "go 1.26\n\nuse (\n\t.\n\t" + mod + "\n)\n",
		"main.go": "package main\n\nimport \"example.com/golgi/lib/sub\"\n\nfunc main() { _ = sub.G() }\n",
	})
	cmd := exec.Command("go", "list", "-buildvcs=false", "-f", "{{.Stale}} {{.StaleReason}}", "example.com/golgi/lib/sub")
	cmd.Dir = cell
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "false" {
		t.Errorf("from the cell's workspace, lib/sub: %q, %v; want compiled (false)", out, err)
	}
	if _, err := WarmBuildCache(ctx, filepath.Join(root, "none"), "./..."); err == nil || !strings.Contains(err.Error(), "go list ./...") {
		t.Errorf("no such directory: %v", err)
	}
}
