package store

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// MergeReport says what Merge did.
type MergeReport struct {
	Inputs  int // stores read
	Added   int // rows added or replaced in the output
	Same    int // rows already in the output with the same results
	Skipped int // rows not taken: failed where the output has the point done
	Points  int // points of the sweep
	Done    int // done points in the output after the merge
	Failed  int // failed points in the output after the merge
}

// Missing returns the number of points the output does not hold.
func (r MergeReport) Missing() int { return r.Points - r.Done - r.Failed }

// Merge joins the stores in inputs (shard stores of one sweep, or any
// stores of the same sweep) into the store in out, which is created if
// needed and must belong to the same sweep. A done point replaces a
// failed one; two done rows of one point must have bit-identical results,
// otherwise Merge fails naming the point (the sweep is not deterministic).
// Data files are copied. Merge can be re-run: rows already merged are
// left alone; a merge interrupted at any moment leaves a consistent store.
func Merge(out string, inputs ...string) (MergeReport, error) {
	rep := MergeReport{}
	if len(inputs) == 0 {
		return rep, fmt.Errorf("store: Merge: no input stores given: give at least one")
	}
	for _, in := range inputs {
		if _, err := os.Stat(filepath.Join(in, DBName)); err != nil {
			return rep, fmt.Errorf("store: Merge: %s is not a sweep store (no %s): give store directories", in, DBName)
		}
	}
	dst, err := Open(out)
	if err != nil {
		return rep, err
	}
	defer dst.Close()
	if _, err := dst.Clean(); err != nil {
		return rep, err
	}
	for _, in := range inputs {
		if sameDir(in, out) {
			return rep, fmt.Errorf("store: Merge: input %s is the output %s: give the output another directory", in, out)
		}
		if err := mergeOne(dst, in, &rep); err != nil {
			return rep, err
		}
		rep.Inputs++
	}
	// Files of rows replaced (a failed point's, now done) are orphans.
	if _, err := dst.Clean(); err != nil {
		return rep, err
	}
	rows, err := dst.Rows()
	if err != nil {
		return rep, err
	}
	for _, r := range rows {
		switch r.Status {
		case sweep.Done:
			rep.Done++
		case sweep.Failed:
			rep.Failed++
		}
	}
	if dst.meta != nil {
		rep.Points = dst.meta.Points
	}
	return rep, nil
}

func mergeOne(dst *Store, in string, rep *MergeReport) error {
	if _, err := os.Stat(filepath.Join(in, DBName)); err != nil {
		return fmt.Errorf("store: Merge: %s is not a sweep store (no %s): give store directories", in, DBName)
	}
	src, err := Open(in)
	if err != nil {
		return err
	}
	defer src.Close()
	if src.meta == nil {
		return fmt.Errorf("store: Merge: %s holds no sweep", in)
	}
	if err := dst.bind(src.meta); err != nil {
		return fmt.Errorf("store: Merge: %s and %s are stores of different sweeps: %w", in, dst.dir, err)
	}
	have, err := dst.Rows()
	if err != nil {
		return err
	}
	byIdx := map[int]sweep.Result{}
	for _, r := range have {
		byIdx[r.Index] = r
	}
	rows, err := src.Rows()
	if err != nil {
		return err
	}
	for _, r := range rows {
		old, ok := byIdx[r.Index]
		if ok {
			if d := sameResult(old, r); d == "" && old.Status == r.Status {
				rep.Same++
				continue
			} else if old.Status == sweep.Done && r.Status == sweep.Done {
				return fmt.Errorf("store: Merge: point %d differs between %s and %s: %s: the sweep's function is not deterministic (or the stores were made by different code with the same version)", r.Index, in, dst.dir, d)
			}
			if old.Status == sweep.Done {
				rep.Skipped++
				continue
			}
		}
		if err := copyRow(dst, src.dir, r); err != nil {
			return err
		}
		byIdx[r.Index] = r
		rep.Added++
	}
	return nil
}

// copyRow stores r, a row of the store in srcDir, in dst, copying its
// data files.
func copyRow(dst *Store, srcDir string, r sweep.Result) error {
	var names []string
	for name := range r.Files {
		names = append(names, name)
	}
	slices.Sort(names)
	slots, err := dst.reserve(r.Index, names)
	if err != nil {
		return err
	}
	files := map[string]string{}
	var written []string
	for k, name := range names {
		if err := copyFile(filepath.Join(srcDir, r.Files[name]), filepath.Join(dst.dir, slots[k].tmp), filepath.Join(dst.dir, slots[k].final)); err != nil {
			return err
		}
		files[name] = filepath.ToSlash(slots[k].final)
		written = append(written, filepath.ToSlash(slots[k].tmp), filepath.ToSlash(slots[k].final))
	}
	r.Files = files
	dst.mu.Lock()
	defer dst.mu.Unlock()
	return dst.putRow(r, written)
}

// sameResult compares the deterministic content of two rows of a point.
func sameResult(a, b sweep.Result) string {
	if a.Seed != b.Seed {
		return fmt.Sprintf("seed %d vs %d", a.Seed, b.Seed)
	}
	if a.Status != b.Status || a.Err != b.Err {
		return fmt.Sprintf("status %s %q vs %s %q", a.Status, a.Err, b.Status, b.Err)
	}
	names := func(m sweep.Metrics) []string {
		var n []string
		for k := range m {
			n = append(n, k)
		}
		slices.Sort(n)
		return n
	}
	if !slices.Equal(names(a.Metrics), names(b.Metrics)) {
		return fmt.Sprintf("metrics %v vs %v", names(a.Metrics), names(b.Metrics))
	}
	for k, x := range a.Metrics {
		if y := b.Metrics[k]; math.Float64bits(x) != math.Float64bits(y) {
			return fmt.Sprintf("metric %s = %v vs %v", k, x, y)
		}
	}
	return ""
}

// sameDir reports whether a and b name the same directory.
func sameDir(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

func copyFile(from, tmp, to string) error {
	f, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("store: Merge: %w", err)
	}
	defer f.Close()
	return writeNewFile(tmp, to, true, func(w io.Writer) error {
		_, err := io.Copy(w, f)
		return err
	})
}
