package neuron_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

func TestIzhikevichValidate(t *testing.T) {
	ok := neuron.DefaultIzhikevich()
	if err := ok.Validate(0.1, scheme.Euler); err != nil {
		t.Fatal(err)
	}
	bad := func(f func(*neuron.Izhikevich)) neuron.Izhikevich { p := ok; f(&p); return p }
	for _, tc := range []struct {
		p     neuron.Izhikevich
		m     scheme.Method
		parts []string
	}{
		{bad(func(p *neuron.Izhikevich) { p.Cm = 0 }), scheme.Euler, []string{"Cm", "0", "pF"}},
		{bad(func(p *neuron.Izhikevich) { p.K = -0.7 }), scheme.Euler, []string{"K", "-0.7"}},
		{bad(func(p *neuron.Izhikevich) { p.B = math.NaN() }), scheme.Euler, []string{"B", "NaN"}},
		{bad(func(p *neuron.Izhikevich) { p.VRest = math.Inf(1) }), scheme.Euler, []string{"VRest"}},
		{bad(func(p *neuron.Izhikevich) { p.VSpike = -45 }), scheme.Euler, []string{"VSpike", "-45", "VThresh"}},
		{bad(func(p *neuron.Izhikevich) { p.VReset = 40 }), scheme.Euler, []string{"VReset", "40", "VSpike"}},
		{bad(func(p *neuron.Izhikevich) { p.A = 0 }), scheme.Euler, []string{"A", "0"}},
		{bad(func(p *neuron.Izhikevich) { p.A = 20 }), scheme.Euler, []string{"A", "20", "dt"}},
		{bad(func(p *neuron.Izhikevich) { p.D = math.NaN() }), scheme.Euler, []string{"D", "NaN"}},
		{ok, scheme.Exact, []string{"method", "Izhikevich"}},
		{ok, scheme.ExpEuler, []string{"method", "Izhikevich"}},
	} {
		wantErr(t, "Izhikevich", tc.p.Validate(0.1, tc.m), tc.parts...)
	}
}

// With u = B(v - VRest) at equilibrium, the fixed points solve
// K x² - (K(VThresh - VRest) + B) x + I = 0, x = v - VRest; they merge in a
// saddle-node at I* = (K(VThresh - VRest) + B)²/(4K) = 51.43 pA for the seed's RS
// cell (Izhikevich 2007, ch. 8). Below I* the cell rests at the lower root
// (forward Euler keeps the fixed points); above it, it fires.
func TestIzhikevichRheobase(t *testing.T) {
	p := neuron.DefaultIzhikevich()
	s := p.K*(p.VThresh-p.VRest) + p.B
	iStar := s * s / (4 * p.K)
	if math.Abs(iStar-144/2.8) > 1e-12 {
		t.Fatalf("I* = %v", iStar)
	}
	const I = 45.0
	x := (s - math.Sqrt(s*s-4*p.K*I)) / (2 * p.K)
	rest := newCell(t, p, 1, 0.1, scheme.Euler)
	rest.in.I[0] = I
	if sp := rest.spikeSteps(50000); len(sp) > 0 {
		t.Fatalf("I = %v pA < I*: spikes %v", I, sp)
	}
	if v, u := rest.d.Var("v")[0], rest.d.Var("u")[0]; math.Abs(v-(p.VRest+x)) > 1e-9 || math.Abs(u-p.B*x) > 1e-9 {
		t.Errorf("rest v = %.12f, u = %.12f; fixed point %.12f, %.12f", v, u, p.VRest+x, p.B*x)
	}
	fire := newCell(t, p, 1, 0.1, scheme.Euler)
	fire.in.I[0] = 1.1 * iStar
	if sp := fire.spikeSteps(50000); len(sp) < 2 {
		t.Errorf("I = 1.1 I*: %d spikes in 5 s", len(sp))
	}
}

// At v >= VSpike the cell resets to VReset and u jumps by D.
func TestIzhikevichReset(t *testing.T) {
	p := neuron.DefaultIzhikevich()
	c := newCell(t, p, 1, 0.1, scheme.Euler)
	c.in.I[0] = 300
	v, u := c.d.Var("v"), c.d.Var("u")
	for k := 0; k < 10000; k++ {
		u0 := u[0]
		v0 := v[0]
		if len(c.advance()) > 0 {
			// u after the step from the state at its start, plus D.
			want := u0 + 0.1*p.A*(p.B*(v0-p.VRest)-u0) + p.D
			if v[0] != p.VReset || math.Abs(u[0]-want) > 1e-12 {
				t.Fatalf("after a spike v = %v, u = %v; want %v, %v", v[0], u[0], p.VReset, want)
			}
			return
		}
	}
	t.Fatal("no spike at 300 pA")
}
