package neuron_test

import (
	"math"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// cell steps a population of one model directly through Model.New,
// Dynamics.Advance and Dynamics.Spike, as the engine does, with a constant
// injected current per neuron.
type cell struct {
	d    neuron.Dynamics
	in   neuron.Input
	step int64
	dt   float64
	dst  []int32
}

func newCell(t testing.TB, m neuron.Model, n int, dt float64, method scheme.Method) *cell {
	t.Helper()
	method = method.Resolve(m.DefaultMethod())
	if err := m.Validate(dt, method); err != nil {
		t.Fatalf("%s: %v", m.Kind(), err)
	}
	return &cell{d: m.New(neuron.Context{N: n, DT: dt, Method: method, Seed: 1}), in: neuron.Input{I: make([]float64, n)}, dt: dt}
}

// advance makes one update and returns the neurons that fired.
func (c *cell) advance() []int32 {
	c.step++
	c.in.Step, c.in.T = c.step, float64(c.step-1)*c.dt
	c.d.Advance(0, len(c.in.I), c.in)
	c.dst = c.d.Spike(0, len(c.in.I), c.step, c.dst[:0])
	return c.dst
}

// spikeSteps runs steps updates and returns the updates at which neuron 0
// fired.
func (c *cell) spikeSteps(steps int) []int64 {
	var out []int64
	for k := 0; k < steps; k++ {
		for _, i := range c.advance() {
			if i == 0 {
				out = append(out, c.step)
			}
		}
	}
	return out
}

// wantErr checks that err is not nil and mentions every part.
func wantErr(t *testing.T, what string, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", what)
		return
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("%s: error %q does not mention %q", what, err, p)
		}
	}
}

func relErr(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }
