package record

import (
	"fmt"
	"iter"

	"github.com/golgi-sim/golgi/simlib/network"
)

// Spikes records the spikes of a population or of a view of one
// (network.Group); the neurons of a view are numbered 0..Size()-1, as if
// it were a population of its own.
type Spikes struct {
	g     network.Group
	key   string // network.GroupKey(g): the configuration
	label string // g.String()
	idx   int
	dt    float64
	pos   []int32 // the view's index of each neuron of the population, -1 outside; nil: all
	log   spikeLog
	size  int
	net   uint64 // ID of the network attached to, 0 before
}

// NewSpikes records the spikes of g: a population (the handle
// AddPopulation returned) or a view of one (pop.Slice(0, 100)).
func NewSpikes(g network.Group) *Spikes {
	return &Spikes{g: g, key: network.GroupKey(g), label: groupLabel(g)}
}

// groupLabel names a group in messages and Population().
func groupLabel(g network.Group) string {
	if g == nil {
		return ""
	}
	return g.String()
}

// positions returns, for a view's neurons (population indices,
// ascending), the view's index of each neuron of a population of size
// neurons, -1 outside; nil for a whole population.
func positions(neurons []int, size int) []int32 {
	if neurons == nil {
		return nil
	}
	pos := make([]int32, size)
	for i := range pos {
		pos[i] = -1
	}
	for k, i := range neurons {
		pos[i] = int32(k)
	}
	return pos
}

func (s *Spikes) Attach(v network.View) error {
	// every check first: a refused attach leaves the recorder as it was
	// (it may be recording another network)
	if s.net != 0 && s.net != v.ID() {
		return fmt.Errorf("spike recorder of %q: already attached to another network: make a new recorder", s.label)
	}
	idx, popSize, neurons, err := v.Group(s.g)
	if err != nil {
		return fmt.Errorf("spike recorder of %q: %w", s.label, err)
	}
	size := popSize
	if neurons != nil {
		size = len(neurons)
	}
	s.idx, s.dt, s.size, s.net, s.pos = idx, v.DT(), size, v.ID(), positions(neurons, popSize)
	return nil
}

func (s *Spikes) Reserve(int64)               {}
func (s *Spikes) Sample(int64, int, int, int) {}
func (s *Spikes) Spikes(step int64, pop int, chunks [][]int32) {
	if pop != s.idx {
		return
	}
	for _, c := range chunks {
		s.log.add(step, c, s.pos)
	}
}

// Population returns the name of the recorded group: the population's
// ("exc") or the view's ("exc[0:3200]").
func (s *Spikes) Population() string { return s.label }

// Group returns the recorded group (nil for a recorder restored from
// data into a zero Spikes).
func (s *Spikes) Group() network.Group { return s.g }

// Len returns the number of recorded spikes.
func (s *Spikes) Len() int { return s.log.n }

// Size returns the number of neurons of the recorded group (once
// attached).
func (s *Spikes) Size() int { return s.size }

// Steps returns the update index of each spike (shared, do not modify).
// The recorder keeps the updates compactly, one entry per update with
// spikes: the first call after a run expands them into this slice, which
// then holds 8 bytes per spike.
func (s *Spikes) Steps() []int64 { return s.log.stepsOf() }

// Indices returns the neuron of each spike, numbered within the recorded
// group (shared, do not modify).
func (s *Spikes) Indices() []int32 { return s.log.indices() }

// All yields every spike's update index and neuron, in order of
// occurrence, without making the contiguous slices of Steps and Indices.
//
//	for step, i := range sp.All() { ... }
func (s *Spikes) All() iter.Seq2[int64, int32] {
	return s.log.each
}

// Times returns each spike's time (ms), in order of occurrence.
func (s *Spikes) Times() []float64 {
	t := make([]float64, 0, s.log.n)
	for st := range s.All() {
		t = append(t, float64(st)*s.dt)
	}
	return t
}

// Trains returns the spike times (ms) of every neuron of the group.
func (s *Spikes) Trains() [][]float64 {
	tr := make([][]float64, s.size)
	for st, i := range s.All() {
		tr[i] = append(tr[i], float64(st)*s.dt)
	}
	return tr
}

// TrainSteps returns the update indices of every neuron's spikes.
func (s *Spikes) TrainSteps() [][]int64 {
	tr := make([][]int64, s.size)
	for st, i := range s.All() {
		tr[i] = append(tr[i], st)
	}
	return tr
}

// Counts returns the number of spikes of every neuron.
func (s *Spikes) Counts() []int {
	c := make([]int, s.size)
	for _, i := range s.All() {
		c[i]++
	}
	return c
}
