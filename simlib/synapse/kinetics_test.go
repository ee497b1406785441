package synapse

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/scheme"
)

// step applies l's propagator n times to the state after one spike of weight 1.
func trace(l Linear, n int) []float64 {
	s := l.B
	out := make([]float64, n+1)
	out[0] = s[l.Out]
	for i := 1; i <= n; i++ {
		s = [2]float64{l.P[0][0]*s[0] + l.P[0][1]*s[1], l.P[1][0]*s[0] + l.P[1][1]*s[1]}
		out[i] = s[l.Out]
	}
	return out
}

// The exact propagators reproduce the closed forms of each kinetics at every
// step: exp e^{-t/tau}; alpha (t/tau)e^{1-t/tau}; biexp scaled difference of
// exponentials with peak 1.
func TestExactKernels(t *testing.T) {
	const dt = 0.1
	biexp := func(t float64) float64 {
		r, d := 0.5, 3.0
		tp := math.Log(d/r) * r * d / (d - r)
		f := func(t float64) float64 { return math.Exp(-t/d) - math.Exp(-t/r) }
		return f(t) / f(tp)
	}
	cases := []struct {
		k Kinetics
		f func(t float64) float64
	}{
		{Exp{Tau: 5}, func(t float64) float64 { return math.Exp(-t / 5) }},
		{Alpha{Tau: 2}, func(t float64) float64 { return t / 2 * math.Exp(1-t/2) }},
		{BiExp{Rise: 0.5, Decay: 3}, biexp},
	}
	for _, c := range cases {
		tr := trace(c.k.Linear(dt, scheme.Exact), 300)
		peak := 0.0
		for i, v := range tr {
			want := c.f(float64(i) * dt)
			if i == 0 && c.k.Kind() != "exp" {
				want = 0
			}
			if math.Abs(v-want) > 1e-12 {
				t.Fatalf("%s: step %d: %v, want %v", c.k.Kind(), i, v, want)
			}
			peak = math.Max(peak, v)
		}
		if math.Abs(peak-1) > 1e-3 { // peak sampled on the dt grid
			t.Errorf("%s: peak %v, want 1", c.k.Kind(), peak)
		}
	}
}

// Effective weights: Σ c_k s_k times memFactor equals the exact membrane
// integral of the output, checked by fine quadrature.
func TestEffective(t *testing.T) {
	const dt, tauM = 0.1, 20.0
	for _, k := range []Kinetics{Exp{Tau: 5}, Alpha{Tau: 2}, BiExp{Rise: 0.5, Decay: 3}, Alpha{Tau: 20}, Exp{Tau: 20}} {
		l := k.Linear(dt, scheme.Exact)
		for _, s0 := range [][2]float64{{1, 0}, {0, 1}, {0.3, 0.7}} {
			if l.N == 1 && s0[1] != 0 {
				continue
			}
			c := k.Effective(dt, tauM)
			got := (c[0]*s0[0] + c[1]*s0[1]) * memFactor(dt, tauM)
			// midpoint quadrature of ∫ e^{-(h-s)/tauM} out(s) ds with sub-steps.
			const m = 20000
			h := dt / m
			want := 0.0
			for i := 0; i < m; i++ {
				s := (float64(i) + 0.5) * h
				sub := k.Linear(s, scheme.Exact)
				st := [2]float64{sub.P[0][0]*s0[0] + sub.P[0][1]*s0[1], sub.P[1][0]*s0[0] + sub.P[1][1]*s0[1]}
				want += math.Exp(-(dt-s)/tauM) * st[l.Out] * h
			}
			if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
				t.Errorf("%s s0=%v: effective %v, quadrature %v", k.Kind(), s0, got, want)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	bad := []Receptor{
		{},
		{Kinetics: Exp{Tau: -1}},
		{Kinetics: Exp{Tau: math.NaN()}},
		{Kinetics: Exp{Tau: 0.05}},
		{Kinetics: BiExp{Rise: 3, Decay: 1}},
		{Kinetics: Delta{}, Conductance: true},
		{Kinetics: Exp{Tau: 5}, Conductance: true, ERev: math.Inf(1)},
	}
	for _, r := range bad {
		if err := r.Validate(0.1); err == nil {
			t.Errorf("%+v accepted", r)
		}
	}
	if err := CondExp(5, 0).Validate(0.1); err != nil {
		t.Fatal(err)
	}
}
