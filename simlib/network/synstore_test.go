package network_test

import (
	"slices"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// TestCompactSynapses checks what the compact synaptic storage gives back:
// a constant weight stored once reads back per synapse (a new slice each
// time), and delays read back within their bounds, whether they are
// kept in 16 bits (up to 65535 steps) or 32.
func TestCompactSynapses(t *testing.T) {
	const dt = 0.1
	net := network.New(network.Options{DT: dt, Seed: 3})
	lif := neuron.DefaultLIF()
	net.AddPopulation("a", 20, lif).Receptor("e", synapse.CurrExp(5))
	c := net.Connect(net.Population("a"), net.Population("a"), connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(0.25), Delay: dist.Uniform{Low: 0.1, High: 5}})
	// 6553.6 ms = 65536 steps, the longest delay allowed: above 65535,
	// kept in 32 bits
	long := net.Connect(net.Population("a"), net.Population("a"), connect.List{Pre: []int{0, 1}, Post: []int{1, 2}, Weights: []float64{1, 1}, Delays: []float64{6553.6, 0.5}}, network.Synapse{Receptor: "e"})
	if err := net.Run(10); err != nil {
		t.Fatal(err)
	}
	n := len(c.Table().Post)
	if n != 380 { // AllToAll onto itself has no autapses: 20·19
		t.Fatalf("all-to-all on 20 cells: %d synapses, want 380", n)
	}
	w := c.Weights()
	if len(w) != n || slices.ContainsFunc(w, func(x float64) bool { return x != 0.25 }) {
		t.Fatalf("constant weight 0.25: Weights() = %v", w)
	}
	w[0] = 7
	if c.Weights()[0] != 0.25 || c.Var("w")[0] != 0.25 {
		t.Fatal("writing into the Weights of a constant-weight projection changed what it reads back")
	}
	for _, k := range []struct {
		pr     *network.Projection
		lo, hi int32
	}{{c, 1, 50}, {long, 5, 65536}} {
		d := k.pr.DelaySteps()
		if len(d) != len(k.pr.Table().Post) {
			t.Fatalf("%v: %d delays for %d synapses", k.pr, len(d), len(k.pr.Table().Post))
		}
		if lo, hi := slices.Min(d), slices.Max(d); lo < k.lo || hi > k.hi || lo == hi {
			t.Fatalf("%v: delays in [%d, %d] steps, want within [%d, %d] and not all equal", k.pr, lo, hi, k.lo, k.hi)
		}
	}
	if got := long.DelaySteps(); !slices.Equal(got, []int32{65536, 5}) {
		t.Fatalf("explicit delays 6553.6 and 0.5 ms at dt %v: %v steps, want [65536 5]", dt, got)
	}
}
