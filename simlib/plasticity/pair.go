package plasticity

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/param"
)

// Dependence is how an STDP change depends on the weight.
type Dependence int

const (
	// Additive: the change does not depend on the weight (Song, Miller &
	// Abbott 2000); the weight is clipped to [WMin, WMax].
	Additive Dependence = iota
	// Multiplicative: potentiation scales with WMax - w, depression with
	// w - WMin (van Rossum, Bi & Turrigiano 2000; NEST's stdp_synapse
	// with mu_plus = mu_minus = 1).
	Multiplicative
)

func (d Dependence) String() string {
	switch d {
	case Additive:
		return "additive"
	case Multiplicative:
		return "multiplicative"
	}
	return fmt.Sprintf("Dependence(%d)", int(d))
}

// Pairing is which spike pairs an STDP rule counts.
type Pairing int

const (
	// AllToAll: every pre spike pairs with every post spike; a trace adds
	// 1 at each spike.
	AllToAll Pairing = iota
	// Nearest: a spike pairs with the nearest earlier spike of the other
	// side only (Morrison, Diesmann & Gerstner 2008's symmetric
	// nearest-spike scheme, NEST's stdp_nn_symm_synapse); a trace is set
	// to 1 at each spike.
	Nearest
)

func (p Pairing) String() string {
	switch p {
	case AllToAll:
		return "all-to-all"
	case Nearest:
		return "nearest"
	}
	return fmt.Sprintf("Pairing(%d)", int(p))
}

func checkEnums(obj string, d Dependence, p Pairing) error {
	if d != Additive && d != Multiplicative {
		return &param.Error{Object: obj, Field: "Dependence", Value: d, Allowed: "must be plasticity.Additive or plasticity.Multiplicative"}
	}
	if p != AllToAll && p != Nearest {
		return &param.Error{Object: obj, Field: "Pairing", Value: p, Allowed: "must be plasticity.AllToAll or plasticity.Nearest"}
	}
	return nil
}

// Pair is pair-based STDP with traces. Every synapse has a presynaptic
// trace a_pre (time constant TauPlus) and a postsynaptic trace a_post
// (TauMinus), dimensionless, decaying exponentially between events.
//
// A presynaptic spike reaching the synapse: the PSP gets the weight w as it
// is, then a_pre += 1 (Nearest: a_pre = 1) and w is depressed,
//
//	additive:       w ← clip(w − AMinus·a_post)
//	multiplicative: w ← clip(w − AMinus·(w − WMin)·a_post)
//
// A postsynaptic spike reaching the synapse: a_post += 1 (Nearest: = 1) and
//
//	additive:       w ← clip(w + APlus·a_pre)
//	multiplicative: w ← clip(w + APlus·(WMax − w)·a_pre)
//
// with clip to [WMin, WMax]. So a pre spike Δt before a post spike changes
// the weight (additive) by APlus·exp(−Δt/TauPlus), a post spike Δt before
// a pre spike by −AMinus·exp(−Δt/TauMinus).
type Pair struct {
	TauPlus    float64    // time constant of the presynaptic trace, potentiation window (ms), > 0
	TauMinus   float64    // time constant of the postsynaptic trace, depression window (ms), > 0
	APlus      float64    // potentiation per pair at Δt = 0 (weight units: pA, nS or mV; multiplicative: a fraction of WMax − w), >= 0
	AMinus     float64    // depression per pair at Δt = 0 (weight units; multiplicative: a fraction of w − WMin), >= 0
	WMin, WMax float64    // weight bounds (weight units), WMin <= WMax
	Dependence Dependence // Additive (default) or Multiplicative
	Pairing    Pairing    // AllToAll (default) or Nearest
	Dendritic  float64    // dendritic part of the synapse's delay (ms), at most Synapse.Delay; 0: all axonal (Brian2's pre-pathway delay)
}

// DefaultPair returns Song, Miller & Abbott (2000)'s additive rule as
// Brian2's documentation example writes it, in units of WMax = 1: τ± =
// 20 ms, APlus = 0.01, AMinus = 1.05·APlus (depression dominates).
func DefaultPair() Pair {
	return Pair{TauPlus: 20, TauMinus: 20, APlus: 0.01, AMinus: 0.0105, WMin: 0, WMax: 1}
}

func (Pair) Kind() string                      { return "stdp-pair" }
func (p Pair) WeightRange() (float64, float64) { return p.WMin, p.WMax }
func (p Pair) Timing() Timing                  { return Timing{Post: true, Dendritic: p.Dendritic} }

func (p Pair) Validate(dt float64) error {
	const obj = "plasticity.Pair"
	for _, err := range []error{
		checkTau(obj, "TauPlus", p.TauPlus), checkTau(obj, "TauMinus", p.TauMinus),
		checkAmp(obj, "APlus", p.APlus), checkAmp(obj, "AMinus", p.AMinus),
		checkBounds(obj, p.WMin, p.WMax), checkEnums(obj, p.Dependence, p.Pairing),
		checkDendritic(obj, p.Dendritic, dt),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

func (p Pair) New(w []float64, dt float64) Synapses {
	return &pairState{p: p, dt: dt, w: w, pre: make([]float64, len(w)), post: make([]float64, len(w)), last: make([]int64, len(w))}
}

type pairState struct {
	p         Pair
	dt        float64
	w         []float64
	pre, post []float64 // traces a_pre, a_post
	last      []int64   // update of the synapse's last event
}

// advance decays synapse k's traces to step.
func (s *pairState) advance(k int64, step int64) {
	if d := step - s.last[k]; d != 0 {
		s.pre[k] = float64(s.pre[k] * decay(d, s.dt, s.p.TauPlus))
		s.post[k] = float64(s.post[k] * decay(d, s.dt, s.p.TauMinus))
		s.last[k] = step
	}
}

func (s *pairState) Pre(step int64, syn []int64, psp []float64) {
	p := &s.p
	for i, k := range syn {
		s.advance(k, step)
		w := s.w[k]
		psp[i] = w
		if p.Pairing == Nearest {
			s.pre[k] = 1
		} else {
			s.pre[k]++
		}
		if p.Dependence == Multiplicative {
			w -= float64(float64(p.AMinus*(w-p.WMin)) * s.post[k])
		} else {
			w -= float64(p.AMinus * s.post[k])
		}
		s.w[k] = clip(w, p.WMin, p.WMax)
	}
}

func (s *pairState) Post(step int64, syn []int64) {
	p := &s.p
	for _, k := range syn {
		s.advance(k, step)
		if p.Pairing == Nearest {
			s.post[k] = 1
		} else {
			s.post[k]++
		}
		w := s.w[k]
		if p.Dependence == Multiplicative {
			w += float64(float64(p.APlus*(p.WMax-w)) * s.pre[k])
		} else {
			w += float64(p.APlus * s.pre[k])
		}
		s.w[k] = clip(w, p.WMin, p.WMax)
	}
}

func (s *pairState) Vars() []string { return []string{"w", "apre", "apost"} }

func (s *pairState) Var(name string) []float64 {
	switch name {
	case "w":
		return s.w
	case "apre":
		return s.pre
	case "apost":
		return s.post
	}
	return nil
}
