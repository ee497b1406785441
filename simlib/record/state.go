package record

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/param"
)

// State records a state variable of chosen neurons of a population or of
// a view of one (network.Group) every few steps.
type State struct {
	g             network.Group
	pop, variable string // pop: network.GroupKey(g), the configuration
	label         string // g.String()
	given         []int  // as given to NewState (nil: every neuron of g)
	neurons       []int  // recorded, indices within g, in the order given (set by Attach when given is nil)
	interval      float64
	every         int64
	net           uint64 // ID of the network attached to, 0 before
	idx           int
	dt            float64
	src           []float64
	order         []int // positions in neurons, sorted by neuron
	sorted        []int // population indices of the neurons, sorted
	k0            int64 // sample index of the first sample, -1 before
	vals          [][]float64
	dg            digest
}

// NewState records variable of the given neurons of g every interval ms
// (rounded to steps; 0 means every step; otherwise at least dt). g is a
// population (the handle AddPopulation returned) or a view of one; the
// neurons are indices within g (nil: all of them), and Values gives one
// trace per neuron in the order given.
func NewState(g network.Group, variable string, neurons []int, interval float64) *State {
	given := append([]int(nil), neurons...)
	if neurons != nil && len(neurons) == 0 {
		given = []int{}
	}
	return &State{g: g, pop: network.GroupKey(g), label: groupLabel(g), variable: variable, given: given, neurons: given, interval: interval, k0: -1}
}

func (s *State) Attach(v network.View) error {
	// every check first: a refused attach leaves the recorder as it was
	// (it may be recording another network)
	if s.net != 0 && s.net != v.ID() {
		return fmt.Errorf("state recorder of %q.%s: already attached to another network: make a new recorder", s.label, s.variable)
	}
	idx, popSize, members, err := v.Group(s.g)
	if err != nil {
		return fmt.Errorf("state recorder of %q.%s: %w", s.label, s.variable, err)
	}
	size := popSize
	if members != nil {
		size = len(members)
	}
	dt := v.DT()
	src := v.Var(idx, s.variable)
	if src == nil {
		return fmt.Errorf("state recorder of %q: no variable %q (has %s)", s.label, s.variable, strings.Join(v.Vars(idx), ", "))
	}
	if s.given != nil && len(s.given) == 0 {
		return fmt.Errorf("state recorder of %q.%s: an empty list of neurons: give some, or nil for every neuron of %q", s.label, s.variable, s.label)
	}
	every, err := param.Steps("interval", s.interval, dt, param.MaxSteps)
	if err == nil && s.interval != 0 && s.interval < dt*(1-1e-9) {
		err = param.New("interval", s.interval, " ms", fmt.Sprintf("must be 0 (every step) or at least dt = %v ms", dt))
	}
	if err != nil {
		return fmt.Errorf("state recorder of %q.%s: %w", s.label, s.variable, err)
	}
	neurons := s.given
	if neurons == nil {
		neurons = make([]int, size)
		for k := range neurons {
			neurons[k] = k
		}
	}
	for _, i := range neurons {
		if i < 0 || i >= size {
			return fmt.Errorf("state recorder of %q.%s: neuron %d: must be in [0, %d)", s.label, s.variable, i, size)
		}
	}
	s.idx, s.dt, s.src, s.every, s.net, s.neurons = idx, dt, src, max(1, every), v.ID(), neurons
	s.order = make([]int, len(s.neurons))
	for k := range s.order {
		s.order[k] = k
	}
	slices.SortStableFunc(s.order, func(a, b int) int { return s.neurons[a] - s.neurons[b] })
	s.sorted = make([]int, len(s.neurons))
	for k, o := range s.order {
		s.sorted[k] = s.neurons[o]
		if members != nil {
			s.sorted[k] = members[s.neurons[o]]
		}
	}
	s.vals = make([][]float64, len(s.neurons))
	return nil
}

func (s *State) Reserve(steps int64) { reserveRows(s.vals, steps, s.every) }

// reserveRows makes room in every row of vals for the samples taken every
// every updates during steps updates (State and Weights).
func reserveRows(vals [][]float64, steps, every int64) {
	extra := int(steps/every) + 2
	for k := range vals {
		vals[k] = slices.Grow(vals[k], extra)
	}
}

func (s *State) Sample(step int64, pop, lo, hi int) {
	if pop != s.idx || step%s.every != 0 {
		return
	}
	a, _ := slices.BinarySearch(s.sorted, lo)
	if a == 0 && s.k0 < 0 && len(s.sorted) > 0 && s.sorted[0] < hi {
		s.k0 = step / s.every // only the owner of the first neuron sets it
	}
	for j := a; j < len(s.sorted) && s.sorted[j] < hi; j++ {
		o := s.order[j]
		s.vals[o] = append(s.vals[o], s.src[s.sorted[j]])
	}
}

func (s *State) Spikes(int64, int, [][]int32) {}

// Values returns one trace per requested neuron, in the order given.
func (s *State) Values() [][]float64 { return s.vals }

// Neurons returns the recorded neurons (indices within the group), in the
// order given.
func (s *State) Neurons() []int { return s.neurons }

// Group returns the recorded group (nil for a recorder restored from
// data into a zero State).
func (s *State) Group() network.Group { return s.g }

// Times returns the sample times (ms).
func (s *State) Times() []float64 {
	n := 0
	if len(s.vals) > 0 {
		n = len(s.vals[0])
	}
	t := make([]float64, n)
	for i := range t {
		t[i] = float64((s.k0+int64(i))*s.every) * s.dt
	}
	return t
}

// Population returns the name of the recorded group: the population's
// ("exc") or the view's ("exc[0:3200]").
func (s *State) Population() string { return s.label }

// Variable returns the recorded variable's name.
func (s *State) Variable() string { return s.variable }

// Interval returns the sampling interval asked for (ms; 0: every step).
func (s *State) Interval() float64 { return s.interval }

// RunBytes estimates what a run of steps updates adds to the traces
// (network.RunSizer).
func (s *State) RunBytes(steps int64) float64 {
	return float64(len(s.neurons)) * 8 * (float64(steps)/float64(max(1, s.every)) + 1)
}
