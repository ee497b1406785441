package stimulus

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/golgi-sim/golgi/simlib/rng"
)

// Stimulus is an injected current's parameters.
type Stimulus interface {
	Kind() string
	// Validate checks the parameters for step dt.
	Validate(dt float64) error
	// New prepares the stimulus for c.N targets.
	New(c Context) Source
}

// Context is what a stimulus is built with.
type Context struct {
	N    int     // number of targets
	DT   float64 // step (ms)
	Seed uint64  // master seed
	Key  uint64  // the stimulus' stream key
	// Targets are the population's neuron indices of the targets (nil:
	// target k is neuron k). Per-target random streams are keyed by neuron
	// index, so adding a target does not change the others' input.
	Targets []int32
}

// Source adds a stimulus' current to its targets.
type Source interface {
	// Add adds the current (pA) of update step, which starts at time t
	// (ms), to dst[k] for targets k in [lo, hi).
	Add(step int64, t float64, lo, hi int, dst []float64)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func window(start, stop float64) error {
	if !finite(start) || start < 0 {
		return fmt.Errorf("Start = %v ms: must be >= 0 and finite", start)
	}
	if math.IsNaN(stop) || stop < 0 || (stop != 0 && stop <= start) {
		return fmt.Errorf("Stop = %v ms: must be 0 (never) or after Start = %v ms", stop, start)
	}
	return nil
}

func active(t, start, stop float64) bool {
	return t >= start-1e-9 && (stop == 0 || t < stop-1e-9)
}

// DC is a constant current Amplitude (pA) during [Start, Stop) (Stop 0:
// until the end).
type DC struct {
	Amplitude   float64 // pA
	Start, Stop float64 // ms
}

func (DC) Kind() string { return "DC" }
func (s DC) Validate(dt float64) error {
	if !finite(s.Amplitude) {
		return fmt.Errorf("Amplitude = %v pA: must be finite", s.Amplitude)
	}
	return window(s.Start, s.Stop)
}
func (s DC) New(Context) Source { return s }
func (s DC) Add(step int64, t float64, lo, hi int, dst []float64) {
	if !active(t, s.Start, s.Stop) {
		return
	}
	for k := lo; k < hi; k++ {
		dst[k] += s.Amplitude
	}
}

// Steps is a piecewise-constant current: Amplitudes[k] (pA) from Times[k]
// (ms) until the next time; zero before Times[0] (NEST's
// step_current_generator).
type Steps struct {
	Times      []float64 // ms, strictly increasing
	Amplitudes []float64 // pA
}

func (Steps) Kind() string { return "Steps" }
func (s Steps) Validate(dt float64) error {
	if len(s.Times) != len(s.Amplitudes) {
		return fmt.Errorf("Steps has %d times and %d amplitudes: lengths must match", len(s.Times), len(s.Amplitudes))
	}
	for k, t := range s.Times {
		if !finite(t) || t < 0 || (k > 0 && t <= s.Times[k-1]) {
			return fmt.Errorf("Times[%d] = %v ms: must be finite, >= 0 and increasing", k, t)
		}
		if !finite(s.Amplitudes[k]) {
			return fmt.Errorf("Amplitudes[%d] = %v pA: must be finite", k, s.Amplitudes[k])
		}
	}
	return nil
}
func (s Steps) New(Context) Source { return &steps{s: s} }

type steps struct {
	s Steps
}

func (p *steps) Add(step int64, t float64, lo, hi int, dst []float64) {
	// the last time <= t (within 1e-9 ms); no state, so workers share it
	k := sort.SearchFloat64s(p.s.Times, t+1e-9) - 1
	if k+1 < len(p.s.Times) && p.s.Times[k+1] <= t+1e-9 {
		k++ // SearchFloat64s finds the first time >= t+1e-9; an equal one counts
	}
	if k < 0 || p.s.Amplitudes[k] == 0 {
		return
	}
	a := p.s.Amplitudes[k]
	for i := lo; i < hi; i++ {
		dst[i] += a
	}
}

// TimedArray is a current sampled on a grid: Values[k] (pA) for t in
// [Start + k·DT, Start + (k+1)·DT); zero outside (Brian2's TimedArray).
type TimedArray struct {
	Values []float64 // pA
	DT     float64   // spacing (ms); 0 means the network's dt
	Start  float64   // ms
}

func (TimedArray) Kind() string { return "TimedArray" }
func (s TimedArray) Validate(dt float64) error {
	if len(s.Values) == 0 {
		return fmt.Errorf("Values is empty")
	}
	for k, v := range s.Values {
		if !finite(v) {
			return fmt.Errorf("Values[%d] = %v pA: must be finite", k, v)
		}
	}
	if !finite(s.DT) || s.DT < 0 || (s.DT != 0 && s.DT < dt) {
		return fmt.Errorf("DT = %v ms: must be 0 (the network's dt) or finite and >= dt = %v ms", s.DT, dt)
	}
	return window(s.Start, 0)
}
func (s TimedArray) New(c Context) Source {
	if s.DT == 0 {
		s.DT = c.DT
	}
	return s
}
func (s TimedArray) Add(step int64, t float64, lo, hi int, dst []float64) {
	if t < s.Start-1e-9 {
		return
	}
	// Within the 1e-9 ms tolerance below Start, t counts as Start.
	k := max(0, int(math.Floor((t-s.Start)/s.DT+1e-9)))
	if k >= len(s.Values) {
		return
	}
	a := s.Values[k]
	for i := lo; i < hi; i++ {
		dst[i] += a
	}
}

// Noise is a Gaussian white-noise current: in each step of [Start, Stop)
// every target gets Mean + SD·ξ (pA), ξ standard normal, drawn from the
// target's own stream and held for the step (NEST's noise_generator with
// its dt equal to the network's).
type Noise struct {
	Mean, SD    float64 // pA
	Start, Stop float64 // ms
}

func (Noise) Kind() string { return "Noise" }
func (s Noise) Validate(dt float64) error {
	if !finite(s.Mean) {
		return fmt.Errorf("Mean = %v pA: must be finite", s.Mean)
	}
	if !finite(s.SD) || s.SD < 0 {
		return fmt.Errorf("SD = %v pA: must be >= 0 and finite", s.SD)
	}
	return window(s.Start, s.Stop)
}
func (s Noise) New(c Context) Source {
	n := &noise{s: s, r: make([]*rand.Rand, c.N)}
	for k := range n.r {
		id := uint64(k)
		if c.Targets != nil {
			id = uint64(c.Targets[k])
		}
		n.r[k] = rng.New(c.Seed, c.Key, id)
	}
	return n
}

type noise struct {
	s Noise
	r []*rand.Rand
}

func (n *noise) Add(step int64, t float64, lo, hi int, dst []float64) {
	if !active(t, n.s.Start, n.s.Stop) {
		return
	}
	for k := lo; k < hi; k++ {
		dst[k] += n.s.Mean + float64(n.s.SD*rng.Normal(n.r[k]))
	}
}
