package sweep_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/runlog"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/sweep"
)

// A sweep reports its points' runs tagged with the sweep and point, then
// its own record with the result table's fingerprint; runlog.Order lists
// them by point, the same for 1 and 4 workers although 4 workers finish the
// points in another order (later points are made to finish first).
func TestSweepRunLog(t *testing.T) {
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		time.Sleep(time.Duration(8-p.Index) * 3 * time.Millisecond)
		net := network.New(network.Options{Seed: p.Seed, Workers: 1})
		net.AddPopulation("c", 2, neuron.DefaultLIF()).Inject(stimulus.DC{Amplitude: p.Float("i_pa")})
		v := record.NewState(net.Population("c"), "v", []int{0}, 0.5)
		net.Record(v)
		if err := net.RunContext(ctx, 20); err != nil {
			return sweep.Output{}, err
		}
		return sweep.Output{Metrics: sweep.Metrics{"v_end": v.Values()[0][len(v.Values()[0])-1]}}, nil
	}
	space := sweep.Grid(sweep.Values("i_pa", 100, 150, 200, 250, 300, 350, 400, 450))
	var ordered [][]string
	for _, w := range []int{1, 4} {
		path := filepath.Join(t.TempDir(), "runs.jsonl")
		t.Setenv(runlog.EnvVar, path)
		tab, err := sweep.Run(context.Background(), space, f, &sweep.Options{Workers: w, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		runs, err := runlog.Read(path)
		if err != nil || len(runs) != 9 {
			t.Fatalf("workers %d: %d runs logged (%v), want 8 points and the sweep", w, len(runs), err)
		}
		last := runs[len(runs)-1]
		if last.Kind != "sweep" || last.Fingerprint != tab.Fingerprint() || last.Points != 8 || last.Done != 8 || last.Status != "ok" || last.Seed != 3 || last.Label != "i_pa" || last.Point != nil {
			t.Fatalf("workers %d: sweep record %+v, want the table's fingerprint %s", w, last, tab.Fingerprint())
		}
		var fps []string
		for k, r := range runlog.Order(runs) {
			if r.Sweep != last.Sweep || (k < 8 && (r.Point == nil || *r.Point != k)) {
				t.Fatalf("workers %d: ordered run %d is sweep %d point %v, want sweep %d point %d", w, k, r.Sweep, r.Point, last.Sweep, k)
			}
			fps = append(fps, r.Fingerprint)
		}
		ordered = append(ordered, fps)
	}
	if !reflect.DeepEqual(ordered[0], ordered[1]) {
		t.Fatalf("ordered fingerprints differ between 1 and 4 workers:\n%q\n%q", ordered[0], ordered[1])
	}
}
