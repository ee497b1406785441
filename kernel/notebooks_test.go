package kernel_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/kernel/nbrun"
)

// TestAllNotebooks executes every tutorial notebook in notebooks/ (the tour
// has its own, closer test) with the golgi kernel: none may fail, and every
// executed code cell gets a block.
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
			res, err := nbrun.Execute(t.Context(), src, out, nbrun.Options{JupyterDataDir: data, Timeout: 5 * time.Minute,
				Env: []string{"GOLGI_CACHE_DIR=" + t.TempDir()}})
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
		})
	}
	t.Logf("%d notebooks besides the tour", ran)
}
