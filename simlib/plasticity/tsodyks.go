package plasticity

import (
	"math"

	"github.com/golgi-sim/golgi/simlib/param"
)

// TsodyksMarkram is short-term depression and facilitation (Tsodyks,
// Pawelzik & Markram 1998; NEST's tsodyks2_synapse). Every synapse has a
// utilization u (0 at rest) and a fraction of available resources x (1 at
// rest), which relax between spikes,
//
//	du/dt = −u/TauFacil,   dx/dt = (1 − x)/TauRec,
//
// exactly (u ← u·exp(−Δt/TauFacil), x ← 1 + (x − 1)·exp(−Δt/TauRec)). A
// presynaptic spike reaching the synapse:
//
//	u ← u + U·(1 − u)
//	r ← u·x        (the fraction released)
//	PSP amplitude w·r
//	x ← x − r
//
// TauFacil = 0 is depression only (u = U at every spike). The weight w (the
// amplitude with every resource released) does not change. For a regular
// train of interval Δ with TauFacil = 0 the n-th amplitude is
// w·U·(x∞ + (1 − x∞)·q^(n−1)), q = (1 − U)·exp(−Δ/TauRec),
// x∞ = (1 − exp(−Δ/TauRec))/(1 − q).
type TsodyksMarkram struct {
	U        float64 // utilization increment per spike, in (0, 1]
	TauRec   float64 // recovery time constant of x (ms), > 0
	TauFacil float64 // facilitation time constant of u (ms), >= 0; 0: no facilitation
}

// DefaultTsodyksMarkram returns a depressing synapse (Tsodyks & Markram
// 1997's pyramidal-to-pyramidal fit as NEST's examples use it): U = 0.5,
// TauRec = 800 ms, no facilitation.
func DefaultTsodyksMarkram() TsodyksMarkram { return TsodyksMarkram{U: 0.5, TauRec: 800} }

func (TsodyksMarkram) Kind() string { return "tsodyks-markram" }
func (TsodyksMarkram) WeightRange() (float64, float64) {
	return math.Inf(-1), math.Inf(1)
}
func (TsodyksMarkram) Timing() Timing { return Timing{} }

func (p TsodyksMarkram) Validate(dt float64) error {
	const obj = "plasticity.TsodyksMarkram"
	if !(p.U > 0 && p.U <= 1) {
		return &param.Error{Object: obj, Field: "U", Value: p.U, Allowed: "must be in (0, 1]"}
	}
	if err := checkTau(obj, "TauRec", p.TauRec); err != nil {
		return err
	}
	if math.IsNaN(p.TauFacil) || math.IsInf(p.TauFacil, 0) || p.TauFacil < 0 {
		return &param.Error{Object: obj, Field: "TauFacil", Value: p.TauFacil, Unit: " ms", Allowed: "must be >= 0 and finite (0: no facilitation)"}
	}
	return nil
}

func (p TsodyksMarkram) New(w []float64, dt float64) Synapses {
	s := &tmState{p: p, dt: dt, w: w, u: make([]float64, len(w)), x: make([]float64, len(w)), last: make([]int64, len(w))}
	for i := range s.x {
		s.x[i] = 1
	}
	return s
}

type tmState struct {
	p    TsodyksMarkram
	dt   float64
	w    []float64
	u, x []float64
	last []int64
}

func (s *tmState) Pre(step int64, syn []int64, psp []float64) {
	p := &s.p
	for i, k := range syn {
		if d := step - s.last[k]; d != 0 {
			s.u[k] = float64(s.u[k] * decay(d, s.dt, p.TauFacil))
			s.x[k] = 1 + float64((s.x[k]-1)*decay(d, s.dt, p.TauRec))
			s.last[k] = step
		}
		u := s.u[k] + float64(p.U*(1-s.u[k]))
		r := float64(u * s.x[k])
		psp[i] = float64(s.w[k] * r)
		s.u[k], s.x[k] = u, s.x[k]-r
	}
}

func (s *tmState) Post(int64, []int64) {}

func (s *tmState) Vars() []string { return []string{"w", "u", "x"} }

func (s *tmState) Var(name string) []float64 {
	switch name {
	case "w":
		return s.w
	case "u":
		return s.u
	case "x":
		return s.x
	}
	return nil
}
