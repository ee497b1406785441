package dist

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/rng"
)

// Dist is a distribution of a real quantity.
type Dist interface {
	// Draw returns one value drawn from r.
	Draw(r *rand.Rand) float64
	// Validate reports a parameter that makes the distribution meaningless,
	// as "field = value: what is allowed".
	Validate() error
	// Bounds returns the smallest and largest values Draw can return.
	Bounds() (lo, hi float64)
	String() string
}

// Const is the constant distribution: every draw is the same value.
type Const float64

func (c Const) Draw(*rand.Rand) float64 { return float64(c) }
func (c Const) Validate() error {
	if !finite(float64(c)) {
		return fmt.Errorf("Const = %v: must be finite", float64(c))
	}
	return nil
}
func (c Const) Bounds() (float64, float64) { return float64(c), float64(c) }
func (c Const) String() string             { return fmt.Sprint(float64(c)) }

// Uniform draws uniformly from [Low, High).
type Uniform struct{ Low, High float64 }

func (u Uniform) Draw(r *rand.Rand) float64 { return u.Low + float64((u.High-u.Low)*r.Float64()) }
func (u Uniform) Validate() error {
	if !finite(u.Low) || !finite(u.High) || u.High < u.Low {
		return fmt.Errorf("Uniform{Low: %v, High: %v}: need finite Low <= High", u.Low, u.High)
	}
	if !finite(u.High - u.Low) {
		return fmt.Errorf("Uniform{Low: %v, High: %v}: High - Low overflows: the width must be finite", u.Low, u.High)
	}
	return nil
}
func (u Uniform) Bounds() (float64, float64) { return u.Low, u.High }
func (u Uniform) String() string             { return fmt.Sprintf("uniform(%v, %v)", u.Low, u.High) }

// Normal draws from a normal distribution with mean Mean and standard
// deviation SD, clipped to [Low, High] (values outside are set to the bound,
// PyNN's "clip" boundary). Zero Low and High mean no clipping; use
// math.Inf for a one-sided clip.
type Normal struct{ Mean, SD, Low, High float64 }

func (n Normal) bounds() (float64, float64) {
	if n.Low == 0 && n.High == 0 {
		return math.Inf(-1), math.Inf(1)
	}
	return n.Low, n.High
}

func (n Normal) Draw(r *rand.Rand) float64 {
	x := n.Mean + float64(n.SD*rng.Normal(r))
	lo, hi := n.bounds()
	return math.Min(math.Max(x, lo), hi)
}
func (n Normal) Validate() error {
	lo, hi := n.bounds()
	switch {
	case !finite(n.Mean):
		return fmt.Errorf("Normal.Mean = %v: must be finite", n.Mean)
	case !finite(n.SD) || n.SD < 0:
		return fmt.Errorf("Normal.SD = %v: must be finite and >= 0", n.SD)
	case math.IsNaN(lo) || math.IsNaN(hi) || hi < lo:
		return fmt.Errorf("Normal clip [Low = %v, High = %v]: need Low <= High (both 0: no clip)", lo, hi)
	}
	return nil
}
func (n Normal) Bounds() (float64, float64) { return n.bounds() }
func (n Normal) String() string {
	lo, hi := n.bounds()
	return fmt.Sprintf("normal(mean %v, sd %v, clip [%v, %v])", n.Mean, n.SD, lo, hi)
}

// LogNormal draws exp(X) with X normal of mean Mu and standard deviation
// Sigma (the parameters of the underlying normal, as numpy's lognormal).
// The draw is multiplied by Sign when Sign is -1 (for inhibitory currents).
type LogNormal struct {
	Mu, Sigma float64
	Sign      float64 // 0 or 1: positive; -1: negative values
}

func (l LogNormal) sign() float64 {
	if l.Sign < 0 {
		return -1
	}
	return 1
}
func (l LogNormal) Draw(r *rand.Rand) float64 {
	return l.sign() * pmath.Exp(l.Mu+float64(l.Sigma*rng.Normal(r)))
}
func (l LogNormal) Validate() error {
	if !finite(l.Mu) || !finite(l.Sigma) || l.Sigma < 0 {
		return fmt.Errorf("LogNormal{Mu: %v, Sigma: %v}: need finite Mu and Sigma >= 0", l.Mu, l.Sigma)
	}
	if l.Sign != 0 && l.Sign != 1 && l.Sign != -1 {
		return fmt.Errorf("LogNormal.Sign = %v: must be 0, 1 or -1", l.Sign)
	}
	return nil
}
func (l LogNormal) Bounds() (float64, float64) {
	if l.sign() < 0 {
		return math.Inf(-1), 0
	}
	return 0, math.Inf(1)
}
func (l LogNormal) String() string { return fmt.Sprintf("lognormal(mu %v, sigma %v)", l.Mu, l.Sigma) }

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
