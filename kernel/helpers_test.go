package kernel_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/kernel/nbrun"
	"github.com/golgi-sim/golgi/kernel/repro"
	"github.com/golgi-sim/golgi/kernel/setup"
)

// env is what the integration tests share: the tools found and the golgi
// binary built once.
type env struct {
	checkout string
	gonb     string
	golgi    string
	path     []string
}

var (
	envOnce sync.Once
	theEnv  env
	envErr  error
	buildTo string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "golgi-kernel-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	buildTo = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const setupHint = "run `go run ./kernel/cmd/golgi setup --test` (as root it installs everything the tests need)"

// integration returns the shared environment. Under -short it skips the
// test; in a full run a missing tool fails it.
func integration(t testing.TB) env {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test (starts Jupyter and GoNB): skipped under -short")
	}
	envOnce.Do(func() { theEnv, envErr = findEnv() })
	if envErr != nil {
		t.Fatalf("%v; %s", envErr, setupHint)
	}
	return theEnv
}

func findEnv() (env, error) {
	ctx := context.Background()
	var e env
	var err error
	if e.checkout, err = setup.FindCheckout("."); err != nil {
		return e, err
	}
	if err := setup.JupyterOK(ctx); err != nil {
		return e, fmt.Errorf("Jupyter is missing: %v", err)
	}
	bin, err := setup.GoBin(ctx)
	if err != nil {
		return e, err
	}
	e.gonb = filepath.Join(bin, "gonb")
	if v := setup.ModuleVersion(ctx, e.gonb, setup.GoNBModule); v != setup.GoNBVersion {
		return e, fmt.Errorf("GoNB %s is missing at %s (found %q)", setup.GoNBVersion, e.gonb, v)
	}
	for _, tool := range []string{"gopls", "goimports"} {
		if _, err := os.Stat(filepath.Join(bin, tool)); err != nil {
			if _, lerr := exec.LookPath(tool); lerr != nil {
				return e, fmt.Errorf("%s (needed by GoNB) is missing from %s and PATH", tool, bin)
			}
		}
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return e, fmt.Errorf("go env GOROOT: %v", err)
	}
	e.path = []string{bin, filepath.Join(strings.TrimSpace(string(goroot)), "bin")}
	e.golgi = filepath.Join(buildTo, "golgi")
	if _, err := setup.BuildGolgi(ctx, e.checkout, e.golgi); err != nil {
		return e, err
	}
	return e, nil
}

// dataDir makes a private Jupyter data dir with two kernels: "golgi" and
// "gonb-plain" (GoNB alone, with the same go.work).
func (e env) dataDir(t testing.TB) string {
	t.Helper()
	d := t.TempDir()
	if _, err := setup.WriteSpec(filepath.Join(d, "kernels", "golgi"), setup.Spec(e.golgi, e.gonb, e.checkout, e.path)); err != nil {
		t.Fatal(err)
	}
	plain := setup.KernelSpec{
		Argv:          []string{e.gonb, "--kernel", "{connection_file}", "--go_work=" + e.checkout},
		DisplayName:   "Go (gonb, plain)",
		Language:      "go",
		InterruptMode: "message",
		Env:           map[string]string{"PATH": strings.Join(append(e.path, os.Getenv("PATH")), ":")},
	}
	if _, err := setup.WriteSpec(filepath.Join(d, "kernels", "gonb-plain"), plain); err != nil {
		t.Fatal(err)
	}
	return d
}

// writeNotebook writes a notebook of code cells into dir.
func writeNotebook(t *testing.T, dir, name string, cells []string) string {
	t.Helper()
	type cell struct {
		CellType       string         `json:"cell_type"`
		ExecutionCount *int           `json:"execution_count"`
		Metadata       map[string]any `json:"metadata"`
		Outputs        []any          `json:"outputs"`
		Source         string         `json:"source"`
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"kernelspec": map[string]string{"name": "golgi", "display_name": setup.DisplayName, "language": "go"}},
	}
	var cs []cell
	for _, c := range cells {
		cs = append(cs, cell{CellType: "code", Metadata: map[string]any{}, Outputs: []any{}, Source: c})
	}
	nb["cells"] = cs
	b, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// execute runs a notebook with the named kernel and returns the result and
// the executed notebook.
func execute(t *testing.T, data, nb, kernel string, envv ...string) (*nbrun.Result, *nbrun.Notebook) {
	t.Helper()
	out := strings.TrimSuffix(nb, ".ipynb") + "." + kernel + ".out.ipynb"
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	res, err := nbrun.Execute(ctx, nb, out, nbrun.Options{Kernel: kernel, JupyterDataDir: data, Timeout: 2 * time.Minute, Env: envv})
	if err != nil {
		t.Fatalf("executing %s with %s: %v", nb, kernel, err)
	}
	got, err := nbrun.ReadNotebook(out)
	if err != nil {
		t.Fatal(err)
	}
	return res, got
}

// event is one line printed by testdata/session.py.
type event struct {
	Op      string          `json:"op"`
	PID     int             `json:"pid"`
	Status  string          `json:"status"`
	Outputs []sessionOutput `json:"outputs"`
	Blocks  []repro.Block   `json:"blocks"`
	// The client's clock (Unix seconds) of an execute: request sent,
	// first stream output (0: none), status idle.
	TSend  float64 `json:"t_send"`
	TFirst float64 `json:"t_first"`
	TIdle  float64 `json:"t_idle"`
}

type sessionOutput struct {
	Type   string `json:"type"`
	Name   string `json:"name"`
	Text   string `json:"text"`
	EName  string `json:"ename"`
	EValue string `json:"evalue"`
	HTML   string `json:"html"`
}

func (ev event) text() string {
	var b strings.Builder
	for _, o := range ev.Outputs {
		b.WriteString(o.Text)
	}
	return b.String()
}

// session drives a kernel through testdata/session.py; marker is put in the
// environment of Jupyter, and so of the kernel and every process it starts.
func session(t testing.TB, data, kernel, marker string, steps []map[string]any) []event {
	t.Helper()
	in, err := json.Marshal(steps)
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "session.py"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nbrun.Python, script, kernel)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "JUPYTER_DATA_DIR="+data, "GOLGI_TEST_MARKER="+marker)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var evs []event
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) == nil {
			evs = append(evs, ev)
		}
	}
	if err != nil {
		t.Fatalf("session.py: %v\nstdout: %s\nstderr: %s", err, stdout.String(), tail(stderr.String(), 40))
	}
	return evs
}

func tail(s string, n int) string {
	l := strings.Split(s, "\n")
	if len(l) > n {
		l = l[len(l)-n:]
	}
	return strings.Join(l, "\n")
}

// procsWithMarker lists the live processes whose environment holds
// GOLGI_TEST_MARKER=marker (ignoring zombies).
func procsWithMarker(marker string) []string {
	want := []byte("GOLGI_TEST_MARKER=" + marker + "\x00")
	ents, _ := os.ReadDir("/proc")
	var found []string
	for _, e := range ents {
		pid := e.Name()
		if pid[0] < '0' || pid[0] > '9' {
			continue
		}
		envb, err := os.ReadFile("/proc/" + pid + "/environ")
		if err != nil || !bytes.Contains(append(envb, 0), want) {
			continue
		}
		stat, _ := os.ReadFile("/proc/" + pid + "/stat")
		if f := strings.Fields(string(stat)); len(f) > 2 && f[2] == "Z" {
			continue
		}
		cmdline, _ := os.ReadFile("/proc/" + pid + "/cmdline")
		found = append(found, pid+" "+strings.ReplaceAll(string(cmdline), "\x00", " "))
	}
	return found
}

// waitNoProcs waits up to d for the processes with marker to end and
// returns those still alive.
func waitNoProcs(marker string, d time.Duration) []string {
	deadline := time.Now().Add(d)
	for {
		p := procsWithMarker(marker)
		if len(p) == 0 || time.Now().After(deadline) {
			return p
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func readNB(p string) (*nbrun.Notebook, error) { return nbrun.ReadNotebook(p) }
