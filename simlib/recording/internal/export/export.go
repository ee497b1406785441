//go:build hdf5

// Package export holds what the HDF5 exporters of golgi's recordings (nwb,
// sonata) check alike: the recorders handed to them and the names that
// become HDF5 groups.
package export

import (
	"bytes"
	"encoding/gob"
	"fmt"

	"github.com/golgi-sim/golgi/simlib/internal/h5"
	"github.com/golgi-sim/golgi/simlib/record"
)

// Name checks a population or variable name that becomes (part of) an
// HDF5 link name.
func Name(what, name string) error { return h5.CheckName(what, name) }

// Spikes checks spike recorder k of those given: not nil, attached to a
// network (a run), a valid population name, a population not given
// before (seen, updated).
func Spikes(k int, s *record.Spikes, seen map[string]bool) error {
	if s == nil {
		return fmt.Errorf("spike recorder %d is nil", k)
	}
	if err := Name("spike recorder: population", s.Population()); err != nil {
		return err
	}
	if s.Size() == 0 {
		return fmt.Errorf("spike recorder of %q: not attached to a network (record it and run first)", s.Population())
	}
	if seen[s.Population()] {
		return fmt.Errorf("spike recorder of %q: a second recorder of that population: give one per population", s.Population())
	}
	seen[s.Population()] = true
	return nil
}

// State checks state recorder k of those given, as Spikes does, keyed by
// population and variable.
func State(k int, s *record.State, seen map[string]bool) error {
	if s == nil {
		return fmt.Errorf("state recorder %d is nil", k)
	}
	if err := Name("state recorder: population", s.Population()); err != nil {
		return err
	}
	if err := Name(fmt.Sprintf("state recorder of %q: variable", s.Population()), s.Variable()); err != nil {
		return err
	}
	key := s.Population() + "." + s.Variable()
	if len(s.Values()) == 0 {
		return fmt.Errorf("state recorder of %s: not attached to a network (record it and run first)", key)
	}
	if seen[key] {
		return fmt.Errorf("state recorder of %s: a second recorder of that variable: give one per population and variable", key)
	}
	seen[key] = true
	return nil
}

// spikesData is the part of a spike recorder's MarshalBinary encoding
// that the exporters need beyond its getters (gob matches fields by
// name).
type spikesData struct{ DT float64 }

// SpikesDT returns the dt (ms) of the network a spike recorder recorded.
func SpikesDT(s *record.Spikes) (float64, error) {
	b, err := s.MarshalBinary()
	if err != nil {
		return 0, err
	}
	var d spikesData
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&d); err != nil {
		return 0, fmt.Errorf("spike recorder of %q: %w", s.Population(), err)
	}
	return d.DT, nil
}
