package neuron_test

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/rng"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// A time t is emitted in update round(t/dt), stamped n·dt; two times of one
// neuron in the same step give one spike; order does not matter.
func TestSpikeTimesEmission(t *testing.T) {
	p := neuron.SpikeTimes{Times: [][]float64{
		{3.0, 0.1, 1.04, 1.06}, // steps 30, 1, 10, 11
		{},
		{2.0, 2.02, 0.96}, // steps 20 (once), 10
	}}
	for _, w := range []int{1, 2, 3} {
		net := network.New(network.Options{DT: 0.1, Workers: w})
		net.AddPopulation("src", 3, p)
		sp := record.NewSpikes(net.Population("src"))
		net.Record(sp)
		if err := net.Run(5); err != nil {
			t.Fatal(err)
		}
		want := [][]int64{{1, 10, 11, 30}, nil, {10, 20}}
		if got := sp.TrainSteps(); !reflect.DeepEqual(got, want) {
			t.Fatalf("workers %d: spike steps %v, want %v", w, got, want)
		}
	}
}

func TestSpikeTimesValidate(t *testing.T) {
	const dt = 0.1
	for _, tc := range []struct {
		p     neuron.SpikeTimes
		parts []string
	}{
		{neuron.SpikeTimes{Times: [][]float64{{1}, {0.04}}}, []string{"Times[1][0]", "0.04", "dt/2 = 0.05"}},
		{neuron.SpikeTimes{Times: [][]float64{{1, math.NaN()}}}, []string{"Times[0][1]", "NaN"}},
		{neuron.SpikeTimes{Times: [][]float64{{-3}}}, []string{"Times[0][0]", "-3"}},
	} {
		wantErr(t, "SpikeTimes", tc.p.Validate(dt, scheme.Exact), tc.parts...)
	}
	if err := (neuron.SpikeTimes{Times: [][]float64{{0.05, 7}}}).Validate(dt, scheme.Exact); err != nil {
		t.Errorf("t = dt/2 rounds to the first step: %v", err)
	}
	// One list per neuron: a size mismatch is an error naming the population.
	net := network.New(network.Options{DT: dt})
	net.AddPopulation("src", 4, neuron.SpikeTimes{Times: [][]float64{{1}, {2}}})
	wantErr(t, "size mismatch", net.Build(), `population "src"`, "2 rows for 4 neurons")
}

// drawnTimes builds a GaussianDrive population and returns its drawn times.
func drawnTimes(t *testing.T, p neuron.GaussianDrive, n int, seed uint64) [][]float64 {
	t.Helper()
	net := network.New(network.Options{DT: 0.1, Seed: seed})
	net.AddPopulation("drive", n, p)
	sp := record.NewSpikes(net.Population("drive"))
	net.Record(sp)
	if err := net.Run(200); err != nil {
		t.Fatal(err)
	}
	// The spikes are the drawn times rounded to steps, sorted, two in one
	// step emitted once: redraw them with the population's stream key.
	d := p.New(neuron.Context{N: n, DT: 0.1, Method: scheme.Exact, Seed: seed, Key: rng.Key("population:drive")})
	want := make([][]int64, n)
	for i, ts := range d.(interface{ Times() [][]float64 }).Times() {
		for _, x := range ts {
			want[i] = append(want[i], int64(math.Round(x/0.1)))
		}
		slices.Sort(want[i])
		want[i] = slices.Compact(want[i])
	}
	got := sp.TrainSteps()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("seed %d: emitted steps differ from the drawn times rounded to steps", seed)
	}
	return trainsAsTimes(got, 0.1)
}

func trainsAsTimes(tr [][]int64, dt float64) [][]float64 {
	out := make([][]float64, len(tr))
	for i, s := range tr {
		for _, k := range s {
			out[i] = append(out[i], float64(k)*dt)
		}
	}
	return out
}

// The drawn times are normal with the given mean and sd: over 2000 neurons
// × 5 spikes the sample mean is within 5 sd/√n of Mu and the sample sd
// within 5 sd/√(2n) of Sigma (standard errors of a normal sample).
func TestGaussianDriveStatistics(t *testing.T) {
	p := neuron.GaussianDrive{Mu: 60, Sigma: 8, NumSpikes: 5}
	const n = 2000
	d := p.New(neuron.Context{N: n, DT: 0.1, Method: scheme.Exact, Seed: 9, Key: 1})
	times := d.(interface{ Times() [][]float64 }).Times()
	var all []float64
	for _, ts := range times {
		if len(ts) != p.NumSpikes {
			t.Fatalf("%d times for one neuron, want %d", len(ts), p.NumSpikes)
		}
		all = append(all, ts...)
	}
	m := float64(len(all))
	mean, v := 0.0, 0.0
	for _, x := range all {
		mean += x
	}
	mean /= m
	for _, x := range all {
		v += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(v / (m - 1))
	if math.Abs(mean-p.Mu) > 5*p.Sigma/math.Sqrt(m) {
		t.Errorf("mean of drawn times %.3f ms, want %v ± %.3f", mean, p.Mu, p.Sigma/math.Sqrt(m))
	}
	if math.Abs(sd-p.Sigma) > 5*p.Sigma/math.Sqrt(2*m) {
		t.Errorf("sd of drawn times %.3f ms, want %v ± %.3f", sd, p.Sigma, p.Sigma/math.Sqrt(2*m))
	}
	t.Logf("%d times: mean %.3f ms, sd %.3f ms", len(all), mean, sd)
}

// The same seed gives the same times, another seed others; the engine
// emits them on the rounded steps; times rounding below the first step
// are dropped.
func TestGaussianDriveDeterminism(t *testing.T) {
	p := neuron.GaussianDrive{Mu: 20, Sigma: 10, NumSpikes: 3}
	a, b, c := drawnTimes(t, p, 300, 1), drawnTimes(t, p, 300, 1), drawnTimes(t, p, 300, 2)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different spikes")
	}
	if reflect.DeepEqual(a, c) {
		t.Fatal("seeds 1 and 2 give the same spikes")
	}
	d := p.New(neuron.Context{N: 300, DT: 0.1, Method: scheme.Exact, Seed: 1, Key: 5})
	dropped := 0
	for _, ts := range d.(interface{ Times() [][]float64 }).Times() {
		dropped += p.NumSpikes - len(ts)
		for _, x := range ts {
			if math.Round(x/0.1) < 1 {
				t.Fatalf("time %v ms rounds below the first step but was kept", x)
			}
		}
	}
	// P(t < 0.05 ms) = Φ((0.05 - 20)/10) ≈ 0.023: about 21 of 900 dropped.
	if dropped == 0 || dropped > 60 {
		t.Errorf("%d of 900 times dropped, expected about 21", dropped)
	}
}

func TestGaussianDriveValidate(t *testing.T) {
	for _, tc := range []struct {
		p     neuron.GaussianDrive
		parts []string
	}{
		{neuron.GaussianDrive{Mu: math.NaN(), Sigma: 1, NumSpikes: 1}, []string{"Mu", "NaN"}},
		{neuron.GaussianDrive{Mu: 10, Sigma: -1, NumSpikes: 1}, []string{"Sigma", "-1"}},
		{neuron.GaussianDrive{Mu: 10, Sigma: 1, NumSpikes: 0}, []string{"NumSpikes", "0", "[1, "}},
	} {
		wantErr(t, "GaussianDrive", tc.p.Validate(0.1, scheme.Exact), tc.parts...)
	}
}
