package mech

import (
	"math"
	"strings"
	"testing"
)

// newHD builds hd at n locations on nodes 0..n-1 at temperature celsius.
func newHD(p HD, n int, celsius float64) *hdState {
	params := make([]Density, n)
	node := make([]int32, n)
	area := make([]float64, n)
	for i := range params {
		params[i] = p
		node[i] = int32(i)
		area[i] = 100
	}
	c := Context{Env: Env{DT: 0.025, Celsius: celsius}, Node: node, Area: area, Cells: 1, PerCell: n}
	return p.New(params, c).(*hdState)
}

// Closed forms from the mod file's equations: at v = vhalfl, linf = 1/2;
// at v = vhalft and celsius = 33 (qt = 1), taul = 1/(qtl·a0t·2).
func TestHDRates(t *testing.T) {
	p := DefaultHD()
	s := newHD(p, 2, 33)
	st := Step{V: []float64{p.Vhalfl, p.Vhalft}, DT: 0.025}
	s.Init(st, 0, 2)
	if s.linf[0] != 0.5 || s.l[0] != 0.5 {
		t.Errorf("at vhalfl: linf = %v, l = %v; want 0.5", s.linf[0], s.l[0])
	}
	if want := 1 / (p.Qtl * p.A0t * 2); math.Abs(s.taul[1]-want) > 1e-12*want {
		t.Errorf("at vhalft, 33 °C: taul = %v ms, want %v", s.taul[1], want)
	}
	// Temperature: qt = q10^((celsius-33)/10); at 6.3 °C taul grows by 4.5^2.67.
	cold := newHD(p, 2, 6.3)
	cold.Init(st, 0, 2)
	if r, want := cold.taul[1]/s.taul[1], math.Pow(4.5, 2.67); math.Abs(r-want) > 1e-12*want {
		t.Errorf("taul(6.3 °C)/taul(33 °C) = %v, want %v", r, want)
	}
}

// Under a voltage clamp cnexp is exact: l(t) = linf + (l0 - linf)·e^{-t/taul}.
func TestHDClampExact(t *testing.T) {
	p := DefaultHD()
	s := newHD(p, 1, 34)
	st := Step{V: []float64{-65}, DT: 0.025}
	s.Init(st, 0, 1)
	l0 := s.l[0]
	st.V[0] = -100 // step the clamp: h activates
	s.Advance(st, 0, 1)
	linf, tau := s.linf[0], s.taul[0]
	for n := 2; n <= 4000; n++ {
		s.Advance(st, 0, 1)
	}
	want := linf + (l0-linf)*math.Exp(-4000*0.025/tau)
	if math.Abs(s.l[0]-want) > 1e-12 {
		t.Fatalf("l after 100 ms at -100 mV = %.15g, want %.15g", s.l[0], want)
	}
}

// Current: i = gbar·l·(v - ehd) (+ the leak clk·gbar·(v - elk)), and the
// conductance on the diagonal is gbar·l (+ clk·gbar) up to the rounding of
// NEURON's numerical derivative.
func TestHDCurrent(t *testing.T) {
	p := DefaultHD()
	p.Clk = 0.5
	s := newHD(p, 1, 34)
	st := Step{V: []float64{-80}, RHS: []float64{0}, D: []float64{0}, DT: 0.025}
	s.Init(st, 0, 1)
	s.Current(st, 0, 1)
	l := s.l[0]
	i := p.Gbar*l*(-80-p.Ehd) + p.Clk*p.Gbar*(-80-p.Elk)
	if math.Abs(st.RHS[0]+i) > 1e-18 || math.Abs(s.i[0]+s.lk[0]-i) > 1e-18 {
		t.Errorf("RHS = %v, i+lk = %v, want %v", st.RHS[0], s.i[0]+s.lk[0], -i)
	}
	if g := p.Gbar*l + p.Clk*p.Gbar; math.Abs(st.D[0]-g) > 1e-9*g {
		t.Errorf("D = %v, want %v", st.D[0], g)
	}
}

func TestHDValidate(t *testing.T) {
	if err := DefaultHD().Validate(Env{DT: 0.025, Celsius: 6.3}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		f    func(*HD)
		want string
	}{
		{"negative gbar", func(h *HD) { h.Gbar = -1 }, "Gbar = -1"},
		{"NaN ehd", func(h *HD) { h.Ehd = math.NaN() }, "Ehd = NaN"},
		{"zero a0t", func(h *HD) { h.A0t = 0 }, "A0t = 0"},
		{"zero q10", func(h *HD) { h.Q10 = 0 }, "Q10 = 0"},
		{"inf zetat", func(h *HD) { h.Zetat = math.Inf(1) }, "Zetat = +Inf"},
		{"negative clk", func(h *HD) { h.Clk = -0.1 }, "Clk = -0.1"},
	}
	for _, c := range cases {
		h := DefaultHD()
		c.f(&h)
		err := h.Validate(Env{DT: 0.025})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
	}
}
