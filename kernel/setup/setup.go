package setup

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/golgi-sim/golgi/kernel/repro"
	"github.com/golgi-sim/golgi/widgets/assets"
)

// Versions installed by setup.
const (
	GoNBVersion  = "v0.11.5"
	GoplsVersion = "v0.23.0"
	// GoimportsVersion is the golang.org/x/tools release whose goimports
	// setup installs when none is present (any goimports will do for GoNB;
	// this one was verified with GoNB v0.11.5 and Go 1.26).
	GoimportsVersion = "v0.52.0"
	GoNBModule       = "github.com/janpfeifer/gonb"
	KernelName       = "golgi"
	DisplayName      = "Go (golgi)"
	golgiModule      = "github.com/golgi-sim/golgi"
)

// Python is the interpreter that must import Jupyter's modules: Debian's
// (a pyenv python3 may come first on PATH).
var Python = "/usr/bin/python3"

// AptPackages are Debian's packages that provide Jupyter for golgi.
var AptPackages = []string{"jupyter-nbconvert", "python3-nbclient", "python3-jupyter-client", "jupyter-notebook"}

// Options configures Run.
type Options struct {
	// GolgiDir is the golgi checkout (default: found upwards from the
	// working directory).
	GolgiDir string
	// JupyterDataDir is where the kernel spec goes (default: $JUPYTER_DATA_DIR,
	// else ~/.local/share/jupyter).
	JupyterDataDir string
	// Out receives the report (default: stdout).
	Out io.Writer
	// NoApt skips installing Debian packages (only checks them).
	NoApt bool
	// Test also installs what the integration tests of the whole
	// repository drive: TestPackages.
	Test bool
}

// TestPackages are the Debian packages the integration tests drive besides
// Jupyter (installed by setup --test): a browser for the widgets' rendering
// tests, a one-node SLURM cluster for the sweep's job-array tests, and
// qemu's user-mode emulators for the cross-architecture determinism test
// (simlib/internal/crossarch runs an arm64 build under qemu-aarch64), and
// for the HDF5 exporters (go test -tags hdf5 ./simlib/recording/...) the
// HDF5 library's headers, h5dump, and h5py and hdmf for Debian's python3,
// their independent readers. Each is found by one of its programs, or by
// one of its files when Program is an absolute path.
var TestPackages = []struct{ Package, Program string }{
	{"chromium", "chromium"},
	{"slurm-wlm", "slurmctld"},
	{"munge", "munged"},
	{"qemu-user", "qemu-aarch64"},
	{"libhdf5-dev", "/usr/include/hdf5/serial/hdf5.h"},
	{"hdf5-tools", "h5dump"},
	{"python3-h5py", "/usr/lib/python3/dist-packages/h5py/__init__.py"},
	{"python3-hdmf", "/usr/lib/python3/dist-packages/hdmf/__init__.py"},
}

// Report is what Run did and found, one line per step.
type Report struct {
	Did   []string
	Found []string
}

// Run performs every setup step in order and stops at the first failure.
func Run(ctx context.Context, o Options) (*Report, error) {
	if o.Out == nil {
		o.Out = os.Stdout
	}
	var err error
	if o.GolgiDir == "" {
		if o.GolgiDir, err = FindCheckout("."); err != nil {
			return nil, err
		}
	}
	if o.JupyterDataDir == "" {
		o.JupyterDataDir = DefaultJupyterDataDir()
	}
	rep := &Report{}
	did := func(f string, a ...any) {
		s := fmt.Sprintf(f, a...)
		rep.Did = append(rep.Did, s)
		fmt.Fprintln(o.Out, "  installed: "+s)
	}
	found := func(f string, a ...any) {
		s := fmt.Sprintf(f, a...)
		rep.Found = append(rep.Found, s)
		fmt.Fprintln(o.Out, "  present:   "+s)
	}
	fmt.Fprintf(o.Out, "golgi setup: checkout %s, Jupyter data dir %s\n", o.GolgiDir, o.JupyterDataDir)

	// What cannot be done here (not root, or --no-apt) is said at the end;
	// the other steps go on.
	var todo []string
	// Jupyter from Debian.
	if err := JupyterOK(ctx); err == nil {
		found("Jupyter (nbclient, nbconvert, jupyter_client, notebook) for %s", Python)
	} else if o.NoApt || os.Geteuid() != 0 {
		cmd := "apt-get update && apt-get install -y " + strings.Join(AptPackages, " ")
		fmt.Fprintf(o.Out, "  MISSING:   Jupyter (%v); as root run: %s\n", err, cmd)
		todo = append(todo, "Jupyter: "+cmd)
	} else {
		if err := aptInstall(ctx, o.Out, AptPackages...); err != nil {
			return rep, err
		}
		if err := JupyterOK(ctx); err != nil {
			return rep, fmt.Errorf("setup: Jupyter still missing after apt-get: %w", err)
		}
		did("Debian packages %s", strings.Join(AptPackages, " "))
	}

	bin, err := GoBin(ctx)
	if err != nil {
		return rep, err
	}
	// goimports: any version.
	if p := filepath.Join(bin, "goimports"); exists(p) {
		found("goimports at %s", p)
	} else if lp, err := exec.LookPath("goimports"); err == nil {
		found("goimports at %s", lp)
	} else {
		if err := goCmd(ctx, o.Out, "", "install", "golang.org/x/tools/cmd/goimports@"+GoimportsVersion); err != nil {
			return rep, err
		}
		did("goimports into %s", bin)
	}
	// gopls at the pinned version.
	gopls := filepath.Join(bin, "gopls")
	if v := ModuleVersion(ctx, gopls, "golang.org/x/tools/gopls"); v == GoplsVersion {
		found("gopls %s at %s", v, gopls)
	} else {
		if err := goCmd(ctx, o.Out, "", "install", "golang.org/x/tools/gopls@"+GoplsVersion); err != nil {
			return rep, err
		}
		did("gopls %s into %s (was %q)", GoplsVersion, bin, v)
	}
	// GoNB at the pinned version.
	gonb := filepath.Join(bin, "gonb")
	if v := ModuleVersion(ctx, gonb, GoNBModule); v == GoNBVersion {
		found("GoNB %s at %s", v, gonb)
	} else {
		if err := buildGoNB(ctx, o.Out, gonb); err != nil {
			return rep, err
		}
		did("GoNB %s into %s (was %q)", GoNBVersion, gonb, v)
	}
	// ECharts, fetched with npm.
	_, npmErr := exec.LookPath("npm")
	if npmErr != nil && !o.NoApt && os.Geteuid() == 0 {
		if err := aptInstall(ctx, o.Out, "npm"); err != nil {
			return rep, err
		}
		did("Debian package npm")
		npmErr = nil
	}
	if path, fetched, err := assets.EnsureECharts(ctx); err == nil && fetched {
		did("ECharts %s into %s", assets.EChartsVersion, path)
	} else if err == nil {
		found("ECharts %s at %s", assets.EChartsVersion, path)
	} else if npmErr != nil {
		fmt.Fprintf(o.Out, "  MISSING:   ECharts %s (npm is needed once to fetch it); as root run: apt-get install -y npm, then golgi setup again\n", assets.EChartsVersion)
		todo = append(todo, "npm: apt-get install -y npm")
	} else {
		return rep, fmt.Errorf("setup: %w", err)
	}
	// The test suite's other tools.
	if o.Test {
		var missing []string
		for _, tp := range TestPackages {
			if filepath.IsAbs(tp.Program) && exists(tp.Program) {
				found("%s (%s)", tp.Package, tp.Program)
			} else if p, err := lookProgram(tp.Program); err == nil {
				found("%s (%s)", tp.Package, p)
			} else {
				missing = append(missing, tp.Package)
			}
		}
		switch {
		case len(missing) == 0:
		case o.NoApt || os.Geteuid() != 0:
			cmd := "apt-get install -y " + strings.Join(missing, " ")
			fmt.Fprintf(o.Out, "  MISSING:   %s; as root run: %s\n", strings.Join(missing, ", "), cmd)
			todo = append(todo, "test tools: "+cmd)
		default:
			if err := aptInstall(ctx, o.Out, missing...); err != nil {
				return rep, err
			}
			did("Debian packages %s", strings.Join(missing, " "))
		}
		// hyparquet (npm), the independent Parquet reader of the tests
		if fetched, err := ensureHyparquet(ctx, o.Out); err != nil && npmErr != nil {
			fmt.Fprintf(o.Out, "  MISSING:   hyparquet %s (npm is needed once to fetch it)\n", HyparquetVersion)
			todo = append(todo, "npm: apt-get install -y npm")
		} else if err != nil {
			return rep, err
		} else if fetched {
			did("hyparquet %s into %s", HyparquetVersion, TestNodeModules())
		} else {
			found("hyparquet %s in %s", HyparquetVersion, TestNodeModules())
		}
	}
	// The golgi binary and the kernel spec.
	kdir := filepath.Join(o.JupyterDataDir, "kernels", KernelName)
	golgiBin := filepath.Join(kdir, "golgi")
	changed, err := BuildGolgi(ctx, o.GolgiDir, golgiBin)
	if err != nil {
		return rep, err
	}
	if changed {
		did("golgi kernel binary %s (built from %s)", golgiBin, o.GolgiDir)
	} else {
		found("golgi kernel binary %s, up to date with %s", golgiBin, o.GolgiDir)
	}
	// Go's build cache: golgi's packages for the first cell.
	if n, err := WarmBuildCache(ctx, o.GolgiDir, CellPackages...); err != nil {
		return rep, err
	} else if n > 0 {
		did("Go build cache: %d of golgi's packages compiled (%s), for the first cell", n, strings.Join(CellPackages, " "))
	} else {
		found("Go build cache: golgi's packages (%s) compiled", strings.Join(CellPackages, " "))
	}
	spec := Spec(golgiBin, gonb, o.GolgiDir, []string{bin, goRootBin(ctx)})
	wrote, err := WriteSpec(kdir, spec)
	if err != nil {
		return rep, err
	}
	if wrote {
		did("kernel %q (%s) in %s", KernelName, DisplayName, kdir)
	} else {
		found("kernel %q (%s) in %s", KernelName, DisplayName, kdir)
	}
	if len(todo) > 0 {
		return rep, fmt.Errorf("setup: still missing, as root run: %s", strings.Join(todo, "; "))
	}
	return rep, nil
}

// FindCheckout returns the directory at or above dir whose go.mod declares
// the golgi module.
func FindCheckout(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("setup: %w", err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		b, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil && bytes.Contains(b, []byte("module "+golgiModule)) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("setup: no golgi checkout (go.mod with module %s) at or above %s; run from inside the checkout or pass --golgi-dir", golgiModule, abs)
		}
	}
}

// DefaultJupyterDataDir is $JUPYTER_DATA_DIR, else ~/.local/share/jupyter.
func DefaultJupyterDataDir() string {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Jupyter")
	}
	return filepath.Join(home, ".local", "share", "jupyter")
}

// JupyterOK checks that Debian's python can import what golgi run and the
// tests use.
func JupyterOK(ctx context.Context) error {
	if !exists(Python) {
		return fmt.Errorf("%s does not exist", Python)
	}
	out, err := exec.CommandContext(ctx, Python, "-c", "import nbclient, nbconvert, nbformat, jupyter_client, notebook").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s cannot import Jupyter's modules: %s", Python, lastLine(out))
	}
	return nil
}

func aptInstall(ctx context.Context, out io.Writer, pkgs ...string) error {
	env := append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	run := func(args ...string) error {
		fmt.Fprintln(out, "  running: apt-get "+strings.Join(args, " "))
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = env
		b, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("setup: apt-get %s: %v: %s", strings.Join(args, " "), err, lastLines(b, 5))
		}
		return nil
	}
	if err := run("update"); err != nil {
		return err
	}
	args := append([]string{"install", "-y"}, pkgs...)
	if err := run(args...); err != nil {
		// A transient dpkg failure has been seen here; one retry.
		fmt.Fprintln(out, "  apt-get install failed, retrying once:", err)
		return run(args...)
	}
	return nil
}

// GoBin is where go install puts binaries: $GOBIN, else $GOPATH/bin.
func GoBin(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOBIN", "GOPATH").Output()
	if err != nil {
		return "", fmt.Errorf("setup: go env: %w (is go on PATH?)", err)
	}
	lines := strings.Split(string(out), "\n")
	if len(lines) >= 1 && strings.TrimSpace(lines[0]) != "" {
		return strings.TrimSpace(lines[0]), nil
	}
	if len(lines) >= 2 && strings.TrimSpace(lines[1]) != "" {
		gp := strings.Split(strings.TrimSpace(lines[1]), string(os.PathListSeparator))[0]
		return filepath.Join(gp, "bin"), nil
	}
	return "", errors.New("setup: go env gives neither GOBIN nor GOPATH")
}

func goRootBin(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return filepath.Join(strings.TrimSpace(string(out)), "bin")
}

// ModuleVersion returns the version of module mod built into the binary at
// path ("" when the file is missing or does not contain it).
func ModuleVersion(ctx context.Context, path, mod string) string {
	return repro.ModuleVersion(ctx, path, mod)
}

func buildGoNB(ctx context.Context, out io.Writer, dst string) error {
	tmp, err := os.MkdirTemp("", "golgi-gonb-build-")
	if err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := goCmd(ctx, out, tmp, "mod", "init", "golgi.local/gonbbuild"); err != nil {
		return err
	}
	if err := goCmd(ctx, out, tmp, "get", GoNBModule+"@"+GoNBVersion); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	return goCmd(ctx, out, tmp, "build", "-o", dst, GoNBModule)
}

func goCmd(ctx context.Context, out io.Writer, dir string, args ...string) error {
	fmt.Fprintln(out, "  running: go "+strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-buildvcs=false", "GOTOOLCHAIN=local")
	b, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("setup: go %s: %v: %s", strings.Join(args, " "), err, lastLines(b, 8))
	}
	return nil
}

// BuildGolgi builds the golgi command of checkout into dst and reports
// whether dst changed.
func BuildGolgi(ctx context.Context, checkout, dst string) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return false, fmt.Errorf("setup: %w", err)
	}
	old, _ := os.ReadFile(dst)
	tmp := dst + ".new"
	// No VCS stamp: the block records the checkout's git state itself, and
	// stamping fails on checkouts git distrusts (another owner).
	cmd := exec.CommandContext(ctx, "go", "build", "-buildvcs=false", "-o", tmp, "./kernel/cmd/golgi")
	cmd.Dir = checkout
	b, err := cmd.CombinedOutput()
	if err != nil {
		os.Remove(tmp)
		return false, fmt.Errorf("setup: building golgi in %s: %v: %s", checkout, err, lastLines(b, 8))
	}
	nb, err := os.ReadFile(tmp)
	if err != nil {
		return false, fmt.Errorf("setup: %w", err)
	}
	if bytes.Equal(old, nb) {
		os.Remove(tmp)
		return false, nil
	}
	if err := os.Rename(tmp, dst); err != nil {
		return false, fmt.Errorf("setup: %w", err)
	}
	return true, nil
}

// KernelSpec is a Jupyter kernel.json.
type KernelSpec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env"`
	Metadata      map[string]any    `json:"metadata,omitempty"`
}

// Spec returns the kernel spec of the golgi kernel: golgiBin runs GoNB at
// gonb with a go.work on checkout; pathDirs are put before PATH for GoNB
// (where go, goimports and gopls are).
func Spec(golgiBin, gonb, checkout string, pathDirs []string) KernelSpec {
	argv := []string{golgiBin, "kernel", "--connection-file", "{connection_file}", "--gonb", gonb, "--golgi-dir", checkout}
	var dirs []string
	for _, d := range pathDirs {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	if len(dirs) > 0 {
		argv = append(argv, "--path", strings.Join(dirs, string(os.PathListSeparator)))
	}
	return KernelSpec{
		Argv:          argv,
		DisplayName:   DisplayName,
		Language:      "go",
		InterruptMode: "message",
		Env:           map[string]string{},
		Metadata:      map[string]any{"golgi_dir": checkout},
	}
}

// WriteSpec writes spec as kdir/kernel.json and reports whether the file
// changed.
func WriteSpec(kdir string, spec KernelSpec) (bool, error) {
	b, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return false, fmt.Errorf("setup: %w", err)
	}
	b = append(b, '\n')
	path := filepath.Join(kdir, "kernel.json")
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return false, nil
	}
	if err := os.MkdirAll(kdir, 0o755); err != nil {
		return false, fmt.Errorf("setup: %w", err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return false, fmt.Errorf("setup: %w", err)
	}
	return true, nil
}

// lookProgram finds a program on PATH or in the sbin directories (daemons
// such as slurmctld live there, and root's PATH may lack them).
func lookProgram(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	for _, d := range []string{"/usr/sbin", "/sbin", "/usr/local/sbin"} {
		if p := filepath.Join(d, name); exists(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s not found", name)
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func lastLine(b []byte) string { return lastLines(b, 1) }

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
