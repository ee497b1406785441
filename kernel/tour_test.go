package kernel_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTourNotebook executes notebooks/00_tour.ipynb with the golgi kernel:
// no cell fails, every code cell has one complete block, the run cell
// records the triad's runs (one of them from the run cache), a chart is
// shown, and golgi verify passes on the result.
func TestTourNotebook(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	src := filepath.Join(e.checkout, "notebooks", "00_tour.ipynb")
	out := filepath.Join(t.TempDir(), "tour.out.ipynb")
	// Run in place (the kernel's directory is the notebook's, inside the
	// golgi repository), with the output elsewhere.
	cmd := exec.Command(e.golgi, "run", "--jupyter-data-dir", data, "--html", "--out", filepath.Dir(out), src)
	// A fresh run cache: the cache cell's first run is simulated, its
	// second loaded.
	cacheDir := t.TempDir()
	cmd.Env = append(os.Environ(), "GOLGI_CACHE_DIR="+cacheDir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("golgi run %s: %v\n%s", src, err, b)
	}
	saved := filepath.Join(filepath.Dir(out), "00_tour.out.ipynb")
	nb, err := readNB(saved)
	if err != nil {
		t.Fatal(err)
	}
	code := 0
	var runs, cached int
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		code++
		bs, err := c.Blocks()
		if err != nil || len(bs) != 1 {
			t.Fatalf("cell %d: %d blocks (%v)", i+1, len(bs), err)
		}
		if err := bs[0].Check(); err != nil {
			t.Errorf("cell %d: %v", i+1, err)
		}
		if bs[0].Notebook.Commit == "" {
			t.Errorf("cell %d: the tour is in the golgi repository, but notebook_git has no commit (%s)", i+1, bs[0].Notebook.Note)
		}
		for _, r := range bs[0].Runs {
			runs++
			if r.Cached {
				cached++
			}
			if r.Fingerprint == "" || r.Status != "ok" || r.Neurons != 3 {
				t.Errorf("cell %d: run %+v", i+1, r)
			}
		}
		if strings.Contains(bs[0].Summary(), "✘") {
			t.Errorf("cell %d failed: %s", i+1, bs[0].Summary())
		}
	}
	if code < 5 || runs != 7 || cached != 1 {
		t.Errorf("%d code cells, %d runs, %d cached; want >= 5, 7 (1 + 1 + 3 + 2), 1", code, runs, cached)
	}
	// engine_order_spike_steps of simlib/models/testdata/izhikevich_triad.json.
	want := "spike steps:  [[197 869 1643 2425] [394 1086 1858 2639] [652 1428 2211 2993]]"
	found, chart := false, false
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			if strings.Contains(o.TextOf(), want) {
				found = true
			}
			if o.OutputType == "display_data" && strings.Contains(string(o.Data["text/html"]), "echarts") {
				chart = true
			}
		}
	}
	if !found {
		t.Errorf("no output %q", want)
	}
	if !chart {
		t.Error("no ECharts chart among the outputs")
	}
	verify := exec.Command(e.golgi, "verify", "--jupyter-data-dir", data, saved)
	verify.Env = cmd.Env
	b, err := verify.CombinedOutput()
	if err != nil {
		t.Fatalf("golgi verify: %v\n%s", err, b)
	}
	if !strings.Contains(string(b), "all 4 cells with runs match") {
		t.Errorf("verify output:\n%s", b)
	}
}
