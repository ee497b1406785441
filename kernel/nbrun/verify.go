package nbrun

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/golgi-sim/golgi/kernel/repro"
	"github.com/golgi-sim/golgi/simlib/runlog"
)

// CellCheck is Verify's finding for one code cell.
type CellCheck struct {
	// Cell is the 1-based number of the cell in the notebook (markdown
	// cells counted), ExecutionCount its execution count in the saved
	// notebook (0: none); Name gives both as "cell 7 (In [4])".
	Cell           int
	ExecutionCount int
	// Recorded and Now are the fingerprints of the cell's runs in the saved
	// notebook and in the new execution, in runlog.Order.
	Recorded, Now []string
	// Source is "same" when the source the saved block records (its
	// SHA-256) is the cell's source now, "changed" when it is not, "-"
	// when the saved cell has no block.
	Source string
	// Verdict is "match", "MISMATCH", "no runs", "no block" or "FAILED".
	Verdict string
	// Changed says what a MISMATCH is: "source changed", "results
	// changed" or "source and results changed".
	Changed string
	// Detail explains a MISMATCH or FAILED.
	Detail string
}

// Name names the cell as every golgi message does: "cell 7 (In [4])".
func (c CellCheck) Name() string { return repro.CellName(c.Cell, c.ExecutionCount) }

// VerifyReport is the outcome of Verify.
type VerifyReport struct {
	Notebook string
	Cells    []CellCheck
	Failure  *Failure
}

// OK is true when no cell mismatched or failed.
func (r *VerifyReport) OK() bool {
	if r.Failure != nil {
		return false
	}
	for _, c := range r.Cells {
		if c.Verdict == "MISMATCH" || c.Verdict == "FAILED" {
			return false
		}
	}
	return true
}

// Compared counts the cells whose runs were compared.
func (r *VerifyReport) Compared() int {
	n := 0
	for _, c := range r.Cells {
		if len(c.Recorded) > 0 && (c.Verdict == "match" || c.Verdict == "MISMATCH") {
			n++
		}
	}
	return n
}

// Sources counts the cells whose recorded source hash was compared.
func (r *VerifyReport) Sources() int {
	n := 0
	for _, c := range r.Cells {
		if c.Source != "-" {
			n++
		}
	}
	return n
}

// FirstProblem names the first cell that mismatched or failed, and what
// changed in it.
func (r *VerifyReport) FirstProblem() string {
	for _, c := range r.Cells {
		switch c.Verdict {
		case "MISMATCH":
			return fmt.Sprintf("%s: MISMATCH: %s: %s", c.Name(), c.Changed, c.Detail)
		case "FAILED":
			return fmt.Sprintf("%s: FAILED: %s", c.Name(), c.Detail)
		}
	}
	if r.Failure != nil {
		return r.Failure.String()
	}
	return "none"
}

// Table renders the per-cell table.
func (r *VerifyReport) Table() string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "cell\tsource\truns saved\truns now\tverdict\tdetail")
	for _, c := range r.Cells {
		v := c.Verdict
		if c.Changed != "" {
			v += " (" + c.Changed + ")"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", strings.TrimPrefix(c.Name(), "cell "), c.Source, fps(c.Recorded), fps(c.Now), v, c.Detail)
	}
	w.Flush()
	return b.String()
}

func fps(f []string) string {
	if len(f) == 0 {
		return "-"
	}
	var s []string
	for i, x := range f {
		if i == 3 && len(f) > 4 {
			s = append(s, "…")
			break
		}
		if len(x) > 10 {
			x = x[:10] + "…"
		}
		s = append(s, x)
	}
	return fmt.Sprintf("%d: %s", len(f), strings.Join(s, ","))
}

// cellRecord is what the blocks of one cell record.
type cellRecord struct {
	blocks int
	source string // SHA-256 of the first block's source
	runs   []runlog.Run
}

func record(c Cell) (cellRecord, error) {
	var r cellRecord
	bs, err := c.Blocks()
	if err != nil {
		return r, err
	}
	r.blocks = len(bs)
	for k, b := range bs {
		if k == 0 {
			r.source = b.SourceSHA256
		}
		r.runs = append(r.runs, runlog.Order(b.Runs)...)
	}
	return r, nil
}

// Verify executes the saved notebook at path again (the copy goes to a
// temporary directory next to it, so that it runs in the same directory) and
// compares, cell by cell, the source hash and the runs each block records
// with the cell's source and the new execution's runs: their number, and
// each run's fingerprint, status and steps, in runlog.Order (so runs made
// concurrently by a sweep's points compare in point order).
func Verify(ctx context.Context, path string, o Options) (*VerifyReport, error) {
	saved, err := ReadNotebook(path)
	if err != nil {
		return nil, err
	}
	recorded := map[int]cellRecord{}
	any := false
	for i, c := range saved.Cells {
		if c.CellType != "code" {
			continue
		}
		r, err := record(c)
		if err != nil {
			return nil, fmt.Errorf("nbrun: %s cell %d: %w", path, i+1, err)
		}
		recorded[i] = r
		any = any || r.blocks > 0
	}
	if !any {
		return nil, fmt.Errorf("%w (%s)", ErrNoBlocks, path)
	}
	dir := filepath.Dir(path)
	out, err := os.CreateTemp(dir, ".golgi-verify-*.ipynb")
	if err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	out.Close()
	defer os.Remove(out.Name())
	res, err := Execute(ctx, path, out.Name(), o)
	if err != nil {
		return nil, err
	}
	now, err := ReadNotebook(out.Name())
	if err != nil {
		return nil, err
	}
	rep := &VerifyReport{Notebook: path, Failure: res.Failure}
	for i, c := range saved.Cells {
		if c.CellType != "code" {
			continue
		}
		rec := recorded[i]
		var cur cellRecord
		if i < len(now.Cells) {
			cur, _ = record(now.Cells[i])
		}
		rep.Cells = append(rep.Cells, check(i, c, rec, cur, res.Failure))
	}
	return rep, nil
}

// check compares one cell's saved record with the new execution's.
func check(i int, c Cell, rec, cur cellRecord, fail *Failure) CellCheck {
	chk := CellCheck{Cell: i + 1, Source: "-"}
	if c.ExecutionCount != nil {
		chk.ExecutionCount = *c.ExecutionCount
	}
	for _, r := range rec.runs {
		chk.Recorded = append(chk.Recorded, r.Fingerprint)
	}
	for _, r := range cur.runs {
		chk.Now = append(chk.Now, r.Fingerprint)
	}
	srcChanged := false
	if rec.blocks > 0 {
		nowSrc := cur.source
		if nowSrc == "" {
			nowSrc = repro.HashSource(c.Text())
		}
		chk.Source = "same"
		if rec.source != nowSrc {
			chk.Source, srcChanged = "changed", true
		}
	}
	runDiff, note := "", ""
	if rec.blocks > 0 && cur.blocks > 0 {
		a, b, n := reconcile(rec.runs, cur.runs)
		var old string
		runDiff, old = compareRuns(a, b)
		note = strings.Join(slices.DeleteFunc([]string{n, old}, func(s string) bool { return s == "" }), "; ")
	}
	switch {
	case fail != nil && fail.Index == i:
		chk.Verdict, chk.Detail = "FAILED", fail.String()
	case fail != nil && fail.Index >= 0 && i > fail.Index:
		chk.Verdict, chk.Detail = "FAILED", "not executed: an earlier cell failed"
	case rec.blocks == 0:
		chk.Verdict = "no block"
		return chk
	case cur.blocks == 0:
		chk.Verdict, chk.Changed, chk.Detail = "MISMATCH", "results changed", "the new execution has no repro block"
	case srcChanged && runDiff != "":
		chk.Verdict, chk.Changed, chk.Detail = "MISMATCH", "source and results changed", "source sha256 "+short(rec.source)+" recorded, "+short(cur.source)+" now; "+runDiff
	case srcChanged:
		runs := "runs match"
		if len(rec.runs) == 0 {
			runs = "no runs"
		}
		chk.Verdict, chk.Changed, chk.Detail = "MISMATCH", "source changed", "source sha256 "+short(rec.source)+" recorded, "+short(cur.source)+" now; "+runs
	case runDiff != "":
		chk.Verdict, chk.Changed, chk.Detail = "MISMATCH", "results changed", runDiff
	case len(rec.runs) == 0:
		chk.Verdict = "no runs"
	default:
		chk.Verdict, chk.Detail = "match", note
	}
	if chk.Verdict == "FAILED" && srcChanged {
		chk.Detail += " (source changed since it was recorded)"
	}
	return chk
}

// reconcile prepares two executions' runs for comparison when a sweep ran
// into a store and one of them loaded points from it instead of computing
// them (a resumed sweep: runlog.Run.Stored): the store's table, which holds
// every point, stands for the sweep; the sweep's own record, which covers
// the points computed, is left out, and so are the runs of points only one
// execution computed. Other runs are kept as they are. The note says what
// was loaded.
func reconcile(a, b []runlog.Run) (ra, rb []runlog.Run, note string) {
	loaded := map[int]runlog.Run{}
	for _, r := range append(append([]runlog.Run(nil), a...), b...) {
		if r.Kind == "store" && r.Stored > 0 && r.Sweep != 0 {
			if l, ok := loaded[r.Sweep]; !ok || r.Stored > l.Stored {
				loaded[r.Sweep] = r
			}
		}
	}
	if len(loaded) == 0 {
		return a, b, ""
	}
	type key struct{ sweep, point int }
	points := func(rs []runlog.Run) map[key]bool {
		m := map[key]bool{}
		for _, r := range rs {
			if r.Point != nil {
				m[key{r.Sweep, *r.Point}] = true
			}
		}
		return m
	}
	pa, pb := points(a), points(b)
	keep := func(rs []runlog.Run, other map[key]bool) []runlog.Run {
		var out []runlog.Run
		for _, r := range rs {
			if _, ok := loaded[r.Sweep]; ok && (r.Kind == "sweep" || (r.Point != nil && !other[key{r.Sweep, *r.Point}])) {
				continue
			}
			out = append(out, r)
		}
		return out
	}
	ra, rb = keep(a, pb), keep(b, pa)
	var notes []string
	for _, r := range runlog.Order(append(append([]runlog.Run(nil), a...), b...)) {
		if l, ok := loaded[r.Sweep]; ok && r.Kind == "store" && r.Stored == l.Stored {
			notes = append(notes, fmt.Sprintf("sweep %d: %d of %d points loaded from its store, not computed again: compared by the store's table", r.Sweep, l.Stored, l.Points))
			delete(loaded, r.Sweep)
		}
	}
	return ra, rb, strings.Join(notes, "; ")
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}

// compareRuns describes the first difference between two cells' runs, or
// returns "". A run recorded by a golgi whose fingerprints covered spikes
// only (it has no spike_fingerprint) is compared by its spikes: note then
// says so.
func compareRuns(a, b []runlog.Run) (diff, note string) {
	n := min(len(a), len(b))
	spikesOnly := 0
	for i := 0; i < n; i++ {
		x, y := a[i], b[i]
		fx, fy := x.Fingerprint, y.Fingerprint
		if x.Kind == "" && y.Kind == "" && x.SpikeFingerprint == "" && y.SpikeFingerprint != "" {
			fy = y.SpikeFingerprint
			spikesOnly++
		}
		var what string
		switch {
		case fx != fy:
			what = "fingerprint " + fx + " recorded, " + fy + " now"
			if x.SpikeFingerprint != "" && x.SpikeFingerprint == y.SpikeFingerprint {
				what += " (same spikes: recorded traces differ)"
			}
		case x.Status != y.Status:
			what = "status " + x.Status + " recorded, " + y.Status + " now"
		case x.Steps != y.Steps:
			what = strconv.FormatInt(x.Steps, 10) + " steps recorded, " + strconv.FormatInt(y.Steps, 10) + " now"
		default:
			continue
		}
		return "run " + strconv.Itoa(i+1) + describe(x) + ": " + what, ""
	}
	if len(a) != len(b) {
		return fmt.Sprintf("%d runs recorded, %d now", len(a), len(b)), ""
	}
	if spikesOnly > 0 {
		note = fmt.Sprintf("%d run(s) recorded with spike-only fingerprints (an older golgi): their spikes compared; run the notebook again to record the traces too", spikesOnly)
	}
	return "", note
}

// describe names a run: its label, sweep and point.
func describe(r runlog.Run) string {
	var p []string
	if r.Kind != "" {
		p = append(p, r.Kind)
	}
	if r.Label != "" {
		p = append(p, strconv.Quote(r.Label))
	}
	if r.Point != nil {
		p = append(p, "point "+strconv.Itoa(*r.Point))
	}
	if len(p) == 0 {
		return ""
	}
	return " (" + strings.Join(p, " ") + ")"
}
