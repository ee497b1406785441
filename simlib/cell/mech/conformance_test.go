package mech_test

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell/mech/mechtest"
)

// TestKSlowConforms: the example's user-written channel passes the
// conformance suite, as a user's channel would be checked.
func TestKSlowConforms(t *testing.T) {
	mechtest.Density(t, KSlow{GBar: 0.002, Tau: 100}, mechtest.DefaultEnv())
}
