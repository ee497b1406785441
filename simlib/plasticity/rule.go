package plasticity

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/param"
	"github.com/golgi-sim/golgi/simlib/pmath"
)

// Rule is the parameters of a synapse model with plasticity.
type Rule interface {
	// Kind names the rule, e.g. "stdp-pair".
	Kind() string
	// Validate checks the parameters for a step dt (ms); errors are
	// *param.Error values naming the field.
	Validate(dt float64) error
	// WeightRange is the interval the rule keeps weights in: a
	// projection's initial weights must lie in it.
	WeightRange() (lo, hi float64)
	// Timing says whether postsynaptic spikes reach the synapses and the
	// dendritic part of the delay (ms).
	Timing() Timing
	// New makes the state of n synapses for a step dt (ms). w is the
	// projection's weights, which the state changes in place.
	New(w []float64, dt float64) Synapses
}

// Timing is how spikes reach a rule's synapses.
type Timing struct {
	Post      bool    // postsynaptic spikes reach the synapses (STDP); false: presynaptic only (short-term plasticity)
	Dendritic float64 // dendritic delay d_dend (ms), part of the synapse's delay; the axonal part is the rest
}

// Synapses is the state of a projection's synapses during a run. The
// engine calls it for the synapses whose targets a worker owns, so calls
// for disjoint sets of targets may run concurrently: a method must touch
// only the given synapses' state. Steps are synapse times: the update at
// which the spike reaches the synapse.
type Synapses interface {
	// Pre handles presynaptic spikes reaching synapses syn (indices in
	// table order) at update step: psp[i] gets the amplitude that
	// syn[i]'s spike delivers to the receptor (in weight units), then the
	// synapse updates itself.
	Pre(step int64, syn []int64, psp []float64)
	// Post handles a postsynaptic spike reaching synapses syn at update
	// step (after the presynaptic spikes of the same step).
	Post(step int64, syn []int64)
	// Vars lists the per-synapse variables ("w" first).
	Vars() []string
	// Var returns the live values of a variable, one per synapse in table
	// order, or nil.
	Var(name string) []float64
}

// decay returns exp(-Δ·dt/τ) for Δ steps (1 for τ = +Inf, 0 for τ = 0).
func decay(delta int64, dt, tau float64) float64 {
	if tau == 0 {
		return 0
	}
	return pmath.Exp(-float64(float64(delta)*dt) / tau)
}

// clip bounds w to [lo, hi].
func clip(w, lo, hi float64) float64 { return min(max(w, lo), hi) }

// checkTau refuses a time constant that is not positive and finite.
func checkTau(obj, field string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return &param.Error{Object: obj, Field: field, Value: v, Unit: " ms", Allowed: "must be positive and finite"}
	}
	return nil
}

// checkAmp refuses an amplitude (learning rate) that is negative or not
// finite.
func checkAmp(obj, field string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return &param.Error{Object: obj, Field: field, Value: v, Allowed: "must be >= 0 and finite (the sign of the change is the rule's)"}
	}
	return nil
}

// checkBounds refuses weight bounds that are not finite or not ordered.
func checkBounds(obj string, lo, hi float64) error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"WMin", lo}, {"WMax", hi}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return &param.Error{Object: obj, Field: f.name, Value: f.v, Allowed: "must be finite (weight units: pA, nS or mV as the receptor's)"}
		}
	}
	if lo > hi {
		return &param.Error{Object: obj, Field: "WMin", Value: lo, Allowed: fmt.Sprintf("must be <= WMax = %v", hi)}
	}
	return nil
}

// checkDendritic refuses a dendritic delay that is negative or not finite.
func checkDendritic(obj string, v, dt float64) error {
	if _, err := param.Steps("Dendritic", v, dt, 1<<16); err != nil {
		e := err.(*param.Error)
		e.Object = obj
		return e
	}
	return nil
}
