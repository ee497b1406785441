package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/golgi-sim/golgi/simlib/runlog"
	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/store"
)

// A sweep run into a store reports the sweep's record (the points it
// computed) and the store's (the whole table, and how many points were
// loaded), under one sweep number; resumed, it loads every point and its
// store record has the same fingerprint.
func TestRunReportsStore(t *testing.T) {
	log := filepath.Join(t.TempDir(), "runs.jsonl")
	t.Setenv(runlog.EnvVar, log)
	dir := filepath.Join(t.TempDir(), "s")
	space := sweep.Grid(sweep.Values("x", 1, 2, 3))
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"y": 2 * p.Float("x")}}, nil
	}
	for k := 0; k < 2; k++ {
		tab, err := store.Run(context.Background(), dir, space, f, &store.Options{Options: sweep.Options{Seed: 9}})
		if err != nil {
			t.Fatal(err)
		}
		runs, err := runlog.Read(log)
		if err != nil || len(runs) != 2*(k+1) {
			t.Fatalf("run %d: %d records (%v), want 2 per run", k, len(runs), err)
		}
		sw, st := runs[2*k], runs[2*k+1]
		wantPoints, wantStored := 3, 0
		if k == 1 {
			wantPoints, wantStored = 0, 3
		}
		if sw.Kind != "sweep" || sw.Points != wantPoints || st.Kind != "store" || st.Sweep != sw.Sweep || st.Sweep == 0 ||
			st.Points != 3 || st.Done != 3 || st.Stored != wantStored || st.Seed != 9 || st.Fingerprint != tab.Fingerprint() || st.Status != "ok" {
			t.Fatalf("run %d: records\n%+v\n%+v\nwant a sweep of %d points and a store of 3, %d loaded, with the table's fingerprint %s", k, sw, st, wantPoints, wantStored, tab.Fingerprint())
		}
		if k == 1 && st.Fingerprint != runs[1].Fingerprint {
			t.Fatalf("resumed store fingerprint %s, first %s", st.Fingerprint, runs[1].Fingerprint)
		}
	}
}
