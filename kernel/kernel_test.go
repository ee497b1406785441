package kernel_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/kernel/nbrun"
	"github.com/golgi-sim/golgi/kernel/repro"
)

// reportCell declares a function that reports a run through runlog exactly
// as simlib's network.Run does, with a fingerprint we choose.
const reportCell = `import "github.com/golgi-sim/golgi/simlib/runlog"

// report stands for a simulation run: network.Run reports the same way.
func report(label string, seed uint64, fp string) {
	err := runlog.Report(runlog.Run{Label: label, Seed: seed, Neurons: 3, Synapses: 3,
		DT: 0.1, Duration: 300, Steps: 3000, Workers: 1, Spikes: 11, Fingerprint: fp, Status: "ok"})
	if err != nil {
		panic(err)
	}
}`

func gitInit(t *testing.T, dir string) {
	t.Helper()
	for _, args := range [][]string{
		{"init", "-q"},
		{"-c", "user.name=golgi test", "-c", "user.email=test@golgi.invalid", "commit", "-q", "--allow-empty", "-m", "start"},
	} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v: %s", args, err, out)
		}
	}
}

// TestReproBlocks executes a notebook under nbclient: every executed code
// cell gets exactly one block with every field filled, and the runs a cell
// reports are in its block, in order.
func TestReproBlocks(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	dir := t.TempDir()
	gitInit(t, dir)
	cells := []string{
		reportCell,
		"%%\nfmt.Println(\"two runs\")\nreport(\"a\", 42, \"fp-a\")\nreport(\"b\", 7, \"fp-b\")",
		"%%\nfmt.Println(\"no runs\")",
		"func square(x int) int { return x * x }",
		"%%\nfmt.Println(square(12))",
	}
	nb := writeNotebook(t, dir, "blocks.ipynb", cells)
	// An untracked folder of the repository that is not the notebook's.
	if err := os.MkdirAll(filepath.Join(dir, "unrelated"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "unrelated", "data.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, got := execute(t, data, nb, "golgi")
	if res.Failure != nil {
		t.Fatalf("failure: %s", res.Failure)
	}
	if res.Executed != len(cells) {
		t.Fatalf("executed %d cells, want %d", res.Executed, len(cells))
	}
	for i, c := range got.Cells {
		bs, err := c.Blocks()
		if err != nil {
			t.Fatal(err)
		}
		if len(bs) != 1 {
			t.Fatalf("cell %d has %d repro blocks, want 1", i+1, len(bs))
		}
		b := bs[0]
		if err := b.Check(); err != nil {
			t.Errorf("cell %d: %v", i+1, err)
		}
		if b.Notebook.Commit == "" || b.Golgi.Commit == "" {
			t.Errorf("cell %d: git commits notebook=%q golgi=%q, want both", i+1, b.Notebook.Commit, b.Golgi.Commit)
		}
		if b.Status != "ok" {
			t.Errorf("cell %d: status %q, want ok", i+1, b.Status)
		}
		if c.ExecutionCount == nil || *c.ExecutionCount != b.ExecutionCount {
			t.Errorf("cell %d: block execution_count %d, cell's %v", i+1, b.ExecutionCount, c.ExecutionCount)
		}
		if want := repro.HashSource(cells[i]); b.SourceSHA256 != want {
			t.Errorf("cell %d: source_sha256 %s, want %s", i+1, b.SourceSHA256, want)
		}
		// Where the cell is: the notebook's file and the cell's position.
		if b.Location.Path != nb || b.Location.Cell != i+1 || b.Location.How != "sent by golgi run" {
			t.Errorf("cell %d: location %+v, want %s cell %d sent by golgi run", i+1, b.Location, nb, i+1)
		}
		if want := repro.CellName(i+1, b.ExecutionCount); !strings.Contains(b.Summary(), " · "+want+" · ") {
			t.Errorf("cell %d: summary %q does not name the cell %q", i+1, b.Summary(), want)
		}
		// The notebook's own git state: its file (untracked), not the
		// unrelated folder.
		if !reflect.DeepEqual(b.Notebook.Paths, []string{"blocks.ipynb"}) || !reflect.DeepEqual(b.Notebook.Changes, []string{"?? blocks.ipynb"}) || !b.Notebook.Dirty {
			t.Errorf("cell %d: notebook git %+v, want the notebook file only, untracked", i+1, b.Notebook)
		}
		// The modules the cell's program linked: golgi (runlog, declared
		// in cell 1 and so in every later program), none of go.mod's
		// others that the cell does not use (chromedp, zmq).
		var mods []string
		for _, m := range b.Modules {
			mods = append(mods, m.Path)
		}
		if len(mods) > 0 && !slices.Contains(mods, "github.com/golgi-sim/golgi") || slices.ContainsFunc(mods, func(p string) bool {
			return strings.Contains(p, "chromedp") || strings.Contains(p, "zmq")
		}) {
			t.Errorf("cell %d: modules %v (note %q), want golgi's and no chromedp or zmq", i+1, mods, b.ModulesNote)
		}
		if i == 1 && len(mods) == 0 {
			t.Errorf("cell 2 ran a program: modules empty (note %q)", b.ModulesNote)
		}
		t.Logf("cell %d: modules %v %s", i+1, mods, b.ModulesNote)
		// The block is the cell's last output, after the cell's own.
		last := c.Outputs[len(c.Outputs)-1]
		if last.Data[repro.MIMEType] == nil || last.Data["text/html"] == nil || last.Data["text/plain"] == nil {
			t.Errorf("cell %d: last output is not the block with JSON, HTML and text: %v", i+1, last)
		}
	}
	b, _ := got.Cells[1].Blocks()
	var fps []string
	for _, r := range b[0].Runs {
		fps = append(fps, fmt.Sprintf("%s/%d/%s", r.Label, r.Seed, r.Fingerprint))
	}
	if want := []string{"a/42/fp-a", "b/7/fp-b"}; !reflect.DeepEqual(fps, want) {
		t.Errorf("cell 2 runs %v, want %v", fps, want)
	}
	if s := b[0].Summary(); !strings.Contains(s, "2 runs") || !strings.Contains(s, "seed 42,7") || !strings.Contains(s, "fp fp-a,fp-b") {
		t.Errorf("cell 2 summary %q lacks the runs, seeds and both fingerprints", s)
	}
	for _, i := range []int{0, 2, 3, 4} {
		b, _ := got.Cells[i].Blocks()
		if len(b[0].Runs) != 0 {
			t.Errorf("cell %d has runs %v, want none", i+1, b[0].Runs)
		}
	}
}

// TestOutputsMatchPlainGoNB executes one notebook with GoNB alone and with
// the golgi kernel: apart from the blocks, the outputs are the same.
func TestOutputsMatchPlainGoNB(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	dir := t.TempDir()
	cells := []string{
		reportCell,
		"%%\nfmt.Println(\"hello\")\nfmt.Fprintln(os.Stderr, \"to stderr\")\nreport(\"x\", 1, \"fp\")",
		"%%\nfor i := range 3 {\n\tfmt.Printf(\"line %d\\n\", i)\n}",
		"import \"github.com/golgi-sim/golgi/widgets\"\n\n%%\nwidgets.DisplayHTML(\"<b>bold</b>\")",
		"%%\nfmt.Println(strings.Repeat(\"é✓\", 5))",
		"%%\nx := undefinedName\n_ = x",
	}
	nb := writeNotebook(t, dir, "same.ipynb", cells)
	_, plain := execute(t, data, nb, "gonb-plain")
	_, golgi := execute(t, data, nb, "golgi")
	if len(plain.Cells) != len(golgi.Cells) {
		t.Fatalf("%d cells with GoNB, %d with golgi", len(plain.Cells), len(golgi.Cells))
	}
	for i := range plain.Cells {
		p, g := canonical(plain.Cells[i]), canonical(golgi.Cells[i])
		// GoNB names its temporary directory after a random id; compile errors
		// show it.
		norm := func(ss []string) []string {
			var out []string
			for _, s := range ss {
				out = append(out, reGoNBTmp.ReplaceAllString(s, "gonb_XXXX"))
			}
			return out
		}
		if !reflect.DeepEqual(norm(p), norm(g)) {
			t.Errorf("cell %d outputs differ:\nGoNB:  %q\ngolgi: %q", i+1, norm(p), norm(g))
		}
	}
	// The comparison covers a display: cell 4 shows HTML through GoNB's
	// display channel (widgets → gonbui).
	if c := canonical(golgi.Cells[3]); len(c) != 3 || !strings.HasPrefix(c[2], "display_data:") || !strings.Contains(c[2], "<b>bold</b>") {
		t.Errorf("cell 4 outputs %q, want one display_data with the HTML", c)
	}
}

// TestRunReportsFailingCell: golgi run exits 1 and names the failing cell
// with its compile error, panic, timeout or the kernel's death; the executed
// notebook and its HTML are written anyway, and the failing cell's block
// says "error".
func TestRunReportsFailingCell(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	dir := t.TempDir()
	cases := []struct {
		name  string
		cells []string
		cell  int
		want  string
	}{
		{"compile", []string{"%%\nfmt.Println(1)", "%%\nx := undefinedThing\nfmt.Println(x)", "%%\nfmt.Println(3)"}, 2, "undefined: undefinedThing"},
		{"panic", []string{"%%\nfmt.Println(1)", "%%\nfmt.Println(2)", "%%\npanic(\"boom in cell\")"}, 3, "panic: boom in cell"},
		{"timeout", []string{"%%\nfmt.Println(1)", "%%\ntime.Sleep(time.Minute)", "%%\nfmt.Println(3)"}, 2, "did not finish within 30 s"},
		// The cell kills GoNB (its parent): the kernel ends, nbclient sees it dead.
		{"dead", []string{"%%\nfmt.Println(1)", "%%\nsyscall.Kill(os.Getppid(), syscall.SIGKILL)\ntime.Sleep(time.Minute)", "%%\nfmt.Println(3)"}, 2, "DeadKernelError"},
	}
	for _, c := range cases {
		nb := writeNotebook(t, dir, c.name+".ipynb", c.cells)
		cmd := exec.Command(e.golgi, "run", "--jupyter-data-dir", data, "--timeout", "30s", "--html", nb)
		out, err := cmd.CombinedOutput()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 1 {
			t.Fatalf("%s: golgi run: %v, want exit 1; output:\n%s", c.name, err, out)
		}
		// Named by position and execution count, as the block names it
		// (every cell before it ran: In [n] is the position here).
		if want := fmt.Sprintf("FAILED at cell %d (In [%d])", c.cell, c.cell); !strings.Contains(string(out), want) || !strings.Contains(string(out), c.want) {
			t.Errorf("%s: output lacks %q and %q:\n%s", c.name, want, c.want, out)
		}
		got, err := nbrun.ReadNotebook(strings.TrimSuffix(nb, ".ipynb") + ".out.ipynb")
		if err != nil {
			t.Fatalf("%s: executed notebook not written: %v", c.name, err)
		}
		if c.name == "dead" {
			continue // no block: the kernel that would publish it is gone
		}
		bs, _ := got.Cells[c.cell-1].Blocks()
		if len(bs) != 1 || bs[0].Status != "error" {
			t.Errorf("%s: failing cell blocks %+v, want one with status error", c.name, bs)
		}
		if len(got.Cells[c.cell-1].Outputs) == 0 {
			t.Errorf("%s: failing cell has no outputs", c.name)
		}
		if h, err := os.ReadFile(strings.TrimSuffix(nb, ".ipynb") + ".out.html"); err != nil || !strings.Contains(string(h), "golgi-repro") {
			t.Errorf("%s: HTML export missing or without blocks (%v)", c.name, err)
		}
	}
}

// TestVerify: verify passes on a freshly executed notebook and fails, naming
// the cell, when a recorded fingerprint is altered.
func TestVerify(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	dir := t.TempDir()
	nb := writeNotebook(t, dir, "v.ipynb", []string{
		reportCell,
		"%%\nreport(\"a\", 1, \"fp-one\")",
		"%%\nfmt.Println(\"nothing\")",
		"%%\nreport(\"b\", 2, \"fp-two\")\nreport(\"c\", 3, \"fp-three\")",
	})
	run := exec.Command(e.golgi, "run", "--jupyter-data-dir", data, nb)
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("golgi run: %v\n%s", err, out)
	}
	saved := strings.TrimSuffix(nb, ".ipynb") + ".out.ipynb"
	out, err := exec.Command(e.golgi, "verify", "--jupyter-data-dir", data, saved).CombinedOutput()
	if err != nil {
		t.Fatalf("golgi verify on a fresh notebook: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "all 2 cells with runs match") {
		t.Errorf("verify output:\n%s", out)
	}
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	altered := strings.Replace(string(b), `"fingerprint": "fp-three"`, `"fingerprint": "fp-tampered"`, 1)
	if altered == string(b) {
		t.Fatalf("fingerprint fp-three not found in %s", saved)
	}
	bad := filepath.Join(dir, "tampered.ipynb")
	if err := os.WriteFile(bad, []byte(altered), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = exec.Command(e.golgi, "verify", "--jupyter-data-dir", data, bad).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("golgi verify on a tampered notebook: %v, want exit 1\n%s", err, out)
	}
	if !strings.Contains(string(out), "cell 4 (In [4]): MISMATCH") || !strings.Contains(string(out), "fp-tampered") {
		t.Errorf("verify does not name cell 4 and the altered fingerprint:\n%s", out)
	}
}

// TestHundredCells runs 100 cells in a row: each gets its output and exactly
// one block, with the execution counts 1..100.
func TestHundredCells(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	dir := t.TempDir()
	cells := []string{reportCell}
	for i := 2; i <= 100; i++ {
		cells = append(cells, fmt.Sprintf("%%%%\nfmt.Println(\"cell %d\")\nreport(\"r\", %d, \"fp-%d\")", i, i, i))
	}
	nb := writeNotebook(t, dir, "hundred.ipynb", cells)
	t0 := time.Now()
	res, got := execute(t, data, nb, "golgi")
	t.Logf("100 cells in %.1f s", time.Since(t0).Seconds())
	if res.Failure != nil {
		t.Fatalf("failure: %s", res.Failure)
	}
	for i := 1; i < 100; i++ {
		c := got.Cells[i]
		bs, _ := c.Blocks()
		if len(bs) != 1 {
			t.Fatalf("cell %d: %d blocks", i+1, len(bs))
		}
		if bs[0].ExecutionCount != i+1 || len(bs[0].Runs) != 1 || bs[0].Runs[0].Fingerprint != fmt.Sprintf("fp-%d", i+1) {
			t.Fatalf("cell %d: block count %d runs %+v", i+1, bs[0].ExecutionCount, bs[0].Runs)
		}
		if u := canonical(c); len(u) != 2 || u[0] != fmt.Sprintf("stdout:cell %d\n", i+1) || u[1] != "stderr:" {
			t.Fatalf("cell %d: outputs %q", i+1, u)
		}
	}
}

var reGoNBTmp = regexp.MustCompile(`gonb_[0-9a-f]{8}`)

// canonical is a cell's outputs without golgi's blocks: all of stdout, all of
// stderr, then the other outputs in order. (GoNB reads stdout and stderr
// through two pipes, so how they interleave depends on timing, with or
// without the proxy.)
func canonical(c nbrun.Cell) []string {
	var stdout, stderr strings.Builder
	var other []string
	for _, o := range c.Outputs {
		switch {
		case o.Data[repro.MIMEType] != nil:
		case o.OutputType == "stream" && o.Name == "stdout":
			stdout.WriteString(o.TextOf())
		case o.OutputType == "stream":
			stderr.WriteString(o.TextOf())
		default:
			s := o.OutputType + ":" + o.TextOf() + o.EName + o.EValue
			if h, ok := o.Data["text/html"]; ok {
				s += ":html:" + string(h)
			}
			other = append(other, s)
		}
	}
	return append([]string{"stdout:" + stdout.String(), "stderr:" + stderr.String()}, other...)
}
