package neuron_test

import (
	"fmt"
	"testing"

	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// benchModels are the point models with the drive and methods benchmarked.
var benchModels = []struct {
	name string
	m    neuron.Model
	dt   float64
	meth scheme.Method
	I    float64 // pA
}{
	{"LIF/exact", neuron.DefaultLIF(), 0.1, scheme.Exact, 800},
	{"Izhikevich/euler", neuron.DefaultIzhikevich(), 0.1, scheme.Euler, 100},
	{"AdEx/euler", neuron.DefaultAdEx(), 0.1, scheme.Euler, 300},
	{"AdEx/expeuler", neuron.DefaultAdEx(), 0.1, scheme.ExpEuler, 300},
	{"HH/expeuler", neuron.DefaultHH(), 0.1, scheme.ExpEuler, 300},
	{"HH/euler", neuron.DefaultHH(), 0.01, scheme.Euler, 300},
}

// A step (Advance then Spike) allocates nothing once the spike buffer has
// room.
func TestStepAllocatesNothing(t *testing.T) {
	for _, bm := range benchModels {
		c := newCell(t, bm.m, 256, bm.dt, bm.meth)
		for i := range c.in.I {
			c.in.I[i] = bm.I
		}
		c.dst = make([]int32, 0, 256)
		if a := testing.AllocsPerRun(200, func() { c.advance() }); a != 0 {
			t.Errorf("%s: %v allocations per step", bm.name, a)
		}
	}
}

// BenchmarkStep reports neuron-steps per second of Advance + Spike.
func BenchmarkStep(b *testing.B) {
	for _, bm := range benchModels {
		for _, n := range []int{1000, 100000} {
			b.Run(fmt.Sprintf("%s/n=%d", bm.name, n), func(b *testing.B) {
				c := newCell(b, bm.m, n, bm.dt, bm.meth)
				for i := range c.in.I {
					c.in.I[i] = bm.I
				}
				c.dst = make([]int32, 0, n)
				b.ResetTimer()
				for k := 0; k < b.N; k++ {
					c.advance()
				}
				b.ReportMetric(float64(b.N)*float64(n)/b.Elapsed().Seconds(), "neuron-steps/s")
			})
		}
	}
}
