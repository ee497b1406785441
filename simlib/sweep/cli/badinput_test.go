package cli_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/cli"
	"github.com/golgi-sim/golgi/simlib/sweep/store"
)

// badInput is one row of a bad-input table: the command line, and the
// parts its error must name: the object, its field, the value given and
// what is allowed.
type badInput struct {
	what                          string
	args                          []string
	object, field, value, allowed string
}

// cmdErr runs golgi sweep ARGS and returns its standard error as an error
// when it exits non-zero, nil when it succeeds.
func cmdErr(args []string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errors.New("PANIC")
		}
	}()
	code, _, errs := run(args...)
	if code == 0 {
		return nil
	}
	return errors.New(errs)
}

// TestBadInputs is the list of what golgi sweep refuses, and why: each
// command line exits non-zero with an error naming what is wrong, without
// panicking, and changes no file it did not write.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "prog")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain.txt")
	if err := os.WriteFile(plain, []byte("not executable"), 0o644); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "mine.sbatch")
	if err := os.WriteFile(mine, []byte("#!/bin/bash\n# my own job script\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good")
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"y": p.Float("x")}}, nil
	}
	if _, err := store.Run(context.Background(), good, sweep.Grid(sweep.Values("x", 1, 2)), f, nil); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(dir, "damaged")
	os.MkdirAll(damaged, 0o755)
	if err := os.WriteFile(filepath.Join(damaged, store.DBName), []byte("SQLite format 3\x00 but truncated"), 0o644); err != nil {
		t.Fatal(err)
	}
	badShards := filepath.Join(dir, "badshards", "shard-0000-of-0002")
	os.MkdirAll(badShards, 0o755)
	if err := os.WriteFile(filepath.Join(badShards, store.DBName), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	noStore := filepath.Join(dir, "empty")
	os.MkdirAll(noStore, 0o755)
	slurm := func(extra ...string) []string {
		return append([]string{"slurm", "-program", prog, "-store", filepath.Join(dir, "st"), "-shards", "4"}, extra...)
	}
	rows := []badInput{
		{"unknown command", []string{"nope"}, "golgi sweep", "command", `"nope"`, "Commands:"},
		// slurm
		{"no program", []string{"slurm", "-store", dir, "-shards", "2"}, "golgi sweep slurm", "-program", "is required", "the path of the sweep program"},
		{"no store", []string{"slurm", "-program", prog, "-shards", "2"}, "golgi sweep slurm", "-store", "is required", "the store directory"},
		{"no shards", []string{"slurm", "-program", prog, "-store", dir}, "golgi sweep slurm", "-shards", "= 0", "must be >= 1"},
		{"negative shards", slurm("-shards", "-3"), "golgi sweep slurm", "-shards", "= -3", "must be >= 1"},
		{"no CPUs", slurm("-cpus", "0"), "golgi sweep slurm", "-cpus", "= 0", "must be in [1, 4096]"},
		{"absurd CPUs", slurm("-cpus", "100000"), "golgi sweep slurm", "-cpus", "= 100000", "must be in [1, 4096]"},
		{"negative parallel", slurm("-parallel", "-1"), "golgi sweep slurm", "-parallel", "= -1", "must be >= 0"},
		{"job name with a space", slurm("-name", "my job"), "golgi sweep slurm", "-name", `"my job"`, "use letters, digits"},
		{"memory with a space", slurm("-mem", "4 G"), "golgi sweep slurm", "-mem", `"4 G"`, "unit K, M, G or T"},
		{"memory injecting a line", slurm("-mem", "4G\nrm -rf ~"), "golgi sweep slurm", "-mem", `"4G\nrm -rf ~"`, "unit K, M, G or T"},
		{"time in hours", slurm("-time", "2h"), "golgi sweep slurm", "-time", `"2h"`, "HH:MM:SS"},
		{"partition with a semicolon", slurm("-partition", "a;b"), "golgi sweep slurm", "-partition", `"a;b"`, "use letters, digits"},
		{"account with a space", slurm("-account", "my lab"), "golgi sweep slurm", "-account", `"my lab"`, "use letters, digits"},
		{"sbatch line without a dash", slurm("-sbatch", "qos=short"), "golgi sweep slurm", "-sbatch", `"qos=short"`, "starting with '-'"},
		{"sbatch line injecting a command", slurm("-sbatch", "--qos=a\nrm -rf ~"), "golgi sweep slurm", "-sbatch", `"--qos=a\nrm -rf ~"`, "without control characters"},
		{"store path with a newline", []string{"slurm", "-program", prog, "-store", dir + "/a\nrm -rf ~", "-shards", "2"}, "golgi sweep slurm", "-store", `a\nrm -rf ~"`, "must not hold control characters"},
		{"store path with a backslash", []string{"slurm", "-program", prog, "-store", dir + `/a\b`, "-shards", "2"}, "golgi sweep slurm", "-store", `a\\b"`, "must not hold a backslash"},
		{"store path with a double quote", []string{"slurm", "-program", prog, "-store", dir + `/a"b`, "-shards", "2"}, "golgi sweep slurm", "-store", `a\"b"`, "must not hold a double quote"},
		{"script path with a newline", slurm("-o", dir+"/x\ny"), "golgi sweep slurm", "-o", `x\ny"`, "must not hold control characters"},
		{"program not executable", []string{"slurm", "-program", plain, "-store", dir, "-shards", "2"}, "slurm", "-program", plain, "not an executable file (build it with go build first)"},
		{"program a directory", []string{"slurm", "-program", dir, "-store", dir, "-shards", "2"}, "slurm", "-program", dir, "not an executable file"},
		{"script over a file golgi did not write", slurm("-o", mine), "slurm", "-o", mine, "give another file, or -force"},
		// merge
		{"merge without stores", []string{"merge", "-o", "x"}, "golgi sweep merge", "stores", "give the sweep's base directory", "-o OUT and the stores"},
		{"merge of several stores without -o", []string{"merge", good, noStore}, "golgi sweep merge", "several stores", "given", "name the merged store with -o"},
		{"merge of a base without shards", []string{"merge", noStore}, "golgi sweep merge", noStore, "has no shard stores", "shard-*-of-*"},
		{"merge of a store into itself", []string{"merge", "-o", good, good}, "Merge", "input " + good, "is the output", "another directory"},
		{"merge of a directory without store", []string{"merge", "-o", filepath.Join(dir, "out"), noStore}, "Merge", noStore, "is not a sweep store", "no sweep.db"},
		{"merge of a damaged store", []string{"merge", "-o", filepath.Join(dir, "out2"), damaged}, "store", filepath.Join(damaged, store.DBName), "damaged", "golgi sweep recover"},
		// status, export, diff, recover
		{"status of no store", []string{"status", noStore}, "golgi sweep", noStore, "is not a sweep store", "no sweep.db"},
		{"status of a damaged store", []string{"status", damaged}, "store", filepath.Join(damaged, store.DBName), "damaged", "golgi sweep recover " + damaged + " NEWDIR"},
		{"status of shards none of which can be read", []string{"status", filepath.Dir(badShards)}, "golgi sweep", filepath.Dir(badShards), "no shard store could be read", "shard-0000-of-0002: store: "},
		{"status of two stores", []string{"status", good, good}, "golgi sweep status", "usage", "DIR", "DIR"},
		{"export to an unknown format", []string{"export", "-format", "xlsx", good}, "golgi sweep export", "-format", `"xlsx"`, "use csv or parquet"},
		{"export Parquet to standard output", []string{"export", "-format", "parquet", good}, "golgi sweep export", "-format parquet", "needs -o FILE", "-o FILE"},
		{"export over an existing file", []string{"export", "-o", plain, good}, "golgi sweep export", "-o " + plain, "exists", "give another file, or -force"},
		{"export of no store", []string{"export", noStore}, "store", noStore, "is not a sweep store", "no sweep.db"},
		{"diff of one store", []string{"diff", good}, "golgi sweep diff", "usage", "STORE_A STORE_B", "STORE_A STORE_B"},
		{"diff with a damaged store", []string{"diff", good, damaged}, "store", filepath.Join(damaged, store.DBName), "damaged", "golgi sweep recover"},
		{"recover into itself", []string{"recover", damaged, damaged}, "Recover", "output " + damaged, "is the damaged store", "give a new directory"},
		{"recover of no store", []string{"recover", noStore, filepath.Join(dir, "r")}, "Recover", noStore, "is not a sweep store", "no sweep.db"},
		{"recover of a file without SQLite pages", []string{"recover", damaged, filepath.Join(dir, "r2")}, "Recover", filepath.Join(damaged, store.DBName), "no SQLite", "nothing can be recovered"},
		{"recover with one directory", []string{"recover", damaged}, "golgi sweep recover", "usage", "DIR NEWDIR", "DIR NEWDIR"},
	}
	before, _ := os.ReadFile(mine)
	beforePlain, _ := os.ReadFile(plain)
	for _, r := range rows {
		t.Run(r.what, func(t *testing.T) {
			err := cmdErr(r.args)
			if err == nil {
				t.Fatalf("accepted; want an error naming %q, %q, %q and %q", r.object, r.field, r.value, r.allowed)
			}
			if err.Error() == "PANIC" {
				t.Fatal("panic")
			}
			for _, part := range []struct{ name, s string }{{"object", r.object}, {"field", r.field}, {"value", r.value}, {"allowed", r.allowed}} {
				if !strings.Contains(err.Error(), part.s) {
					t.Errorf("error %q does not name the %s %q", err, part.name, part.s)
				}
			}
		})
	}
	if b, _ := os.ReadFile(mine); string(b) != string(before) {
		t.Error("the user's job script was changed")
	}
	if b, _ := os.ReadFile(plain); string(b) != string(beforePlain) {
		t.Error("the user's file was changed by export")
	}
	t.Logf("%d bad inputs refused", len(rows))
	_ = cli.Main
}
