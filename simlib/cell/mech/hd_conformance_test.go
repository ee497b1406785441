package mech_test

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/cell/mech/mechtest"
)

// hd passes the mechanism conformance suite, with and without its leak,
// at NEURON's default temperature and at 34 °C.
func TestHDConforms(t *testing.T) {
	leak := mech.DefaultHD()
	leak.Clk = 0.3
	warm := mechtest.DefaultEnv()
	warm.Celsius = 34
	for _, env := range []mech.Env{mechtest.DefaultEnv(), warm} {
		mechtest.Density(t, mech.DefaultHD(), env)
		mechtest.Density(t, leak, env)
	}
}
