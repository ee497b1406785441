package stimulus

import (
	"math"
	"strings"
	"testing"
)

const dt = 0.1 // ms

// stepStart is the start time of update step as the engine computes it.
func stepStart(step int64) float64 { return float64(step-1) * dt }

// at returns the current of a one-target source during update step.
func at(src Source, step int64) float64 {
	dst := []float64{0}
	src.Add(step, stepStart(step), 0, 1, dst)
	return dst[0]
}

// activeSteps returns the first and last update in which src gives a
// non-zero current among updates 1..n, and how many there are.
func activeSteps(src Source, n int64) (first, last, count int64) {
	for step := int64(1); step <= n; step++ {
		if at(src, step) != 0 {
			if first == 0 {
				first = step
			}
			last = step
			count++
		}
	}
	return first, last, count
}

// DC is on in exactly the updates whose start time t = (n-1)·dt lies in
// [Start, Stop): update round(Start/dt)+1 to round(Stop/dt), that is
// (Stop-Start)/dt updates, also for times that are not exact in binary
// (0.3 = 3·0.1 is 0.30000000000000004 in floating point).
func TestDCWindow(t *testing.T) {
	cases := []struct {
		start, stop float64
		first, last int64 // 0, 0: never
	}{
		{0, 0, 1, 1000},      // from the beginning, never stops
		{0, 1, 1, 10},        // [0, 1): t = 0, 0.1, ..., 0.9
		{1, 2, 11, 20},       // t = 1.0 is update 11
		{0.3, 0.7, 4, 7},     // t = 0.3, 0.4, 0.5, 0.6
		{0.7, 2.9, 8, 29},    // 0.7 and 2.9 are inexact in binary
		{12.3, 0, 124, 1000}, // until the end
		{50, 50.1, 501, 501}, // a single update
		{9.95, 0, 101, 1000}, // starts between steps: the first t >= 9.95 is t = 10
		{5, 5.05, 51, 51},    // stops between steps: t = 5.0 only
		{100, 0, 0, 0},       // after the 1000 updates tested
		{0, math.Inf(1), 1, 1000},
	}
	for _, c := range cases {
		s := DC{Amplitude: 250, Start: c.start, Stop: c.stop}
		if err := s.Validate(dt); err != nil {
			t.Fatalf("%+v: %v", s, err)
		}
		first, last, count := activeSteps(s.New(Context{N: 1, DT: dt}), 1000)
		wantCount := int64(0)
		if c.first > 0 {
			wantCount = c.last - c.first + 1
		}
		if first != c.first || last != c.last || count != wantCount {
			t.Errorf("DC [%v, %v): active updates %d..%d (%d), want %d..%d (%d)", c.start, c.stop, first, last, count, c.first, c.last, wantCount)
		}
	}
	if got := at(DC{Amplitude: -40}.New(Context{}), 1); got != -40 {
		t.Errorf("DC amplitude -40 pA gives %v", got)
	}
}

// Add adds to what dst holds, only in [lo, hi).
func TestAddAccumulatesInRange(t *testing.T) {
	dst := []float64{1, 1, 1, 1, 1}
	srcs := []Source{
		DC{Amplitude: 2}.New(Context{N: 5, DT: dt}),
		Steps{Times: []float64{0}, Amplitudes: []float64{2}}.New(Context{N: 5, DT: dt}),
		TimedArray{Values: []float64{2}}.New(Context{N: 5, DT: dt}),
		Noise{Mean: 2}.New(Context{N: 5, DT: dt}),
	}
	for _, s := range srcs {
		s.Add(1, 0, 1, 3, dst)
	}
	want := []float64{1, 9, 9, 1, 1}
	for i := range dst {
		if dst[i] != want[i] {
			t.Fatalf("dst = %v, want %v", dst, want)
		}
	}
}

// Steps holds Amplitudes[k] from Times[k] until the next time, zero before
// the first (NEST's step_current_generator).
func TestStepsPiecewise(t *testing.T) {
	s := Steps{Times: []float64{1, 2.5, 4, 6}, Amplitudes: []float64{100, -50, 0, 30}}
	if err := s.Validate(dt); err != nil {
		t.Fatal(err)
	}
	src := s.New(Context{N: 1, DT: dt})
	want := func(t float64) float64 {
		switch {
		case t < 1:
			return 0
		case t < 2.5:
			return 100
		case t < 4:
			return -50
		case t < 6:
			return 0
		default:
			return 30
		}
	}
	for step := int64(1); step <= 100; step++ {
		// Decide on the step's index, not on the inexact product.
		tt := float64(step-1) / 10
		if got := at(src, step); got != want(tt) {
			t.Fatalf("update %d (t = %v ms): %v pA, want %v", step, tt, got, want(tt))
		}
	}
	if got := at(Steps{}.New(Context{}), 5); got != 0 {
		t.Fatalf("empty Steps: %v pA", got)
	}
}

// TimedArray gives Values[k] for t in [Start + k·DT, Start + (k+1)·DT),
// zero outside (Brian2's TimedArray); DT 0 means the network's dt.
func TestTimedArray(t *testing.T) {
	s := TimedArray{Values: []float64{10, 20, 30}, DT: 0.5, Start: 1}
	if err := s.Validate(dt); err != nil {
		t.Fatal(err)
	}
	src := s.New(Context{N: 1, DT: dt})
	for step := int64(1); step <= 40; step++ {
		tt := float64(step-1) / 10
		want := 0.0
		switch {
		case tt < 1:
		case tt < 1.5:
			want = 10
		case tt < 2:
			want = 20
		case tt < 2.5:
			want = 30
		}
		if got := at(src, step); got != want {
			t.Fatalf("update %d (t = %v ms): %v pA, want %v", step, tt, got, want)
		}
	}
	// DT 0: one value per network step, from Start = 0.
	src = TimedArray{Values: []float64{1, 2, 3}}.New(Context{N: 1, DT: dt})
	var got []float64
	for step := int64(1); step <= 5; step++ {
		got = append(got, at(src, step))
	}
	if want := []float64{1, 2, 3, 0, 0}; !equal(got, want) {
		t.Fatalf("DT 0: %v, want %v", got, want)
	}
}

// A time within the engine's 1e-9 ms tolerance below Start counts as
// Start, as for DC: the first value, not an index of -1.
func TestTimedArrayStartTolerance(t *testing.T) {
	for _, spacing := range []float64{0.01, 0.1, 1} {
		src := TimedArray{Values: []float64{7, 8}, DT: spacing, Start: 1}.New(Context{N: 1, DT: 0.01})
		dst := []float64{0}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("DT %v: t = Start - 5e-10 ms panics: %v", spacing, p)
				}
			}()
			src.Add(1, 1-5e-10, 0, 1, dst)
		}()
		if dst[0] != 7 {
			t.Errorf("DT %v: t = Start - 5e-10 ms gives %v pA, want the first value 7", spacing, dst[0])
		}
	}
	// DC counts the same tolerance: on from update 11 (t = 1.0 ms) when it
	// starts at 1 + 5e-10 ms.
	if dc := at(DC{Amplitude: 7, Start: 1 + 5e-10}.New(Context{}), 11); dc != 7 {
		t.Errorf("DC starting 5e-10 ms after t = 1 ms: %v pA at t = 1 ms, want 7", dc)
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Noise: every target's current is Mean + SD·ξ per update, ξ standard
// normal. Over n = 200000 updates the sample mean is within 5·SD/√n of
// Mean and the sample SD within 5·SD/√(2n) of SD (normal theory); targets
// are uncorrelated (sample correlation within 5/√n of 0).
func TestNoiseStatistics(t *testing.T) {
	const n, targets = 200000, 3
	s := Noise{Mean: 30, SD: 50}
	src := s.New(Context{N: targets, DT: dt, Seed: 1, Key: 2})
	var sum, sum2 [targets]float64
	cross := 0.0
	dst := make([]float64, targets)
	for step := int64(1); step <= n; step++ {
		clear(dst)
		src.Add(step, stepStart(step), 0, targets, dst)
		for k, x := range dst {
			sum[k] += x
			sum2[k] += x * x
		}
		cross += (dst[0] - s.Mean) * (dst[1] - s.Mean)
	}
	for k := 0; k < targets; k++ {
		m := sum[k] / n
		sd := math.Sqrt((sum2[k] - n*m*m) / (n - 1))
		if math.Abs(m-s.Mean) > 5*s.SD/math.Sqrt(n) || math.Abs(sd-s.SD) > 5*s.SD/math.Sqrt(2*n) {
			t.Errorf("target %d: mean %.3f pA, SD %.3f pA; want %v ± %.3f and %v ± %.3f",
				k, m, sd, s.Mean, 5*s.SD/math.Sqrt(n), s.SD, 5*s.SD/math.Sqrt(2*n))
		}
		t.Logf("target %d: mean %.3f pA (want 30 ± %.3f), SD %.3f pA (want 50 ± %.3f)", k, m, 5*s.SD/math.Sqrt(n), sd, 5*s.SD/math.Sqrt(2*n))
	}
	if r := cross / n / (s.SD * s.SD); math.Abs(r) > 5/math.Sqrt(n) {
		t.Errorf("targets 0 and 1 correlate: r = %.4f", r)
	}
	// SD 0 is a DC of Mean, drawn or not.
	if got := at(Noise{Mean: 4}.New(Context{N: 1, DT: dt}), 1); got != 4 {
		t.Errorf("SD 0: %v pA, want 4", got)
	}
}

// Noise is zero outside [Start, Stop).
func TestNoiseWindow(t *testing.T) {
	src := Noise{Mean: 10, SD: 1, Start: 1, Stop: 2}.New(Context{N: 1, DT: dt})
	first, last, count := activeSteps(src, 100)
	if first != 11 || last != 20 || count != 10 {
		t.Fatalf("active updates %d..%d (%d), want 11..20 (10)", first, last, count)
	}
}

// A target's noise depends only on (seed, key, target) and on how many
// updates it has seen, never on which [lo, hi) ranges the engine asks for:
// workers own different ranges, and results must not change with their
// number.
func TestNoiseDeterminismPerTarget(t *testing.T) {
	const n, updates = 10, 50
	ctx := Context{N: n, DT: dt, Seed: 99, Key: 7}
	s := Noise{Mean: 0, SD: 1}
	run := func(ranges [][2]int) [][]float64 {
		src := s.New(ctx)
		out := make([][]float64, updates)
		for u := range out {
			out[u] = make([]float64, n)
			step := int64(u + 1)
			for _, r := range ranges {
				src.Add(step, stepStart(step), r[0], r[1], out[u])
			}
		}
		return out
	}
	whole := run([][2]int{{0, n}})
	splits := [][][2]int{
		{{0, 3}, {3, 6}, {6, 10}}, // three workers
		{{6, 10}, {0, 3}, {3, 6}}, // in another order
		{{5, 10}, {0, 5}},         // two workers, last first
		{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}, {6, 7}, {7, 8}, {8, 9}, {9, 10}},
		{{0, 0}, {0, 10}, {10, 10}}, // empty ranges draw nothing
	}
	for _, sp := range splits {
		got := run(sp)
		for u := range got {
			if !equal(got[u], whole[u]) {
				t.Fatalf("ranges %v: update %d: %v, want %v", sp, u+1, got[u], whole[u])
			}
		}
	}
	// Same seed, same values; another seed or key, other values.
	again := run([][2]int{{0, n}})
	if !equal(again[0], whole[0]) || !equal(again[updates-1], whole[updates-1]) {
		t.Fatal("same seed gives different noise")
	}
	for _, c := range []Context{{N: n, DT: dt, Seed: 100, Key: 7}, {N: n, DT: dt, Seed: 99, Key: 8}} {
		dst := make([]float64, n)
		s.New(c).Add(1, 0, 0, n, dst)
		if equal(dst, whole[0]) {
			t.Errorf("seed %d key %d gives the same noise as seed 99 key 7", c.Seed, c.Key)
		}
	}
	// Targets differ from one another.
	if whole[0][0] == whole[0][1] {
		t.Error("targets 0 and 1 draw the same value")
	}
}

// Bad parameters are errors naming the field and the value.
func TestValidate(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		s    Stimulus
		want string // substring; "" means valid
	}{
		{DC{Amplitude: 100}, ""},
		{DC{Amplitude: 100, Start: 10, Stop: 20}, ""},
		{DC{Amplitude: nan}, "Amplitude = NaN pA"},
		{DC{Amplitude: inf}, "Amplitude = +Inf pA"},
		{DC{Start: -1}, "Start = -1 ms"},
		{DC{Start: nan}, "Start = NaN ms"},
		{DC{Start: inf}, "Start = +Inf ms"},
		{DC{Stop: -5}, "Stop = -5 ms"},
		{DC{Stop: nan}, "Stop = NaN ms"},
		{DC{Start: 10, Stop: 10}, "Stop = 10 ms: must be 0 (never) or after Start = 10 ms"},
		{DC{Start: 10, Stop: 5}, "Stop = 5 ms"},
		{Steps{}, ""},
		{Steps{Times: []float64{0, 10}, Amplitudes: []float64{1, 2}}, ""},
		{Steps{Times: []float64{0, 10}, Amplitudes: []float64{1}}, "2 times and 1 amplitudes"},
		{Steps{Times: []float64{10, 10}, Amplitudes: []float64{1, 2}}, "Times[1] = 10 ms"},
		{Steps{Times: []float64{10, 5}, Amplitudes: []float64{1, 2}}, "Times[1] = 5 ms"},
		{Steps{Times: []float64{-1}, Amplitudes: []float64{1}}, "Times[0] = -1 ms"},
		{Steps{Times: []float64{nan}, Amplitudes: []float64{1}}, "Times[0] = NaN ms"},
		{Steps{Times: []float64{0}, Amplitudes: []float64{inf}}, "Amplitudes[0] = +Inf pA"},
		{TimedArray{Values: []float64{1}}, ""},
		{TimedArray{Values: []float64{1}, DT: 0.5, Start: 3}, ""},
		{TimedArray{}, "Values is empty"},
		{TimedArray{Values: []float64{1, nan}}, "Values[1] = NaN pA"},
		{TimedArray{Values: []float64{1}, DT: -1}, "DT = -1 ms"},
		{TimedArray{Values: []float64{1}, DT: 0.05}, "DT = 0.05 ms: must be 0 (the network's dt) or finite and >= dt = 0.1 ms"},
		{TimedArray{Values: []float64{1}, DT: nan}, "DT = NaN ms"},
		{TimedArray{Values: []float64{1}, Start: -2}, "Start = -2 ms"},
		{Noise{Mean: 1, SD: 2}, ""},
		{Noise{Mean: nan}, "Mean = NaN pA"},
		{Noise{SD: -1}, "SD = -1 pA"},
		{Noise{SD: inf}, "SD = +Inf pA"},
		{Noise{Start: 5, Stop: 1}, "Stop = 1 ms"},
	}
	for _, c := range cases {
		err := c.s.Validate(dt)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s %+v: %v", c.s.Kind(), c.s, err)
		case c.want != "" && err == nil:
			t.Errorf("%s %+v: no error, want %q", c.s.Kind(), c.s, c.want)
		case c.want != "" && !strings.Contains(err.Error(), c.want):
			t.Errorf("%s %+v: error %q does not say %q", c.s.Kind(), c.s, err, c.want)
		}
	}
}
