package synapse

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// Kinetics is the time course of a receptor's output after one spike.
type Kinetics interface {
	// Kind names the kinetics ("exp", "alpha", ...).
	Kind() string
	// Validate checks the parameters against the step dt.
	Validate(dt float64) error
	// Linear returns the kinetics as a linear system stepped once per dt,
	// with exact propagators, or forward Euler when m is scheme.Euler.
	Linear(dt float64, m scheme.Method) Linear
	// Effective returns the weights c such that Σ c[k]·s[k] is the constant
	// current that, over one step of a linear membrane with time constant
	// tauM, has the same effect as the output's exact time course starting
	// from state s: the exact (NEST) propagator for LIF with current synapses.
	Effective(dt, tauM float64) [2]float64
}

// Linear is a kinetics in state-space form: N states (0, 1 or 2);
// after one step s ← P·s; a spike of weight w adds w·B to s; the output
// (current or conductance) is s[Out]. States are named by suffix: the
// output state takes the receptor's own name, the other Name+Suffix[k].
type Linear struct {
	N      int
	P      [2][2]float64
	B      [2]float64
	Out    int
	Suffix [2]string
}

// decay returns the one-step factor of exponential decay with time constant
// tau: exact, or forward Euler's 1 - dt/tau.
func decay(dt, tau float64, m scheme.Method) float64 {
	if m == scheme.Euler {
		return 1 - dt/tau
	}
	return pmath.Exp(-dt / tau)
}

// memFactor returns tauM·(1 - exp(-dt/tauM)): the response over one step of
// a membrane to a unit constant current, in units of R.
func memFactor(dt, tauM float64) float64 { return -tauM * pmath.Expm1(-dt/tauM) }

// expIntegral returns ∫_0^h e^{-(h-s)/tauM} e^{-s/tau} ds.
func expIntegral(h, tau, tauM float64) float64 {
	a := 1/tau - 1/tauM
	if math.Abs(a*h) < 1e-9 {
		return h * pmath.Exp(-h/tauM) * (1 - float64(a*h/2))
	}
	return pmath.Exp(-h/tauM) * -pmath.Expm1(-a*h) / a
}

// rampIntegral returns ∫_0^h e^{-(h-s)/tauM} s e^{-s/tau} ds.
func rampIntegral(h, tau, tauM float64) float64 {
	a := 1/tau - 1/tauM
	ah := float64(a * h)
	var i float64
	if math.Abs(ah) < 1e-4 {
		i = h * h * (0.5 - ah/3 + float64(ah*ah/8))
	} else {
		i = (1 - float64(pmath.Exp(-ah)*(1+ah))) / (a * a)
	}
	return pmath.Exp(-h/tauM) * i
}

func checkTau(name string, tau, dt float64) error {
	if math.IsNaN(tau) || math.IsInf(tau, 0) || tau <= 0 {
		return fmt.Errorf("%s = %v ms: must be a positive finite time constant", name, tau)
	}
	if tau < dt {
		return fmt.Errorf("%s = %v ms is shorter than dt = %v ms: use a smaller dt (at most %v ms)", name, tau, dt, tau)
	}
	return nil
}
