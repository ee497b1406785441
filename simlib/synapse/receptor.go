package synapse

import (
	"fmt"
	"math"
)

// Receptor is a postsynaptic receptor type of a population: its kinetics,
// and whether its output is a current (pA) or a conductance (nS) with
// reversal potential ERev (mV).
type Receptor struct {
	Kinetics    Kinetics
	Conductance bool
	ERev        float64 // reversal potential (mV), conductance only
}

// Validate checks the receptor for a step dt.
func (r Receptor) Validate(dt float64) error {
	if r.Kinetics == nil {
		return fmt.Errorf("Kinetics is nil: use synapse.Exp, Alpha, BiExp or Delta")
	}
	if _, ok := r.Kinetics.(Delta); ok && r.Conductance {
		return fmt.Errorf("delta kinetics is current-based only (a voltage jump in mV); set Conductance = false")
	}
	if r.Conductance && (math.IsNaN(r.ERev) || math.IsInf(r.ERev, 0)) {
		return fmt.Errorf("reversal potential ERev = %v mV: must be finite", r.ERev)
	}
	if err := r.Kinetics.Validate(dt); err != nil {
		return fmt.Errorf("%s kinetics: %w", r.Kinetics.Kind(), err)
	}
	return nil
}

func (r Receptor) String() string {
	if r.Conductance {
		return fmt.Sprintf("%v conductance, ERev=%v mV", r.Kinetics, r.ERev)
	}
	return fmt.Sprintf("%v current", r.Kinetics)
}

// CurrExp is a current-based exponential receptor (weights in pA).
func CurrExp(tau float64) Receptor { return Receptor{Kinetics: Exp{Tau: tau}} }

// CondExp is a conductance-based exponential receptor (weights in nS).
func CondExp(tau, e float64) Receptor {
	return Receptor{Kinetics: Exp{Tau: tau}, Conductance: true, ERev: e}
}

// CurrAlpha is a current-based alpha receptor (weights: peak pA).
func CurrAlpha(tau float64) Receptor { return Receptor{Kinetics: Alpha{Tau: tau}} }

// CondAlpha is a conductance-based alpha receptor (weights: peak nS).
func CondAlpha(tau, e float64) Receptor {
	return Receptor{Kinetics: Alpha{Tau: tau}, Conductance: true, ERev: e}
}

// CurrBiExp is a current-based bi-exponential receptor (weights: peak pA).
func CurrBiExp(rise, decay float64) Receptor {
	return Receptor{Kinetics: BiExp{Rise: rise, Decay: decay}}
}

// CondBiExp is a conductance-based bi-exponential receptor (weights: peak nS).
func CondBiExp(rise, decay, e float64) Receptor {
	return Receptor{Kinetics: BiExp{Rise: rise, Decay: decay}, Conductance: true, ERev: e}
}

// DeltaJump is a delta receptor: a spike of weight w moves v by w mV.
func DeltaJump() Receptor { return Receptor{Kinetics: Delta{}} }
