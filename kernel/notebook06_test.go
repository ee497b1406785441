package kernel_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/kernel/nbrun"
	"github.com/golgi-sim/golgi/kernel/repro"
)

// labNotebook is the tutorial on the reproducibility block; TestAllNotebooks
// leaves it to TestLabNotebook, which checks its key numbers.
const labNotebook = "06_reproducible_lab_notebook.ipynb"

// TestLabNotebook executes notebooks/06_reproducible_lab_notebook.ipynb:
// its key numbers, the blocks it explains, then golgi verify on the result.
//
// The numbers were measured by executing the notebook (golgi run) on this
// machine: seed 42 makes 1798 excitatory and 480 inhibitory spikes in the
// quarter-size COBA network in 300 ms, fingerprint 0670691b… (spikes and
// the excitatory rate recorder), the same on 1, 2 and 4 workers; seed 43
// makes 1178 spikes, fingerprint 313ef8d5…. The notebook's prose quotes
// them, and golgi verify's output on it.
func TestLabNotebook(t *testing.T) {
	e := integration(t)
	src := filepath.Join(e.checkout, "notebooks", labNotebook)
	out := filepath.Join(t.TempDir(), labNotebook)
	opt := nbrun.Options{JupyterDataDir: e.dataDir(t), Timeout: 2 * time.Minute, Env: []string{"GOLGI_CACHE_DIR=" + t.TempDir()}}
	res, err := nbrun.Execute(t.Context(), src, out, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Failure != nil {
		t.Fatalf("%s", res.Failure)
	}
	t.Logf("executed in %.1f s", res.Wall.Seconds())
	nb, err := nbrun.ReadNotebook(out)
	if err != nil {
		t.Fatal(err)
	}
	const fp42, fp43 = "0670691b3b4d354d1c58d9fb8c427801", "313ef8d5357364cf2125df744cfe9626"
	text := func(i int) string {
		var b strings.Builder
		for _, o := range nb.Cells[i-1].Outputs {
			if o.OutputType == "stream" {
				b.WriteString(o.TextOf())
			}
		}
		return b.String()
	}
	for cell, wants := range map[int][]string{
		4: {"seed 42, 1 worker: 1798 excitatory and 480 inhibitory spikes, fingerprint " + fp42},
		7: {"seed 42, 1 worker(s): 2278 spikes, fingerprint " + fp42, "seed 42, 2 worker(s): 2278 spikes, fingerprint " + fp42,
			"seed 42, 4 worker(s): 2278 spikes, fingerprint " + fp42, "same bits on 1, 2 and 4 workers: true"},
		9: {"seed 43: 1178 spikes, fingerprint " + fp43, "seed 42: 2278 spikes, fingerprint " + fp42},
	} {
		for _, w := range wants {
			if !strings.Contains(text(cell), w) {
				t.Errorf("cell %d prints %q, want %q", cell, text(cell), w)
			}
		}
	}
	// The blocks: every code cell named by position and count, located in
	// the notebook file, with its runs' fingerprints in the summary.
	count := 0
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		count++
		bs, _ := c.Blocks()
		if len(bs) != 1 {
			t.Fatalf("cell %d: %d blocks", i+1, len(bs))
		}
		b := bs[0]
		if err := b.Check(); err != nil {
			t.Errorf("cell %d: %v", i+1, err)
		}
		if b.Location.Path != src || b.Location.Cell != i+1 || b.ExecutionCount != count {
			t.Errorf("cell %d: location %+v, execution count %d; want %s, cell %d, In [%d]", i+1, b.Location, b.ExecutionCount, src, i+1, count)
		}
		if len(b.Notebook.Paths) != 1 || b.Notebook.Paths[0] != labNotebook {
			t.Errorf("cell %d: notebook git state of %v, want the notebook's file only", i+1, b.Notebook.Paths)
		}
		if i+1 == 7 {
			want := repro.CellName(7, 3) + " · "
			if s := b.Summary(); !strings.Contains(s, want) || !strings.Contains(s, "fp "+fp42[:8]+"…,"+fp42[:8]+"…,"+fp42[:8]+"…") {
				t.Errorf("cell 7 summary %q: want %q and the 3 runs' fingerprints", s, want)
			}
		}
	}
	rep, err := nbrun.Verify(t.Context(), out, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || rep.Compared() != 3 {
		t.Fatalf("verify: %s (%d cells with runs compared, want 3)\n%s", rep.FirstProblem(), rep.Compared(), rep.Table())
	}
}
