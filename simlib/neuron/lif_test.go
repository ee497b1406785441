package neuron_test

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// relaxErr runs a subthreshold LIF from v0 under constant current I and
// returns the largest deviation (mV) from the closed form
// v(t) = vinf + (v0 - vinf) e^{-t/tau}, vinf = VRest + R·I, R = tau/Cm.
func relaxErr(t *testing.T, m scheme.Method, dt float64) float64 {
	p := neuron.DefaultLIF() // Cm 1000 pF, tau 20 ms: R = 0.02 mV/pA
	const I, v0 = 400, -53.0 // vinf = -65 + 8 = -57 mV
	c := newCell(t, p, 1, dt, m)
	c.in.I[0] = I
	c.d.Var("v")[0] = v0
	vinf := p.VRest + p.TauM/p.Cm*I
	worst := 0.0
	for k := 1; k <= int(math.Round(100/dt)); k++ {
		if len(c.advance()) > 0 {
			t.Fatalf("spike below threshold at step %d", k)
		}
		want := vinf + (v0-vinf)*math.Exp(-float64(k)*dt/p.TauM)
		worst = max(worst, math.Abs(c.d.Var("v")[0]-want))
	}
	return worst
}

func TestLIFRelaxationExact(t *testing.T) {
	if e := relaxErr(t, scheme.Exact, 0.1); e > 1e-12 {
		t.Errorf("exact scheme: max deviation from the closed form %g mV, want <= 1e-12", e)
	}
}

// Forward Euler's global error is first order: for v' = -(v - vinf)/tau its
// leading term is dt·t/(2 tau²)·|v0 - vinf|·e^{-t/tau}, largest at t = tau:
// dt·|v0 - vinf|/(2 e tau).
func TestLIFRelaxationEuler(t *testing.T) {
	e1, e2 := relaxErr(t, scheme.Euler, 0.1), relaxErr(t, scheme.Euler, 0.05)
	lead := 0.1 * 4 / (2 * math.E * 20)
	t.Logf("Euler max error: dt 0.1: %.6g mV (leading order %.6g), dt 0.05: %.6g mV", e1, lead, e2)
	if relErr(e1, lead) > 0.05 {
		t.Errorf("Euler dt 0.1: max error %g mV, leading-order prediction %g mV", e1, lead)
	}
	if r := e1 / e2; r < 1.9 || r > 2.1 {
		t.Errorf("Euler error ratio for dt 0.1 / 0.05 = %g, want 2 (first order)", r)
	}
}

// With a constant conductance (frozen input), the exact scheme follows
// v(t) = vinf + (v0 - vinf) e^{-t (gl+G)/Cm}, vinf = (gl VRest + G E + I)/(gl + G).
func TestLIFConductanceRelaxation(t *testing.T) {
	p := neuron.DefaultLIF()
	const dt, G, E, I, v0 = 0.1, 20.0, -80.0, 300.0, -52.0
	c := newCell(t, p, 1, dt, scheme.Exact)
	c.in.G, c.in.GE = []float64{G}, []float64{G * E}
	c.in.I[0] = I
	c.d.Var("v")[0] = v0
	gl := p.Cm / p.TauM
	vinf := (gl*p.VRest + G*E + I) / (gl + G)
	for k := 1; k <= 1000; k++ {
		c.advance()
		want := vinf + (v0-vinf)*math.Exp(-float64(k)*dt*(gl+G)/p.Cm)
		if d := math.Abs(c.d.Var("v")[0] - want); d > 1e-12 {
			t.Fatalf("step %d: v = %v, closed form %v (diff %g)", k, c.d.Var("v")[0], want, d)
		}
	}
}

// lifPeriod is the closed-form firing period of a LIF under DC current I:
// T = tref + tau ln((R I + VRest - VReset)/(R I + VRest - VThresh)).
func lifPeriod(p neuron.LIF, I float64) (tref, free float64) {
	r := p.TauM / p.Cm
	return p.TauRefrac, p.TauM * math.Log((r*I+p.VRest-p.VReset)/(r*I+p.VRest-p.VThresh))
}

// On the step grid, a neuron reset at update k is clamped for nref =
// round(tref/dt) updates and then crosses threshold at the first update
// with free time >= the closed-form free time: the interval in steps is
// nref + ceil(free/dt), within one step of T/dt.
func TestLIFPeriodDC(t *testing.T) {
	const dt = 0.1
	for _, tc := range []struct{ tref, I float64 }{{0.1, 800}, {2, 800}, {2, 1500}, {5, 3000}} {
		p := neuron.DefaultLIF()
		p.TauRefrac = tc.tref
		c := newCell(t, p, 1, dt, scheme.Exact)
		c.in.I[0] = tc.I
		sp := c.spikeSteps(5000)
		if len(sp) < 5 {
			t.Fatalf("tref %v I %v: %d spikes", tc.tref, tc.I, len(sp))
		}
		tref, free := lifPeriod(p, tc.I)
		want := int64(math.Round(tref/dt)) + int64(math.Ceil(free/dt))
		for k := 1; k < len(sp); k++ {
			isi := sp[k] - sp[k-1]
			if math.Abs(float64(isi)-(tref+free)/dt) >= 1 {
				t.Errorf("tref %v I %v: interval %d steps, closed form %.4f steps", tc.tref, tc.I, isi, (tref+free)/dt)
			}
			if isi != want {
				t.Errorf("tref %v I %v: interval %d steps, want nref + ceil(free/dt) = %d", tc.tref, tc.I, isi, want)
			}
		}
		// The first spike comes from rest: free time only, no clamp.
		if first := int64(math.Ceil(free / dt)); sp[0] != first {
			t.Errorf("tref %v I %v: first spike at update %d, want ceil(free/dt) = %d", tc.tref, tc.I, sp[0], first)
		}
	}
}

// The same through the engine, with the current injected by stimulus.DC.
func TestLIFPeriodDCNetwork(t *testing.T) {
	p := neuron.DefaultLIF()
	p.TauRefrac = 2
	const I = 1200.0
	net := network.New(network.Options{DT: 0.1})
	net.AddPopulation("lif", 1, p).Inject(stimulus.DC{Amplitude: I})
	sp := record.NewSpikes(net.Population("lif"))
	net.Record(sp)
	if err := net.Run(200); err != nil {
		t.Fatal(err)
	}
	tref, free := lifPeriod(p, I)
	want := int64(20) + int64(math.Ceil(free/0.1))
	st := sp.Steps()
	if len(st) < 5 {
		t.Fatalf("%d spikes", len(st))
	}
	for k := 1; k < len(st); k++ {
		if d := st[k] - st[k-1]; d != want || math.Abs(float64(d)-(tref+free)/0.1) >= 1 {
			t.Errorf("interval %d steps, want %d (closed form %.3f)", d, want, (tref+free)/0.1)
		}
	}
}

// psp runs a SpikeTimes source firing once at tSpike into a LIF (Exact)
// through receptor r with weight w and delay, and returns v at every step.
func psp(t *testing.T, p neuron.LIF, r synapse.Receptor, w, tSpike, delay, T float64) []float64 {
	t.Helper()
	net := network.New(network.Options{DT: 0.1})
	net.AddPopulation("src", 1, neuron.SpikeTimes{Times: [][]float64{{tSpike}}})
	net.AddPopulation("lif", 1, p).Receptor("syn", r)
	net.Connect(net.Population("src"), net.Population("lif"), connect.OneToOne{}, network.Synapse{Receptor: "syn", Weight: dist.Const(w), Delay: dist.Const(delay)})
	v := record.NewState(net.Population("lif"), "v", []int{0}, 0)
	net.Record(v)
	if err := net.Run(T); err != nil {
		t.Fatal(err)
	}
	return v.Values()[0]
}

// PSPs of current synapses on a LIF with the Exact scheme match the closed
// forms. With R = tau_m/Cm and s the time since the synaptic state jumps:
//
//	exp:   I(s) = w e^{-s/tau_s}  ⇒  V(s) - VRest = w R tau_s/(tau_s - tau_m) (e^{-s/tau_s} - e^{-s/tau_m})
//	alpha: I(s) = w (s/tau) e^{1-s/tau}
//	       ⇒  V(s) - VRest = (w e/(Cm tau)) e^{-s/tau_m} (1 - e^{-a s}(1 + a s))/a²,  a = 1/tau - 1/tau_m
//
// (solutions of tau_m V' = -(V - VRest) + R I(s), V(0) = VRest). Step order: the
// spike emitted at update n = round(t/dt) with delay d is added to the
// synaptic state at update n+d and moves v from update n+d+1, so the PSP
// starts at t0 = (n+d)·dt and the sample at time k·dt is V(k·dt - t0).
func TestLIFPSPExpAlpha(t *testing.T) {
	p := neuron.DefaultLIF() // Cm 1000 pF, tau_m 20 ms, VRest -65 mV
	const dt, tSpike, delay, w = 0.1, 5.0, 1.5, 300.0
	t0 := (math.Round(tSpike/dt) + math.Round(delay/dt)) * dt
	R := p.TauM / p.Cm
	cases := []struct {
		name string
		r    synapse.Receptor
		f    func(s float64) float64
	}{
		{"exp", synapse.CurrExp(5), func(s float64) float64 {
			ts := 5.0
			return w * R * ts / (ts - p.TauM) * (math.Exp(-s/ts) - math.Exp(-s/p.TauM))
		}},
		{"alpha", synapse.CurrAlpha(2), func(s float64) float64 {
			tau := 2.0
			a := 1/tau - 1/p.TauM
			return w * math.E / (p.Cm * tau) * math.Exp(-s/p.TauM) * (1 - math.Exp(-a*s)*(1+a*s)) / (a * a)
		}},
	}
	for _, tc := range cases {
		v := psp(t, p, tc.r, w, tSpike, delay, 100)
		peak := 0.0
		for k, vk := range v {
			s := float64(k)*dt - t0
			want := 0.0
			if s > 0 {
				want = tc.f(s)
			}
			peak = max(peak, want)
			if d := math.Abs(vk - p.VRest - want); d > 1e-9*math.Max(math.Abs(want), 1e-3) {
				t.Fatalf("%s: t = %.1f ms: V - VRest = %.15g mV, closed form %.15g", tc.name, float64(k)*dt, vk-p.VRest, want)
			}
		}
		t.Logf("%s PSP peak %.4f mV", tc.name, peak)
		if peak < 0.5 {
			t.Fatalf("%s: peak %g mV: the PSP is too small to test anything", tc.name, peak)
		}
	}
}

// A delta synapse moves v by w in the update after the one that reads the
// spike (update n+d+1), then v decays with tau_m: V(k) - VRest = w
// e^{-(k - n - d - 1) dt/tau_m}.
func TestLIFPSPDelta(t *testing.T) {
	p := neuron.DefaultLIF()
	const dt, w = 0.1, 2.0
	v := psp(t, p, synapse.DeltaJump(), w, 5, 1, 50)
	k0 := 50 + 10 + 1
	for k, vk := range v {
		want := 0.0
		if k >= k0 {
			want = w * math.Exp(-float64(k-k0)*dt/p.TauM)
		}
		if math.Abs(vk-p.VRest-want) > 1e-12 {
			t.Fatalf("step %d: V - VRest = %v, want %v", k, vk-p.VRest, want)
		}
	}
}

func TestLIFValidate(t *testing.T) {
	ok := neuron.DefaultLIF()
	if err := ok.Validate(0.1, scheme.Exact); err != nil {
		t.Fatal(err)
	}
	bad := func(f func(*neuron.LIF)) neuron.LIF { p := ok; f(&p); return p }
	for _, tc := range []struct {
		p     neuron.LIF
		m     scheme.Method
		parts []string
	}{
		{bad(func(p *neuron.LIF) { p.Cm = 0 }), scheme.Exact, []string{"Cm", "0"}},
		{bad(func(p *neuron.LIF) { p.TauM = 0.05 }), scheme.Exact, []string{"TauM", "0.05", "dt"}},
		{bad(func(p *neuron.LIF) { p.VRest = math.NaN() }), scheme.Exact, []string{"VRest", "NaN"}},
		{bad(func(p *neuron.LIF) { p.TauRefrac = -1 }), scheme.Exact, []string{"TauRefrac", "-1"}},
		{bad(func(p *neuron.LIF) { p.VReset = -40 }), scheme.Exact, []string{"VReset", "-40", "VThresh"}},
		{bad(func(p *neuron.LIF) { p.IOffset = math.Inf(1) }), scheme.Exact, []string{"IOffset"}},
		{ok, scheme.Default, []string{"method", "LIF"}},
	} {
		wantErr(t, "LIF", tc.p.Validate(0.1, tc.m), tc.parts...)
	}
}

// A delta jump arriving while the neuron is clamped is discarded, also in
// the last clamped update (NEST's iaf_psc_delta discards input during the
// refractory period); the first free update takes it.
func TestLIFRefractoryDiscardsJumps(t *testing.T) {
	const dt = 0.1
	p := neuron.DefaultLIF()
	p.TauRefrac = 3 * dt
	d := p.New(neuron.Context{N: 1, DT: dt, Method: scheme.Exact})
	v := d.Var("v")
	v[0] = p.VThresh + 1
	if s := d.Spike(0, 1, 1, nil); len(s) != 1 {
		t.Fatal("no spike above threshold")
	}
	in := neuron.Input{I: []float64{0}, Jump: []float64{5}}
	for u := 2; u <= 4; u++ { // three clamped updates
		d.Advance(0, 1, in)
		if v[0] != p.VReset {
			t.Fatalf("update %d (clamped): v = %v, want VReset %v", u, v[0], p.VReset)
		}
		d.Spike(0, 1, int64(u), nil)
	}
	d.Advance(0, 1, in)
	if want := p.VReset + 5; math.Abs(v[0]-want) > 1e-12 { // VReset = VRest: no drift
		t.Fatalf("first free update: v = %v, want %v", v[0], want)
	}
}

// AdvanceSpike (the engine's fused path) gives the same bits as Advance
// followed by Spike, with conductances or currents only, every method,
// jumps and refractoriness, and a neuron sent to +Inf (which Spike resets
// and reports, as AdvanceSpike does).
func TestLIFAdvanceSpikeMatchesSeparate(t *testing.T) {
	const n, dt = 50, 0.1
	p := neuron.DefaultLIF()
	p.Cm, p.VRest, p.VReset, p.TauRefrac = 200, -60, -60, 2
	for _, cond := range []bool{true, false} {
		for _, m := range []scheme.Method{scheme.Exact, scheme.ExpEuler, scheme.Euler} {
			if cond && m == scheme.ExpEuler {
				continue // the same kernel as Exact
			}
			a := p.New(neuron.Context{N: n, DT: dt, Method: m})
			b := p.New(neuron.Context{N: n, DT: dt, Method: m})
			fused := b.(neuron.AdvanceSpiker)
			in := neuron.Input{I: make([]float64, n), Jump: make([]float64, n)}
			if cond {
				in.G, in.GE = make([]float64, n), make([]float64, n)
			}
			total := 0
			for step := int64(1); step <= 2000; step++ {
				for i := 0; i < n; i++ { // deterministic, varied input
					x := float64((int64(i)*7919+step*104729)%1000) / 1000
					in.I[i] = 300 * x
					if cond {
						in.G[i] = 40 * x
						in.GE[i] = 0
					}
					in.Jump[i] = 0
					if (int64(i)+step)%97 == 0 {
						in.Jump[i] = 3
					}
				}
				if step == 1500 {
					in.Jump[7] = math.Inf(1)
				}
				in.Step = step
				a.Advance(0, n, in)
				sa := a.Spike(0, n, step, nil)
				sb := fused.AdvanceSpike(0, n, in, nil)
				if !reflect.DeepEqual(sa, sb) {
					t.Fatalf("cond %v %v step %d: spikes %v (separate) vs %v (fused)", cond, m, step, sa, sb)
				}
				if step == 1500 && !slices.Contains(sa, 7) {
					t.Fatalf("cond %v %v: v = +Inf did not fire: %v", cond, m, sa)
				}
				total += len(sa)
				if !reflect.DeepEqual(a.Var("v"), b.Var("v")) {
					t.Fatalf("cond %v %v step %d: v differs", cond, m, step)
				}
			}
			if total < 100 {
				t.Fatalf("cond %v %v: only %d spikes: the comparison exercises too little", cond, m, total)
			}
		}
	}
}
