package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/internal/testnet"
	"github.com/golgi-sim/golgi/simlib/sweep/store"
)

// snapshot maps every file under dir (relative path) to a hash of its
// bytes and mode; directories map to "dir".
func snapshot(t *testing.T, dir string, skip func(rel string) bool) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." || skip(rel) {
			if d.IsDir() && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			m[rel] = "dir"
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, _ := d.Info()
		h := sha256.Sum256(b)
		m[rel] = string(h[:]) + info.Mode().String()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameSnapshot(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s changed or removed", what, k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %s appeared among the user's files", what, k)
		}
	}
}

// golgis reports whether rel is one of the files a store writes.
func golgis(rel string) bool {
	first := strings.Split(filepath.ToSlash(rel), "/")[0]
	return first == store.DataDir || first == store.LockName || strings.HasPrefix(first, store.DBName) || strings.HasPrefix(first, "shard-")
}

// A store opened with "-store ." in a project (a data/ folder of user
// files, among them names the stores of schema 1 used, a file called
// lock, notes) leaves every one of them byte for byte as it was and adds
// nothing to their folders, through a run, a killed-and-resumed run,
// Clean, a merge into it and a retry.
func TestForeignFilesUntouched(t *testing.T) {
	dir := t.TempDir()
	user := map[string]string{
		"data/results.csv":                "a,b\n1,2\n",
		"data/00000000_spikes.parquet":    "PAR1 not really, the user's own file PAR1",
		"data/00000003_spikes.parquet":    "user bytes",
		"data/.tmp-123":                   "a hidden user file",
		"data/sub/deep.txt":               "deep",
		"lock":                            "the user's lock file",
		"notes.md":                        "# my project\n",
		"sweep.db.bak":                    "an old copy of something",
		"shard-notes/readme":              "not a shard store",
		".git/HEAD":                       "ref: refs/heads/main\n",
		"data/sweep.db":                   "not the store's",
		"data/00000001_spikes.parquet.1":  "x",
		"data/00000002_spikes.1.parquet":  "y",
		"data/.tmp-00000004_spikes-1234":  "z",
		"data/00000005_SPIKES.parquet":    "case",
		"data/00000006_spikes.parquet\\x": "odd name",
	}
	for rel, body := range user {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, dir, golgis)
	t.Chdir(dir)
	f := testnet.Func(testnet.Small, true)
	s := sweep.Grid(sweep.Values("w_in", 4, 6), sweep.Values("w_rec", 0.5, 1, 1.5))
	ref := inline(t, s, f, 3)
	// A run cancelled after 2 points, then resumed.
	ctx, cancel := context.WithCancel(context.Background())
	var n atomic.Int32
	opt := &store.Options{Options: sweep.Options{Seed: 3, Workers: 1}}
	_, err := store.Run(ctx, ".", s, func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		if n.Add(1) == 2 {
			cancel()
		}
		return f(ctx, p)
	}, opt)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: %v", err)
	}
	sameSnapshot(t, "after a cancelled run", snapshot(t, dir, golgis), before)
	tab, err := store.Run(context.Background(), ".", s, f, opt)
	if err != nil {
		t.Fatal(err)
	}
	if d := ref.Diff(tab); d != "" {
		t.Fatal(d)
	}
	checkData(t, dir, tab, ref)
	st, err := store.Open(".")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := st.Clean(); err != nil || n != 0 {
		t.Fatalf("Clean: %d files removed, %v; want none", n, err)
	}
	st.Close()
	// A merge into the project's store, and a sweep sharded into ./shard-*.
	for k := 0; k < 2; k++ {
		sh := sweep.Shard{Index: k, Count: 2}
		if _, err := store.Run(context.Background(), store.ShardDir(".", sh), s, f, &store.Options{Options: sweep.Options{Seed: 3, Shard: sh}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.Merge(".", store.ShardDir(".", sweep.Shard{Index: 0, Count: 2}), store.ShardDir(".", sweep.Shard{Index: 1, Count: 2})); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Run(context.Background(), ".", s, f, &store.Options{Options: sweep.Options{Seed: 3}, RetryFailed: true}); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "after runs, Clean and a merge", snapshot(t, dir, golgis), before)
	for rel, body := range user {
		if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel))); err != nil || string(b) != body {
			t.Errorf("%s: %q, %v; want the user's %q", rel, b, err, body)
		}
	}
}

// A data folder of the store's name that the store did not make, a lock
// file that is not golgi's and a sweep.db that is not a store are
// refused, and left as they were.
func TestForeignStoreFilesRefused(t *testing.T) {
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) { return sweep.Output{}, nil }
	s := sweep.Grid(sweep.Values("x", 1, 2))
	for _, c := range []struct {
		file, body, want string
	}{
		{store.DataDir + "/mine.txt", "user data", "golgi writes only into a data folder it made"},
		{store.LockName, "my lock", "is not a golgi lock file"},
		{store.DBName, "", "holds no tables (0 bytes)"},
		{store.DBName, "just some text that is not SQLite, long enough to fill a header ...........................", "file is not a database"},
	} {
		dir := t.TempDir()
		p := filepath.Join(dir, filepath.FromSlash(c.file))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(c.body), 0o644); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, dir, func(string) bool { return false })
		_, err := store.Run(context.Background(), dir, s, f, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), filepath.Base(c.file)) {
			t.Errorf("%s holding %q: %v; want an error naming it and saying %q", c.file, c.body, err, c.want)
		}
		sameSnapshot(t, c.file, snapshot(t, dir, func(string) bool { return false }), before)
	}
}

// Store paths are file paths, whatever characters they hold: SQLite's
// URI syntax never applies ("exp#1" and "exp#2" are two stores).
func TestStorePathsArePlainPaths(t *testing.T) {
	base := t.TempDir()
	t.Chdir(base)
	names := []string{"exp#1", "exp#2", "exp?mode=ro", "exp?x", "100%", "100%25", "a b", "ünïcödé λ", "file:x", "exp&a=b", "semi;colon", "quote'\"", "back\\slash"}
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"y": p.Float("x") * 2}}, nil
	}
	for k, name := range names {
		s := sweep.Grid(sweep.Values("x", float64(k), float64(k)+0.5))
		for _, dir := range []string{name, filepath.Join(base, name)} {
			tab, err := store.Run(context.Background(), dir, s, f, &store.Options{Options: sweep.Options{Seed: uint64(k)}})
			if err != nil {
				t.Fatalf("store %q: %v", dir, err)
			}
			if tab.Count(sweep.Done) != 2 || tab.Rows[1].Metrics["y"] != 2*(float64(k)+0.5) {
				t.Fatalf("store %q: %d done, %v", dir, tab.Count(sweep.Done), tab.Rows[1].Metrics)
			}
		}
		if _, err := os.Stat(filepath.Join(base, name, store.DBName)); err != nil {
			t.Fatalf("store %q has no %s of its own: %v", name, store.DBName, err)
		}
	}
	ents, err := os.ReadDir(base)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != len(names) {
		var got []string
		for _, e := range ents {
			got = append(got, e.Name())
		}
		t.Fatalf("the base directory holds %q; want exactly the %d stores", got, len(names))
	}
	// Each store holds its own sweep (a shared database would refuse the
	// second sweep as changed, or hold the first's rows).
	for k, name := range names {
		tab := stored(t, name)
		if tab.Len() != 2 || tab.Rows[0].Values[0].Num != float64(k) {
			t.Fatalf("store %q holds %d rows, first x = %v; want its own 2 rows from x = %d", name, tab.Len(), tab.Rows[0].Values, k)
		}
	}
}

// A truncated sweep.db gives an error naming the file, what is wrong and
// what to do, and is left byte for byte as it was; Recover saves the rows
// it still holds, and the sweep resumed on the recovered store equals the
// in-memory run.
func TestTruncatedDatabase(t *testing.T) {
	dir := t.TempDir()
	f := testnet.Func(testnet.Small, true)
	s := sweep.Grid(sweep.Linspace("w_in", 2, 8, 40), sweep.Values("w_rec", 0.5, 1, 1.5, 2, 2.5))
	// Metrics that fill pages: 200 points of a few hundred bytes each.
	big := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		out, err := f(ctx, p)
		if err != nil {
			return out, err
		}
		for k := 0; k < 20; k++ {
			out.Metrics["x"+string(rune('a'+k))] = p.Float("w_in") * float64(k)
		}
		return out, nil
	}
	ref := inline(t, s, big, 8)
	if _, err := store.Run(context.Background(), dir, s, big, &store.Options{Options: sweep.Options{Seed: 8}}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, store.DBName)
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(whole) < 8*4096 {
		t.Fatalf("sweep.db is only %d bytes: the test needs several pages", len(whole))
	}
	cut := whole[:len(whole)/2]
	if err := os.WriteFile(path, cut, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, open := range []func() error{
		func() error {
			st, err := store.Open(dir)
			if err == nil {
				st.Close()
			}
			return err
		},
		func() error {
			st, err := store.OpenReadOnly(dir)
			if err == nil {
				st.Close()
			}
			return err
		},
		func() error {
			_, err := store.Run(context.Background(), dir, s, big, &store.Options{Options: sweep.Options{Seed: 8}})
			return err
		},
		func() error { _, err := store.Merge(filepath.Join(t.TempDir(), "out"), dir); return err },
	} {
		err := func() (err error) {
			defer func() {
				if r := recover(); r != nil {
					err = errors.New("panic")
				}
			}()
			return open()
		}()
		if !errors.Is(err, store.ErrDamaged) {
			t.Fatalf("opening the truncated store: %v; want ErrDamaged", err)
		}
		for _, want := range []string{path, "malformed", "golgi has not changed it", "golgi sweep recover " + dir} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
		if b, _ := os.ReadFile(path); !bytes.Equal(b, cut) {
			t.Fatal("the truncated sweep.db was changed")
		}
	}
	// Recover from cuts inside a page and on a page boundary: every row
	// recovered is right (the resumed sweep equals the in-memory run).
	for _, n := range []int{len(whole) / 2, len(whole)/3 + 1234, 3 * len(whole) / 4 / 4096 * 4096} {
		cut := whole[:n]
		if err := os.WriteFile(path, cut, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "recovered")
		rep, err := store.Recover(dir, out)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(path); !bytes.Equal(b, cut) {
			t.Fatal("Recover changed the truncated sweep.db")
		}
		t.Logf("recovered %+v from %d of %d bytes", rep, len(cut), len(whole))
		if rep.Points != 200 || rep.Rows < 10 || rep.Rows >= 200 || rep.Dropped != 0 {
			t.Fatalf("Recover: %+v; want some but not all of the 200 rows", rep)
		}
		var runs atomic.Int32
		tab, err := store.Run(context.Background(), out, s, func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
			runs.Add(1)
			return big(ctx, p)
		}, &store.Options{Options: sweep.Options{Seed: 8}})
		if err != nil {
			t.Fatal(err)
		}
		if int(runs.Load()) != 200-rep.Rows {
			t.Fatalf("the resumed sweep computed %d points; want the %d not recovered", runs.Load(), 200-rep.Rows)
		}
		if d := ref.Diff(tab); d != "" {
			t.Fatalf("cut at %d bytes: %s", n, d)
		}
		checkData(t, out, tab, ref)
	}
	// Truncated to nothing: damaged, never a new store.
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Run(context.Background(), dir, s, big, nil); !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "0 bytes") {
		t.Fatalf("an empty sweep.db: %v; want ErrDamaged", err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() != 0 {
		t.Fatalf("the empty sweep.db was changed: %v", err)
	}
}

// Metric names that differ only by case (SQL column names ignore case)
// are stored as separate metrics, within one point and across points; a
// negative zero keeps its sign.
func TestMetricNamesCaseAndNegativeZero(t *testing.T) {
	dir := t.TempDir()
	negz := math.Copysign(0, -1)
	s := sweep.Grid(sweep.Values("x", 1, 2, 3))
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		m := sweep.Metrics{"Rate": p.Float("x"), "rate": -p.Float("x"), "z": negz, "inf": math.Inf(-1)}
		if p.Index == 2 {
			m["RATE"] = 7
			m["rate_2"] = 8 // the name the second column of "rate" gets
		}
		return sweep.Output{Metrics: m}, nil
	}
	ref := inline(t, s, f, 1)
	tab, err := store.Run(context.Background(), dir, s, f, &store.Options{Options: sweep.Options{Seed: 1, Workers: 1}})
	if err != nil {
		t.Fatalf("the sweep stopped: %v", err)
	}
	for _, got := range []*sweep.Table{tab, stored(t, dir)} {
		if d := ref.Diff(got); d != "" {
			t.Fatal(d)
		}
		if v := got.Rows[0].Metrics["z"]; v != 0 || !math.Signbit(v) {
			t.Fatalf("metric z = %v (sign %v), want -0", v, math.Signbit(v))
		}
		if got.Rows[2].Metrics["RATE"] != 7 || got.Rows[2].Metrics["rate_2"] != 8 || got.Rows[1].Metrics["rate"] != -2 {
			t.Fatalf("metrics %v", got.Rows[2].Metrics)
		}
	}
}

// Run computes only Options.Indices when they are given (it once computed
// the whole shard).
func TestRunHonoursIndices(t *testing.T) {
	dir := t.TempDir()
	var runs atomic.Int32
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		runs.Add(1)
		return sweep.Output{Metrics: sweep.Metrics{"y": p.Float("x")}}, nil
	}
	s := sweep.Grid(sweep.Values("x", 1, 2, 3, 4, 5))
	tab, err := store.Run(context.Background(), dir, s, f, &store.Options{Options: sweep.Options{Indices: []int{1, 3}}})
	if err != nil || runs.Load() != 2 || tab.Count(sweep.Done) != 2 || tab.Rows[1].Status != sweep.Done || tab.Rows[3].Status != sweep.Done {
		t.Fatalf("%v: %d runs, %d done", err, runs.Load(), tab.Count(sweep.Done))
	}
	if _, err := store.Run(context.Background(), dir, s, f, nil); err != nil || runs.Load() != 5 {
		t.Fatalf("the rest: %v, %d runs in all, want 5", err, runs.Load())
	}
}

// A store of schema 1 (data/ folder, no journal, as older golgi made
// them) resumes: points it holds are not computed again, a point whose
// row was lost runs again without touching the old orphan file of its
// name, and the table equals the in-memory run. An empty store of schema
// 1 (opened, never bound) gets a sweep-data/ folder.
func TestSchema1StoreResumes(t *testing.T) {
	dir := t.TempDir()
	f := testnet.Func(testnet.Small, true)
	s := sweep.Grid(sweep.Values("w_in", 4, 6), sweep.Values("w_rec", 0.5, 1))
	ref := inline(t, s, f, 4)
	if _, err := store.Run(context.Background(), dir, s, f, &store.Options{Options: sweep.Options{Seed: 4}}); err != nil {
		t.Fatal(err)
	}
	orphan := filepath.Join(dir, "data", "00000003_spikes.parquet")
	db, err := sql.Open("sqlite", filepath.Join(dir, store.DBName))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE meta SET value = '1' WHERE key = 'schema'`,
		`DELETE FROM meta WHERE key = 'data_dir'`,
		`UPDATE points SET files = replace(files, 'sweep-data/', 'data/')`,
		`DELETE FROM points WHERE idx = 3`,
		`DROP TABLE writes`, `DROP TABLE metric_columns`,
		`ALTER TABLE points DROP COLUMN negative_zero`,
		`ALTER TABLE points DROP COLUMN checksum`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	if err := os.Rename(filepath.Join(dir, store.DataDir), filepath.Join(dir, "data")); err != nil {
		t.Fatal(err)
	}
	orphanBytes, err := os.ReadFile(orphan)
	if err != nil {
		t.Fatal(err)
	}
	var runs atomic.Int32
	tab, err := store.Run(context.Background(), dir, s, func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		runs.Add(1)
		return f(ctx, p)
	}, &store.Options{Options: sweep.Options{Seed: 4}})
	if err != nil {
		t.Fatal(err)
	}
	if runs.Load() != 1 {
		t.Fatalf("%d points computed, want only point 3", runs.Load())
	}
	if d := ref.Diff(tab); d != "" {
		t.Fatal(d)
	}
	if got := tab.Rows[3].Files["spikes"]; got != "data/00000003_spikes.1.parquet" {
		t.Fatalf("point 3's file: %s", got)
	}
	for k, r := range tab.Rows {
		d, err := store.ReadData(filepath.Join(dir, r.Files["spikes"]))
		if err != nil {
			t.Fatal(err)
		}
		if diff := sameData(d, ref.Rows[k].Data[0]); diff != "" {
			t.Fatalf("point %d: %s", k, diff)
		}
	}
	if b, _ := os.ReadFile(orphan); !bytes.Equal(b, orphanBytes) {
		t.Fatal("the schema-1 orphan was changed")
	}

	empty := t.TempDir()
	db, err = sql.Open("sqlite", filepath.Join(empty, store.DBName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	tab, err = store.Run(context.Background(), empty, s, f, &store.Options{Options: sweep.Options{Seed: 4}})
	if err != nil {
		t.Fatal(err)
	}
	if d := ref.Diff(tab); d != "" {
		t.Fatal(d)
	}
	checkData(t, empty, tab, ref)
}

// A store whose data folder was removed makes it again and computes the
// points whose files went with it.
func TestDataFolderRemoved(t *testing.T) {
	dir := t.TempDir()
	f := testnet.Func(testnet.Small, true)
	s := sweep.Grid(sweep.Values("w_in", 4, 6), sweep.Values("w_rec", 0.5))
	ref := inline(t, s, f, 6)
	if _, err := store.Run(context.Background(), dir, s, f, &store.Options{Options: sweep.Options{Seed: 6}}); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, store.DataDir)); err != nil {
		t.Fatal(err)
	}
	tab, err := store.Run(context.Background(), dir, s, f, &store.Options{Options: sweep.Options{Seed: 6}})
	if err != nil {
		t.Fatal(err)
	}
	if d := ref.Diff(tab); d != "" {
		t.Fatal(d)
	}
	checkData(t, dir, tab, ref)
}

// A row whose bytes were overwritten without breaking SQLite's structure
// (quick_check passes) fails its checksum: the store is refused as
// damaged, unchanged, and Recover leaves that row out (its point runs
// again) instead of copying garbage.
func TestOverwrittenRowFound(t *testing.T) {
	dir := t.TempDir()
	s := sweep.Grid(sweep.Values("x", 1, 2, 3, 4))
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"y": 1234.5678 + p.Float("x")}}, nil
	}
	ref := inline(t, s, f, 1)
	if _, err := store.Run(context.Background(), dir, s, f, &store.Options{Options: sweep.Options{Seed: 1}}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, store.DBName)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want [8]byte // SQLite stores a REAL big-endian
	binary.BigEndian.PutUint64(want[:], math.Float64bits(1234.5678+3))
	at := bytes.Index(b, want[:])
	if at < 0 {
		t.Fatal("the metric of point 2 is not in sweep.db")
	}
	b[at+7] ^= 1 // the last bit of point 2's y
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = store.Run(context.Background(), dir, s, f, &store.Options{Options: sweep.Options{Seed: 1}})
	if !errors.Is(err, store.ErrDamaged) || !strings.Contains(err.Error(), "point 2 does not match its checksum") {
		t.Fatalf("%v; want the damaged row named", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, b) {
		t.Fatal("the damaged sweep.db was changed")
	}
	out := filepath.Join(t.TempDir(), "r")
	rep, err := store.Recover(dir, out)
	if err != nil || rep.Rows != 3 || rep.Lost != 1 {
		t.Fatalf("Recover: %+v, %v; want 3 rows and point 2 lost", rep, err)
	}
	tab, err := store.Run(context.Background(), out, s, f, &store.Options{Options: sweep.Options{Seed: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if d := ref.Diff(tab); d != "" {
		t.Fatal(d)
	}
}
