package kernel_test

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sweepCells declare and run a sweep on 2 workers whose later points finish
// first: the completion order differs from the point order.
var sweepCells = []string{`import (
	"context"
	"fmt"
	"time"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/sweep"
)

// point drives 2 LIF cells with the point's DC and records a membrane
// trace; point i waits (6-i)·40 ms first, so later points finish first.
func point(ctx context.Context, p sweep.Point) (sweep.Output, error) {
	time.Sleep(time.Duration(6-p.Index) * 40 * time.Millisecond)
	net := network.New(network.Options{Seed: p.Seed, Workers: 1})
	net.AddPopulation("c", 2, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: p.Float("i_pa")})
	v := record.NewState(net.Population("c"), "v", []int{1}, 0.5)
	net.Record(v)
	if err := net.RunContext(ctx, 50); err != nil {
		return sweep.Output{}, err
	}
	return sweep.Output{Metrics: sweep.Metrics{"spikes": float64(net.SpikeCount())}}, nil
}`,
	`%%
var order []int
progress := func(p sweep.Progress) {
	if p.Last != nil {
		order = append(order, p.Last.Index)
	}
}
space := sweep.Grid(sweep.Values("i_pa", 200, 400, 600, 800, 1000, 1200))
tb, err := sweep.Run(context.Background(), space, point, &sweep.Options{Workers: 2, Seed: 5, Progress: progress})
if err != nil {
	fmt.Println(err)
	return
}
fmt.Println("completion order:", order)
fmt.Println("table fingerprint:", tb.Fingerprint())`,
}

var reOrder = regexp.MustCompile(`completion order: \[([0-9 ]+)\]`)

// TestVerifyMultiWorkerSweep: a notebook whose sweep runs on 2 workers
// passes golgi verify unchanged; its block lists the points' runs by point
// index, then the sweep's record with the table's fingerprint, although
// the points finished in another order.
func TestVerifyMultiWorkerSweep(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	dir := t.TempDir()
	nb := writeNotebook(t, dir, "sweep.ipynb", sweepCells)
	if out, err := exec.Command(e.golgi, "run", "--jupyter-data-dir", data, nb).CombinedOutput(); err != nil {
		t.Fatalf("golgi run: %v\n%s", err, out)
	}
	saved := strings.TrimSuffix(nb, ".ipynb") + ".out.ipynb"
	got, err := readNB(saved)
	if err != nil {
		t.Fatal(err)
	}
	text := got.Cells[1].Outputs
	var all strings.Builder
	for _, o := range text {
		all.WriteString(o.TextOf())
	}
	m := reOrder.FindStringSubmatch(all.String())
	if m == nil {
		t.Fatalf("sweep cell output lacks the completion order:\n%s", all.String())
	}
	var order []int
	for _, f := range strings.Fields(m[1]) {
		i, _ := strconv.Atoi(f)
		order = append(order, i)
	}
	if len(order) != 6 || slices.IsSorted(order) {
		t.Fatalf("completion order %v: want the 6 points out of order, or this test tests nothing", order)
	}
	bs, err := got.Cells[1].Blocks()
	if err != nil || len(bs) != 1 {
		t.Fatalf("sweep cell blocks %v, %v", bs, err)
	}
	runs := bs[0].Runs
	if len(runs) != 7 {
		t.Fatalf("%d runs in the block, want 6 points and the sweep: %+v", len(runs), runs)
	}
	for k, r := range runs[:6] {
		if r.Point == nil || *r.Point != k || r.Status != "ok" || r.Fingerprint == r.SpikeFingerprint {
			t.Fatalf("block run %d: point %v status %s fingerprint %s (spikes %s), want point %d, ok, traces hashed", k, r.Point, r.Status, r.Fingerprint, r.SpikeFingerprint, k)
		}
	}
	if s := runs[6]; s.Kind != "sweep" || s.Points != 6 || !strings.Contains(all.String(), "table fingerprint: "+s.Fingerprint) {
		t.Fatalf("sweep record %+v: want kind sweep, 6 points, the printed table fingerprint", s)
	}
	out, err := exec.Command(e.golgi, "verify", "--jupyter-data-dir", data, saved).CombinedOutput()
	if err != nil {
		t.Fatalf("golgi verify on an unchanged notebook with a 2-worker sweep: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "all 1 cells with runs match; the sources of all 2 cells with blocks are unchanged") {
		t.Errorf("verify output:\n%s", out)
	}
}

// subCells run 3 LIF cells below threshold (default LIF: input resistance
// TauM/Cm = 20 MΩ, so 750 pA reach threshold 15 mV above rest) and record a
// membrane trace: no cell spikes at 200, 300 or 301 pA.
var subCells = []string{`import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/runlog"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

func trace(amp float64) {
	net := network.New(network.Options{Seed: 1, Label: "dc"})
	net.AddPopulation("c", 3, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: amp, Start: 10})
	net.Record(record.NewState(net.Population("c"), "v", []int{0}, 0.1))
	if err := net.Run(100); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("spikes:", net.SpikeCount())
}`,
	"const amp = 300.0",
	"%%\ntrace(amp)",
	"%%\ntrace(200)",
	"%%\nfmt.Println(\"steady state:\", amp*20e-3, \"mV\")\nif err := runlog.Result(\"steady\", map[string]float64{\"mv\": amp * 20e-3}); err != nil {\n\tpanic(err)\n}",
}

// TestVerifySubthresholdChange: an edited parameter that changes only
// sub-threshold traces (no spike) fails golgi verify, naming the edited
// cell (source changed), the cell whose traces changed (results changed,
// same spikes) and the cell that printed and reported a result computed
// from it (results changed, without any run); an edit in a run cell is
// "source and results changed".
func TestVerifySubthresholdChange(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	dir := t.TempDir()
	nb := writeNotebook(t, dir, "sub.ipynb", subCells)
	if out, err := exec.Command(e.golgi, "run", "--jupyter-data-dir", data, nb).CombinedOutput(); err != nil {
		t.Fatalf("golgi run: %v\n%s", err, out)
	}
	saved := strings.TrimSuffix(nb, ".ipynb") + ".out.ipynb"
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(b), "spikes: 0") != 2 {
		t.Fatalf("the run cells do not both print 0 spikes:\n%s", b)
	}
	for _, c := range []struct {
		name, from, to string
		first          string
		table          []string
	}{
		{"parameter cell", "const amp = 300.0", "const amp = 301.0", "cell 2 (In [2]): MISMATCH: source changed",
			[]string{"MISMATCH (results changed)", "same spikes: recorded traces differ", "run 1 (result \"steady\"): fingerprint"}},
		{"run cell", "trace(200)", "trace(201)", "cell 4 (In [4]): MISMATCH: source and results changed", nil},
	} {
		edited := strings.Replace(string(b), c.from, c.to, 1)
		if edited == string(b) {
			t.Fatalf("%s: %q not found in %s", c.name, c.from, saved)
		}
		p := filepath.Join(dir, "edited.ipynb")
		if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(e.golgi, "verify", "--jupyter-data-dir", data, p).CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Fatalf("%s: golgi verify: %v, want exit 1\n%s", c.name, err, out)
		}
		t.Logf("%s: golgi verify:\n%s", c.name, out)
		if !strings.Contains(string(out), c.first) {
			t.Errorf("%s: verify does not say %q:\n%s", c.name, c.first, out)
		}
		for _, s := range c.table {
			if !strings.Contains(string(out), s) {
				t.Errorf("%s: verify table lacks %q:\n%s", c.name, s, out)
			}
		}
	}
}

// TestInterruptPlainRun: a plain net.Run (no context) interrupted by the
// kernel is in the cell's block, interrupted, with the steps it made of
// those asked and the time it reached; then the interrupt ends the cell's
// program as it did before (nothing after the run is printed).
func TestInterruptPlainRun(t *testing.T) {
	g := drive(t, []map[string]any{
		{"op": "execute", "code": "import (\n\t\"github.com/golgi-sim/golgi/simlib/network\"\n\t\"github.com/golgi-sim/golgi/simlib/neuron\"\n)"},
		{"op": "execute_async", "code": "%%\nnet := network.New(network.Options{DT: 0.1, Seed: 3, Label: \"plain\"})\nnet.AddPopulation(\"p\", 10, neuron.DefaultLIF())\nfmt.Println(\"started\")\nos.Stdout.Sync()\nerr := net.Run(1e9) // 10^10 steps: far longer than the test\nfmt.Println(\"run ended:\", err)"},
		{"op": "wait_text", "text": "started"},
		{"op": "sleep", "s": 1},
		{"op": "interrupt"},
		{"op": "collect", "timeout": 60},
		{"op": "shutdown"},
	})
	c := g["collect"]
	if len(c) != 1 || len(c[0].Blocks) != 1 {
		t.Fatalf("interrupted cell: %+v", c)
	}
	if strings.Contains(c[0].text(), "run ended") {
		t.Errorf("the program went on after the interrupted run: %q", c[0].text())
	}
	runs := c[0].Blocks[0].Runs
	if len(runs) != 1 {
		t.Fatalf("runs %+v, want the interrupted run", runs)
	}
	r := runs[0]
	if r.Label != "plain" || r.Status != "interrupted" || !strings.Contains(r.Error, "interrupted by a signal") ||
		r.StepsAsked != 10_000_000_000 || r.Steps <= 0 || r.Steps >= r.StepsAsked || r.Reached <= 0 || math.Abs(r.Reached-(r.Start+r.Duration)) > 1e-6*r.Reached || math.Abs(r.Reached-float64(r.Steps)*0.1) > 1e-6*r.Reached {
		t.Errorf("run %+v, want interrupted after some of 10^10 steps, with the time reached", r)
	}
	t.Logf("interrupted after %d of %d steps, at t = %v ms", r.Steps, r.StepsAsked, r.Reached)
}

// TestVerifyResumedStore: a notebook whose sweep runs into a store in the
// notebook's directory passes golgi verify unchanged, although verify finds
// the store full and loads every point instead of computing it: the store's
// table is compared (no false alarm), and the table says so.
func TestVerifyResumedStore(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	dir := t.TempDir()
	cells := []string{strings.Replace(sweepCells[0], `"github.com/golgi-sim/golgi/simlib/sweep"`, `"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/store"`, 1),
		`%%
space := sweep.Grid(sweep.Values("i_pa", 200, 400, 600, 800, 1000, 1200))
tb, err := store.Run(context.Background(), "runs/dc", space, point, &store.Options{Options: sweep.Options{Workers: 2, Seed: 5}})
if err != nil {
	fmt.Println(err)
	return
}
fmt.Println("table fingerprint:", tb.Fingerprint())`,
	}
	nb := writeNotebook(t, dir, "stored.ipynb", cells)
	if out, err := exec.Command(e.golgi, "run", "--jupyter-data-dir", data, nb).CombinedOutput(); err != nil {
		t.Fatalf("golgi run: %v\n%s", err, out)
	}
	saved := strings.TrimSuffix(nb, ".ipynb") + ".out.ipynb"
	got, err := readNB(saved)
	if err != nil {
		t.Fatal(err)
	}
	bs, _ := got.Cells[1].Blocks()
	if len(bs) != 1 || len(bs[0].Runs) != 8 || bs[0].Runs[7].Kind != "store" || bs[0].Runs[7].Stored != 0 {
		t.Fatalf("store cell blocks %+v: want 6 points, the sweep and the store (nothing loaded)", bs)
	}
	out, err := exec.Command(e.golgi, "verify", "--jupyter-data-dir", data, saved).CombinedOutput()
	t.Logf("golgi verify:\n%s", out)
	if err != nil {
		t.Fatalf("golgi verify with the store full: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "6 of 6 points loaded from its store") {
		t.Errorf("verify does not say that the points were loaded:\n%s", out)
	}
}
