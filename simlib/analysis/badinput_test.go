package analysis_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/analysis"
	"github.com/golgi-sim/golgi/simlib/internal/badinput"
)

// The analysis functions' bad-input table: what they refuse, and why. The
// error names the function (or "analysis: window"), the argument, its
// value and what is allowed.

func TestBadInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tr := [][]float64{{1, 2, 3}, {5}}
	err := func(f func() error) func() error { return f }
	badinput.Run(t, []badinput.Case{
		{"Rates window reversed", err(func() error { _, e := analysis.Rates(tr, 10, 5); return e }), []string{"window [t0 = 10, t1 = 5) ms", "finite t0 < t1"}},
		{"Rates window NaN", err(func() error { _, e := analysis.Rates(tr, nan, 5); return e }), []string{"t0 = NaN", "finite t0 < t1"}},
		{"MeanRate window infinite width", err(func() error { _, e := analysis.MeanRate(tr, -1e308, 1e308); return e }), []string{"t0 = -1e+308, t1 = 1e+308", "finite width"}},
		{"MeanRate no trains", err(func() error { _, e := analysis.MeanRate(nil, 0, 1); return e }), []string{"MeanRate of no trains"}},
		{"SilentFraction t1 +Inf", err(func() error { _, e := analysis.SilentFraction(tr, 0, inf); return e }), []string{"t1 = +Inf", "finite"}},
		{"BinCounts bin 0", err(func() error { _, e := analysis.BinCounts(tr[0], 0, 10, 0); return e }), []string{"bin = 0 ms", "positive and finite"}},
		{"BinCounts bin NaN", err(func() error { _, e := analysis.BinCounts(tr[0], 0, 10, nan); return e }), []string{"bin = NaN ms", "positive and finite"}},
		{"BinCounts 1e12 bins", err(func() error { _, e := analysis.BinCounts(tr[0], 0, 1e9, 1e-3); return e }), []string{"bin = 0.001 ms gives 1e+12 bins", "use a wider bin"}},
		{"PopulationRate n 0", err(func() error { _, e := analysis.PopulationRate(tr[0], 0, 0, 10, 1); return e }), []string{"PopulationRate: n = 0 neurons", "at least 1"}},
		{"GaussianSmooth dx 0", err(func() error { _, e := analysis.GaussianSmooth([]float64{1, 2}, 0, 1); return e }), []string{"GaussianSmooth: dx = 0", "positive and finite"}},
		{"GaussianSmooth sigma -1", err(func() error { _, e := analysis.GaussianSmooth([]float64{1, 2}, 1, -1); return e }), []string{"GaussianSmooth: sigma = -1", ">= 0 and finite"}},
		{"GaussianSmooth sigma +Inf", err(func() error { _, e := analysis.GaussianSmooth([]float64{1, 2}, 1, inf); return e }), []string{"sigma = +Inf", ">= 0 and finite"}},
		{"Chi no signals", err(func() error { _, e := analysis.Chi(nil); return e }), []string{"Chi needs at least one signal of at least 2 samples"}},
		{"Chi lengths differ (panicked)", err(func() error { _, e := analysis.Chi([][]float64{{1, 2}, {1, 2, 3}}); return e }), []string{"Chi: signal 1 has 3 samples, signal 0 has 2", "same length"}},
		{"Chi flat signals", err(func() error { _, e := analysis.Chi([][]float64{{1, 1}, {2, 2}}); return e }), []string{"Chi: the signals do not vary"}},
		{"SpikeCountChi bin -1", err(func() error { _, e := analysis.SpikeCountChi(tr, 0, 10, -1); return e }), []string{"bin = -1 ms", "positive and finite"}},
		{"EPSPAmplitude onset -1", err(func() error { _, e := analysis.EPSPAmplitude([]float64{1, 2}, -1); return e }), []string{"EPSPAmplitude: onset = -1", "must be in [0, 2)"}},
		{"EPSPAmplitude empty trace", err(func() error { _, e := analysis.EPSPAmplitude(nil, 0); return e }), []string{"onset = 0", "must be in [0, 0)"}},
	})
}

// TestNotATrain: ISICV reports ok = false, not a number, for inputs that
// are not spike trains (they gave NaN or a negative mean before), and
// GaussianSmooth with a huge sigma (its half-width overflowed an int and
// panicked) averages the whole trace.
func TestNotATrain(t *testing.T) {
	for _, tr := range [][]float64{{0, 1, math.Inf(1)}, {0, math.NaN(), 2}, {0, 2, 1, 3}, {0, 1e308, -1e308}} {
		if cv, ok := analysis.ISICV(tr); ok {
			t.Errorf("ISICV(%v) = %v, ok: want not ok", tr, cv)
		}
	}
	out, err := analysis.GaussianSmooth([]float64{1, 2, 3}, 1, 1e300)
	if err != nil || len(out) != 3 || math.Abs(out[1]-2) > 1e-12 || math.Abs(out[0]-2) > 1e-12 {
		t.Fatalf("GaussianSmooth(sigma 1e300) = %v, %v: want the mean 2 everywhere", out, err)
	}
}
