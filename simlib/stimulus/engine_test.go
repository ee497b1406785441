package stimulus_test

import (
	"math"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// runSubset runs 10 LIF neurons for 20 ms with a DC of amp pA from 1 ms
// into neurons 1, 4, 5, 9 and a noise current from 2 ms
// into neurons 2, 7, 8; it returns every neuron's v after every update
// (index 0: the initial state).
func runSubset(t *testing.T, workers int, amp float64) [][]float64 {
	t.Helper()
	net := network.New(network.Options{DT: 0.1, Seed: 3, Workers: workers})
	lif := net.AddPopulation("lif", 10, neuron.DefaultLIF())
	lif.Select(1, 4, 5, 9).Inject(stimulus.DC{Amplitude: amp, Start: 1})
	lif.Select(2, 7, 8).Inject(stimulus.Noise{Mean: 50, SD: 200, Start: 2})
	all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	v := record.NewState(net.Population("lif"), "v", all, 0)
	net.Record(v)
	if err := net.Run(20); err != nil {
		t.Fatal(err)
	}
	return v.Values()
}

// An injected current moves only the neurons it is given to, the DC ones
// exactly as the closed form says, and the result is the same bits for 1,
// 2 and 3 workers (whose ranges [0,3) [3,6) [6,10) split both subsets).
func TestInjectSubset(t *testing.T) {
	p := neuron.DefaultLIF() // Cm 1000 pF, TauM 20 ms, VRest -65 mV, VThresh -50 mV
	const amp, dt = 500.0, 0.1
	ref := runSubset(t, 1, amp)
	if len(ref) != 10 || len(ref[0]) != 201 {
		t.Fatalf("recorded %d traces of %d samples, want 10 of 201", len(ref), len(ref[0]))
	}
	// The DC acts in updates whose start t = (n-1)·dt >= 1 ms, n >= 11. With
	// the exact propagator, after update n >= 11:
	//   v_n = VRest + (I/gL)(1 - exp(-(n-10)·dt/TauM)),  gL = Cm/TauM = 50 nS,
	// so I = 500 pA drives v towards VRest + 10 mV, below threshold (VRest + 15).
	gl := p.Cm / p.TauM
	for _, i := range []int{1, 4, 5, 9} {
		for n, got := range ref[i] {
			want := p.VRest
			if n >= 11 {
				want += amp / gl * (1 - math.Exp(-float64(n-10)*dt/p.TauM))
			}
			if math.Abs(got-want) > 1e-9 {
				t.Fatalf("DC neuron %d after update %d: v = %.12f mV, want %.12f", i, n, got, want)
			}
		}
	}
	// 20 ms of a 20 ms time constant: 1 - e^{-0.95} of the 10 mV step.
	if d := ref[1][200] - p.VRest; math.Abs(d-10*(1-math.Exp(-0.95))) > 1e-9 {
		t.Fatalf("DC neuron moved %v mV by 20 ms", d)
	}
	for _, i := range []int{0, 3, 6} {
		for n, got := range ref[i] {
			if got != p.VRest {
				t.Fatalf("neuron %d without stimulus: v = %v mV after update %d, want VRest = %v", i, got, n, p.VRest)
			}
		}
	}
	for _, i := range []int{2, 7, 8} {
		if ref[i][20] != p.VRest || ref[i][21] == p.VRest {
			t.Fatalf("noise neuron %d: v = %v, %v after updates 20, 21; want VRest, then moved", i, ref[i][20], ref[i][21])
		}
		if ref[i][200] == ref[2][200] && i != 2 {
			t.Fatalf("noise neurons %d and 2 end at the same v: their streams are not independent", i)
		}
	}
	for _, w := range []int{2, 3} {
		got := runSubset(t, w, amp)
		for i := range ref {
			for n := range ref[i] {
				if got[i][n] != ref[i][n] {
					t.Fatalf("workers=%d: neuron %d after update %d: v = %v mV, with 1 worker %v", w, i, n, got[i][n], ref[i][n])
				}
			}
		}
	}
}

// Through the engine, a bad stimulus or target is an error naming the
// population, the stimulus and the field, before anything runs.
func TestInjectErrors(t *testing.T) {
	cases := []struct {
		s       stimulus.Stimulus
		neurons []int
		want    []string
	}{
		{stimulus.DC{Amplitude: 1}, []int{3, 10}, []string{`population "lif"`, "stimulus 0 (DC)", "neuron 10", "[0, 10)"}},
		{stimulus.DC{Amplitude: 1}, []int{-1}, []string{"neuron -1"}},
		{stimulus.DC{Amplitude: math.NaN()}, nil, []string{`population "lif"`, "stimulus 0 (DC)", "Amplitude = NaN pA"}},
		{stimulus.TimedArray{Values: []float64{1}, DT: 0.01}, nil, []string{"stimulus 0 (TimedArray)", "DT = 0.01 ms"}},
		{nil, nil, []string{"stimulus 0 is nil"}},
	}
	for _, c := range cases {
		net := network.New(network.Options{DT: 0.1})
		lif := net.AddPopulation("lif", 10, neuron.DefaultLIF())
		if c.neurons == nil {
			lif.Inject(c.s)
		} else {
			lif.Select(c.neurons...).Inject(c.s)
		}
		err := net.Run(1)
		if err == nil {
			t.Errorf("%+v into %v: no error", c.s, c.neurons)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%+v into %v: error %q does not say %q", c.s, c.neurons, err, w)
			}
		}
		if net.Steps() != 0 {
			t.Errorf("%+v: %d updates ran despite the error", c.s, net.Steps())
		}
	}
}
