package hnn

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// seedPeaks are the 20 (min_peak, max_peak) pairs hnn-core's batch
// tutorial prints (hnn-core's batch simulation tutorial, "Simulation
// results"; reproduced by hnn-core on this machine's NEURON to 4.4e-14,
// hnn_column.md §1).
var seedPeaks = [20][2]float64{
	{-1.9487233699162363e-05, 2.438299811172486e-05},
	{-1.9487233699162363e-05, 3.5625970074068246e-05},
	{-1.9487233699162363e-05, 5.187123572695809e-05},
	{-1.9487233699162363e-05, 7.53973769021331e-05},
	{-1.9487233699162363e-05, 0.00010962271639761121},
	{-0.0008187098140745109, 0.0011853731897260896},
	{-0.0006900911098816427, 0.001453236614203405},
	{-7.443630674152117e-05, 0.0006303483688791793},
	{-0.0003831247250500206, 0.0015588783545865902},
	{-0.0005827286517536018, 0.0014794795458269632},
	{-0.0005759203533290847, 0.0014539235295249087},
	{-1.9487233699162363e-05, 0.001326218239424397},
	{-1.9487233699162363e-05, 0.0013283313099600618},
	{-1.9487233699162363e-05, 0.0011853462053579688},
	{-1.9487233699162363e-05, 0.0011649633329457493},
	{-1.9487233699162363e-05, 0.0011845854148153823},
	{-1.9487233699162363e-05, 0.001231155285096076},
	{-1.9487233699162363e-05, 0.0013115554222262672},
	{-1.9487233699162363e-05, 0.0014314315232221652},
	{-1.9487233699162363e-05, 0.001512378997571943},
}

// seedBatch is the tutorial's batch: a 3x3 column, the evoked drive
// N(40, 5) ms replaying hnn-core's own event times (event_seed 2: the
// same for every point; testdata/hnn_core_seed.json.gz), AMPA weights
// weight_basket and weight_pyr zipped over logspace(-4, -1, 20) µS, and
// the min and max of the aggregate dipole smoothed over 30 ms.
func seedBatch(t *testing.T) (Batch, *sweep.Space) {
	cells, err := DefaultCells()
	if err != nil {
		t.Fatal(err)
	}
	ref := loadHNNCore(t, "seed")
	c := DefaultColumn(cells)
	c.Mesh.NX, c.Mesh.NY = 3, 3
	b := Batch{
		Column: c,
		SetParams: func(c *Column, p sweep.Point) error {
			wb, wp := p.Float("weight_basket"), p.Float("weight_pyr")
			d := ReplayDrive("evprox", ref.Events["evprox"], "proximal")
			d.WeightsAMPA = map[string]float64{L2BasketType: wb, L2PyramidalType: wp, L5BasketType: wb, L5PyramidalType: wp}
			d.Delays = map[string]float64{L2BasketType: 0.1, L2PyramidalType: 0.1, L5BasketType: 1, L5PyramidalType: 1}
			c.Drives = append(c.Drives, d)
			return nil
		},
		Summary: func(p sweep.Point, _ Column, r []*Result) (sweep.Metrics, error) {
			sm, err := r[0].Dipole.Smooth(30)
			if err != nil {
				return nil, err
			}
			return sweep.Metrics{"min_peak": slices.Min(sm.Agg), "max_peak": slices.Max(sm.Agg)}, nil
		},
		SaveDipoles: true,
	}
	space := ParamGrid(false, sweep.Logspace("weight_basket", 1e-4, 1e-1, 20), sweep.Logspace("weight_pyr", 1e-4, 1e-1, 20))
	return b, space
}

// TestBatchSeed reproduces the tutorial's 20 (min_peak, max_peak) pairs
// (all 20 points; 3 under -short). The tolerance, 1e-11 relative, is
// about 60x the largest difference measured, 1.55e-13 (docs/validation.md).
func TestBatchSeed(t *testing.T) {
	b, space := seedBatch(t)
	opt := &sweep.Options{Seed: 1, Workers: 2, KeepData: true}
	if testing.Short() {
		opt.Indices = []int{0, 5, 9}
	}
	tab, err := b.Run(context.Background(), space, opt)
	if err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	for _, r := range tab.Rows {
		if r.Status != sweep.Done {
			t.Fatalf("point %d: %s %s", r.Index, r.Status, r.Err)
		}
		want := seedPeaks[r.Index]
		for k, name := range []string{"min_peak", "max_peak"} {
			got := r.Metric(name)
			d := math.Abs(got - want[k])
			worst = max(worst, d/math.Abs(want[k]))
			if d > 1e-11*math.Abs(want[k]) {
				t.Errorf("point %d %s: %v, hnn-core %v (rel %.2g)", r.Index, name, got, want[k], d/math.Abs(want[k]))
			}
		}
		dp, err := DipoleData(r)
		if err != nil || len(dp.Agg) != 6801 {
			t.Errorf("point %d: dipole data: %v (%d samples)", r.Index, err, len(dp.Agg))
		}
	}
	t.Logf("%d points: largest relative difference from hnn-core's printed peaks %.3g", len(tab.Rows), worst)
}

func TestBatchBadInput(t *testing.T) {
	b, space := seedBatch(t)
	b.Column.TStop = -1
	if _, err := b.Run(context.Background(), space, nil); err == nil {
		t.Error("a bad base column ran")
	}
	b, _ = seedBatch(t)
	b.SetParams = func(c *Column, p sweep.Point) error {
		c.Drives = append(c.Drives, EvokedDrive("bad", 10, 0, "proximal"))
		c.Drives[len(c.Drives)-1].WeightsAMPA = map[string]float64{L2PyramidalType: 1}
		return nil
	}
	tab, err := b.Run(context.Background(), space, &sweep.Options{Indices: []int{0}})
	if err != nil {
		t.Fatal(err)
	}
	if r := tab.Rows[0]; r.Status != sweep.Failed || !strings.Contains(r.Err, "Sigma = 0") {
		t.Errorf("a point with sigma 0: %s %q", r.Status, r.Err)
	}
	if s := ParamGrid(false, sweep.Values("a", 1, 2), sweep.Values("b", 1)); s.Err() == nil {
		t.Error("zip of lists of different lengths accepted")
	}
}
