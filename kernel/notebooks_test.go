package kernel_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/kernel/nbrun"
)

// TestAllNotebooks executes every tutorial notebook in notebooks/ (the tour
// has its own, closer test) with the golgi kernel: none may fail, every
// executed code cell gets a block, and golgi verify passes on the result
// (05_batch_simulation's batch runs on all cores: 2 workers on a 2-core machine).
func TestAllNotebooks(t *testing.T) {
	e := integration(t)
	nbs, err := filepath.Glob(filepath.Join(e.checkout, "notebooks", "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	data := e.dataDir(t)
	ran := 0
	for _, src := range nbs {
		name := filepath.Base(src)
		if name == "00_tour.ipynb" || strings.HasSuffix(name, ".out.ipynb") {
			continue
		}
		ran++
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), name)
			opt := nbrun.Options{JupyterDataDir: data, Timeout: 5 * time.Minute, Env: []string{"GOLGI_CACHE_DIR=" + t.TempDir()}}
			res, err := nbrun.Execute(t.Context(), src, out, opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Failure != nil {
				t.Fatalf("%s: %s", name, res.Failure)
			}
			nb, err := nbrun.ReadNotebook(out)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range nb.Cells {
				if c.CellType != "code" || strings.TrimSpace(c.Text()) == "" {
					continue
				}
				if bs, _ := c.Blocks(); len(bs) != 1 && !strings.Contains(c.Text(), "%golgi repro off") {
					t.Errorf("%s cell %d: %d repro blocks", name, i+1, len(bs))
				}
			}
			// The same run cache: runs cached by the first execution are
			// loaded, with the fingerprints they were simulated with.
			rep, err := nbrun.Verify(t.Context(), out, opt)
			if err != nil {
				t.Fatal(err)
			}
			if !rep.OK() {
				t.Fatalf("%s: verify of the unchanged notebook: %s\n%s", name, rep.FirstProblem(), rep.Table())
			}
			t.Logf("%s: verify: %d cells with runs match\n%s", name, rep.Compared(), rep.Table())
		})
	}
	t.Logf("%d notebooks besides the tour", ran)
}
