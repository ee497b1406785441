package mech

import (
	"math"
	"testing"
)

// TestNernstNEURON: eca at cai 1e-4, cao 2 mM, 37 °C with NEURON's legacy
// constants is the value NEURON gives hnn-core's L5 cell after
// finitialize (models/hnn/testdata/cell_structure.json.gz: 132.32668565108486).
func TestNernstNEURON(t *testing.T) {
	if e := Nernst(1e-4, 2, 2, 37, false); e != 132.32668565108486 {
		t.Errorf("Nernst = %.17g, NEURON 132.32668565108486", e)
	}
	if e := Nernst(0, 2, 2, 37, false); e != 1e6 {
		t.Errorf("Nernst(ci = 0) = %v, NEURON's 1e6", e)
	}
	if e := Nernst(1e-4, 0, 2, 37, false); e != -1e6 {
		t.Errorf("Nernst(co = 0) = %v, NEURON's -1e6", e)
	}
	// modern constants: R T/F at 37 °C is 26.7268... mV
	if e := Nernst(1, math.E, 1, 37, true); math.Abs(e-1000*GasModern*310.15/FaradayModern) > 1e-12 {
		t.Errorf("modern Nernst = %v", e)
	}
}

// TestRateTable: NEURON's TABLE gives the function's values at its points,
// linear interpolation between them, the end values outside.
func TestRateTable(t *testing.T) {
	f := func(v float64, r []float64) { r[0], r[1] = v*v, math.Sin(v) }
	tb := newRateTable(-120, 40, 641, 2, f)
	var got, want [2]float64
	dx := 160.0 / 641
	x := -120.0
	for i := 0; i <= 641; i += 37 {
		tb.lookup(x, got[:])
		f(x, want[:])
		if math.Abs(got[0]-want[0]) > 1e-9*math.Abs(want[0]) || math.Abs(got[1]-want[1]) > 1e-12 {
			t.Errorf("at table point %d (v = %v): %v, want %v", i, x, got, want)
		}
		for k := 0; k < 37; k++ {
			x += dx
		}
	}
	// midway between points 10 and 11: the mean of their values
	var a, b [2]float64
	v10 := -120 + 10*dx
	f(v10, a[:])
	f(v10+dx, b[:])
	tb.lookup(v10+dx/2, got[:])
	if math.Abs(got[0]-(a[0]+b[0])/2) > 1e-9 {
		t.Errorf("midway: %v, want %v", got[0], (a[0]+b[0])/2)
	}
	// clamped outside
	tb.lookup(-500, got[:])
	f(-120, want[:])
	if got != want {
		t.Errorf("below the table: %v, want the first point %v", got, want)
	}
	tb.lookup(1e9, got[:])
	if got[0] != tb.t[641*2] {
		t.Errorf("above the table: %v, want the last point", got)
	}
	tb.lookup(math.NaN(), got[:])
	if !math.IsNaN(got[0]) || !math.IsNaN(got[1]) {
		t.Errorf("NaN in: %v", got)
	}
}

// TestCadAnalytic: with a constant inward current cad's equation is
// linear with constant coefficients, which cnexp integrates exactly:
// ca(t) = c∞ + (ca0 - c∞)·exp(-t/taur), c∞ = cainf + drive·taur.
func TestCadAnalytic(t *testing.T) {
	p := Cad{Taur: 20, Depth: 0.1, CaInf: 1e-4}
	ion := &Ion{Name: "ca", E: make([]float64, 1), I: []float64{-0.001}, DIDV: make([]float64, 1), Ci: []float64{5e-5}, Co: []float64{2}}
	c := Context{Env: Env{DT: 0.025, Celsius: 37}, Node: []int32{0}, Area: []float64{1000}, Cells: 1, PerCell: 1, Ions: map[string]*Ion{"ca": ion}}
	inst := p.New([]Density{p}, c)
	st := Step{V: []float64{-65}, RHS: make([]float64, 1), D: make([]float64, 1), DT: 0.025}
	inst.Init(st, 0, 1)
	if ion.Ci[0] != 1e-4 || ion.E[0] != Nernst(1e-4, 2, 2, 37, false) {
		t.Fatalf("after Init: cai %v eca %v", ion.Ci[0], ion.E[0])
	}
	drive := -(10000) * ion.I[0] / (2 * FaradayModLegacy * 0.1)
	cinf := 1e-4 + drive*20
	for k := 1; k <= 4000; k++ {
		inst.Advance(st, 0, 1)
		if k%400 == 0 {
			want := cinf + (1e-4-cinf)*math.Exp(-float64(k)*0.025/20)
			if d := math.Abs(ion.Ci[0]-want) / want; d > 1e-12 {
				t.Errorf("t = %v: cai %v, exact %v (rel %g)", float64(k)*0.025, ion.Ci[0], want, d)
			}
			if ion.E[0] != Nernst(ion.Ci[0], 2, 2, 37, false) {
				t.Errorf("t = %v: eca %v is not Nernst of cai", float64(k)*0.025, ion.E[0])
			}
		}
	}
	// an outward current does not pump calcium out faster (drive clamped at 0)
	ion.I[0] = 0.001
	before := ion.Ci[0]
	inst.Advance(st, 0, 1)
	want := 1e-4 + (before-1e-4)*math.Exp(-0.025/20)
	if math.Abs(ion.Ci[0]-want) > 1e-15 {
		t.Errorf("outward current: cai %v, want relaxation only %v", ion.Ci[0], want)
	}
}

// TestInitialStates: cat starts at m = 0 and ar at m = 0.25, not at
// their steady states, as the mod files' INITIAL blocks say.
func TestInitialStates(t *testing.T) {
	c := Context{Env: Env{DT: 0.025, Celsius: 37}, Node: []int32{0}, Area: []float64{1000}, Cells: 1, PerCell: 1}
	st := Step{V: []float64{-65}, RHS: make([]float64, 1), D: make([]float64, 1), DT: 0.025}
	cat := CaT{GBar: 2e-4}.New([]Density{CaT{GBar: 2e-4}}, c)
	cat.Init(st, 0, 1)
	var r [4]float64
	catRates(-65, r[:])
	if cat.Var("m")[0] != 0 || math.Abs(cat.Var("h")[0]-r[2]) > 1e-4 { // the table interpolates h∞ (steep at -65 mV) to ~1e-5
		t.Errorf("cat: m %v (want 0), h %v (want h∞ %v)", cat.Var("m")[0], cat.Var("h")[0], r[2])
	}
	ar := DefaultAr().New([]Density{DefaultAr()}, c)
	ar.Init(st, 0, 1)
	if ar.Var("m")[0] != 0.25 {
		t.Errorf("ar: m %v, want 0.25", ar.Var("m")[0])
	}
}
