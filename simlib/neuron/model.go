package neuron

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/golgi-sim/golgi/simlib/param"
	"github.com/golgi-sim/golgi/simlib/rng"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// Model is the parameter set of a point model or spike source.
type Model interface {
	// Kind names the model, e.g. "LIF".
	Kind() string
	// Validate checks every parameter, for step dt and method m; an error
	// names the field, its value and what is allowed.
	Validate(dt float64, m scheme.Method) error
	// DefaultMethod is the model's documented integration scheme.
	DefaultMethod() scheme.Method
	// New allocates the state of a population built from the model.
	New(c Context) Dynamics
}

// Context is what a population's dynamics is built with.
type Context struct {
	N      int           // number of neurons
	DT     float64       // step (ms)
	Method scheme.Method // resolved integration method (never Default)
	Seed   uint64        // master seed
	Key    uint64        // the population's stream key
}

// Stream returns the random stream of neuron i of the population, for
// purpose (a small constant distinguishing uses).
func (c Context) Stream(purpose, i uint64) rand.PCG {
	return rng.PCG(c.Seed, c.Key, purpose, i)
}

// Input is what the membrane sees during one step, per neuron of the
// population. Slices are indexed by neuron; G, GE and Jump are nil when the
// population has no receptor of that kind.
type Input struct {
	I    []float64 // current (pA): injected plus current-based synapses
	G    []float64 // total synaptic conductance (nS)
	GE   []float64 // Σ g_r·E_r over conductance receptors (nS·mV)
	Jump []float64 // voltage jumps from delta synapses (mV), applied this step
	Step int64     // index of the update being made (from 1)
	T    float64   // time at the start of the step (ms)
}

// Dynamics is the state of a population and its update rules.
type Dynamics interface {
	// Vars names the state variables, membrane potential first when there
	// is one.
	Vars() []string
	// Var returns the slice of variable name (nil if unknown): the live
	// state, which initial conditions may set before the first step.
	Var(name string) []float64
	// Advance advances neurons [lo, hi) by one step.
	Advance(lo, hi int, in Input)
	// Spike applies threshold and reset to neurons [lo, hi) after update
	// step and appends the indices of those that fired to dst.
	Spike(lo, hi int, step int64, dst []int32) []int32
}

// Membrane is implemented by linear models integrated with scheme.Exact:
// the engine then turns current-based synaptic state into the effective
// constant current over the step (see synapse.Kinetics.Effective).
type Membrane interface {
	MembraneTau() float64 // ms
}

// AdvanceSpiker is implemented by dynamics that can advance and apply
// threshold and reset in one pass over the neurons (the engine then calls
// it instead of Advance and Spike; the result must be the same).
type AdvanceSpiker interface {
	AdvanceSpike(lo, hi int, in Input, dst []int32) []int32
}

// ReceptorFuser is implemented by dynamics that can take the engine's
// receptor pass into AdvanceSpike: one loop that, neuron by neuron,
// computes the receptors' output, propagates their states, clears their
// ring slots and advances and thresholds the membrane, instead of a pass
// that writes I (or G and GE) and another that reads it. The engine offers
// it to a population whose receptors are exactly those of a
// FusedReceptors and that has no other input (no stimulus, no delta
// receptor, no synapse host): then in.I is zero for conductance
// receptors, in.Jump is nil, and in.I, in.G, in.GE need not be written
// (nothing reads them after).
type ReceptorFuser interface {
	// AdvanceSpikeFused does for neurons [lo, hi) what the engine's
	// receptor pass followed by AdvanceSpike(lo, hi, in, dst) would, with
	// the same bits in the model's state, the receptor states and the
	// slots, and returns dst with the spikes appended and true. It returns
	// false, having changed nothing, to decline (a method or receptor
	// shape it has no fused loop for); the engine then makes the two
	// passes. finite true proves every value of the model's Vars of
	// neurons [lo, hi) finite after the call (the loop tested what it
	// stored), which spares the engine its NaN/Inf scan of them; false
	// says nothing (the engine scans).
	AdvanceSpikeFused(lo, hi int, in Input, rec FusedReceptors, dst []int32) (spk []int32, ok, finite bool)
}

// FusedReceptors is the receptor pass of one update of neurons [lo, hi)
// handed to a ReceptorFuser: N (1 or 2) single-state linear receptors, all
// current or all conductance. The pass it stands for sets, from the states
// s before the step (receptor 0 first):
//
//	current:     I  = 0 + C₀·s₀ [+ C₁·s₁]
//	conductance: G  = C₀·s₀ [+ C₁·s₁], GE = CE₀·s₀ [+ CE₁·s₁]
//
// each product rounded, then s ← A·s + B·slot and slot ← 0 for each.
type FusedReceptors struct {
	Conductance bool
	N           int
	R           [2]FusedReceptor
}

// FusedReceptor is one single-state receptor of a FusedReceptors, over
// neurons [lo, hi) of the call.
type FusedReceptor struct {
	S    []float64 // state, one per neuron: s ← A·s + B·slot
	Slot []float64 // ring slot: the spikes due at this update (weights), cleared by the pass; nil with Counts
	A, B float64   // the exact propagator of one step
	C    float64   // output weight: C·s into I (current) or G (conductance)
	CE   float64   // C·ERev (nS·mV per unit of s): CE·s into GE, conductance receptors

	// Counts, offered only to a CountFuser, holds the slot as counts: the
	// slot value of neuron i is Table[Counts[i]], and the pass clears
	// Counts[i] instead of a slot (Slot is nil). Table[k] is the sum of k
	// arrivals of the receptor's one weight, added one at a time from +0.
	Counts []uint8
	Table  *[256]float64
}

// CountFuser is implemented by a ReceptorFuser that takes slots held as
// counts (FusedReceptor.Counts): the engine keeps the ring of a receptor
// whose synapses all add one weight as a byte per neuron and slot, and
// hands a fuser that takes them those bytes instead of expanding them into
// float64 slots first. FusesCounts reports whether it does on this
// machine; the engine asks when it builds a network. A fuser may still
// decline a call (ok false), having changed nothing: the engine then
// expands the counts and offers the float64 slots.
type CountFuser interface {
	ReceptorFuser
	FusesCounts() bool
}

// Faulter is implemented by dynamics that can meet a bad value at run time
// outside their state variables (a PoissonSource.RateFunc returning NaN):
// the engine calls Fault after each Spike and stops the run with its error,
// which names the field, the value, the time and what is allowed.
type Faulter interface {
	Fault() error
}

// VarRanger is implemented by dynamics whose variables have a physical
// range (HH's gates m, h, n in [0, 1]): initial values outside it are
// refused when the network is built.
type VarRanger interface {
	VarRange(name string) (lo, hi float64, ok bool)
}

// MemoryUser is implemented by models whose per-neuron data can be large
// (GaussianDrive's spike times): Bytes estimates what a population of n
// neurons allocates, for the network's memory check before anything is
// allocated.
type MemoryUser interface {
	Bytes(n int) float64
}

// field reports a bad parameter as "field = value unit: what is allowed".
func field(name string, v float64, unit, allowed string) error {
	return param.New(name, v, unit, allowed)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// checks runs parameter checks in order and returns the first failure.
type checks []error

func (c checks) first() error {
	for _, e := range c {
		if e != nil {
			return e
		}
	}
	return nil
}

func positive(name string, v float64, unit string) error {
	if !finite(v) || v <= 0 {
		return field(name, v, unit, "must be positive and finite")
	}
	return nil
}

func nonNegative(name string, v float64, unit string) error {
	if !finite(v) || v < 0 {
		return field(name, v, unit, "must be >= 0 and finite")
	}
	return nil
}

func isFinite(name string, v float64, unit string) error {
	if !finite(v) {
		return field(name, v, unit, "must be finite")
	}
	return nil
}

// timeConstant checks that tau is positive and not shorter than dt.
func timeConstant(name string, tau, dt float64) error {
	if err := positive(name, tau, " ms"); err != nil {
		return err
	}
	if tau < dt {
		return fmt.Errorf("%s = %v ms is shorter than dt = %v ms: use dt <= %v ms", name, tau, dt, tau)
	}
	return nil
}

// methodIn checks that m is one of the allowed methods.
func methodIn(kind string, m scheme.Method, allowed ...scheme.Method) error {
	for _, a := range allowed {
		if m == a {
			return nil
		}
	}
	return fmt.Errorf("method = %v: %s supports %v", m, kind, allowed)
}

// refractory checks that a refractory period fits the int32 step counter.
func refractory(name string, tref, dt float64) error {
	_, err := param.Steps32(name, tref, dt, math.MaxInt32)
	return err
}

// refractorySteps rounds a refractory period to whole steps (checked by
// refractory in Validate).
func refractorySteps(tref, dt float64) int32 {
	n, _ := param.Steps32("refractory period", tref, dt, math.MaxInt32)
	return n
}

func fill(s []float64, v float64) []float64 {
	for i := range s {
		s[i] = v
	}
	return s
}
