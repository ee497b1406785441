package nbrun

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
)

// CellCheck is Verify's finding for one code cell.
type CellCheck struct {
	// Cell is the 1-based number of the cell in the notebook.
	Cell int
	// Recorded and Now are the fingerprints of the cell's runs in the saved
	// notebook and in the new execution.
	Recorded, Now []string
	// Verdict is "match", "MISMATCH", "no runs", "no block" or "FAILED".
	Verdict string
	// Detail explains a MISMATCH or FAILED.
	Detail string
}

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
		if c.Verdict == "match" || c.Verdict == "MISMATCH" {
			n++
		}
	}
	return n
}

// FirstProblem names the first cell that mismatched or failed.
func (r *VerifyReport) FirstProblem() string {
	for _, c := range r.Cells {
		if c.Verdict == "MISMATCH" || c.Verdict == "FAILED" {
			return fmt.Sprintf("cell %d: %s: %s", c.Cell, c.Verdict, c.Detail)
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
	fmt.Fprintln(w, "cell\truns saved\truns now\tverdict\tdetail")
	for _, c := range r.Cells {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", c.Cell, fps(c.Recorded), fps(c.Now), c.Verdict, c.Detail)
	}
	w.Flush()
	return b.String()
}

func fps(f []string) string {
	if len(f) == 0 {
		return "-"
	}
	var s []string
	for _, x := range f {
		if len(x) > 10 {
			x = x[:10] + "…"
		}
		s = append(s, x)
	}
	return fmt.Sprintf("%d: %s", len(f), strings.Join(s, ","))
}

// Verify executes the saved notebook at path again (the copy goes to a
// temporary directory next to it, so that it runs in the same directory) and
// compares each cell's recorded run fingerprints with the new ones.
func Verify(ctx context.Context, path string, o Options) (*VerifyReport, error) {
	saved, err := ReadNotebook(path)
	if err != nil {
		return nil, err
	}
	recorded := map[int][]string{}
	hasBlock := map[int]bool{}
	any := false
	for i, c := range saved.Cells {
		if c.CellType != "code" {
			continue
		}
		bs, err := c.Blocks()
		if err != nil {
			return nil, fmt.Errorf("nbrun: %s cell %d: %w", path, i+1, err)
		}
		for _, b := range bs {
			any = true
			hasBlock[i] = true
			for _, r := range b.Runs {
				recorded[i] = append(recorded[i], r.Fingerprint)
			}
		}
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
		chk := CellCheck{Cell: i + 1, Recorded: recorded[i]}
		var nowBlocks int
		if i < len(now.Cells) {
			bs, _ := now.Cells[i].Blocks()
			nowBlocks = len(bs)
			for _, b := range bs {
				for _, r := range b.Runs {
					chk.Now = append(chk.Now, r.Fingerprint)
				}
			}
		}
		switch {
		case res.Failure != nil && res.Failure.Index == i:
			chk.Verdict, chk.Detail = "FAILED", res.Failure.String()
		case res.Failure != nil && res.Failure.Index >= 0 && i > res.Failure.Index:
			chk.Verdict, chk.Detail = "FAILED", "not executed: an earlier cell failed"
		case !hasBlock[i]:
			chk.Verdict = "no block"
		case nowBlocks == 0:
			chk.Verdict, chk.Detail = "MISMATCH", "the new execution has no repro block"
		case len(chk.Recorded) == 0 && len(chk.Now) == 0:
			chk.Verdict = "no runs"
		default:
			chk.Verdict = "match"
			if d := compare(chk.Recorded, chk.Now); d != "" {
				chk.Verdict, chk.Detail = "MISMATCH", d
			}
		}
		rep.Cells = append(rep.Cells, chk)
	}
	return rep, nil
}

func compare(a, b []string) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d runs recorded, %d now", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			return fmt.Sprintf("run %d: fingerprint %s recorded, %s now", i+1, a[i], b[i])
		}
	}
	return ""
}
