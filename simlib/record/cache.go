package record

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"math"
	"slices"
)

// The recorders are network.Cacheable: the run cache stores their data.
// MarshalBinary stores everything a recorder holds (configuration, the
// network's dt and size as attached, and the data); UnmarshalBinary
// restores it into a recorder made with the same configuration, or into a
// zero-value recorder, which takes the stored one. Every getter gives
// after the round trip what it gave before. Data that does not fit
// (indices out of range, lengths that differ) is refused, not half
// loaded.

func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(v)
	return b.Bytes(), err
}

func decode(b []byte, v any) error {
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return fmt.Errorf("record: cannot decode recorder data: %w", err)
	}
	return nil
}

// named returns the label of a recorder's data, or its key when the data
// has none.
func named(label, key string) string {
	if label != "" {
		return label
	}
	return key
}

func validDT(what string, dt float64, hasData bool) error {
	if hasData && !(dt > 0 && !math.IsInf(dt, 0)) {
		return fmt.Errorf("record: %s data: dt = %v ms: must be positive and finite", what, dt)
	}
	return nil
}

type spikesData struct {
	Pop   string // network.GroupKey of the group
	Label string
	DT    float64
	Size  int
	Steps []int64
	IDs   []int32
}

// CacheKey describes the recorder's configuration.
func (s *Spikes) CacheKey() string { return fmt.Sprintf("spikes %q", s.key) }

// MarshalBinary encodes the recorder: configuration, dt, size and spikes.
func (s *Spikes) MarshalBinary() ([]byte, error) {
	return encode(spikesData{s.key, s.label, s.dt, s.size, s.log.stepsOnce(), s.Indices()})
}

// UnmarshalBinary restores a recorder encoded by MarshalBinary.
func (s *Spikes) UnmarshalBinary(b []byte) error {
	var d spikesData
	if err := decode(b, &d); err != nil {
		return err
	}
	d.Label = named(d.Label, d.Pop)
	if s.key != "" && s.key != d.Pop {
		return fmt.Errorf("record: spike recorder of %q: the data is of a recorder of %q", s.key, d.Pop)
	}
	if len(d.Steps) != len(d.IDs) {
		return fmt.Errorf("record: spike recorder of %q: data has %d times for %d neurons", named(d.Label, d.Pop), len(d.Steps), len(d.IDs))
	}
	if err := validDT("spike recorder", d.DT, len(d.IDs) > 0); err != nil {
		return err
	}
	for k, i := range d.IDs {
		if i < 0 || int(i) >= d.Size {
			return fmt.Errorf("record: spike recorder of %q: spike %d is of neuron %d: must be in [0, %d) (the group's size)", named(d.Label, d.Pop), k, i, d.Size)
		}
		if d.Steps[k] < 0 {
			return fmt.Errorf("record: spike recorder of %q: spike %d is at update %d: updates are not negative", named(d.Label, d.Pop), k, d.Steps[k])
		}
		if k > 0 && d.Steps[k] < d.Steps[k-1] {
			return fmt.Errorf("record: spike recorder of %q: spike %d at update %d is before spike %d at update %d: spikes must be in order", named(d.Label, d.Pop), k, d.Steps[k], k-1, d.Steps[k-1])
		}
	}
	s.key, s.label, s.dt, s.size = d.Pop, d.Label, d.DT, d.Size
	s.log.set(d.Steps, d.IDs)
	return nil
}

type stateData struct {
	Pop, Variable string // Pop: network.GroupKey of the group
	Label         string
	Neurons       []int
	Interval      float64
	Every         int64
	DT            float64
	K0            int64
	Vals          [][]float64
}

// CacheKey describes the recorder's configuration.
func (s *State) CacheKey() string {
	return fmt.Sprintf("state %q %q %v %v", s.pop, s.variable, s.given, s.interval)
}

// MarshalBinary encodes the recorder: configuration, dt, sampling and
// traces.
func (s *State) MarshalBinary() ([]byte, error) {
	return encode(stateData{s.pop, s.variable, s.label, s.neurons, s.interval, s.every, s.dt, s.k0, s.vals})
}

// UnmarshalBinary restores a recorder encoded by MarshalBinary.
func (s *State) UnmarshalBinary(b []byte) error {
	var d stateData
	if err := decode(b, &d); err != nil {
		return err
	}
	d.Label = named(d.Label, d.Pop)
	if s.pop != "" && (s.pop != d.Pop || s.variable != d.Variable || s.given != nil && !slices.Equal(s.given, d.Neurons) || math.Float64bits(s.interval) != math.Float64bits(d.Interval)) {
		return fmt.Errorf("record: state recorder of %q.%s %v: the data is of a recorder of %q.%s %v", s.pop, s.variable, s.given, d.Pop, d.Variable, d.Neurons)
	}
	if len(d.Vals) != len(d.Neurons) && !(d.Vals == nil && d.Every == 0) {
		return fmt.Errorf("record: state recorder of %q.%s: data has %d traces for %d neurons", d.Pop, d.Variable, len(d.Vals), len(d.Neurons))
	}
	hasData := false
	for k := range d.Vals {
		if len(d.Vals[k]) != len(d.Vals[0]) {
			return fmt.Errorf("record: state recorder of %q.%s: trace %d has %d samples, trace 0 has %d", d.Pop, d.Variable, k, len(d.Vals[k]), len(d.Vals[0]))
		}
		if d.Vals[k] == nil {
			d.Vals[k] = []float64{}
		}
		hasData = hasData || len(d.Vals[k]) > 0
	}
	if hasData && d.Every < 1 {
		return fmt.Errorf("record: state recorder of %q.%s: data samples every %d steps: must be >= 1", d.Pop, d.Variable, d.Every)
	}
	if err := validDT("state recorder", d.DT, hasData); err != nil {
		return err
	}
	if s.pop == "" {
		s.given = d.Neurons
	}
	s.pop, s.variable, s.label, s.neurons, s.interval, s.every, s.dt, s.k0, s.vals = d.Pop, d.Variable, d.Label, d.Neurons, d.Interval, d.Every, d.DT, d.K0, d.Vals
	s.dg.reset()
	return nil
}

type rateData struct {
	Pop      string // network.GroupKey of the group
	Label    string
	Bin      float64
	BinSteps int64
	DT       float64
	Size     int
	First    int64
	Counts   []int32
}

// CacheKey describes the recorder's configuration.
func (r *Rate) CacheKey() string { return fmt.Sprintf("rate %q %v", r.pop, r.bin) }

// MarshalBinary encodes the recorder: configuration, dt, size and counts.
func (r *Rate) MarshalBinary() ([]byte, error) {
	return encode(rateData{r.pop, r.label, r.bin, r.binSteps, r.dt, r.size, r.first, r.counts})
}

// UnmarshalBinary restores a recorder encoded by MarshalBinary.
func (r *Rate) UnmarshalBinary(b []byte) error {
	var d rateData
	if err := decode(b, &d); err != nil {
		return err
	}
	d.Label = named(d.Label, d.Pop)
	if r.pop != "" && (r.pop != d.Pop || math.Float64bits(r.bin) != math.Float64bits(d.Bin)) {
		return fmt.Errorf("record: rate recorder of %q (bin %v ms): the data is of a recorder of %q (bin %v ms)", r.pop, r.bin, d.Pop, d.Bin)
	}
	if len(d.Counts) > 0 && (d.Size < 1 || d.BinSteps < 1 || d.First < 1) {
		return fmt.Errorf("record: rate recorder of %q: data has size %d, bin %d steps, first update %d: must all be >= 1", d.Pop, d.Size, d.BinSteps, d.First)
	}
	if err := validDT("rate recorder", d.DT, len(d.Counts) > 0); err != nil {
		return err
	}
	for k, c := range d.Counts {
		if c < 0 || int(c) > d.Size {
			return fmt.Errorf("record: rate recorder of %q: count %d = %d: must be in [0, %d] (the group's size)", d.Pop, k, c, d.Size)
		}
	}
	r.pop, r.label, r.bin, r.binSteps, r.dt, r.size, r.first, r.counts = d.Pop, d.Label, d.Bin, d.BinSteps, d.DT, d.Size, d.First, d.Counts
	r.dg.reset()
	return nil
}
