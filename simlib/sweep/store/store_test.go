package store_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/examples"
	"github.com/golgi-sim/golgi/simlib/sweep/internal/testnet"
	"github.com/golgi-sim/golgi/simlib/sweep/store"
)

func space() *sweep.Space {
	return sweep.Grid(sweep.Logspace("w_in", 2, 8, 4), sweep.Values("w_rec", 0, 0.5, 1))
}

// inline is the reference: the sweep run in memory with one worker.
func inline(t *testing.T, s *sweep.Space, f sweep.Func, seed uint64) *sweep.Table {
	t.Helper()
	tab, err := sweep.Run(context.Background(), s, f, &sweep.Options{Workers: 1, Seed: seed, KeepData: true})
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// checkData checks that every done point's spike file holds exactly the
// spikes of the in-memory run, and that the data folder holds nothing
// else.
func checkData(t *testing.T, dir string, got, ref *sweep.Table) {
	t.Helper()
	want := map[string]bool{}
	for k, r := range got.Rows {
		if r.Status != sweep.Done {
			continue
		}
		rel, ok := r.Files["spikes"]
		if !ok {
			t.Fatalf("point %d has no spikes file", r.Index)
		}
		want[filepath.Base(rel)] = true
		d, err := store.ReadData(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		if diff := sameData(d, ref.Rows[k].Data[0]); diff != "" {
			t.Fatalf("point %d: %s", r.Index, diff)
		}
	}
	ents, err := os.ReadDir(filepath.Join(dir, store.DataDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !want[e.Name()] {
			t.Fatalf("data/%s: no row references it", e.Name())
		}
		delete(want, e.Name())
	}
	if len(want) != 0 {
		t.Fatalf("files missing: %v", want)
	}
}

// stored opens the store in dir and returns its table.
func stored(t *testing.T, dir string) *sweep.Table {
	t.Helper()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tab, err := st.Table()
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func sameData(got, want sweep.Data) string {
	if got.Name != want.Name || len(got.Columns) != len(want.Columns) {
		return "data name or columns differ: " + got.Name + " vs " + want.Name
	}
	byName := map[string]sweep.Column{}
	for _, c := range got.Columns {
		byName[c.Name] = c
	}
	for _, w := range want.Columns {
		g := byName[w.Name]
		if len(g.Float) != len(w.Float) || len(g.Int) != len(w.Int) {
			return "column " + w.Name + " length differs"
		}
		for k := range w.Float {
			if math.Float64bits(g.Float[k]) != math.Float64bits(w.Float[k]) {
				return "column " + w.Name + " values differ"
			}
		}
		for k := range w.Int {
			if g.Int[k] != w.Int[k] {
				return "column " + w.Name + " values differ"
			}
		}
	}
	return ""
}

// An interrupted sweep resumes: done points are not computed again, and
// the final table equals the in-memory run bit for bit.
func TestResumeAfterCancel(t *testing.T) {
	dir := t.TempDir()
	f := testnet.Func(testnet.Small, true)
	ref := inline(t, space(), f, 5)
	var calls [12]atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	var n atomic.Int32
	counted := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		out, err := f(ctx, p)
		if err == nil {
			calls[p.Index].Add(1)
		}
		if n.Add(1) == 5 {
			cancel()
		}
		return out, err
	}
	opt := &store.Options{Options: sweep.Options{Workers: 2, Seed: 5}, Version: "t1"}
	tab, err := store.Run(ctx, dir, space(), counted, opt)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: %v, want context.Canceled", err)
	}
	first := tab.Count(sweep.Done)
	if first < 4 || first > 6 || tab.Count(sweep.Pending) != 12-first {
		t.Fatalf("first run: %d done, %d pending", first, tab.Count(sweep.Pending))
	}
	tab, err = store.Run(context.Background(), dir, space(), counted, opt)
	if err != nil {
		t.Fatal(err)
	}
	if d := ref.Diff(tab); d != "" {
		t.Fatalf("resumed table differs from the in-memory run: %s", d)
	}
	for i := range calls {
		if c := calls[i].Load(); c != 1 {
			t.Fatalf("point %d computed %d times, want once", i, c)
		}
	}
	checkData(t, dir, tab, ref)
	// A third run computes nothing.
	tab, err = store.Run(context.Background(), dir, space(), func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		t.Errorf("point %d computed again", p.Index)
		return sweep.Output{}, nil
	}, opt)
	if err != nil || ref.Diff(tab) != "" {
		t.Fatalf("third run: %v %s", err, ref.Diff(tab))
	}
}

func TestFailedSkippedUnlessRetried(t *testing.T) {
	dir := t.TempDir()
	s := sweep.Grid(sweep.Values("x", 1, 2, 3, 4))
	broken := true
	var runs atomic.Int32
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		runs.Add(1)
		if broken && p.Index == 2 {
			panic("broken")
		}
		return sweep.Output{Metrics: sweep.Metrics{"y": 2 * p.Float("x"), "nan": math.NaN()}}, nil
	}
	opt := &store.Options{}
	tab, err := store.Run(context.Background(), dir, s, f, opt)
	if err != nil || tab.Count(sweep.Failed) != 1 || tab.Rows[2].Err != "panic: broken" || !strings.Contains(tab.Rows[2].Stack, "store_test.go") {
		t.Fatalf("%v; row 2: %+v", err, tab.Rows[2])
	}
	if !math.IsNaN(tab.Rows[0].Metrics["nan"]) || tab.Rows[3].Metrics["y"] != 8 {
		t.Fatalf("metrics back from SQLite: %v, %v", tab.Rows[0].Metrics, tab.Rows[3].Metrics)
	}
	broken = false
	runs.Store(0)
	if tab, err = store.Run(context.Background(), dir, s, f, opt); err != nil || runs.Load() != 0 || tab.Count(sweep.Failed) != 1 {
		t.Fatalf("resume without retry: %v, %d runs, %d failed", err, runs.Load(), tab.Count(sweep.Failed))
	}
	opt.RetryFailed = true
	if tab, err = store.Run(context.Background(), dir, s, f, opt); err != nil || runs.Load() != 1 || tab.Count(sweep.Done) != 4 || tab.Rows[2].Err != "" {
		t.Fatalf("retry: %v, %d runs, %d done, row 2 %+v", err, runs.Load(), tab.Count(sweep.Done), tab.Rows[2])
	}
}

func TestChangedSweepRefused(t *testing.T) {
	dir := t.TempDir()
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) { return sweep.Output{}, nil }
	base := func() *sweep.Space { return sweep.Grid(sweep.Values("a", 1, 2), sweep.Values("b", 3)) }
	if _, err := store.Run(context.Background(), dir, base(), f, &store.Options{Options: sweep.Options{Seed: 1}, Version: "v1"}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		s    *sweep.Space
		seed uint64
		ver  string
		want string
	}{
		{sweep.Grid(sweep.Values("a", 1, 2.5), sweep.Values("b", 3)), 1, "v1", "parameter values or the kind of space differ"},
		{sweep.Grid(sweep.Values("a", 1, 2), sweep.Values("c", 3)), 1, "v1", "parameters [a b], now [a c]"},
		{sweep.Grid(sweep.Values("a", 1, 2, 3), sweep.Values("b", 3)), 1, "v1", "2 points, now 3"},
		{base(), 2, "v1", "master seed 1, now 2"},
		{base(), 1, "v2", `version "v1", now "v2"`},
	}
	for _, c := range cases {
		_, err := store.Run(context.Background(), dir, c.s, f, &store.Options{Options: sweep.Options{Seed: c.seed}, Version: c.ver})
		if !errors.Is(err, store.ErrChanged) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want ErrChanged saying %q", err, c.want)
		}
	}
	if _, err := store.Run(context.Background(), dir, base(), f, &store.Options{Options: sweep.Options{Seed: 1}, Version: "v1"}); err != nil {
		t.Fatalf("the original sweep: %v", err)
	}
}

// One process at a time opens a store.
func TestLock(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !store.Busy(dir) {
		t.Fatal("Busy: false while the store is open")
	}
	if _, err := store.Open(dir); err == nil || !strings.Contains(err.Error(), "in use by another process") {
		t.Fatalf("second Open: %v, want the lock's error", err)
	}
	st.Close()
	if store.Busy(dir) {
		t.Fatal("Busy: true after Close")
	}
	st, err = store.Open(dir)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	st.Close()
}

// Four shard stores merged give the in-memory table bit for bit; merging
// again changes nothing; a store whose results differ is refused.
func TestShardsMerge(t *testing.T) {
	base := t.TempDir()
	f := testnet.Func(testnet.Small, true)
	ref := inline(t, space(), f, 9)
	var dirs []string
	for k := 0; k < 4; k++ {
		sh := sweep.Shard{Index: k, Count: 4}
		dir := store.ShardDir(base, sh)
		tab, err := store.Run(context.Background(), dir, space(), f, &store.Options{Options: sweep.Options{Seed: 9, Shard: sh}})
		if err != nil || tab.Len() != 3 || tab.Count(sweep.Done) != 3 {
			t.Fatalf("shard %d: %v, %d rows", k, err, tab.Len())
		}
		dirs = append(dirs, dir)
	}
	out := filepath.Join(base, "merged")
	rep, err := store.Merge(out, dirs...)
	if err != nil || rep.Added != 12 || rep.Done != 12 || rep.Missing() != 0 {
		t.Fatalf("merge: %+v, %v", rep, err)
	}
	rep, err = store.Merge(out, dirs...)
	if err != nil || rep.Added != 0 || rep.Same != 12 {
		t.Fatalf("second merge: %+v, %v", rep, err)
	}
	tab := stored(t, out)
	if d := ref.Diff(tab); d != "" {
		t.Fatalf("merged shards differ from the inline run: %s", d)
	}
	checkData(t, out, tab, ref)

	// A store of the same sweep with other results for point 1.
	odd := filepath.Join(base, "odd")
	if _, err := store.Run(context.Background(), odd, space(), func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"rate_hz": -1}}, nil
	}, &store.Options{Options: sweep.Options{Seed: 9, Shard: sweep.Shard{Index: 1, Count: 4}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Merge(out, odd); err == nil || !strings.Contains(err.Error(), "point 1 differs") {
		t.Fatalf("merging different results: %v", err)
	}
	// A store of another sweep.
	other := filepath.Join(base, "other")
	if _, err := store.Run(context.Background(), other, space(), f, &store.Options{Options: sweep.Options{Seed: 10, Shard: sweep.Shard{Index: 0, Count: 4}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Merge(out, other); !errors.Is(err, store.ErrChanged) {
		t.Fatalf("merging another sweep: %v", err)
	}
}

func TestTableParquet(t *testing.T) {
	tab, err := sweep.Run(context.Background(), sweep.Grid(sweep.Values("w", 1, 2), sweep.Labels("sec", "soma", "dend")),
		func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
			if p.Index == 3 {
				return sweep.Output{}, errors.New("no")
			}
			return sweep.Output{Metrics: sweep.Metrics{"loss": p.Float("w") / 3}}, nil
		}, &sweep.Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.parquet")
	if err := store.WriteTableParquet(path, tab); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Index  int64    `parquet:"index"`
		Seed   uint64   `parquet:"seed"`
		W      float64  `parquet:"w"`
		Sec    string   `parquet:"sec"`
		Status string   `parquet:"status"`
		Loss   *float64 `parquet:"loss,optional"`
		Error  string   `parquet:"error"`
	}
	rows, err := parquet.ReadFile[row](path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	for k, r := range rows {
		want := tab.Rows[k]
		if r.Index != int64(k) || r.Seed != want.Seed || r.W != want.Values[0].Num || r.Sec != want.Values[1].Label || r.Status != string(want.Status) || r.Error != want.Err {
			t.Fatalf("row %d: %+v, want %+v", k, r, want)
		}
		if k == 3 {
			if r.Loss != nil {
				t.Fatalf("row 3: loss %v, want null", *r.Loss)
			}
		} else if r.Loss == nil || math.Float64bits(*r.Loss) != math.Float64bits(want.Metrics["loss"]) {
			t.Fatalf("row %d: loss %v, want %v", k, r.Loss, want.Metrics["loss"])
		}
	}
}

// Label parameters and every metric come back from SQLite as they went
// in: the Wscale grid stored equals the in-memory run bit for bit.
func TestLabelsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	f := examples.EPSP(0.5)
	ref := inline(t, examples.WscaleSpace(), f, 3)
	tab, err := store.Run(context.Background(), dir, examples.WscaleSpace(), f, &store.Options{Options: sweep.Options{Seed: 3}})
	if err != nil {
		t.Fatal(err)
	}
	if d := ref.Diff(tab); d != "" {
		t.Fatal(d)
	}
	if d := ref.Diff(stored(t, dir)); d != "" {
		t.Fatal(d)
	}
	if tab.Rows[5].Values[1].Label != "dendrite" || tab.Rows[5].Values[1].Num != 1 {
		t.Fatalf("point 5: %v", tab.Rows[5].Values)
	}
	// rows loaded from the store read by name as the in-memory ones
	loaded := stored(t, dir)
	for _, r := range []sweep.Result{ref.Rows[5], loaded.Rows[5]} {
		sec, err := r.Label("sec")
		w, werr := r.Num("weight")
		epsp, eerr := r.Num("epsp_mv")
		if err != nil || werr != nil || eerr != nil || sec != "dendrite" || w != 2 || epsp != r.Metric("epsp_mv") {
			t.Fatalf("point 5 by name: sec %q (%v), weight %v (%v), epsp %v (%v)", sec, err, w, werr, epsp, eerr)
		}
	}
}

// A row whose file is not a whole Parquet file (what a power cut can leave
// without Sync) is forgotten and its point computed again.
func TestBrokenFileRecomputed(t *testing.T) {
	dir := t.TempDir()
	f := testnet.Func(testnet.Small, true)
	s := sweep.Grid(sweep.Values("w_in", 4, 6), sweep.Values("w_rec", 0.5))
	ref := inline(t, s, f, 2)
	opt := &store.Options{Options: sweep.Options{Seed: 2}, Sync: true}
	tab, err := store.Run(context.Background(), dir, s, f, opt)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, tab.Rows[1].Files["spikes"])
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	var runs atomic.Int32
	tab, err = store.Run(context.Background(), dir, s, func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		runs.Add(1)
		if p.Index != 1 {
			t.Errorf("point %d computed again", p.Index)
		}
		return f(ctx, p)
	}, &store.Options{Options: sweep.Options{Seed: 2}})
	if err != nil || runs.Load() != 1 {
		t.Fatalf("%v, %d points computed, want 1", err, runs.Load())
	}
	if d := ref.Diff(tab); d != "" {
		t.Fatal(d)
	}
	checkData(t, dir, tab, ref)
}
