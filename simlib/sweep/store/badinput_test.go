package store_test

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/store"
)

// badInput is one row of a bad-input table: what the user did, and the
// parts the error must name: the object, its field, the value given and
// what is allowed.
type badInput struct {
	what                          string
	do                            func() error
	object, field, value, allowed string
}

func checkBadInputs(t *testing.T, rows []badInput) {
	t.Helper()
	for _, r := range rows {
		t.Run(r.what, func(t *testing.T) {
			var err error
			panicked := false
			func() {
				defer func() {
					if p := recover(); p != nil {
						panicked = true
						t.Errorf("panic: %v", p)
					}
				}()
				err = r.do()
			}()
			if panicked {
				return
			}
			if err == nil {
				t.Fatalf("accepted; want an error naming %q, %q, %q and %q", r.object, r.field, r.value, r.allowed)
			}
			for _, part := range []struct{ name, s string }{{"object", r.object}, {"field", r.field}, {"value", r.value}, {"allowed", r.allowed}} {
				if !strings.Contains(err.Error(), part.s) {
					t.Errorf("error %q does not name the %s %q", err, part.name, part.s)
				}
			}
		})
	}
	t.Logf("%d bad inputs refused", len(rows))
}

// TestBadInputs is the list of what package store refuses, and why.
func TestBadInputs(t *testing.T) {
	base := t.TempDir()
	nop := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"y": 1}}, nil
	}
	sp := func() *sweep.Space { return sweep.Grid(sweep.Values("a", 1, 2), sweep.Values("b", 3)) }
	n := 0
	fresh := func() string { n++; return filepath.Join(base, "s"+string(rune('a'+n%26))+string(rune('a'+n/26))) }
	made := func(seed uint64) string {
		d := fresh()
		if _, err := store.Run(context.Background(), d, sp(), nop, &store.Options{Options: sweep.Options{Seed: seed}, Version: "v1"}); err != nil {
			t.Fatal(err)
		}
		return d
	}
	withFile := func(rel, body string) string {
		d := fresh()
		p := filepath.Join(d, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return d
	}
	withSQL := func(d string, stmts ...string) string {
		os.MkdirAll(d, 0o755)
		db, err := sql.Open("sqlite", filepath.Join(d, store.DBName))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				t.Fatal(err)
			}
		}
		return d
	}
	run := func(d string, s *sweep.Space, seed uint64, version string) func() error {
		return func() error {
			_, err := store.Run(context.Background(), d, s, nop, &store.Options{Options: sweep.Options{Seed: seed}, Version: version})
			return err
		}
	}
	open := func(d string) func() error {
		return func() error {
			st, err := store.Open(d)
			if err == nil {
				st.Close()
			}
			return err
		}
	}
	flags := func(args []string, env map[string]string) func() error {
		return func() error {
			for k, v := range env {
				t.Setenv(k, v)
			}
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			get := store.Flags(fs)
			if err := fs.Parse(args); err != nil {
				return err
			}
			_, _, err := get()
			return err
		}
	}
	v1 := made(1)
	file := withFile("f", "a file")
	ro := made(1)
	roStore, err := store.OpenReadOnly(ro)
	if err != nil {
		t.Fatal(err)
	}
	defer roStore.Close()
	unbound := fresh()
	ub, err := store.Open(unbound)
	if err != nil {
		t.Fatal(err)
	}
	defer ub.Close()
	other := made(2)
	rows := []badInput{
		{"nil space", run(fresh(), nil, 1, ""), "store", "Run", "the space is nil", "space"},
		{"invalid space", run(fresh(), sweep.Grid(sweep.Values("a", math.NaN())), 1, ""), "Grid", `parameter "a" value 0`, "NaN", "must be finite"},
		{"invalid shard", func() error {
			_, err := store.Run(context.Background(), fresh(), sp(), nop, &store.Options{Options: sweep.Options{Shard: sweep.Shard{Index: 3, Count: 2}}})
			return err
		}, "shard 3 of 2", "Index", "= 3", "must be in [0, 2)"},
		{"index out of range", func() error {
			_, err := store.Run(context.Background(), fresh(), sp(), nop, &store.Options{Options: sweep.Options{Indices: []int{0, 7}}})
			return err
		}, "store", "Options.Indices", "index 7", "must be in [0, 2)"},
		// Resuming another sweep.
		{"resume with other values", run(v1, sweep.Grid(sweep.Values("a", 1, 2.5), sweep.Values("b", 3)), 1, "v1"), v1, "definition", "parameter values or the kind of space differ", "use a new store directory"},
		{"resume with other parameters", run(v1, sweep.Grid(sweep.Values("a", 1, 2), sweep.Values("c", 3)), 1, "v1"), v1, "parameters", "[a b], now [a c]", "use a new store directory"},
		{"resume with more points", run(v1, sweep.Grid(sweep.Values("a", 1, 2, 3), sweep.Values("b", 3)), 1, "v1"), v1, "points", "2 points, now 3", "use a new store directory"},
		{"resume with another seed", run(v1, sp(), 2, "v1"), v1, "master seed", "1, now 2", "use a new store directory"},
		{"resume with another version", run(v1, sp(), 1, "v2"), v1, "version", `"v1", now "v2"`, "run the old definition"},
		// Files that are not the store's.
		{"directory is a file", open(filepath.Join(file, "f")), "store", filepath.Join(file, "f"), "not a directory", "give a directory"},
		{"data folder the store did not make", run(withFile(store.DataDir+"/a.txt", "user"), sp(), 1, ""), "store", store.DataDir, "already exists and holds 1 files (e.g. a.txt)", "move the folder away"},
		{"lock file that is not golgi's", open(withFile(store.LockName, "my notes")), "store", store.LockName, "is not a golgi lock file (8 bytes)", "move it away"},
		{"sweep.db empty", open(withFile(store.DBName, "")), store.DBName, "tables", "0 bytes", "golgi sweep recover"},
		{"sweep.db not SQLite", open(withFile(store.DBName, strings.Repeat("user text ", 20))), store.DBName, "SQLite cannot read it", "file is not a database", "move "},
		{"sweep.db a directory", open(withFile(store.DBName+"/x", "")), store.DBName, "regular file", "it is not a regular file", "move "},
		{"sweep.db of another program", open(withSQL(fresh(), `CREATE TABLE users (name TEXT)`)), store.DBName, "table meta", "without a sweep store's table meta", "golgi has not changed it"},
		{"sweep.db with a foreign meta table", open(withSQL(fresh(), `CREATE TABLE meta (key TEXT, value TEXT)`, `INSERT INTO meta VALUES ('owner', 'me')`)), store.DBName, "table meta", "without a sweep's schema and hash", "give the sweep another directory"},
		{"store of a newer schema", open(withSQL(made(1), `UPDATE meta SET value = '9' WHERE key = 'schema'`)), "store", "schema version", `"9"`, "reads versions 1, 2"},
		{"store with a damaged meta table", open(withSQL(made(1), `UPDATE meta SET value = 'x' WHERE key = 'points'`)), "store", "table meta", "damaged", `parsing "x"`},
		// Using a store wrongly.
		{"Put before Bind", func() error { return ub.Put(sweep.Result{Index: 0, Status: sweep.Done}) }, unbound, "Put", "before Bind", "Bind, or use Run"},
		{"Put on a read-only store", func() error { return roStore.Put(sweep.Result{Index: 0, Status: sweep.Done}) }, ro, "store", "is open read-only", "open it with Open"},
		{"Clean on a read-only store", func() error { _, err := roStore.Clean(); return err }, ro, "store", "is open read-only", "open it with Open"},
		{"Bind another sweep read-only", func() error { return roStore.Bind(sweep.Grid(sweep.Values("z", 1)), 1, "") }, ro, "store", "is open read-only", "open it with Open"},
		{"read-only open of no store", func() error { _, err := store.OpenReadOnly(fresh()); return err }, "store", "is not a sweep store", "no sweep.db", "give a store directory"},
		{"Put of bad data", func() error {
			d := fresh()
			st, err := store.Open(d)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.Bind(sp(), 1, ""); err != nil {
				return err
			}
			return st.Put(sweep.Result{Index: 0, Status: sweep.Done, Values: make([]sweep.Value, 2), Data: []sweep.Data{{Name: "v v", Columns: []sweep.Column{{Name: "t", Float: []float64{1}}}}}})
		}, "data", "name", `"v v"`, "must be an identifier"},
		// Merge and Recover.
		{"merge of nothing", func() error { _, err := store.Merge(fresh()); return err }, "Merge", "input stores", "no input stores given", "at least one"},
		{"merge into an input", func() error { _, err := store.Merge(v1, v1); return err }, "Merge", "input " + v1, "is the output", "another directory"},
		{"merge of a directory without store", func() error { _, err := store.Merge(fresh(), file); return err }, "Merge", file, "is not a sweep store (no sweep.db)", "give store directories"},
		{"merge of another sweep", func() error { _, err := store.Merge(v1, other); return err }, "Merge", other, "stores of different sweeps", "master seed 1, now 2"},
		{"recover into itself", func() error { _, err := store.Recover(v1, v1); return err }, "Recover", "output " + v1, "is the damaged store", "give a new directory"},
		{"recover of no store", func() error { _, err := store.Recover(file, fresh()); return err }, "Recover", file, "is not a sweep store", "give a store directory"},
		// Flags of sweep programs.
		{"no -store", flags(nil, nil), "store", "-store", "is required", "give the sweep's store directory"},
		{"negative -workers", flags([]string{"-store", "x", "-workers", "-2"}, nil), "store", "-workers", "-2", "must be >= 0"},
		{"SLURM task beyond the shards", flags([]string{"-store", "x", "-shards", "4"}, map[string]string{sweep.EnvTaskID: "4"}), "$SLURM_ARRAY_TASK_ID", "shard index", "4", "numbered 0-3"},
		{"SLURM task without -shards", flags([]string{"-store", "x"}, map[string]string{sweep.EnvTaskID: "1", sweep.EnvTaskCount: "1"}), "$SLURM_ARRAY_TASK_ID", "-shards", "shard 1", "give -shards"},
	}
	checkBadInputs(t, rows)
	if b, _ := os.ReadFile(filepath.Join(file, "f")); string(b) != "a file" {
		t.Error("the user's file was changed")
	}
	_ = errors.Is
}
