package cli_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/cli"
	"github.com/golgi-sim/golgi/simlib/sweep/internal/testnet"
	"github.com/golgi-sim/golgi/simlib/sweep/store"
)

func run(args ...string) (int, string, string) {
	var o, e bytes.Buffer
	c := cli.Main(args, &o, &e)
	return c, o.String(), e.String()
}

func space() *sweep.Space {
	return sweep.Grid(sweep.Values("w_in", 3, 6), sweep.Values("w_rec", 0, 0.5, 1))
}

// Shard stores merged by "golgi sweep merge DIR" equal the inline store
// ("golgi sweep diff"); status and export read them.
func TestMergeDiffStatusExport(t *testing.T) {
	base := t.TempDir()
	f := testnet.Func(testnet.Small, true)
	for k := 0; k < 3; k++ {
		sh := sweep.Shard{Index: k, Count: 3}
		if k == 2 {
			continue // a missing shard first
		}
		if _, err := store.Run(context.Background(), store.ShardDir(base, sh), space(), f, &store.Options{Options: sweep.Options{Seed: 4, Shard: sh}, Version: "v"}); err != nil {
			t.Fatal(err)
		}
	}
	// Status of the shards while one is being written.
	busy, err := store.Open(store.ShardDir(base, sweep.Shard{Index: 1, Count: 3}))
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := run("status", base)
	busy.Close()
	if code != 0 || !strings.Contains(out, "shard stores: 2, holding 4 done and 0 failed points of 6") ||
		!strings.Contains(out, "shard-0000-of-0003: 2 done, 0 failed\n") || !strings.Contains(out, "shard-0001-of-0003: 2 done, 0 failed, running\n") {
		t.Fatalf("status of shards: %d %q %q", code, out, errs)
	}
	code, out, errs = run("merge", "-complete", base)
	if code != 1 || !strings.Contains(out, "6 points: 4 done, 0 failed, 2 missing") || !strings.Contains(errs, "2 missing") {
		t.Fatalf("merge with a shard missing: %d %q %q", code, out, errs)
	}
	sh := sweep.Shard{Index: 2, Count: 3}
	if _, err := store.Run(context.Background(), store.ShardDir(base, sh), space(), f, &store.Options{Options: sweep.Options{Seed: 4, Shard: sh}, Version: "v"}); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run("merge", "-complete", base)
	if code != 0 || !strings.Contains(out, "2 rows added, 4 already there") || !strings.Contains(out, "6 done, 0 failed, 0 missing") {
		t.Fatalf("merge: %d %q %q", code, out, errs)
	}
	inline := filepath.Join(t.TempDir(), "inline")
	if _, err := store.Run(context.Background(), inline, space(), f, &store.Options{Options: sweep.Options{Seed: 4, Workers: 1}, Version: "v"}); err != nil {
		t.Fatal(err)
	}
	if code, out, errs = run("diff", base, inline); code != 0 || !strings.HasPrefix(out, "identical: 6 points") {
		t.Fatalf("diff: %d %q %q", code, out, errs)
	}
	other := filepath.Join(t.TempDir(), "other")
	store.Run(context.Background(), other, space(), f, &store.Options{Options: sweep.Options{Seed: 5}, Version: "v"})
	if code, out, _ = run("diff", base, other); code != 1 || !strings.HasPrefix(out, "different sweeps") {
		t.Fatalf("diff of other sweeps: %d %q", code, out)
	}
	if code, out, _ = run("status", base); code != 0 || !strings.Contains(out, "points: 6: 6 done, 0 failed, 0 to do") || !strings.Contains(out, "parameters: w_in, w_rec") {
		t.Fatalf("status: %d %q", code, out)
	}
	if code, out, _ = run("export", base); code != 0 || strings.Count(out, "\n") != 7 || !strings.HasPrefix(out, "index,seed,w_in,w_rec,status,rate_hz,spikes,v_mean,") {
		t.Fatalf("export csv: %d %q", code, out)
	}
	pq := filepath.Join(t.TempDir(), "t.parquet")
	if code, _, errs = run("export", "-format", "parquet", "-o", pq, base); code != 0 {
		t.Fatalf("export parquet: %s", errs)
	}
	if st, err := os.Stat(pq); err != nil || st.Size() == 0 {
		t.Fatalf("parquet file: %v", err)
	}
}

func TestSlurmScript(t *testing.T) {
	dir := t.TempDir()
	prog := filepath.Join(dir, "my sweep")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "run.sbatch")
	code, out, errs := run("slurm", "-program", prog, "-store", filepath.Join(dir, "st"), "-shards", "8", "-cpus", "2",
		"-time", "01:00:00", "-mem", "2G", "-parallel", "4", "-sbatch", "--qos=short", "-o", script, "--", "-duration", "500")
	if code != 0 {
		t.Fatalf("%d %q %q", code, out, errs)
	}
	b, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		"#SBATCH --array=0-7%4\n", "#SBATCH --cpus-per-task=2\n", "#SBATCH --time=01:00:00\n", "#SBATCH --mem=2G\n",
		"#SBATCH --qos=short\n", "#SBATCH --output=" + filepath.Join(dir, "st", "logs") + "/%x-%A_%a.out\n",
		"exec '" + prog + "' -store " + filepath.Join(dir, "st") + " -shards 8 -workers 2 -duration 500\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("script lacks %q:\n%s", want, s)
		}
	}
	if out, err := exec.Command("bash", "-n", script).CombinedOutput(); err != nil {
		t.Fatalf("bash -n: %v %s", err, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"slurm", "-store", dir, "-shards", "2"}, "-program is required"},
		{[]string{"slurm", "-program", prog, "-store", dir, "-shards", "0"}, "-shards = 0"},
		{[]string{"slurm", "-program", dir, "-store", dir, "-shards", "2"}, "not an executable file"},
		{[]string{"nope"}, `unknown command "nope"`},
		{[]string{"merge", "-o", "x"}, "give the sweep's base directory"},
		{[]string{"status", dir}, "is not a sweep store"},
	} {
		code, _, errs := run(c.args...)
		if code == 0 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, errs, c.want)
		}
	}
}
