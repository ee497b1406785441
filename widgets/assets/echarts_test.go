package assets

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestEChartsMissing(t *testing.T) {
	t.Setenv(EChartsEnv, filepath.Join(t.TempDir(), "none.js"))
	if _, err := ECharts(); !errors.Is(err, ErrNoECharts) {
		t.Fatalf("ECharts() error = %v, want ErrNoECharts", err)
	}
}

func TestEChartsRejectsTruncated(t *testing.T) {
	p := filepath.Join(t.TempDir(), "echarts.min.js")
	if err := os.WriteFile(p, []byte("echarts"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EChartsEnv, p)
	if _, err := ECharts(); err == nil {
		t.Fatal("ECharts() accepted a 7-byte file")
	}
}

// TestEnsureECharts fetches the real bundle from the npm registry (integration).
func TestEnsureECharts(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches from npm; skipped with -short")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Fatal("npm is required for this test (apt-get install npm)")
	}
	t.Setenv(EChartsEnv, filepath.Join(t.TempDir(), "e", "echarts.min.js"))
	p, fetched, err := EnsureECharts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !fetched {
		t.Fatal("first EnsureECharts did not fetch")
	}
	b, err := ECharts()
	if err != nil {
		t.Fatal(err)
	}
	// 1,024,740 bytes: size of echarts@5.4.3 dist/echarts.min.js (the npm package).
	if len(b) != 1024740 {
		t.Fatalf("bundle at %s has %d bytes, want 1024740", p, len(b))
	}
	if _, fetched, err := EnsureECharts(context.Background()); err != nil || fetched {
		t.Fatalf("second EnsureECharts: fetched=%v err=%v, want false, nil", fetched, err)
	}
}
