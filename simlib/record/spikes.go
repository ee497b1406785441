package record

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/network"
)

// Spikes records the spikes of a population (or of chosen neurons).
type Spikes struct {
	pop     string
	neurons []int
	idx     int
	dt      float64
	keep    []bool // nil: all
	steps   []int64
	ids     []int32
	size    int
	net     uint64 // ID of the network attached to, 0 before
}

// NewSpikes records the spikes of population pop, of the given neurons
// only when some are given.
func NewSpikes(pop string, neurons ...int) *Spikes {
	return &Spikes{pop: pop, neurons: append([]int(nil), neurons...)}
}

func (s *Spikes) Attach(v network.View) error {
	// every check first: a refused attach leaves the recorder as it was
	// (it may be recording another network)
	if s.net != 0 && s.net != v.ID() {
		return fmt.Errorf("spike recorder of %q: already attached to another network: make a new recorder", s.pop)
	}
	idx, size, ok := v.Lookup(s.pop)
	if !ok {
		return fmt.Errorf("spike recorder: unknown population %q", s.pop)
	}
	var keep []bool
	if len(s.neurons) > 0 {
		keep = make([]bool, size)
		for _, i := range s.neurons {
			if i < 0 || i >= size {
				return fmt.Errorf("spike recorder of %q: neuron %d: must be in [0, %d)", s.pop, i, size)
			}
			keep[i] = true
		}
	}
	s.idx, s.dt, s.size, s.net, s.keep = idx, v.DT(), size, v.ID(), keep
	return nil
}

func (s *Spikes) Reserve(int64)               {}
func (s *Spikes) Sample(int64, int, int, int) {}
func (s *Spikes) Spikes(step int64, pop int, chunks [][]int32) {
	if pop != s.idx {
		return
	}
	for _, c := range chunks {
		for _, i := range c {
			if s.keep == nil || s.keep[i] {
				s.steps = append(s.steps, step)
				s.ids = append(s.ids, i)
			}
		}
	}
}

// Population returns the recorded population's name.
func (s *Spikes) Population() string { return s.pop }

// Len returns the number of recorded spikes.
func (s *Spikes) Len() int { return len(s.ids) }

// Size returns the size of the recorded population (once attached).
func (s *Spikes) Size() int { return s.size }

// Steps returns the update index of each spike (shared, do not modify).
func (s *Spikes) Steps() []int64 { return s.steps }

// Indices returns the neuron of each spike (shared, do not modify).
func (s *Spikes) Indices() []int32 { return s.ids }

// Times returns each spike's time (ms), in order of occurrence.
func (s *Spikes) Times() []float64 {
	t := make([]float64, len(s.steps))
	for k, st := range s.steps {
		t[k] = float64(st) * s.dt
	}
	return t
}

// Trains returns the spike times (ms) of every neuron of the population.
func (s *Spikes) Trains() [][]float64 {
	tr := make([][]float64, s.size)
	for k, i := range s.ids {
		tr[i] = append(tr[i], float64(s.steps[k])*s.dt)
	}
	return tr
}

// TrainSteps returns the update indices of every neuron's spikes.
func (s *Spikes) TrainSteps() [][]int64 {
	tr := make([][]int64, s.size)
	for k, i := range s.ids {
		tr[i] = append(tr[i], s.steps[k])
	}
	return tr
}

// Counts returns the number of spikes of every neuron.
func (s *Spikes) Counts() []int {
	c := make([]int, s.size)
	for _, i := range s.ids {
		c[i]++
	}
	return c
}
