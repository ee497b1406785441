package mech

import (
	"math"
	"testing"
)

// TestHHRates pins hh's steady states at -65 mV. Reference: NEURON 8.2 on
// this machine, h.rates_hh(-65) with usetable_hh = 0 at celsius 6.3:
// minf 0.05293248525724958, hinf 0.5961207535084603, ninf 0.3176769140606974,
// mtau 0.2367668786856876, htau 8.516010764406575, ntau 5.458584687514421 ms
// (h.rates_hh(-65); h.minf_hh, ...).
func TestHHRates(t *testing.T) {
	r := hhRates(-65, 6.3)
	want := [6]float64{0.05293248525724958, 0.2367668786856876, 0.5961207535084603, 8.516010764406575, 0.3176769140606974, 5.458584687514421}
	for i := range r {
		if math.Abs(r[i]-want[i]) > 1e-14*math.Abs(want[i]) {
			t.Errorf("rate %d: %v, NEURON %v", i, r[i], want[i])
		}
	}
	// vtrap's guard: at v = -40 (alpha_m's 0/0) the rates stay finite and continuous
	a, b := hhRates(-40, 6.3), hhRates(-40+1e-7, 6.3)
	if math.Abs(a[0]-b[0]) > 1e-7 || math.IsNaN(a[0]) {
		t.Errorf("m at -40: %v vs %v", a[0], b[0])
	}
	// q10: at 16.3 °C the time constants are 3 times shorter
	c := hhRates(-65, 16.3)
	if math.Abs(c[1]*3-r[1]) > 1e-14 {
		t.Errorf("q10: mtau %v at 16.3, %v at 6.3", c[1], r[1])
	}
}

// TestHHTable: the table is exact at whole mV and interpolates linearly
// between, clamping outside [-100, 100].
func TestHHTable(t *testing.T) {
	tb := newHHTable(6.3)
	for _, v := range []float64{-100, -65, 0, 37, 100} {
		if tb.lookup(v) != hhRates(v, 6.3) {
			t.Errorf("table at %v", v)
		}
	}
	lo, hi := hhRates(-65, 6.3), hhRates(-64, 6.3)
	mid := tb.lookup(-64.75)
	for j := range mid {
		want := lo[j] + 0.25*(hi[j]-lo[j])
		if math.Abs(mid[j]-want) > 1e-15*math.Abs(want)+1e-300 {
			t.Errorf("interpolation %d: %v, want %v", j, mid[j], want)
		}
	}
	if tb.lookup(-150) != tb.t[0] || tb.lookup(150) != tb.t[hhTn] {
		t.Error("clamping outside the table")
	}
	if r := tb.lookup(math.NaN()); !math.IsNaN(r[0]) {
		t.Error("NaN v should give NaN rates")
	}
}

// TestCnexp: cnexp is the exact solution of x' = (xinf - x)/tau over dt.
func TestCnexp(t *testing.T) {
	x := cnexp(0.1, 0.9, 2, 0.5)
	want := 0.9 + (0.1-0.9)*math.Exp(-0.5/2)
	if math.Abs(x-want) > 1e-15 {
		t.Errorf("cnexp %v, want %v", x, want)
	}
}

// TestExp2SynFactor: one event of weight w gives a conductance peaking at
// w (exp2syn.mod's normalisation), at tp = tau1·tau2/(tau2-tau1)·ln(tau2/tau1).
func TestExp2SynFactor(t *testing.T) {
	p := Exp2Syn{Tau1: 0.5, Tau2: 5}
	c := Context{Env: Env{DT: 0.001}, Node: []int32{0}, Area: []float64{100}, Cells: 1, PerCell: 1}
	inst := p.New([]Point{p}, c).(*exp2SynState)
	st := Step{V: []float64{-65}, RHS: []float64{0}, D: []float64{0}, DT: 0.001}
	inst.Init(st, 0, 1)
	inst.Receive(0, 0.002, 0)
	peak, tpeak := 0.0, 0.0
	for i := 1; i <= 10000; i++ {
		inst.Advance(st, 0, 1)
		if g := inst.b[0] - inst.a[0]; g > peak {
			peak, tpeak = g, float64(i)*0.001
		}
	}
	tp := 0.5 * 5 / 4.5 * math.Log(10)
	if math.Abs(peak-0.002)/0.002 > 1e-6 || math.Abs(tpeak-tp) > 0.001 {
		t.Errorf("peak %v at %v ms, want 0.002 at %v", peak, tpeak, tp)
	}
	// tau1 >= tau2 is moved to 0.9999 tau2 as NEURON does
	q := Exp2Syn{Tau1: 5, Tau2: 5}
	i2 := q.New([]Point{q}, c).(*exp2SynState)
	i2.Init(st, 0, 1)
	if i2.tau1[0] != 0.9999*5 {
		t.Errorf("tau1 %v", i2.tau1[0])
	}
}

func TestValidate(t *testing.T) {
	e := Env{DT: 0.025, Celsius: 6.3}
	for _, k := range []struct {
		m    interface{ Validate(Env) error }
		want string
	}{
		{Pas{G: -1, E: 0}, "g = -1 S/cm²: must be >= 0 and finite"},
		{HH{GNaBar: 0.1, GKBar: 0.1, GL: math.Inf(1)}, "gl = +Inf S/cm²"},
		{ExpSyn{Tau: 1, E: math.NaN()}, "e = NaN mV: must be finite"},
		{Exp2Syn{Tau1: 1, Tau2: 2e9}, "tau2 = 2e+09 ms"},
		{IClamp{Del: math.NaN()}, "del = NaN ms"},
	} {
		err := k.m.Validate(e)
		if err == nil || err.Error()[:len(k.want)] != k.want {
			t.Errorf("%T: %v, want %q", k.m, err, k.want)
		}
	}
	for _, m := range []interface{ Validate(Env) error }{DefaultPas(), DefaultHH(), DefaultExpSyn(), DefaultExp2Syn(), IClamp{Dur: 1}} {
		if err := m.Validate(e); err != nil {
			t.Errorf("%T defaults: %v", m, err)
		}
	}
}
