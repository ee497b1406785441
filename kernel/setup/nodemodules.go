package setup

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// HyparquetVersion is the npm package hyparquet (a Parquet reader in
// JavaScript) that setup --test installs: simlib/recording's tests read
// golgi's Parquet files with it, a reader that is not golgi's.
const HyparquetVersion = "1.33.0"

// TestNodeModules is the node_modules directory setup --test installs the
// tests' npm packages into (GOLGI_NODE_MODULES overrides it; the tests of
// simlib/recording look there).
func TestNodeModules() string {
	if d := os.Getenv("GOLGI_NODE_MODULES"); d != "" {
		return d
	}
	dir, err := os.UserCacheDir()
	if err != nil || dir == "" {
		dir = filepath.Join(os.TempDir(), "golgi-cache")
	}
	return filepath.Join(dir, "golgi", "node", "node_modules")
}

// installedNPM returns the version of package name in node_modules dir,
// or "" when it is not there.
func installedNPM(dir, name string) string {
	b, err := os.ReadFile(filepath.Join(dir, name, "package.json"))
	if err != nil {
		return ""
	}
	var p struct{ Version string }
	if json.Unmarshal(b, &p) != nil {
		return ""
	}
	return p.Version
}

// ensureHyparquet installs hyparquet@HyparquetVersion into
// TestNodeModules with npm (npm install --prefix <its parent>), unless it
// is there; it reports whether it installed it.
func ensureHyparquet(ctx context.Context, out io.Writer) (installed bool, err error) {
	dir := TestNodeModules()
	if installedNPM(dir, "hyparquet") == HyparquetVersion {
		return false, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return false, fmt.Errorf("setup: npm is needed to install hyparquet@%s (Debian: apt-get install npm): %w", HyparquetVersion, err)
	}
	prefix := filepath.Dir(dir)
	if err := os.MkdirAll(prefix, 0o755); err != nil {
		return false, fmt.Errorf("setup: %w", err)
	}
	cmd := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund", "--prefix", prefix, "hyparquet@"+HyparquetVersion)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &stderr
	if err := cmd.Run(); err != nil {
		return false, fmt.Errorf("setup: npm install --prefix %s hyparquet@%s: %v: %s", prefix, HyparquetVersion, err, strings.TrimSpace(stderr.String()))
	}
	if v := installedNPM(dir, "hyparquet"); v != HyparquetVersion {
		return false, fmt.Errorf("setup: npm installed hyparquet %q into %s: want %s", v, dir, HyparquetVersion)
	}
	return true, nil
}
