package synapse

import "github.com/golgi-sim/golgi/simlib/scheme"

// Exp is a single-exponential synapse: the output jumps by w and decays
// with time constant Tau (ms).
type Exp struct {
	Tau float64 // decay time constant (ms)
}

func (e Exp) Kind() string              { return "exp" }
func (e Exp) Validate(dt float64) error { return checkTau("Tau", e.Tau, dt) }
func (e Exp) Linear(dt float64, m scheme.Method) Linear {
	return Linear{N: 1, P: [2][2]float64{{decay(dt, e.Tau, m)}}, B: [2]float64{1}}
}
func (e Exp) Effective(dt, tauM float64) [2]float64 {
	return [2]float64{expIntegral(dt, e.Tau, tauM) / memFactor(dt, tauM)}
}
