package analysis

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// A triangle (linear rise over R ms, linear fall over F ms) is measured
// exactly by linear interpolation: 10-90 % rise 0.8·R, half width (R+F)/2.
func TestMeasureEPSPTriangle(t *testing.T) {
	const dt, onset, R, F, A, base = 0.1, 5.0, 2.0, 6.0, 3.0, -70.0
	n := 200
	v := make([]float64, n)
	for i := range v {
		s := float64(i)*dt - onset
		v[i] = base
		switch {
		case s > 0 && s <= R:
			v[i] += A * s / R
		case s > R && s < R+F:
			v[i] += A * (1 - (s-R)/F)
		}
	}
	e, err := MeasureEPSP(v, DefaultEPSPOptions(dt, onset))
	if err != nil {
		t.Fatal(err)
	}
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %.12g, want %.12g", name, got, want)
		}
	}
	near("Baseline", e.Baseline, base)
	near("Amplitude", e.Amplitude, A)
	near("PeakTime", e.PeakTime, onset+R)
	near("Rise10", e.Rise10, onset+0.1*R)
	near("RiseTime", e.RiseTime, 0.8*R)
	near("HalfStart", e.HalfStart, onset+0.5*R)
	near("HalfEnd", e.HalfEnd, onset+R+0.5*F)
	near("HalfWidth", e.HalfWidth, (R+F)/2)
}

// lambertW solves w·e^w = x by Newton's method from a starting point on the
// wanted branch (0: w >= -1, -1: w <= -1), for x in (-1/e, 0).
func lambertW(x float64, branch int) float64 {
	w := -0.5
	if branch == -1 {
		w = -2
	}
	for range 100 {
		f := w*math.Exp(w) - x
		w -= f / (math.Exp(w) * (w + 1))
	}
	return w
}

// The alpha function A·(s/τ)·e^{1-s/τ} peaks at s = τ with amplitude A; it
// crosses p·A at s/τ = -W(-p/e), the principal branch on the rise and the
// W₋₁ branch on the fall (closed form through Lambert's W).
func TestMeasureEPSPAlpha(t *testing.T) {
	const dt, onset, tau, A, base = 0.001, 10.0, 3.0, 0.7, -65.0
	n := int((onset + 30*tau) / dt)
	v := make([]float64, n)
	for i := range v {
		v[i] = base
		if s := float64(i)*dt - onset; s > 0 {
			v[i] += A * s / tau * math.Exp(1-s/tau)
		}
	}
	e, err := MeasureEPSP(v, DefaultEPSPOptions(dt, onset))
	if err != nil {
		t.Fatal(err)
	}
	cross := func(p float64, branch int) float64 { return onset - tau*lambertW(-p/math.E, branch) }
	// Sampling every dt: the peak sample lies within dt/2 of the peak, where
	// the alpha function is flat to second order (A·(dt/2)²/(2τ²) ≈ 1e-8 mV);
	// linear interpolation errs by at most |v''|·dt²/8 / |v'|, below 1e-6 ms
	// where the flank is steep.
	checks := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"Amplitude", e.Amplitude, A, 1e-7},
		{"PeakTime", e.PeakTime, onset + tau, dt / 2},
		{"RiseTime", e.RiseTime, cross(0.9, 0) - cross(0.1, 0), 1e-5},
		{"HalfWidth", e.HalfWidth, cross(0.5, -1) - cross(0.5, 0), 1e-5},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("%s = %.9g, want %.9g (tol %g)", c.name, c.got, c.want, c.tol)
		}
	}
}

// A biexponential (NEURON's Exp2Syn shape) A·(e^{-s/τ2} - e^{-s/τ1})
// peaks at s* = τ1τ2/(τ2-τ1)·ln(τ2/τ1) (closed form).
func TestMeasureEPSPBiexp(t *testing.T) {
	const dt, onset, t1, t2, A = 0.025, 20.0, 0.5, 5.0, 2.0
	n := int((onset + 60) / dt)
	v := make([]float64, n)
	for i := range v {
		if s := float64(i)*dt - onset; s > 0 {
			v[i] = A * (math.Exp(-s/t2) - math.Exp(-s/t1))
		}
	}
	e, err := MeasureEPSP(v, DefaultEPSPOptions(dt, onset))
	if err != nil {
		t.Fatal(err)
	}
	ts := t1 * t2 / (t2 - t1) * math.Log(t2/t1)
	want := A * (math.Exp(-ts/t2) - math.Exp(-ts/t1))
	if math.Abs(e.Amplitude-want) > 1e-4 || math.Abs(e.PeakTime-(onset+ts)) > dt/2 {
		t.Fatalf("amplitude %v at %v ms, want %v at %v ms", e.Amplitude, e.PeakTime, want, onset+ts)
	}
	if !(e.Rise10 > onset && e.Rise10 < e.Rise90 && e.Rise90 < e.PeakTime && e.HalfEnd > e.PeakTime) {
		t.Fatalf("crossings out of order: %+v", e)
	}
}

func TestMeasureEPSPNoDecay(t *testing.T) {
	v := []float64{0, 0, 0, 1, 2, 3, 3, 3}
	e, err := MeasureEPSP(v, DefaultEPSPOptions(1, 2))
	if !errors.Is(err, ErrNoHalfDecay) {
		t.Fatalf("err = %v, want ErrNoHalfDecay", err)
	}
	if e.Amplitude != 3 || e.PeakTime != 5 || !math.IsNaN(e.HalfWidth) {
		t.Fatalf("partial result %+v: want amplitude 3 at 5 ms, NaN half width", e)
	}
}

func TestMeasureEPSPBadInput(t *testing.T) {
	ok := []float64{0, 0, 0, 1, 2, 1, 0, 0}
	opt := func(f func(*EPSPOptions)) EPSPOptions {
		o := DefaultEPSPOptions(1, 2)
		f(&o)
		return o
	}
	cases := []struct {
		name string
		v    []float64
		o    EPSPOptions
		want string
	}{
		{"empty trace", nil, DefaultEPSPOptions(1, 2), "empty trace"},
		{"zero dt", ok, opt(func(o *EPSPOptions) { o.Dt = 0 }), "Dt = 0"},
		{"NaN dt", ok, opt(func(o *EPSPOptions) { o.Dt = math.NaN() }), "Dt = NaN"},
		{"inf T0", ok, opt(func(o *EPSPOptions) { o.T0 = math.Inf(1) }), "T0 = +Inf"},
		{"empty baseline", ok, opt(func(o *EPSPOptions) { o.BaseEnd = 0 }), "baseline [0, 0)"},
		{"baseline before trace", ok, opt(func(o *EPSPOptions) { o.BaseStart = -1 }), "baseline [-1, 2)"},
		{"peak past end", ok, opt(func(o *EPSPOptions) { o.PeakEnd = 9 }), "peak window [2, 9)"},
		{"peak reversed", ok, opt(func(o *EPSPOptions) { o.PeakStart, o.PeakEnd = 5, 4 }), "peak window [5, 4)"},
		{"NaN sample", []float64{0, 0, math.NaN(), 1, 0}, DefaultEPSPOptions(1, 2), "v[2] = NaN"},
		{"no EPSP", []float64{0, 0, 0, -1, -2, -1}, DefaultEPSPOptions(1, 2), "not above the baseline"},
		{"starts high", []float64{0, 0, 5, 6, 5, 1}, DefaultEPSPOptions(1, 2), "does not start below 10 %"},
	}
	for _, c := range cases {
		_, err := MeasureEPSP(c.v, c.o)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
	}
}
