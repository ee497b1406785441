package nbrun

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/kernel/repro"
	"github.com/golgi-sim/golgi/simlib/runlog"
)

func TestErrorText(t *testing.T) {
	var c Cell
	err := json.Unmarshal([]byte(`{"cell_type":"code","source":"%%\npanic(1)","outputs":[
		{"output_type":"stream","name":"stderr","text":["panic: "]},
		{"output_type":"stream","name":"stderr","text":"boom\n\ngoroutine 1 [running]:\n"},
		{"output_type":"display_data","data":{"text/html":"<style>.x{}</style><div>Cell[2]: Line 2 &lt;here&gt;</div>"}},
		{"output_type":"display_data","data":{"application/vnd.golgi.repro+json":{"schema":1},"text/plain":"✘ golgi"}},
		{"output_type":"error","ename":"ERROR","evalue":"exit status 2","traceback":[]}]}`), &c)
	if err != nil {
		t.Fatal(err)
	}
	got := ErrorText(c, 4)
	want := "panic: boom\ngoroutine 1 [running]:\nCell[2]: Line 2 <here>"
	if got != want {
		t.Errorf("ErrorText = %q, want %q", got, want)
	}
	if bs, err := c.Blocks(); err != nil || len(bs) != 1 || bs[0].Schema != 1 {
		t.Errorf("Blocks = %v, %v", bs, err)
	}
	if s := firstLine(c.Text()); s != "panic(1)" {
		t.Errorf("firstLine = %q", s)
	}
}

func pt(i int) *int { return &i }

// check, cell by cell: what changed (source, results, both), named; the
// runs of a sweep's points compare in point order, not completion order.
func TestCheck(t *testing.T) {
	src := "%%\nrun()"
	h, h2 := repro.HashSource(src), repro.HashSource("%%\nrun(2)")
	cell := Cell{CellType: "code", Source: json.RawMessage(strconv.Quote(src))}
	ok := func(fp string) runlog.Run { return runlog.Run{Fingerprint: fp, Status: "ok", Steps: 10} }
	p0, p1 := runlog.Run{Fingerprint: "p0", Status: "ok", Sweep: 1, Point: pt(0)}, runlog.Run{Fingerprint: "p1", Status: "ok", Sweep: 1, Point: pt(1)}
	sw := runlog.Run{Kind: "sweep", Fingerprint: "tab", Status: "ok", Sweep: 1}
	rec := func(source string, runs ...runlog.Run) cellRecord {
		return cellRecord{blocks: 1, source: source, runs: runlog.Order(runs)}
	}
	// A sweep into a store: recorded with a fresh store (every point
	// computed), verified with the store full (every point loaded) or
	// half full.
	storeRec := func(stored int, fp string) runlog.Run {
		return runlog.Run{Kind: "store", Sweep: 1, Points: 2, Done: 2, Stored: stored, Fingerprint: fp, Status: "ok"}
	}
	swAll := runlog.Run{Kind: "sweep", Fingerprint: "tab-all", Status: "ok", Sweep: 1, Points: 2}
	swNone := runlog.Run{Kind: "sweep", Fingerprint: "tab-none", Status: "ok", Sweep: 1}
	swHalf := runlog.Run{Kind: "sweep", Fingerprint: "tab-half", Status: "ok", Sweep: 1, Points: 1}
	p1x := runlog.Run{Fingerprint: "p1x", Status: "ok", Sweep: 1, Point: pt(1)}
	traces := ok("fp-b")
	traces.SpikeFingerprint = "spk"
	tracesNow := ok("fp-c")
	tracesNow.SpikeFingerprint = "spk"
	for _, c := range []struct {
		name          string
		saved, now    cellRecord
		fail          *Failure
		verdict, what string
		source        string
		detail        string
	}{
		{"unchanged", rec(h, ok("a")), rec(h, ok("a")), nil, "match", "", "same", ""},
		{"no runs", rec(h), rec(h), nil, "no runs", "", "same", ""},
		{"no block", cellRecord{}, rec(h), nil, "no block", "", "-", ""},
		{"sweep in another completion order", rec(h, p1, p0, sw), rec(h, p0, p1, sw), nil, "match", "", "same", ""},
		{"edited parameter cell without runs", rec(h2), rec(h), nil, "MISMATCH", "source changed", "changed", "; no runs"},
		{"edited comment in a run cell", rec(h2, ok("a")), rec(h, ok("a")), nil, "MISMATCH", "source changed", "changed", "; runs match"},
		{"results", rec(h, ok("a"), ok("b")), rec(h, ok("a"), ok("c")), nil, "MISMATCH", "results changed", "same", "run 2: fingerprint b recorded, c now"},
		{"traces only", rec(h, traces), rec(h, tracesNow), nil, "MISMATCH", "results changed", "same", "same spikes: recorded traces differ"},
		{"both", rec(h2, ok("a")), rec(h, ok("b")), nil, "MISMATCH", "source and results changed", "changed", "fingerprint a recorded, b now"},
		{"run count", rec(h, ok("a")), rec(h), nil, "MISMATCH", "results changed", "same", "1 runs recorded, 0 now"},
		{"status", rec(h, ok("a")), rec(h, runlog.Run{Fingerprint: "a", Status: "interrupted", Steps: 10}), nil, "MISMATCH", "results changed", "same", "status ok recorded, interrupted now"},
		{"steps", rec(h, ok("a")), rec(h, runlog.Run{Fingerprint: "a", Status: "ok", Steps: 9}), nil, "MISMATCH", "results changed", "same", "10 steps recorded, 9 now"},
		{"sweep point", rec(h, p0, p1, sw), rec(h, p0, runlog.Run{Fingerprint: "p1x", Status: "ok", Sweep: 1, Point: pt(1)}, sw), nil, "MISMATCH", "results changed", "same", "run 2 (point 1): fingerprint p1 recorded, p1x now"},
		{"store loaded", rec(h, p0, p1, swAll, storeRec(0, "store")), rec(h, swNone, storeRec(2, "store")), nil, "match", "", "same", "2 of 2 points loaded from its store"},
		{"store half loaded", rec(h, p0, p1, swAll, storeRec(0, "store")), rec(h, p1, swHalf, storeRec(1, "store")), nil, "match", "", "same", "1 of 2 points loaded"},
		{"store loaded, table changed", rec(h, p0, p1, swAll, storeRec(0, "store")), rec(h, swNone, storeRec(2, "store2")), nil, "MISMATCH", "results changed", "same", "run 1 (store): fingerprint store recorded, store2 now"},
		{"store half loaded, point changed", rec(h, p0, p1, swAll, storeRec(0, "store")), rec(h, p1x, swHalf, storeRec(1, "store")), nil, "MISMATCH", "results changed", "same", "(point 1): fingerprint p1 recorded, p1x now"},
		{"store computed both times", rec(h, p0, p1, swAll, storeRec(0, "store")), rec(h, p0, p1x, swAll, storeRec(0, "store")), nil, "MISMATCH", "results changed", "same", "run 2 (point 1)"},
		{"recorded by an older golgi (spike-only fingerprint)", rec(h, ok("spk")), rec(h, tracesNow), nil, "match", "", "same", "spike-only fingerprints (an older golgi): their spikes compared"},
		{"recorded by an older golgi, spikes changed", rec(h, ok("spk-old")), rec(h, tracesNow), nil, "MISMATCH", "results changed", "same", "fingerprint spk-old recorded, spk now"},
		{"new execution without block", rec(h, ok("a")), cellRecord{}, nil, "MISMATCH", "results changed", "same", "no repro block"},
		{"failed", rec(h2, ok("a")), cellRecord{}, &Failure{Index: 0, Kind: "error"}, "FAILED", "", "changed", "source changed since it was recorded"},
	} {
		got := check(0, cell, c.saved, c.now, c.fail)
		if got.Verdict != c.verdict || got.Changed != c.what || got.Source != c.source || !strings.Contains(got.Detail, c.detail) {
			t.Errorf("%s: %+v, want verdict %q (%q), source %q, detail with %q", c.name, got, c.verdict, c.what, c.source, c.detail)
		}
	}
}

func TestReport(t *testing.T) {
	r := &VerifyReport{Cells: []CellCheck{
		{Cell: 1, ExecutionCount: 1, Source: "changed", Verdict: "MISMATCH", Changed: "source changed", Detail: "source sha256 …"},
		{Cell: 2, Source: "same", Recorded: []string{"aaaaaaaaaaaaaaaa"}, Now: []string{"aaaaaaaaaaaaaaaa"}, Verdict: "match"},
		{Cell: 3, Source: "same", Verdict: "no runs"},
		{Cell: 4, Source: "same", Recorded: []string{"x"}, Now: []string{"y"}, Verdict: "MISMATCH", Changed: "results changed", Detail: "run 1: fingerprint x recorded, y now"},
		{Cell: 5, Source: "-", Verdict: "no block"},
	}}
	if r.OK() || r.Compared() != 2 || r.Sources() != 4 || r.FirstProblem() != "cell 1 (In [1]): MISMATCH: source changed: source sha256 …" {
		t.Errorf("report: ok %v compared %d sources %d first %q", r.OK(), r.Compared(), r.Sources(), r.FirstProblem())
	}
	tab := r.Table()
	if !strings.Contains(tab, "\n1 (In [1])  ") || !strings.Contains(tab, "1: aaaaaaaaaa…") || !strings.Contains(tab, "MISMATCH (results changed)") || !strings.Contains(tab, "changed") || strings.Count(tab, "\n") != 6 {
		t.Errorf("table:\n%s", tab)
	}
	r.Cells = r.Cells[1:4]
	r.Cells[2].Verdict, r.Cells[2].Changed = "match", ""
	if !r.OK() || r.FirstProblem() != "none" {
		t.Errorf("all match: ok %v, first %q", r.OK(), r.FirstProblem())
	}
}

// A failing cell is named by its position and its execution count, as the
// repro block names it.
func TestFailureNamesCell(t *testing.T) {
	f := &Failure{Index: 6, ExecutionCount: 4, Kind: "error", EName: "ERROR", EValue: "exit status 2", Source: `panic("boom")`}
	if got, want := f.String(), "cell 7 (In [4]): error in `panic(\"boom\")`: ERROR: exit status 2"; got != want {
		t.Errorf("Failure.String() = %q, want %q", got, want)
	}
}
