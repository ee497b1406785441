package kernel_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/kernel/setup"
)

// dwarfCell reports whether the cell's own program carries DWARF debug
// information, and the GOFLAGS it was started with.
const dwarfCell = `import (
	"debug/elf"
	"fmt"
	"os"

	"github.com/golgi-sim/golgi/must"
	"github.com/golgi-sim/golgi/simlib/models"
)

%%
exe := must.Get(os.Executable())
f := must.Get(elf.Open(exe))
_, err := models.VANetwork(models.DefaultCOBA())
must.Do(err)
fmt.Printf("dwarf=%v goflags=%q\n", f.Section(".debug_info") != nil || f.Section(".zdebug_info") != nil, os.Getenv("GOFLAGS"))`

// TestCellsLinkedWithoutDWARF: the kernel has GoNB link every cell with
// -ldflags=-w (docs/kernel.md), the repro block still lists the modules
// of the cell's program (go version -m does not need DWARF), and
// --dwarf gives GoNB's default link back.
func TestCellsLinkedWithoutDWARF(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	spec := setup.Spec(e.golgi, e.gonb, e.checkout, e.path)
	spec.Argv = append(spec.Argv, "--dwarf")
	if _, err := setup.WriteSpec(filepath.Join(data, "kernels", "golgi-dwarf"), spec); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		kernel, want string
	}{{"golgi", "dwarf=false"}, {"golgi-dwarf", "dwarf=true"}} {
		evs := session(t, data, c.kernel, "", []map[string]any{{"op": "execute", "code": dwarfCell}, {"op": "shutdown"}})
		if len(evs) < 2 || evs[1].Op != "execute" || evs[1].Status != "ok" {
			t.Fatalf("%s: %+v", c.kernel, evs)
		}
		ev := evs[1]
		out := ev.text()
		if !strings.Contains(out, c.want) {
			t.Errorf("%s: cell printed %q, want %s", c.kernel, out, c.want)
		}
		if hasW := strings.Contains(out, "-ldflags=-w"); hasW == (c.kernel == "golgi-dwarf") {
			t.Errorf("%s: GOFLAGS in the cell: %q", c.kernel, out)
		}
		if len(ev.Blocks) != 1 {
			t.Fatalf("%s: %d blocks", c.kernel, len(ev.Blocks))
		}
		found := false
		for _, m := range ev.Blocks[0].Modules {
			found = found || m.Path == "github.com/golgi-sim/golgi"
		}
		if !found {
			t.Errorf("%s: block's modules %+v (note %q) lack golgi", c.kernel, ev.Blocks[0].Modules, ev.Blocks[0].ModulesNote)
		}
	}
}
