package repro

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
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
	}.Apply(b)
	b.Modules = []Module{{Path: "github.com/golgi-sim/golgi", Version: "(devel)"}}
	b.Location = Location{Path: "/nb/lab.ipynb", Cell: 7, How: "sent by golgi run"}
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
	// Position and execution count, and both runs' fingerprints.
	want := "✔ golgi · cell 7 (In [3]) · 1.2 s · 2 runs · seed 42 · fp 3fa2c1d0…,99887766… · 1 cached · golgi 3fa2c1d…+dirty"
	if got := b.Summary(); got != want {
		t.Errorf("Summary()\n got %q\nwant %q", got, want)
	}
	// Beyond three runs: the combined fingerprint and the count.
	b.Runs = append(b.Runs, runlog.Run{Seed: 42, Fingerprint: "aaaa1111", Status: "ok"}, runlog.Run{Seed: 42, Fingerprint: "bbbb2222", Status: "ok"})
	comb := b.CombinedFingerprint()
	if got := b.Summary(); !strings.Contains(got, "4 runs") || !strings.Contains(got, "fp "+comb[:8]+"… (all 4 combined)") {
		t.Errorf("Summary() with 4 runs: %q, want the combined fingerprint %s", got, comb)
	}
	// The combined fingerprint changes with any run's, here the first.
	b.Runs[0].Fingerprint = "3fa2c1d0aabbccde"
	if b.CombinedFingerprint() == comb {
		t.Error("CombinedFingerprint does not change when a run's fingerprint does")
	}
	if h := b.HTML(); !strings.Contains(h, b.CombinedFingerprint()) || !strings.Contains(h, "bbbb2222") {
		t.Error("HTML lacks the combined fingerprint or a run's own")
	}
	b.Status, b.Runs = "error", []runlog.Run{}
	if got := b.Summary(); !strings.HasPrefix(got, "✘ error golgi · cell 7 (In [3])") || !strings.Contains(got, "no runs") {
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
		"location":         func(b *Block) { b.Location = Location{} },
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

func TestCellName(t *testing.T) {
	for _, c := range []struct {
		pos, count int
		want       string
	}{{7, 4, "cell 7 (In [4])"}, {7, 0, "cell 7"}, {0, 4, "In [4]"}, {0, 0, "cell ?"}} {
		if got := CellName(c.pos, c.count); got != c.want {
			t.Errorf("CellName(%d, %d) = %q, want %q", c.pos, c.count, got, c.want)
		}
	}
}

// The build info text is `go version -m` of a binary built in a workspace
// with golgi (devel) and a module with a replacement (the layout of
// cmd/go's output, tab-separated).
func TestParseBuildInfo(t *testing.T) {
	text := "/tmp/gonb_1/gonb_1: go1.26.8\n\tpath\tgonb_1\n\tmod\tgonb_1\t(devel)\t\n" +
		"\tdep\tgithub.com/golgi-sim/golgi\t(devel)\t\n" +
		"\tdep\tgonum.org/v1/gonum\tv0.16.0\th1:abc=\n" +
		"\tdep\texample.com/x\tv1.0.0\n\t=>\t../x\t(devel)\t\n" +
		"\tbuild\tGOARCH=amd64\n"
	got := ParseBuildInfo(text)
	want := []Module{{"github.com/golgi-sim/golgi", "(devel)", ""}, {"gonum.org/v1/gonum", "v0.16.0", ""}, {"example.com/x", "v1.0.0", "../x (devel)"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ParseBuildInfo = %v, want %v", got, want)
	}
}

// LinkedModules on a real binary: the test binary links this package's
// dependencies (simlib/runlog is golgi's own module, so its module is the
// main one and not a dep); go version -m must list the modules of
// runtime/debug's build info, which this test reads too.
func TestLinkedModules(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("go not on PATH")
	}
	got, err := LinkedModules(context.Background(), exe)
	if err != nil {
		t.Fatal(err)
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build info")
	}
	if len(got) != len(bi.Deps) {
		t.Fatalf("LinkedModules: %d modules %v, build info has %d", len(got), got, len(bi.Deps))
	}
	for i, d := range bi.Deps {
		if got[i].Path != d.Path {
			t.Errorf("module %d: %s, build info %s", i, got[i].Path, d.Path)
		}
	}
	if _, err := LinkedModules(context.Background(), filepath.Join(t.TempDir(), "none")); err == nil {
		t.Error("LinkedModules of a missing file: no error")
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
	// Limited to one file: other files' changes and untracked folders are
	// not its state.
	os.WriteFile(filepath.Join(dir, "nb.ipynb"), []byte("{}\n"), 0o644)
	gitc("add", "nb.ipynb")
	gitc("commit", "-q", "-m", "nb")
	os.MkdirAll(filepath.Join(dir, "unrelated"), 0o755)
	os.WriteFile(filepath.Join(dir, "unrelated", "f"), []byte("x"), 0o644)
	nb := Git(ctx, dir, "nb.ipynb")
	if nb.Dirty || nb.Changed != 0 || len(nb.Paths) != 1 || nb.DiffSHA256 == "" {
		t.Errorf("clean notebook in a dirty repo: %+v", nb)
	}
	os.WriteFile(filepath.Join(dir, "nb.ipynb"), []byte("{\"cells\": []}\n"), 0o644)
	if nb := Git(ctx, dir, "nb.ipynb"); !nb.Dirty || nb.Changed != 1 || nb.Changes[0] != " M nb.ipynb" {
		t.Errorf("edited notebook: %+v", nb)
	}
	if all := Git(ctx, dir); all.Changed != 3 {
		t.Errorf("whole repo: %d changes %v, want 3 (a.txt, nb.ipynb, unrelated/)", all.Changed, all.Changes)
	}
}

func TestCollectStatic(t *testing.T) {
	s := CollectStatic(context.Background(), "")
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
