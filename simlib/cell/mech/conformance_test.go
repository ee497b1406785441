package mech_test

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell/mech"

	"github.com/golgi-sim/golgi/simlib/cell/mech/mechtest"
)

// TestKSlowConforms: the example's user-written channel passes the
// conformance suite, as a user's channel would be checked.
func TestKSlowConforms(t *testing.T) {
	mechtest.Density(t, KSlow{GBar: 0.002, Tau: 100}, mechtest.DefaultEnv())
}

// hnn-core's mechanisms at its temperature (37 °C) and at NEURON's default.
func TestConformanceHNN(t *testing.T) {
	for _, env := range []mech.Env{{DT: 0.025, Celsius: 37}, mechtest.DefaultEnv()} {
		mechtest.Density(t, mech.DefaultHH2(), env)
		mechtest.Density(t, mech.Km{GBar: 200}, env)
		mechtest.Density(t, mech.Ca{GBar: 60}, env)
		mechtest.Density(t, mech.Cad{Taur: 20, Depth: 0.1, CaInf: 1e-4}, env)
		mechtest.Density(t, mech.KCa{GBar: 2e-4}, env)
		mechtest.Density(t, mech.CaT{GBar: 2e-4}, env)
		mechtest.Density(t, mech.Ar{GBar: 1e-6, Erev: -35}, env)
	}
}
