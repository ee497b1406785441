package neuron_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

func TestAdExDefaults(t *testing.T) {
	p := neuron.DefaultAdEx()
	// ntwk's Exc population (ntwk's AdEx network library), VSpike = VThresh + 5 DeltaT.
	want := neuron.AdEx{GLeak: 10, Cm: 200, TauRefrac: 5, VRest: -70, VThresh: -50, VReset: -70, DeltaT: 2, A: 0, B: 40, TauW: 500, VSpike: -40}
	if p != want {
		t.Fatalf("DefaultAdEx() = %+v, want %+v", p, want)
	}
	if p.DefaultMethod() != scheme.Euler {
		t.Fatalf("default method %v, want Euler", p.DefaultMethod())
	}
}

func TestAdExValidate(t *testing.T) {
	ok := neuron.DefaultAdEx()
	for _, m := range []scheme.Method{scheme.Euler, scheme.ExpEuler} {
		if err := ok.Validate(0.1, m); err != nil {
			t.Fatalf("%v: %v", m, err)
		}
	}
	bad := func(f func(*neuron.AdEx)) neuron.AdEx { p := ok; f(&p); return p }
	for _, tc := range []struct {
		p     neuron.AdEx
		m     scheme.Method
		parts []string
	}{
		{bad(func(p *neuron.AdEx) { p.GLeak = -1 }), scheme.Euler, []string{"GLeak", "-1", "nS"}},
		{bad(func(p *neuron.AdEx) { p.Cm = math.NaN() }), scheme.Euler, []string{"Cm", "NaN"}},
		{bad(func(p *neuron.AdEx) { p.TauRefrac = -2 }), scheme.Euler, []string{"TauRefrac", "-2"}},
		{bad(func(p *neuron.AdEx) { p.VRest = math.Inf(-1) }), scheme.Euler, []string{"VRest"}},
		{bad(func(p *neuron.AdEx) { p.DeltaT = -0.5 }), scheme.Euler, []string{"DeltaT", "-0.5"}},
		{bad(func(p *neuron.AdEx) { p.A = math.NaN() }), scheme.Euler, []string{"A", "NaN"}},
		{bad(func(p *neuron.AdEx) { p.B = math.Inf(1) }), scheme.Euler, []string{"B", "+Inf"}},
		{bad(func(p *neuron.AdEx) { p.TauW = 0.01 }), scheme.Euler, []string{"TauW", "0.01", "dt"}},
		{bad(func(p *neuron.AdEx) { p.GLeak = 1e4 }), scheme.Euler, []string{"Cm/GLeak", "0.02", "dt"}},
		{bad(func(p *neuron.AdEx) { p.VSpike = -75 }), scheme.Euler, []string{"VReset", "-70", "VSpike = -75"}},
		{bad(func(p *neuron.AdEx) { p.DeltaT = 0.01; p.VSpike = 0 }), scheme.Euler, []string{"VSpike", "600"}},
		{ok, scheme.Exact, []string{"method", "AdEx"}},
	} {
		wantErr(t, "AdEx", tc.p.Validate(0.1, tc.m), tc.parts...)
	}
	// DeltaT = 0 is allowed: the LIF limit.
	z := bad(func(p *neuron.AdEx) { p.DeltaT = 0; p.VSpike = p.VThresh })
	if err := z.Validate(0.1, scheme.Euler); err != nil {
		t.Fatalf("DeltaT = 0: %v", err)
	}
}

// bisect returns the zero of f in [a, b] (f(a), f(b) of opposite signs).
func bisect(f func(float64) float64, a, b float64) float64 {
	fa := f(a)
	for k := 0; k < 200 && b-a > 1e-13; k++ {
		c := (a + b) / 2
		if fc := f(c); (fc < 0) == (fa < 0) {
			a, fa = c, fc
		} else {
			b = c
		}
	}
	return (a + b) / 2
}

// Below rheobase both schemes relax to the fixed point of the equations
// (forward Euler and exponential Euler keep the ODE's fixed points):
// 0 = GLeak(VRest - V) + GLeak DeltaT e^{(V-VThresh)/DeltaT} - A(V - VRest) + I, w = A(V - VRest).
func TestAdExFixedPoint(t *testing.T) {
	p := neuron.DefaultAdEx()
	p.A = 4 // nS: subthreshold adaptation, so that w matters
	const I = 150.0
	f := func(v float64) float64 {
		return p.GLeak*(p.VRest-v) + p.GLeak*p.DeltaT*math.Exp((v-p.VThresh)/p.DeltaT) - p.A*(v-p.VRest) + I
	}
	vStar := bisect(f, p.VRest, p.VThresh) // the stable (lower) fixed point
	wStar := p.A * (vStar - p.VRest)
	for _, m := range []scheme.Method{scheme.Euler, scheme.ExpEuler} {
		c := newCell(t, p, 1, 0.1, m)
		c.in.I[0] = I
		if sp := c.spikeSteps(100000); len(sp) > 0 {
			t.Fatalf("%v: spikes at %v below rheobase", m, sp)
		}
		v, w := c.d.Var("v")[0], c.d.Var("w")[0]
		if math.Abs(v-vStar) > 1e-9 || math.Abs(w-wStar) > 1e-9 {
			t.Errorf("%v: after 10 s v = %.12f mV, w = %.12f pA; fixed point %.12f, %.12f", m, v, w, vStar, wStar)
		}
	}
}

// With A = 0 the rest disappears in a saddle-node at V = VThresh, where
// d/dV [GLeak(VRest - V) + GLeak DeltaT e^{(V-VThresh)/DeltaT}] = 0: the rheobase is
// I_rh = GLeak (VThresh - VRest - DeltaT) = 180 pA for ntwk's Exc cell.
func TestAdExRheobase(t *testing.T) {
	p := neuron.DefaultAdEx()
	irh := p.GLeak * (p.VThresh - p.VRest - p.DeltaT)
	for _, m := range []scheme.Method{scheme.Euler, scheme.ExpEuler} {
		below := newCell(t, p, 1, 0.1, m)
		below.in.I[0] = 0.98 * irh
		if sp := below.spikeSteps(30000); len(sp) > 0 {
			t.Errorf("%v: I = 0.98 I_rh: spikes at %v", m, sp)
		}
		above := newCell(t, p, 1, 0.1, m)
		above.in.I[0] = 1.02 * irh
		if sp := above.spikeSteps(30000); len(sp) == 0 {
			t.Errorf("%v: I = 1.02 I_rh: no spike in 3 s", m)
		}
	}
}

// With DeltaT = 0, A = B = 0 the AdEx is a LIF with tau = Cm/GLeak: under
// ExpEuler (exact for the leak) its period is the LIF grid period nref +
// ceil(free/dt), free = tau ln((R I + VRest - VReset)/(R I + VRest - VThresh)); under
// Euler it fires on the same steps as LIF with Euler.
func TestAdExLIFLimit(t *testing.T) {
	p := neuron.AdEx{GLeak: 10, Cm: 200, TauRefrac: 2, VRest: -70, VThresh: -50, VReset: -65, TauW: 100}
	p.VSpike = p.NtwkCut() // = VThresh
	const dt, I = 0.1, 300.0
	tau, R := p.Cm/p.GLeak, 1/p.GLeak
	free := tau * math.Log((R*I+p.VRest-p.VReset)/(R*I+p.VRest-p.VThresh))
	want := int64(math.Round(p.TauRefrac/dt)) + int64(math.Ceil(free/dt))
	c := newCell(t, p, 1, dt, scheme.ExpEuler)
	c.in.I[0] = I
	sp := c.spikeSteps(3000)
	if len(sp) < 5 {
		t.Fatalf("%d spikes", len(sp))
	}
	for k := 2; k < len(sp); k++ {
		if d := sp[k] - sp[k-1]; d != want {
			t.Errorf("ExpEuler: interval %d steps, LIF closed form on the grid %d", d, want)
		}
	}
	lif := neuron.LIF{Cm: p.Cm, TauM: tau, VRest: p.VRest, VThresh: p.VThresh, VReset: p.VReset, TauRefrac: p.TauRefrac}
	a, b := newCell(t, p, 1, dt, scheme.Euler), newCell(t, lif, 1, dt, scheme.Euler)
	a.in.I[0], b.in.I[0] = I, I
	sa, sb := a.spikeSteps(3000), b.spikeSteps(3000)
	if len(sa) < 5 || len(sa) != len(sb) {
		t.Fatalf("Euler: AdEx spikes %v, LIF spikes %v", sa, sb)
	}
	for k := range sa {
		if sa[k] != sb[k] {
			t.Fatalf("Euler: AdEx spikes %v, LIF spikes %v", sa, sb)
		}
	}
}

// Over one period of a periodic orbit, forward Euler's w obeys
// w_{j+1} = w_j (1 - dt/TauW) (A = 0) plus B at the spike, so the mean of w
// over the N steps of the period is exactly B TauW/(N dt) (the continuous
// <w> = B TauW f).
func TestAdExAdaptation(t *testing.T) {
	p := neuron.DefaultAdEx() // A = 0, B = 40 pA, TauW 500 ms
	const dt, I = 0.1, 400.0
	c := newCell(t, p, 1, dt, scheme.Euler)
	c.in.I[0] = I
	var ws []float64
	var sp []int64
	for k := 0; k < 60000; k++ {
		if len(c.advance()) > 0 {
			sp = append(sp, c.step)
		}
		ws = append(ws, c.d.Var("w")[0]) // w after update k+1
	}
	n := len(sp)
	if n < 10 {
		t.Fatalf("%d spikes", n)
	}
	if first, last := sp[1]-sp[0], sp[n-1]-sp[n-2]; last <= first {
		t.Errorf("no spike-frequency adaptation: first interval %d steps, last %d", first, last)
	}
	s1, s2 := sp[n-2], sp[n-1]
	mean := 0.0
	for j := s1; j < s2; j++ {
		mean += ws[j-1]
	}
	mean /= float64(s2 - s1)
	want := p.B * p.TauW / (float64(s2-s1) * dt)
	if relErr(mean, want) > 1e-3 {
		t.Errorf("mean w over the last period %.6f pA, B TauW/T = %.6f pA", mean, want)
	}
	t.Logf("adapted period %d steps, mean w %.4f pA (B TauW/T = %.4f)", s2-s1, mean, want)
}

// After a spike v is held at VReset for round(TauRefrac/dt) updates while w
// keeps evolving, then integrates again.
func TestAdExRefractory(t *testing.T) {
	p := neuron.DefaultAdEx() // TauRefrac 5 ms: 50 steps
	c := newCell(t, p, 1, 0.1, scheme.Euler)
	c.in.I[0] = 1000
	for len(c.advance()) == 0 {
		if c.step > 10000 {
			t.Fatal("no spike")
		}
	}
	v, w := c.d.Var("v"), c.d.Var("w")
	wPrev := w[0]
	for k := 1; k <= 50; k++ {
		c.advance()
		if v[0] != p.VReset {
			t.Fatalf("update %d after the spike: v = %v, want VReset = %v", k, v[0], p.VReset)
		}
		if want := wPrev * (1 - 0.1/p.TauW); math.Abs(w[0]-want) > 1e-12 {
			t.Fatalf("update %d after the spike: w = %v, want %v (decay with A = 0)", k, w[0], want)
		}
		wPrev = w[0]
	}
	c.advance()
	if v[0] == p.VReset {
		t.Fatalf("v still at VReset 51 updates after the spike")
	}
}

// A neuron set far above VSpike, or driven by an enormous current, spikes
// and resets instead of overflowing.
func TestAdExNoOverflow(t *testing.T) {
	for _, m := range []scheme.Method{scheme.Euler, scheme.ExpEuler} {
		c := newCell(t, neuron.DefaultAdEx(), 2, 0.1, m)
		c.d.Var("v")[0] = 5000 // mV: e^{(5000+50)/2} would overflow
		c.d.Var("v")[1] = -40.5
		c.in.I[1] = 1e12
		if sp := c.advance(); len(sp) != 2 {
			t.Errorf("%v: fired %v, want both neurons", m, sp)
		}
		for i, v := range c.d.Var("v") {
			if v != -70 {
				t.Errorf("%v: neuron %d: v = %v after the spike, want VReset", m, i, v)
			}
		}
	}
	// Through the engine, whose NaN/Inf check would stop the run: with a
	// huge current the neuron fires on the first free update after each
	// refractory period (51 updates).
	net := network.New(network.Options{DT: 0.1})
	net.AddPopulation("adex", 1, neuron.DefaultAdEx()).Inject(stimulus.DC{Amplitude: 1e15})
	sp := record.NewSpikes(net.Population("adex"))
	net.Record(sp)
	if err := net.Run(100); err != nil {
		t.Fatal(err)
	}
	st := sp.Steps()
	for k := range st {
		if st[k] != int64(1+51*k) {
			t.Fatalf("spike steps %v, want 1, 52, 103, ...", st)
		}
	}
	if len(st) != 20 {
		t.Fatalf("%d spikes in 1000 updates, want 20", len(st))
	}
}

// Both schemes converge to the same trajectory: the first spike under DC
// at dt = 0.1 ms is within 0.3 ms of forward Euler at dt = 0.001 ms.
func TestAdExSchemesAgree(t *testing.T) {
	p := neuron.DefaultAdEx()
	p.A = 2
	first := func(m scheme.Method, dt float64) float64 {
		c := newCell(t, p, 1, dt, m)
		c.in.I[0] = 300
		sp := c.spikeSteps(int(100 / dt))
		if len(sp) == 0 {
			t.Fatalf("%v dt %v: no spike", m, dt)
		}
		return float64(sp[0]) * dt
	}
	ref := first(scheme.Euler, 0.001)
	for _, m := range []scheme.Method{scheme.Euler, scheme.ExpEuler} {
		if got := first(m, 0.1); math.Abs(got-ref) > 0.3 {
			t.Errorf("%v dt 0.1: first spike at %v ms, Euler dt 0.001: %v ms", m, got, ref)
		}
	}
}

// A conductance input G with reversal E is the current G(E - v) at the
// start of the step: under Euler both give the same update.
func TestAdExConductanceInput(t *testing.T) {
	p := neuron.DefaultAdEx()
	a, b := newCell(t, p, 1, 0.1, scheme.Euler), newCell(t, p, 1, 0.1, scheme.Euler)
	const G, E = 3.0, 0.0
	a.in.G, a.in.GE = []float64{G}, []float64{G * E}
	for k := 0; k < 5000; k++ {
		b.in.I[0] = G * (E - b.d.Var("v")[0])
		sa, sb := len(a.advance()), len(b.advance())
		if sa != sb || math.Abs(a.d.Var("v")[0]-b.d.Var("v")[0]) > 1e-9 {
			t.Fatalf("step %d: conductance input v = %v, equivalent current v = %v", k+1, a.d.Var("v")[0], b.d.Var("v")[0])
		}
	}
}
