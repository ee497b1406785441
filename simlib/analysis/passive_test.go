package analysis

import (
	"math"
	"strings"
	"testing"
)

// A single-compartment RC membrane answers a step I with
// v = Vrest + I·R·(1 - e^{-s/τ}) (closed form): Passive returns R and τ.
func TestPassiveSingleExponential(t *testing.T) {
	const dt, start, dur, I, R, tau, rest = 0.025, 10.0, 200.0, -0.1, 150.0, 12.5, -65.0
	n := int((start + dur + 20) / dt)
	v := make([]float64, n)
	for i := range v {
		v[i] = rest
		s := float64(i)*dt - start
		if s > 0 && s < dur {
			v[i] += I * R * (1 - math.Exp(-s/tau))
		} else if s >= dur {
			v[i] += I * R * (1 - math.Exp(-dur/tau)) * math.Exp(-(s-dur)/tau)
		}
	}
	p, err := Passive(v, DefaultStepOptions(dt, start, start+dur, I))
	if err != nil {
		t.Fatal(err)
	}
	// The steady window (last 20 ms) sits 180-200 ms = 14.4-16 τ after the
	// onset, where e^{-s/τ} < 6e-7: R is exact to 1e-6 relative.
	if math.Abs(p.Rin-R)/R > 1e-6 {
		t.Errorf("Rin = %v MΩ, want %v", p.Rin, R)
	}
	if math.Abs(p.Tau-tau)/tau > 1e-6 {
		t.Errorf("Tau = %v ms, want %v", p.Tau, tau)
	}
	if math.Abs(p.FitVinf-(rest+I*R)) > 1e-6 || p.FitRMS > 1e-9 {
		t.Errorf("fit asymptote %v mV (want %v), rms %v mV", p.FitVinf, rest+I*R, p.FitRMS)
	}
	if p.Baseline != rest {
		t.Errorf("Baseline = %v, want %v", p.Baseline, rest)
	}
	// A baseline window that leaves out an initial transient.
	v[0], v[1] = -80, -75
	o := DefaultStepOptions(dt, start, start+dur, I)
	o.BaseStart = 5
	if q, err := Passive(v, o); err != nil || q.Baseline != rest || q.Rin != p.Rin {
		t.Errorf("BaseStart 5 ms: baseline %v, Rin %v (%v), want %v, %v", q.Baseline, q.Rin, err, rest, p.Rin)
	}
}

// Two exponentials with a small fast component: the fit is the slow one to
// within the fast component's weight.
func TestPassiveTwoExponentials(t *testing.T) {
	const dt, start, dur, I = 0.025, 5.0, 300.0, 0.05
	n := int((start + dur) / dt)
	v := make([]float64, n)
	for i := range v {
		if s := float64(i)*dt - start; s > 0 {
			v[i] = -70 + 10*(1-math.Exp(-s/20)) + 0.2*(1-math.Exp(-s/1))
		} else {
			v[i] = -70
		}
	}
	p, err := Passive(v, DefaultStepOptions(dt, start, 0, I))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p.Tau-20) > 0.2 || math.Abs(p.Rin-10.2/I)/(10.2/I) > 1e-5 {
		t.Fatalf("tau %v ms (want about 20), Rin %v MΩ (want %v)", p.Tau, p.Rin, 10.2/I)
	}
}

func TestPassiveBadInput(t *testing.T) {
	flat := make([]float64, 100)
	step := make([]float64, 100)
	for i := 10; i < 100; i++ {
		step[i] = 1 - math.Exp(-float64(i-10)/20)
	}
	opt := func(f func(*StepOptions)) StepOptions {
		o := DefaultStepOptions(1, 10, 0, 1)
		f(&o)
		return o
	}
	cases := []struct {
		name string
		v    []float64
		o    StepOptions
		want string
	}{
		{"empty", nil, DefaultStepOptions(1, 10, 0, 1), "empty trace"},
		{"zero dt", step, opt(func(o *StepOptions) { o.Dt = 0 }), "Dt = 0"},
		{"zero amp", step, opt(func(o *StepOptions) { o.Amp = 0 }), "Amp = 0"},
		{"NaN amp", step, opt(func(o *StepOptions) { o.Amp = math.NaN() }), "Amp = NaN"},
		{"no baseline", step, opt(func(o *StepOptions) { o.Start = 0 }), "Start = 0"},
		{"start past end", step, opt(func(o *StepOptions) { o.Start = 200 }), "Start = 200"},
		{"end before start", step, opt(func(o *StepOptions) { o.End = 5 }), "End = 5"},
		{"negative steady", step, opt(func(o *StepOptions) { o.Steady = -1 }), "Steady = -1"},
		{"baseline after start", step, opt(func(o *StepOptions) { o.BaseStart = 20 }), "BaseStart = 20"},
		{"baseline before trace", step, opt(func(o *StepOptions) { o.BaseStart = -5 }), "BaseStart = -5"},
		{"steady too long", step, opt(func(o *StepOptions) { o.Steady = 500 }), "Steady = 500"},
		{"short step", step, opt(func(o *StepOptions) { o.Start, o.End = 10, 12 }), "need at least 4"},
		{"flat", flat, DefaultStepOptions(1, 10, 0, 1), "does not move"},
		{"NaN sample", append([]float64{math.NaN()}, step[1:]...), DefaultStepOptions(1, 10, 0, 1), "v[0] = NaN"},
	}
	for _, c := range cases {
		_, err := Passive(c.v, c.o)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
	}
}
