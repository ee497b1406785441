package setup

import (
	"os"
	"path/filepath"
	"testing"
)

// TestHyparquetFound: a node_modules directory holding hyparquet at the
// pinned version is taken as it is (no npm run); another version or none
// is not.
func TestHyparquetFound(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "node_modules")
	t.Setenv("GOLGI_NODE_MODULES", dir)
	if TestNodeModules() != dir {
		t.Fatalf("TestNodeModules() = %s: want %s (GOLGI_NODE_MODULES)", TestNodeModules(), dir)
	}
	if v := installedNPM(dir, "hyparquet"); v != "" {
		t.Errorf("empty directory: version %q", v)
	}
	pkg := filepath.Join(dir, "hyparquet")
	os.MkdirAll(pkg, 0o755)
	os.WriteFile(filepath.Join(pkg, "package.json"), []byte(`{"name":"hyparquet","version":"0.1.0"}`), 0o644)
	if v := installedNPM(dir, "hyparquet"); v != "0.1.0" {
		t.Errorf("version %q: want 0.1.0", v)
	}
	os.WriteFile(filepath.Join(pkg, "package.json"), []byte(`{"name":"hyparquet","version":"`+HyparquetVersion+`"}`), 0o644)
	t.Setenv("PATH", "") // no npm: it must not be needed
	if fetched, err := ensureHyparquet(t.Context(), os.Stdout); err != nil || fetched {
		t.Errorf("pinned version present: fetched %v, %v: want found", fetched, err)
	}
}
