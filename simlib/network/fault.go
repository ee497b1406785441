package network

import "fmt"

// FaultError is a fault met during a run: a state variable of a neuron
// became NaN or ±Inf, or (Err set) a model met a bad value outside its
// variables, such as a PoissonSource.RateFunc returning NaN. The run stops
// after the update (everything recorded up to it is kept) and the network
// refuses to run further.
type FaultError struct {
	Pop, Model string
	Neuron     int     // -1 when the fault is the population's (Err)
	Var        string  // the variable, when a state variable diverged
	Value      float64 // its value
	Step       int64   // the update
	T          float64 // the time at its end (ms)
	Err        error   // the model's own fault, when it is not a variable's
}

func (f *FaultError) Error() string {
	if f.Err != nil {
		return fmt.Sprintf("population %q (%s): %v (run stopped after update %d)", f.Pop, f.Model, f.Err, f.Step)
	}
	return fmt.Sprintf("population %q (%s): neuron %d: variable %s became %v at t = %v ms (update %d): the model diverged; check its parameters, the input strength, or use a smaller dt", f.Pop, f.Model, f.Neuron, f.Var, f.Value, f.T, f.Step)
}

func (f *FaultError) Unwrap() error { return f.Err }
