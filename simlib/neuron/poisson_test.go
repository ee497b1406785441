package neuron_test

import (
	"math"
	"slices"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// runPoisson runs n sources of p for T ms at dt 0.1 ms and returns the
// spike recorder.
func runPoisson(t *testing.T, p neuron.PoissonSource, n int, T float64, seed uint64, workers int) (*record.Spikes, *network.Network) {
	t.Helper()
	net := network.New(network.Options{DT: 0.1, Seed: seed, Workers: workers})
	net.AddPopulation("poisson", n, p)
	sp := record.NewSpikes(net.Population("poisson"))
	net.Record(sp)
	if err := net.Run(T); err != nil {
		t.Fatal(err)
	}
	return sp, net
}

// Each source fires in a step with probability q = rate·dt, so the count
// over N source-steps is binomial (N q, sd √(N q (1-q))) and intervals in
// steps are geometric: P(ISI <= k) = 1 - (1-q)^k, mean 1/q, CV √(1-q).
// Tolerances: 5 standard errors; the Kolmogorov-Smirnov distance below
// 1.95/√n (its 0.1% critical value; conservative for a discrete law).
func TestPoissonStatistics(t *testing.T) {
	const n, T, rate, dt = 500, 5000.0, 20.0, 0.1
	sp, _ := runPoisson(t, neuron.PoissonSource{Rate: rate}, n, T, 7, 0)
	q := rate * dt / 1000
	N := float64(n) * T / dt
	if mean, sd := N*q, math.Sqrt(N*q*(1-q)); math.Abs(float64(sp.Len())-mean) > 5*sd {
		t.Errorf("%d spikes, expected %.0f ± %.0f", sp.Len(), mean, sd)
	}
	// Intervals are taken only when they start at least L = 20/q steps
	// before the end: those are complete with probability 1 - e^{-20}, and
	// the choice depends only on the past, so it does not bias them (all
	// intervals of a finite window are biased short: they must fit in it).
	last := int64(T/dt) - int64(20/q)
	var isi []float64
	for _, tr := range sp.TrainSteps() {
		for k := 1; k < len(tr) && tr[k-1] <= last; k++ {
			isi = append(isi, float64(tr[k]-tr[k-1]))
		}
	}
	m := len(isi)
	mean, v := 0.0, 0.0
	for _, x := range isi {
		mean += x
	}
	mean /= float64(m)
	for _, x := range isi {
		v += (x - mean) * (x - mean)
	}
	cv := math.Sqrt(v/float64(m-1)) / mean
	if se := math.Sqrt((1-q)/(q*q)) / math.Sqrt(float64(m)); math.Abs(mean-1/q) > 5*se {
		t.Errorf("mean ISI %.2f steps, want %.0f ± %.2f", mean, 1/q, se)
	}
	// The sample CV of an exponential-like law has standard error ≈ 1/√m.
	if math.Abs(cv-math.Sqrt(1-q)) > 5/math.Sqrt(float64(m)) {
		t.Errorf("ISI CV %.4f, want %.4f", cv, math.Sqrt(1-q))
	}
	slices.Sort(isi)
	d := 0.0
	for i := 0; i < m; {
		j := i
		for j < m && isi[j] == isi[i] {
			j++
		}
		F := 1 - math.Pow(1-q, isi[i])
		Fbelow := 1 - math.Pow(1-q, isi[i]-1)
		d = max(d, math.Abs(float64(j)/float64(m)-F), math.Abs(float64(i)/float64(m)-Fbelow))
		i = j
	}
	if crit := 1.95 / math.Sqrt(float64(m)); d > crit {
		t.Errorf("KS distance of ISIs from the geometric law %.4f > %.4f", d, crit)
	}
	t.Logf("%d spikes, %d ISIs: mean %.2f steps (1/q = %.0f), CV %.4f, KS %.4f", sp.Len(), m, mean, 1/q, cv, d)
}

// windowCounts counts spikes of updates in [from, to) ms of start time.
func windowCounts(sp *record.Spikes, dt, from, to float64) int {
	c := 0
	for _, s := range sp.Steps() {
		if t0 := float64(s-1) * dt; t0 >= from-1e-9 && t0 < to-1e-9 {
			c++
		}
	}
	return c
}

// expectCount checks a count against the binomial mean and 5 sd for
// per-step probabilities q over n sources.
func expectCount(t *testing.T, what string, got int, n int, qs []float64) {
	t.Helper()
	mean, v := 0.0, 0.0
	for _, q := range qs {
		mean += float64(n) * q
		v += float64(n) * q * (1 - q)
	}
	if math.Abs(float64(got)-mean) > 5*math.Sqrt(v)+1e-9 {
		t.Errorf("%s: %d spikes, expected %.0f ± %.0f", what, got, mean, math.Sqrt(v))
	}
}

func repeat(q float64, k int) []float64 {
	s := make([]float64, k)
	for i := range s {
		s[i] = q
	}
	return s
}

// Rates[k] applies to steps starting in [k·RateDT, (k+1)·RateDT) and the
// last value is held after the end (Brian2's TimedArray).
func TestPoissonRates(t *testing.T) {
	const n, dt = 400, 0.1
	sp, _ := runPoisson(t, neuron.PoissonSource{Rates: []float64{10, 80, 30}, RateDT: 1000}, n, 4000, 3, 0)
	for k, w := range []struct{ from, to, rate float64 }{{0, 1000, 10}, {1000, 2000, 80}, {2000, 4000, 30}} {
		steps := int(math.Round((w.to - w.from) / dt))
		expectCount(t, "Rates window "+string(rune('0'+k)), windowCounts(sp, dt, w.from, w.to), n, repeat(w.rate*dt/1000, steps))
	}
}

// RateFunc(t) is evaluated at the start of each step; it takes precedence
// over Rates and Rate.
func TestPoissonRateFunc(t *testing.T) {
	const n, dt, T = 400, 0.1, 1000.0
	f := func(t float64) float64 { return 50 * (1 + math.Sin(2*math.Pi*t/500)) }
	sp, _ := runPoisson(t, neuron.PoissonSource{RateFunc: f, Rate: 5, Rates: []float64{500}}, n, T, 4, 0)
	for w := 0.0; w < T; w += 125 {
		var qs []float64
		for k := 0; k < 1250; k++ {
			qs = append(qs, f(w+float64(k)*dt)*dt/1000)
		}
		expectCount(t, "RateFunc window", windowCounts(sp, dt, w, w+125), n, qs)
	}
}

// The sources are silent outside [Start, Stop).
func TestPoissonStartStop(t *testing.T) {
	const n, dt = 400, 0.1
	sp, _ := runPoisson(t, neuron.PoissonSource{Rate: 100, Start: 200, Stop: 600}, n, 1000, 5, 0)
	for _, s := range sp.Steps() {
		if t0 := float64(s-1) * dt; t0 < 200-1e-9 || t0 >= 600-1e-9 {
			t.Fatalf("spike in the update starting at %v ms, outside [200, 600)", t0)
		}
	}
	expectCount(t, "[200, 600)", sp.Len(), n, repeat(100*dt/1000, 4000))
}

// At the largest allowed rate, 1000/dt Hz, every source fires every step.
func TestPoissonMaxRate(t *testing.T) {
	sp, _ := runPoisson(t, neuron.PoissonSource{Rate: 10000}, 10, 10, 1, 1)
	if sp.Len() != 10*100 {
		t.Fatalf("%d spikes, want 1000 (every source, every step)", sp.Len())
	}
}

// Trains do not depend on the number of workers, and depend on the seed.
func TestPoissonDeterminism(t *testing.T) {
	p := neuron.PoissonSource{Rate: 30}
	_, a := runPoisson(t, p, 2000, 200, 11, 1)
	_, b := runPoisson(t, p, 2000, 200, 11, 2)
	_, c := runPoisson(t, p, 2000, 200, 12, 2)
	if a.Fingerprint() != b.Fingerprint() {
		t.Errorf("workers 1 and 2 differ: %s, %s", a.Fingerprint(), b.Fingerprint())
	}
	if a.Fingerprint() == c.Fingerprint() {
		t.Errorf("seeds 11 and 12 give the same trains")
	}
}

func TestPoissonValidate(t *testing.T) {
	const dt = 0.1
	nan := math.NaN()
	for _, tc := range []struct {
		p     neuron.PoissonSource
		parts []string
	}{
		{neuron.PoissonSource{Rate: 10001}, []string{"Rate", "10001", "1000/dt = 10000"}},
		{neuron.PoissonSource{Rate: -1}, []string{"Rate", "-1", ">= 0"}},
		{neuron.PoissonSource{Rate: nan}, []string{"Rate", "NaN"}},
		{neuron.PoissonSource{Rates: []float64{1, 2, nan}}, []string{"Rates[2]", "NaN"}},
		{neuron.PoissonSource{Rates: []float64{1, 2e4}}, []string{"Rates[1]", "20000"}},
		{neuron.PoissonSource{Rates: []float64{1}, RateDT: 0.05}, []string{"RateDT", "0.05"}},
		{neuron.PoissonSource{Start: -5}, []string{"Start", "-5"}},
		{neuron.PoissonSource{Stop: nan}, []string{"Stop", "NaN"}},
		{neuron.PoissonSource{RateFunc: func(float64) float64 { return nan }}, []string{"RateFunc(0)", "NaN"}},
	} {
		wantErr(t, "PoissonSource", tc.p.Validate(dt, scheme.Exact), tc.parts...)
	}
	if err := (neuron.PoissonSource{Rate: 10000}).Validate(dt, scheme.Exact); err != nil {
		t.Errorf("Rate = 1000/dt: %v", err)
	}
	// Through the engine the error names the population.
	net := network.New(network.Options{DT: dt})
	net.AddPopulation("aff", 3, neuron.PoissonSource{Rate: -2})
	wantErr(t, "network", net.Build(), `population "aff"`, "PoissonSource", "Rate = -2")
}
