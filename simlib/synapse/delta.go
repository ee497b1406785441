package synapse

import "github.com/golgi-sim/golgi/simlib/scheme"

// Delta is an instantaneous synapse: a spike of weight w moves the membrane
// potential by w mV at the start of the next step (NEST's iaf_psc_delta).
// It is current-based only and has no state.
type Delta struct{}

func (Delta) Kind() string                          { return "delta" }
func (Delta) Validate(float64) error                { return nil }
func (Delta) Linear(float64, scheme.Method) Linear  { return Linear{} }
func (Delta) Effective(float64, float64) [2]float64 { return [2]float64{} }
