package synapse

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// cascade is the two-state kinetics shared by Alpha and BiExp:
//
//	dx/dt = -x/rise,  dg/dt = -g/decay + x,  a spike adds w·norm to x,
//
// so that after a spike g(t) ∝ e^{-t/decay} - e^{-t/rise} (or t·e^{-t/tau}
// when rise = decay) with peak w. State 0 is x ("_x"), state 1 the output g.
type cascade struct{ rise, decay float64 }

func (c cascade) equal() bool { return math.Abs(c.rise-c.decay) <= 1e-9*c.decay }

// kernel returns g(h) for x(0)=1, g(0)=0.
func (c cascade) kernel(h float64) float64 {
	if c.equal() {
		return h * pmath.Exp(-h/c.decay)
	}
	b := 1/c.rise - 1/c.decay
	return (pmath.Exp(-h/c.decay) - pmath.Exp(-h/c.rise)) / b
}

// norm is the weight multiplier that makes the peak of g equal to w.
func (c cascade) norm() float64 {
	var tp float64
	if c.equal() {
		tp = c.decay
	} else {
		tp = pmath.Log(c.decay/c.rise) * c.rise * c.decay / (c.decay - c.rise)
	}
	return 1 / c.kernel(tp)
}

func (c cascade) linear(dt float64, m scheme.Method) Linear {
	l := Linear{N: 2, Out: 1, B: [2]float64{c.norm(), 0}, Suffix: [2]string{"_x", ""}}
	if m == scheme.Euler {
		l.P = [2][2]float64{{1 - dt/c.rise, 0}, {dt, 1 - dt/c.decay}}
	} else {
		l.P = [2][2]float64{{pmath.Exp(-dt / c.rise), 0}, {c.kernel(dt), pmath.Exp(-dt / c.decay)}}
	}
	return l
}

func (c cascade) effective(dt, tauM float64) [2]float64 {
	var ix float64
	if c.equal() {
		ix = rampIntegral(dt, c.decay, tauM)
	} else {
		b := 1/c.rise - 1/c.decay
		ix = (expIntegral(dt, c.decay, tauM) - expIntegral(dt, c.rise, tauM)) / b
	}
	f := memFactor(dt, tauM)
	return [2]float64{ix / f, expIntegral(dt, c.decay, tauM) / f}
}

// Alpha is an alpha-function synapse: after a spike of weight w the output
// is w·(t/Tau)·e^(1-t/Tau), with peak w at t = Tau (ms).
type Alpha struct {
	Tau float64 // time to peak and decay time constant (ms)
}

func (a Alpha) Kind() string              { return "alpha" }
func (a Alpha) Validate(dt float64) error { return checkTau("Tau", a.Tau, dt) }
func (a Alpha) Linear(dt float64, m scheme.Method) Linear {
	return cascade{a.Tau, a.Tau}.linear(dt, m)
}
func (a Alpha) Effective(dt, tauM float64) [2]float64 {
	return cascade{a.Tau, a.Tau}.effective(dt, tauM)
}

// BiExp is a bi-exponential synapse: after a spike the output is
// proportional to e^{-t/Decay} - e^{-t/Rise}, scaled to peak w.
type BiExp struct {
	Rise  float64 // rise time constant (ms)
	Decay float64 // decay time constant (ms), > Rise
}

func (b BiExp) Kind() string { return "biexp" }
func (b BiExp) Validate(dt float64) error {
	if err := checkTau("Rise", b.Rise, dt); err != nil {
		return err
	}
	if err := checkTau("Decay", b.Decay, dt); err != nil {
		return err
	}
	if b.Decay <= b.Rise {
		return fmt.Errorf("Decay = %v ms: must be longer than Rise = %v ms (use Alpha for equal time constants)", b.Decay, b.Rise)
	}
	return nil
}
func (b BiExp) Linear(dt float64, m scheme.Method) Linear {
	return cascade{b.Rise, b.Decay}.linear(dt, m)
}
func (b BiExp) Effective(dt, tauM float64) [2]float64 {
	return cascade{b.Rise, b.Decay}.effective(dt, tauM)
}
