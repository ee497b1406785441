package kernel_test

import (
	"strings"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/kernel/wire"
)

// longCell prints, then sleeps far longer than any test waits.
const longCell = "%%\nfmt.Println(\"started\")\ngonbSync()\ntime.Sleep(10 * time.Minute)\nfmt.Println(\"not reached\")"

// syncCell flushes stdout so that "started" is seen before the sleep.
const syncCell = "func gonbSync() { os.Stdout.Sync() }"

// TestInterruptThenRun interrupts a long-running cell and runs another: the
// interrupted cell ends with a block that is not "ok", the next cell runs
// normally, and nothing survives the kernel's shutdown.
func TestInterruptThenRun(t *testing.T) {
	g := drive(t, []map[string]any{
		{"op": "execute", "code": syncCell},
		{"op": "execute_async", "code": longCell},
		{"op": "wait_text", "text": "started"},
		{"op": "sleep", "s": 1},
		{"op": "interrupt"},
		{"op": "collect", "timeout": 60},
		{"op": "execute", "code": "%%\nfmt.Println(\"after interrupt\")"},
		{"op": "heartbeat", "s": 4},
		{"op": "shutdown"},
	})
	if len(g["collect"]) != 1 || len(g["execute"]) != 2 {
		t.Fatalf("events %+v", g)
	}
	intr := g["collect"][0]
	if !strings.Contains(intr.text(), "started") || strings.Contains(intr.text(), "not reached") {
		t.Errorf("interrupted cell output %q", intr.text())
	}
	if len(intr.Blocks) != 1 || intr.Blocks[0].Status == "ok" {
		t.Errorf("interrupted cell: blocks %+v, want one not ok", intr.Blocks)
	}
	if d := intr.Blocks[0].Duration; d > 30 {
		t.Errorf("interrupted cell took %.1f s", d)
	}
	after := g["execute"][1]
	if after.Status != "ok" || !strings.Contains(after.text(), "after interrupt") || len(after.Blocks) != 1 {
		t.Errorf("cell after interrupt: %+v", after)
	}
	if hb := g["heartbeat"]; len(hb) != 1 || hb[0].Status != "beating" {
		t.Errorf("heartbeat through the proxy: %+v", hb)
	}
}

// TestPanicCompileErrorThenRun: a cell that panics and one that does not
// compile each get an error and a block with status "error"; the kernel
// goes on.
func TestPanicCompileErrorThenRun(t *testing.T) {
	g := drive(t, []map[string]any{
		{"op": "execute", "code": "%%\npanic(\"cell panics\")"},
		{"op": "execute", "code": "%%\nvar x int = \"not an int\"\n_ = x"},
		// A helper declared after %%: GoNB's parse error, and the kernel's
		// note saying why and how to write it.
		{"op": "execute", "code": "%%\nfmt.Println(mean([]float64{1, 2}))\nfunc mean(x []float64) float64 { return x[0] }"},
		{"op": "execute", "code": "%%\nfmt.Println(\"still alive\")"},
		{"op": "shutdown"},
	})
	ex := g["execute"]
	if len(ex) != 4 {
		t.Fatalf("events %+v", g)
	}
	if s := ex[2].text(); !strings.Contains(s, "line 3 declares func mean after the %% line") || !strings.Contains(s, "Declare mean above the %% line") {
		t.Errorf("cell 3 (func after %%%%): no golgi note in %q", s)
	}
	for i, want := range []string{"cell panics", "cannot use", "expected '(', found mean"} {
		ev := ex[i]
		if ev.Status != "error" || len(ev.Blocks) != 1 || ev.Blocks[0].Status != "error" {
			t.Errorf("cell %d: status %q blocks %+v, want error", i+1, ev.Status, ev.Blocks)
		}
		all := ev.text()
		for _, o := range ev.Outputs {
			all += o.EValue
		}
		if !strings.Contains(all, want) && !strings.Contains(htmlOf(ev), want) {
			t.Errorf("cell %d: outputs lack %q: %+v", i+1, want, ev.Outputs)
		}
	}
	if ex[3].Status != "ok" || !strings.Contains(ex[3].text(), "still alive") {
		t.Errorf("cell after errors: %+v", ex[3])
	}
}

// TestRestart restarts the kernel: a new GoNB starts, declarations are gone,
// cells run and get blocks with counts from 1 again; the old kernel's
// processes are gone.
func TestRestart(t *testing.T) {
	g := drive(t, []map[string]any{
		{"op": "execute", "code": "func before() string { return \"declared\" }"},
		{"op": "execute", "code": "%%\nfmt.Println(before())"},
		{"op": "restart"},
		{"op": "execute", "code": "%%\nfmt.Println(\"after restart\")"},
		{"op": "shutdown"},
	})
	if len(g["restarted"]) != 1 || len(g["started"]) != 1 || g["restarted"][0].PID == g["started"][0].PID {
		t.Fatalf("restart events %+v", g)
	}
	ex := g["execute"]
	if len(ex) != 3 || !strings.Contains(ex[1].text(), "declared") {
		t.Fatalf("events %+v", g)
	}
	after := ex[2]
	if after.Status != "ok" || !strings.Contains(after.text(), "after restart") || len(after.Blocks) != 1 || after.Blocks[0].ExecutionCount != 1 {
		t.Errorf("cell after restart: %+v", after)
	}
}

// TestShutdownNoOrphans shuts the kernel down while a cell runs, politely
// and by killing it (as Jupyter does when a kernel does not stop), and kills
// a kernel right after it started (GoNB is still starting gopls, which runs
// in a process group of its own): nothing GoNB started survives.
func TestShutdownNoOrphans(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	running := []map[string]any{
		{"op": "execute", "code": syncCell},
		{"op": "execute_async", "code": longCell},
		{"op": "wait_text", "text": "started"},
		{"op": "sleep", "s": 1},
	}
	for _, c := range []struct {
		name  string
		steps []map[string]any
	}{
		{"polite, cell running", append(running, map[string]any{"op": "shutdown", "now": false})},
		{"killed, cell running", append(running, map[string]any{"op": "shutdown", "now": true})},
		{"killed at start", []map[string]any{{"op": "shutdown", "now": true}}},
	} {
		marker := wire.NewID()
		evs := session(t, data, "golgi", marker, c.steps)
		if len(byOp(evs)["shutdown"]) != 1 {
			t.Fatalf("%s: events %+v", c.name, evs)
		}
		if left := waitNoProcs(marker, 20*time.Second); len(left) > 0 {
			t.Errorf("%s: processes left after shutdown: %q", c.name, left)
		}
	}
}

// drive runs steps in a fresh golgi kernel (a private Jupyter data dir),
// checks that no process the kernel started is left once the session
// ended, and returns the events by op.
func drive(t *testing.T, steps []map[string]any) map[string][]event {
	t.Helper()
	e := integration(t)
	marker := wire.NewID()
	evs := session(t, e.dataDir(t), "golgi", marker, steps)
	if left := waitNoProcs(marker, 15*time.Second); len(left) > 0 {
		t.Errorf("processes left after the session: %q", left)
	}
	return byOp(evs)
}

func byOp(evs []event) map[string][]event {
	m := map[string][]event{}
	for _, ev := range evs {
		m[ev.Op] = append(m[ev.Op], ev)
	}
	return m
}

func htmlOf(ev event) string {
	var b strings.Builder
	for _, o := range ev.Outputs {
		b.WriteString(o.HTML)
	}
	return b.String()
}

// TestReproMagic: %golgi repro off removes the block from the following
// cells until %golgi repro on; GoNB never sees the magic lines.
func TestReproMagic(t *testing.T) {
	g := drive(t, []map[string]any{
		{"op": "execute", "code": "%%\nfmt.Println(\"one\")"},
		{"op": "execute", "code": "%golgi repro off\n%%\nfmt.Println(\"two\")"},
		{"op": "execute", "code": "%%\nfmt.Println(\"three\")"},
		{"op": "execute", "code": "%golgi repro on"},
		{"op": "execute", "code": "%golgi nonsense\n%%\nfmt.Println(\"five\")"},
		{"op": "shutdown"},
	})
	ex := g["execute"]
	if len(ex) != 5 {
		t.Fatalf("events %+v", g)
	}
	for i, want := range []struct {
		blocks int
		text   string
	}{{1, "one"}, {0, "golgi: reproducibility block off\ntwo"}, {0, "three"}, {1, "golgi: reproducibility block on"}, {1, "five"}} {
		if ex[i].Status != "ok" || len(ex[i].Blocks) != want.blocks || !strings.Contains(ex[i].text(), want.text) {
			t.Errorf("cell %d: status %s, %d blocks, text %q; want ok, %d, %q", i+1, ex[i].Status, len(ex[i].Blocks), ex[i].text(), want.blocks, want.text)
		}
	}
	if !strings.Contains(ex[4].text(), "golgi: unknown magic %golgi nonsense") {
		t.Errorf("unknown magic not reported: %q", ex[4].text())
	}
}

// TestTopLevelRunWarning: a run made by a top-level var initializer (no %%)
// is recorded, warned about, and, as GoNB evaluates declarations again in
// every program, shows up again in the next cell's block.
func TestTopLevelRunWarning(t *testing.T) {
	g := drive(t, []map[string]any{
		{"op": "execute", "code": reportCell},
		{"op": "execute", "code": "var early = func() int { report(\"g\", 5, \"fp-g\"); return 1 }()"},
		{"op": "execute", "code": "%%\nfmt.Println(early)"},
		{"op": "shutdown"},
	})
	ex := g["execute"]
	if len(ex) != 3 {
		t.Fatalf("events %+v", g)
	}
	if len(ex[1].Blocks) != 1 || len(ex[1].Blocks[0].Runs) != 1 || !strings.Contains(ex[1].text(), "golgi: this cell has no %% but made 1 simulation run(s)") {
		t.Errorf("declaring cell: blocks %+v text %q", ex[1].Blocks, ex[1].text())
	}
	if len(ex[2].Blocks) != 1 || len(ex[2].Blocks[0].Runs) != 1 || strings.Contains(ex[2].text(), "golgi: this cell") {
		t.Errorf("next cell: blocks %+v text %q", ex[2].Blocks, ex[2].text())
	}
}

// TestStdin: an input request from GoNB reaches the client over the stdin
// channel through the proxy, and the answer gets back to the cell.
func TestStdin(t *testing.T) {
	g := drive(t, []map[string]any{
		{"op": "execute_stdin", "code": "%with_inputs\n!read -p 'name? ' x && echo \"got $x\"", "value": "golgi-42"},
		{"op": "shutdown"},
	})
	ex := g["execute"]
	if len(ex) != 1 || ex[0].Status != "ok" || !strings.Contains(ex[0].text(), "got golgi-42") || len(ex[0].Blocks) != 1 {
		t.Errorf("stdin cell: %+v", ex)
	}
}

// TestInterruptCancelsRun interrupts a cell inside a long network run that
// uses simlib/interrupt: the run stops cleanly, the cell ends normally, and
// its block records the run as cancelled, with the steps it made.
func TestInterruptCancelsRun(t *testing.T) {
	g := drive(t, []map[string]any{
		{"op": "execute", "code": "import (\n\t\"github.com/golgi-sim/golgi/simlib/interrupt\"\n\t\"github.com/golgi-sim/golgi/simlib/network\"\n\t\"github.com/golgi-sim/golgi/simlib/neuron\"\n)"},
		{"op": "execute_async", "code": "%%\nnet := network.New(network.Options{DT: 0.1, Seed: 3, Label: \"long\"})\nnet.AddPopulation(\"p\", 10, neuron.DefaultLIF())\nctx, stop := interrupt.Context()\ndefer stop()\nfmt.Println(\"started\")\nos.Stdout.Sync()\nerr := net.RunContext(ctx, 1e9) // 10^10 steps: far longer than the test\nfmt.Println(\"run ended:\", err)"},
		{"op": "wait_text", "text": "started"},
		{"op": "sleep", "s": 1},
		{"op": "interrupt"},
		{"op": "collect", "timeout": 60},
		{"op": "shutdown"},
	})
	c := g["collect"]
	if len(c) != 1 || c[0].Status != "ok" || !strings.Contains(c[0].text(), "run ended: context canceled") || len(c[0].Blocks) != 1 {
		t.Fatalf("interrupted run cell: %+v", c)
	}
	runs := c[0].Blocks[0].Runs
	if len(runs) != 1 || runs[0].Label != "long" || runs[0].Status != "cancelled" || runs[0].Steps <= 0 || runs[0].Steps >= 10_000_000_000 {
		t.Errorf("runs %+v, want one cancelled run with some steps", runs)
	}
}
