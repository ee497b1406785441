package mech

import (
	"fmt"
	"math"
)

// Env is the simulation environment a mechanism is validated and built for.
type Env struct {
	DT          float64 // step (ms)
	Celsius     float64 // temperature (°C), NEURON's celsius
	SecondOrder int     // 0: backward Euler, 2: Crank-Nicolson (NEURON's secondorder)
}

// Density is a density mechanism's parameters (NEURON's SUFFIX mechanisms:
// pas, hh, ...): a plain struct with units in its field comments, inserted
// in sections. Currents are densities (mA/cm²), conductances S/cm².
type Density interface {
	// Name is the mechanism's NEURON suffix, e.g. "hh". Variables are
	// recorded as name_suffix ("m_hh") as in NEURON.
	Name() string
	// Validate checks every parameter for the environment e; the error
	// names the field, its value, its unit and what is allowed.
	Validate(e Env) error
	// New allocates the state of the mechanism at every location that
	// carries it. params[i] is the parameter set at location i, every one of
	// the receiver's concrete type (one Density value per section, repeated
	// for each of its segments).
	New(params []Density, c Context) Instance
}

// Point is a point process's parameters (ExpSyn, Exp2Syn, IClamp, ...).
// Currents are absolute (nA); an instance converts them to densities with
// Context.Area as NEURON does (1e2/area).
type Point interface {
	Name() string
	Validate(e Env) error
	New(params []Point, c Context) Instance
}

// Context is what an instance is built with. Locations are laid out
// cell-major: location i belongs to cell i/PerCell, and the instance
// methods are called with ranges [lo, hi) covering whole cells.
type Context struct {
	Env
	Node    []int32   // node index (into Step's arrays) of each location
	Area    []float64 // area of each location's node (µm²); 100 at the zero-area end nodes, NEURON's convention
	Cells   int       // number of cells
	PerCell int       // locations per cell
	// Ions holds, for each ion named by an IonUser mechanism (and for the
	// ions of every mechanism of the cell), the per-node ion variables.
	Ions map[string]*Ion
}

// Ion holds an ion's variables per node of all cells, as NEURON's na_ion,
// k_ion, ca_ion keep them: ena, ina, dina/dv, nai, nao.
type Ion struct {
	Name string
	E    []float64 // reversal potential (mV) per node
	I    []float64 // total membrane current of the ion (mA/cm²) per node, summed by the mechanisms in Current
	DIDV []float64 // its derivative with respect to v (S/cm²)
	// Ci and Co are the inner and outer concentrations (mM) per node,
	// NEURON's cai and cao (defaults cai0_ca_ion, cao0_ca_ion, ...). A
	// mechanism that writes Ci (NEURON's WRITE cai, e.g. Cad) also sets E
	// from them with Nernst, as NEURON's ion then computes its reversal
	// potential from the concentrations.
	Ci, Co []float64
}

// IonUser is implemented by mechanisms that read or write ion variables
// (hh uses "na" and "k"); the cell then allocates those ions.
type IonUser interface {
	Ions() []string
}

// Step is the state a mechanism reads and writes in one call. The arrays
// are indexed by node (of all cells, cell-major).
type Step struct {
	V   []float64 // membrane potential (mV)
	RHS []float64 // right-hand side: Current subtracts its membrane current density (mA/cm²; electrode currents add)
	D   []float64 // diagonal: Current adds dI/dv (S/cm²)
	T   float64   // time (ms): t + dt/2 in Current (NEURON evaluates BREAKPOINT at mid-step), t + dt in Advance, 0 in Init
	DT  float64   // step (ms)
}

// Instance is the state of one mechanism type over all its locations, as a
// structure of arrays.
type Instance interface {
	// Vars names the recordable variables (states, assigned, parameters).
	Vars() []string
	// Var returns the per-location slice of a variable (nil if unknown):
	// the live state.
	Var(name string) []float64
	// Init sets the state at locations [lo, hi) from s.V (NEURON's INITIAL).
	Init(s Step, lo, hi int)
	// Current adds the membrane current of locations [lo, hi) into s.RHS
	// (subtracted) and its conductance dI/dv into s.D (BREAKPOINT, nrn_cur),
	// from s.V at the start of the step.
	Current(s Step, lo, hi int)
	// Advance integrates the states of locations [lo, hi) over one step
	// from s.V after the voltage update (SOLVE ... METHOD cnexp, nrn_state).
	Advance(s Step, lo, hi int)
}

// Receiver is implemented by point processes that take events
// (NET_RECEIVE): weight is the NetCon weight (µS for synapses), t the
// delivery time (ms).
type Receiver interface {
	Receive(i int, weight, t float64)
}

// ParamError reports a bad parameter: Field = Value Unit: Allowed.
type ParamError struct {
	Field   string
	Value   float64
	Unit    string // with a leading space, e.g. " S/cm²", or ""
	Allowed string
}

func (e *ParamError) Error() string {
	return fmt.Sprintf("%s = %v%s: %s", e.Field, e.Value, e.Unit, e.Allowed)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Check helpers used by the mechanisms' Validate methods; each returns nil
// or a *ParamError.

// NonNegative requires v >= 0 and finite.
func NonNegative(field string, v float64, unit string) error {
	if !finite(v) || v < 0 {
		return &ParamError{field, v, unit, "must be >= 0 and finite"}
	}
	return nil
}

// Positive requires v > 0 and finite.
func Positive(field string, v float64, unit string) error {
	if !finite(v) || v <= 0 {
		return &ParamError{field, v, unit, "must be positive and finite"}
	}
	return nil
}

// Finite requires a finite v.
func Finite(field string, v float64, unit string) error {
	if !finite(v) {
		return &ParamError{field, v, unit, "must be finite"}
	}
	return nil
}

// First returns the first non-nil error.
func First(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
