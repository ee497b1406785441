package stimulus_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/badinput"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// The stimuli's bad-input table: what each injected current refuses, and
// why. Rows inject into population "p" (2 LIF cells, dt 0.1 ms); the error
// must name the population, the stimulus, the field, the value and what is
// allowed.

func inject(s stimulus.Stimulus, neurons ...int) func() error {
	return func() error {
		net := network.New(network.Options{})
		p := net.AddPopulation("p", 2, neuron.DefaultLIF())
		if neurons == nil {
			p.Inject(s)
		} else {
			p.Select(neurons...).Inject(s)
		}
		return net.Run(1)
	}
}

func TestBadInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	dc, steps, ta, noise := `population "p" (LIF): stimulus 0 (DC)`, `population "p" (LIF): stimulus 0 (Steps)`, `population "p" (LIF): stimulus 0 (TimedArray)`, `population "p" (LIF): stimulus 0 (Noise)`
	badinput.Run(t, []badinput.Case{
		{"DC Amplitude NaN", inject(stimulus.DC{Amplitude: nan}), []string{dc, "Amplitude = NaN pA", "must be finite"}},
		{"DC Amplitude +Inf", inject(stimulus.DC{Amplitude: inf}), []string{dc, "Amplitude = +Inf pA", "must be finite"}},
		{"DC Start -1", inject(stimulus.DC{Amplitude: 1, Start: -1}), []string{dc, "Start = -1 ms", ">= 0 and finite"}},
		{"DC Start NaN", inject(stimulus.DC{Amplitude: 1, Start: nan}), []string{dc, "Start = NaN ms", ">= 0 and finite"}},
		{"DC Stop before Start", inject(stimulus.DC{Amplitude: 1, Start: 5, Stop: 2}), []string{dc, "Stop = 2 ms", "after Start = 5 ms"}},
		{"DC Stop NaN", inject(stimulus.DC{Amplitude: 1, Stop: nan}), []string{dc, "Stop = NaN ms", "0 (never) or after Start"}},
		{"DC on neuron 2 of 2", inject(stimulus.DC{Amplitude: 1}, 0, 2), []string{dc, "neuron 2", "must be in [0, 2)"}},
		{"DC on neuron -1", inject(stimulus.DC{Amplitude: 1}, -1), []string{dc, "neuron -1", "must be in [0, 2)"}},
		{"Steps lengths differ", inject(stimulus.Steps{Times: []float64{1, 2}, Amplitudes: []float64{1}}), []string{steps, "2 times and 1 amplitudes", "lengths must match"}},
		{"Steps times decrease", inject(stimulus.Steps{Times: []float64{2, 1}, Amplitudes: []float64{1, 1}}), []string{steps, "Times[1] = 1 ms", "increasing"}},
		{"Steps time NaN", inject(stimulus.Steps{Times: []float64{nan}, Amplitudes: []float64{1}}), []string{steps, "Times[0] = NaN ms", "finite"}},
		{"Steps time -1", inject(stimulus.Steps{Times: []float64{-1}, Amplitudes: []float64{1}}), []string{steps, "Times[0] = -1 ms", ">= 0"}},
		{"Steps amplitude +Inf", inject(stimulus.Steps{Times: []float64{1}, Amplitudes: []float64{inf}}), []string{steps, "Amplitudes[0] = +Inf pA", "finite"}},
		{"TimedArray empty", inject(stimulus.TimedArray{}), []string{ta, "Values is empty"}},
		{"TimedArray value NaN", inject(stimulus.TimedArray{Values: []float64{1, nan}}), []string{ta, "Values[1] = NaN pA", "finite"}},
		{"TimedArray DT below dt", inject(stimulus.TimedArray{Values: []float64{1}, DT: 0.01}), []string{ta, "DT = 0.01 ms", ">= dt = 0.1 ms"}},
		{"TimedArray DT NaN", inject(stimulus.TimedArray{Values: []float64{1}, DT: nan}), []string{ta, "DT = NaN ms", "0 (the network's dt) or finite and >= dt"}},
		{"TimedArray DT +Inf", inject(stimulus.TimedArray{Values: []float64{1}, DT: inf}), []string{ta, "DT = +Inf ms", "finite and >= dt"}},
		{"TimedArray Start -Inf", inject(stimulus.TimedArray{Values: []float64{1}, Start: math.Inf(-1)}), []string{ta, "Start = -Inf ms", ">= 0 and finite"}},
		{"Noise Mean NaN", inject(stimulus.Noise{Mean: nan}), []string{noise, "Mean = NaN pA", "finite"}},
		{"Noise SD -1", inject(stimulus.Noise{SD: -1}), []string{noise, "SD = -1 pA", ">= 0 and finite"}},
		{"Noise SD +Inf", inject(stimulus.Noise{SD: inf}), []string{noise, "SD = +Inf pA", ">= 0 and finite"}},
		{"Noise Stop = Start", inject(stimulus.Noise{SD: 1, Start: 3, Stop: 3}), []string{noise, "Stop = 3 ms", "after Start = 3 ms"}},
	})
}

// TestStepsManyTimes: a Steps stimulus with many entries finds the current
// one by binary search: the amplitude at each step is the last entry at or
// before it (here entry k at k·0.1 ms has amplitude k, so the current in
// update n, from t = (n-1)·0.1 ms, is n-1).
func TestStepsManyTimes(t *testing.T) {
	n := 100000
	s := stimulus.Steps{Times: make([]float64, n), Amplitudes: make([]float64, n)}
	for k := range s.Times {
		s.Times[k], s.Amplitudes[k] = float64(k)*0.1, float64(k)
	}
	src := s.New(stimulus.Context{N: 1, DT: 0.1})
	for _, step := range []int64{1, 2, 3, 1000, 99999, 100000, 200000} {
		dst := []float64{0}
		tm := float64(step-1) * 0.1
		src.Add(step, tm, 0, 1, dst)
		want := math.Min(float64(step-1), float64(n-1))
		if dst[0] != want {
			t.Fatalf("update %d (t = %v ms): current %v, want %v", step, tm, dst[0], want)
		}
	}
}
