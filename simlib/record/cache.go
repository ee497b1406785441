package record

import (
	"bytes"
	"encoding/gob"
	"fmt"
)

// The recorders are network.Cacheable: the run cache stores their data.

func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(v)
	return b.Bytes(), err
}

func decode(b []byte, v any) error { return gob.NewDecoder(bytes.NewReader(b)).Decode(v) }

type spikesData struct {
	Steps []int64
	IDs   []int32
}

// CacheKey describes the recorder's configuration.
func (s *Spikes) CacheKey() string { return fmt.Sprintf("spikes %q %v", s.pop, s.neurons) }

// MarshalBinary encodes the recorded spikes.
func (s *Spikes) MarshalBinary() ([]byte, error) { return encode(spikesData{s.steps, s.ids}) }

// UnmarshalBinary restores recorded spikes.
func (s *Spikes) UnmarshalBinary(b []byte) error {
	var d spikesData
	if err := decode(b, &d); err != nil {
		return err
	}
	s.steps, s.ids = d.Steps, d.IDs
	return nil
}

type stateData struct {
	K0   int64
	Vals [][]float64
}

// CacheKey describes the recorder's configuration.
func (s *State) CacheKey() string {
	return fmt.Sprintf("state %q %q %v %v", s.pop, s.variable, s.neurons, s.interval)
}

// MarshalBinary encodes the recorded traces.
func (s *State) MarshalBinary() ([]byte, error) { return encode(stateData{s.k0, s.vals}) }

// UnmarshalBinary restores recorded traces.
func (s *State) UnmarshalBinary(b []byte) error {
	var d stateData
	if err := decode(b, &d); err != nil {
		return err
	}
	if len(d.Vals) != len(s.neurons) {
		return fmt.Errorf("record: cached state has %d traces for %d neurons", len(d.Vals), len(s.neurons))
	}
	for k := range d.Vals {
		if d.Vals[k] == nil {
			d.Vals[k] = []float64{}
		}
	}
	s.k0, s.vals = d.K0, d.Vals
	s.dg.reset()
	return nil
}

type rateData struct {
	First  int64
	Counts []int32
}

// CacheKey describes the recorder's configuration.
func (r *Rate) CacheKey() string { return fmt.Sprintf("rate %q %v", r.pop, r.bin) }

// MarshalBinary encodes the recorded counts.
func (r *Rate) MarshalBinary() ([]byte, error) { return encode(rateData{r.first, r.counts}) }

// UnmarshalBinary restores recorded counts.
func (r *Rate) UnmarshalBinary(b []byte) error {
	var d rateData
	if err := decode(b, &d); err != nil {
		return err
	}
	r.first, r.counts = d.First, d.Counts
	r.dg.reset()
	return nil
}
