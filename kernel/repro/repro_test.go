package repro

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/runlog"
)

func filled() *Block {
	b := &Block{}
	Static{
		User: "ana", Host: "lab1",
		Versions: Versions{Kernel: "(devel)", GoNB: "v0.11.5", Go: "go1.26.8"},
		Platform: Platform{OS: "linux", Arch: "amd64", CPU: "Some CPU", Cores: 2, GOMAXPROCS: 2},
		Modules:  []Module{{Path: "github.com/golgi-sim/golgi", Version: "(this checkout)"}},
	}.Apply(b)
	t0 := time.Date(2026, 1, 2, 21, 47, 0, 0, time.UTC)
	b.SetTimes(t0, t0.Add(1200*time.Millisecond))
	b.Status, b.ExecutionCount, b.SourceSHA256 = "ok", 3, HashSource("%%\nfmt.Println(1)")
	b.Notebook = GitState{Dir: "/nb", Note: "not a git repository"}
	b.Golgi = GitState{Dir: "/golgi", Commit: "3fa2c1d0e5b6a7988776655443322110ffeeddcc", Dirty: true, Changed: 2, DiffSHA256: "ab"}
	b.Runs = []runlog.Run{
		{Seed: 42, Neurons: 3, Fingerprint: "3fa2c1d0aabbccdd", Status: "ok"},
		{Seed: 42, Neurons: 3, Fingerprint: "99887766aabbccdd", Status: "ok", Cached: true},
	}
	return b
}

func TestSummary(t *testing.T) {
	b := filled()
	want := "✔ golgi · cell 3 · 1.2 s · 2 runs · seed 42 · fp 99887766… · 1 cached · golgi 3fa2c1d…+dirty"
	if got := b.Summary(); got != want {
		t.Errorf("Summary()\n got %q\nwant %q", got, want)
	}
	b.Status, b.Runs = "error", []runlog.Run{}
	if got := b.Summary(); !strings.HasPrefix(got, "✘ error golgi · cell 3") || !strings.Contains(got, "no runs") {
		t.Errorf("Summary() of a failed cell: %q", got)
	}
}

func TestHTMLEscapesAndLists(t *testing.T) {
	b := filled()
	b.Runs[0].Label = "<script>"
	b.Error = "x & y"
	h := b.HTML()
	if strings.Contains(h, "<script>") || !strings.Contains(h, "&lt;script&gt;") {
		t.Error("HTML does not escape a run label")
	}
	for _, s := range []string{"<details", "<summary", "ana@lab1", "99887766aabbccdd", "not a git repository", "v0.11.5", "</details>"} {
		if !strings.Contains(h, s) {
			t.Errorf("HTML lacks %q", s)
		}
	}
}

func TestCheck(t *testing.T) {
	b := filled()
	if err := b.Check(); err != nil {
		t.Fatalf("Check of a filled block: %v", err)
	}
	for name, spoil := range map[string]func(*Block){
		"host":             func(b *Block) { b.Host = "" },
		"execution_count":  func(b *Block) { b.ExecutionCount = 0 },
		"golgi_git.diff":   func(b *Block) { b.Golgi.DiffSHA256 = "" },
		"notebook_git.why": func(b *Block) { b.Notebook.Note = "" },
		"runs":             func(b *Block) { b.Runs = nil },
		"modules":          func(b *Block) { b.Modules = nil },
	} {
		b := filled()
		spoil(b)
		if err := b.Check(); err == nil {
			t.Errorf("Check accepts a block without %s", name)
		}
	}
	// JSON round trip keeps every field.
	raw, err := json.Marshal(filled())
	if err != nil {
		t.Fatal(err)
	}
	var back Block
	if err := json.Unmarshal(raw, &back); err != nil || back.Check() != nil || back.Summary() != filled().Summary() {
		t.Errorf("JSON round trip: %v %v", err, back.Check())
	}
}

func TestReadModules(t *testing.T) {
	p := filepath.Join(t.TempDir(), "go.mod")
	os.WriteFile(p, []byte("module example.com/m\n\ngo 1.26\n\nrequire github.com/a/b v1.2.3\n\nrequire (\n\tgithub.com/c/d v0.1.0 // indirect\n\tgolang.org/x/e v0.2.0\n)\n"), 0o644)
	got := ReadModules(p)
	want := []Module{{"example.com/m", "(this checkout)"}, {"github.com/a/b", "v1.2.3"}, {"github.com/c/d", "v0.1.0"}, {"golang.org/x/e", "v0.2.0"}}
	if len(got) != len(want) {
		t.Fatalf("ReadModules = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("module %d = %v, want %v", i, got[i], want[i])
		}
	}
	if m := ReadModules(filepath.Join(t.TempDir(), "missing")); len(m) != 1 || m[0].Path != "unknown" {
		t.Errorf("missing go.mod: %v", m)
	}
}

func TestGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	ctx := context.Background()
	dir := t.TempDir()
	if g := Git(ctx, dir); g.Commit != "" || g.Note != "not a git repository" {
		t.Errorf("plain dir: %+v", g)
	}
	gitc := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@t.invalid"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	gitc("init", "-q")
	if g := Git(ctx, dir); g.Note != "repository has no commit yet" {
		t.Errorf("empty repo: %+v", g)
	}
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("one\n"), 0o644)
	gitc("add", "a.txt")
	gitc("commit", "-q", "-m", "one")
	clean := Git(ctx, dir)
	if len(clean.Commit) != 40 || clean.Dirty || clean.DiffSHA256 == "" {
		t.Errorf("clean repo: %+v", clean)
	}
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("two\n"), 0o644)
	dirty := Git(ctx, dir)
	if !dirty.Dirty || dirty.Changed != 1 || len(dirty.Changes) != 1 || dirty.Changes[0] != " M a.txt" || dirty.DiffSHA256 == clean.DiffSHA256 || dirty.Commit != clean.Commit {
		t.Errorf("dirty repo: %+v (clean %+v)", dirty, clean)
	}
}

func TestCollectStatic(t *testing.T) {
	s := CollectStatic(context.Background(), "", "")
	if s.User == "" || s.Host == "" || s.Platform.Cores <= 0 || s.Platform.CPU == "" || s.Versions.Go == "" || s.Versions.Kernel == "" {
		t.Errorf("CollectStatic: %+v", s)
	}
	if !strings.HasPrefix(s.Versions.GoNB, "unknown") {
		t.Errorf("GoNB version without a binary: %q", s.Versions.GoNB)
	}
}

// A cell that runs a sweep makes many runs: the HTML lists the first 25 and
// the last 5 and says how many it left out.
func TestHTMLCapsRunRows(t *testing.T) {
	b := filled()
	b.Runs = nil
	for i := 0; i < 1000; i++ {
		b.Runs = append(b.Runs, runlog.Run{Seed: uint64(i), Fingerprint: fmt.Sprintf("fp%04d", i), Status: "ok"})
	}
	h := b.HTML()
	for _, s := range []string{"fp0000", "fp0024", "fp0995", "fp0999", "970 more runs"} {
		if !strings.Contains(h, s) {
			t.Errorf("HTML lacks %q", s)
		}
	}
	for _, s := range []string{"fp0025", "fp0500", "fp0994"} {
		if strings.Contains(h, s) {
			t.Errorf("HTML lists %q, which should be left out", s)
		}
	}
}

// An interrupted run shows how far it got, in the summary line and the
// table; a sweep's record shows its points; a point run its point.
func TestHTMLInterruptedAndSweep(t *testing.T) {
	b := filled()
	p := 3
	b.Runs = []runlog.Run{
		{Label: "long", Seed: 1, Steps: 1234, StepsAsked: 10000000, Duration: 123.4, Reached: 123.4, Status: "interrupted", Error: "interrupted by a signal (interrupt): context canceled", Fingerprint: "fp-long"},
		{Sweep: 1, Point: &p, Steps: 10, StepsAsked: 10, Status: "ok", Fingerprint: "fp-p3"},
		{Kind: "sweep", Label: "wexc×winh", Sweep: 1, Points: 20, Done: 20, Failed: 2, Status: "ok", Fingerprint: "fp-table"},
		runlog.ResultRun("rates", map[string]float64{"exc_hz": 5.25}),
		{Kind: "store", Label: "wexc×winh", Sweep: 1, Points: 20, Done: 20, Stored: 18, Status: "ok", Fingerprint: "fp-store"},
	}
	if s := b.Summary(); !strings.Contains(s, "5 runs") || !strings.Contains(s, "1 interrupted") {
		t.Errorf("Summary() = %q, want it to count the interrupted run", s)
	}
	h := b.HTML()
	for _, s := range []string{"1234 of 10000000", "interrupted: interrupted by a signal", "point 3", "sweep wexc×winh", "20 of 20 points (2 failed)", "fp-table", "result rates", "exc_hz=5.25", b.Runs[3].Fingerprint, "store wexc×winh", "20 of 20 points, 18 loaded", "fp-store"} {
		if !strings.Contains(h, s) {
			t.Errorf("HTML lacks %q", s)
		}
	}
	if strings.Contains(h, "10 of 10") {
		t.Error("HTML says steps of asked for a complete run")
	}
}
