package assets

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// EChartsVersion is the ECharts release that go-echarts v2.6.7 targets.
const EChartsVersion = "5.4.3"

// EChartsEnv names the environment variable that overrides EChartsPath.
const EChartsEnv = "GOLGI_ECHARTS"

// minEChartsSize guards against a truncated or wrong file: the minified
// bundle of 5.4.3 has 1,024,740 bytes.
const minEChartsSize = 500_000

// EChartsPath returns where the ECharts bundle is (or will be) kept.
func EChartsPath() string {
	if p := os.Getenv(EChartsEnv); p != "" {
		return p
	}
	dir, err := os.UserCacheDir()
	if err != nil || dir == "" {
		dir = filepath.Join(os.TempDir(), "golgi-cache")
	}
	return filepath.Join(dir, "golgi", "echarts-"+EChartsVersion, "echarts.min.js")
}

// ErrNoECharts is returned by ECharts when the bundle has not been fetched.
var ErrNoECharts = errors.New("assets: the ECharts library is not installed; run `go run ./kernel/cmd/golgi setup` (or `golgi setup`) once, with npm available, to fetch echarts@" + EChartsVersion + " into " + EChartsPath())

// ECharts returns the contents of the local ECharts bundle, or ErrNoECharts.
func ECharts() ([]byte, error) {
	b, err := os.ReadFile(EChartsPath())
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoECharts
	}
	if err != nil {
		return nil, fmt.Errorf("assets: reading ECharts: %w", err)
	}
	if err := checkBundle(b); err != nil {
		return nil, fmt.Errorf("assets: %s: %w", EChartsPath(), err)
	}
	return b, nil
}

func checkBundle(b []byte) error {
	if len(b) < minEChartsSize {
		return fmt.Errorf("ECharts bundle has %d bytes, expected at least %d (truncated?)", len(b), minEChartsSize)
	}
	if !bytes.Contains(b[:min(len(b), 4096)], []byte("echarts")) {
		return errors.New("file does not look like the ECharts bundle")
	}
	return nil
}

// EnsureECharts makes sure the ECharts bundle is at EChartsPath, fetching it
// with `npm pack echarts@EChartsVersion` when it is missing. It reports the
// path and whether it fetched the file now.
func EnsureECharts(ctx context.Context) (path string, fetched bool, err error) {
	path = EChartsPath()
	if b, err := os.ReadFile(path); err == nil && checkBundle(b) == nil {
		return path, false, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return path, false, fmt.Errorf("assets: npm is needed to fetch echarts@%s and is not on PATH (Debian: apt-get install npm): %w", EChartsVersion, err)
	}
	tmp, err := os.MkdirTemp("", "golgi-echarts-")
	if err != nil {
		return path, false, fmt.Errorf("assets: %w", err)
	}
	defer os.RemoveAll(tmp)
	cmd := exec.CommandContext(ctx, npm, "pack", "--silent", "echarts@"+EChartsVersion)
	cmd.Dir = tmp
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return path, false, fmt.Errorf("assets: npm pack echarts@%s: %v: %s", EChartsVersion, err, strings.TrimSpace(stderr.String()))
	}
	name := strings.TrimSpace(string(out))
	if i := strings.LastIndexByte(name, '\n'); i >= 0 {
		name = name[i+1:]
	}
	b, err := extract(filepath.Join(tmp, name), "package/dist/echarts.min.js")
	if err != nil {
		return path, false, err
	}
	if err := checkBundle(b); err != nil {
		return path, false, fmt.Errorf("assets: fetched file: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return path, false, fmt.Errorf("assets: %w", err)
	}
	part := path + ".part"
	if err := os.WriteFile(part, b, 0o644); err != nil {
		return path, false, fmt.Errorf("assets: %w", err)
	}
	if err := os.Rename(part, path); err != nil {
		return path, false, fmt.Errorf("assets: %w", err)
	}
	return path, true, nil
}

// extract returns the file called member from the gzipped tar archive at tgz.
func extract(tgz, member string) ([]byte, error) {
	f, err := os.Open(tgz)
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("assets: %s: %w", tgz, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("assets: %s has no %s", tgz, member)
		}
		if err != nil {
			return nil, fmt.Errorf("assets: %s: %w", tgz, err)
		}
		if h.Name == member {
			return io.ReadAll(tr)
		}
	}
}
