package cell_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// Closed forms for a sealed finite passive cable of length ℓ, diameter d,
// specific membrane resistance Rm = 1/g and axial resistivity Ra, with a
// current injected at x = 0 (Rall; Koch, Biophysics of Computation, ch. 2):
//
//	λ = sqrt(Rm·d/(4·Ra)),  r_a = 4·Ra/(π·d²)
//	R_in = r_a·λ·coth(ℓ/λ),  V(ℓ)/V(0) = 1/cosh(ℓ/λ)  (steady state)
//	τ = cm·Rm for the slowest (uniform) mode.
const (
	cabL    = 1000.0 // µm
	cabDiam = 2.0    // µm
	cabRa   = 100.0  // Ω·cm
	cabG    = 1e-4   // S/cm²
	cabE    = -65.0  // mV
	cabCm   = 1.0    // µF/cm²
)

func cable(nseg int, amp, dur float64) cell.Cell {
	return cell.Cell{
		Sections: []cell.Section{{Name: "cable", L: cabL, Diam: cabDiam, Nseg: nseg, Ra: cabRa, Cm: cabCm,
			Mechs: []mech.Density{mech.Pas{G: cabG, E: cabE}}}},
		Points: []cell.PointProcess{{Label: "stim", Section: "cable", X: 0, Mech: mech.IClamp{Del: 0, Dur: dur, Amp: amp}}},
	}
}

func cableTheory() (lambda, rin float64) {
	d := cabDiam * 1e-4                            // cm
	lam := math.Sqrt((1 / cabG) * d / (4 * cabRa)) // cm
	ra := 4 * cabRa / (math.Pi * d * d)            // Ω/cm
	x := cabL * 1e-4 / lam
	return lam * 1e4, ra * lam / math.Tanh(x) / 1e6 // µm, MΩ
}

// steady runs a cable to its steady state with backward Euler at dt = 1 ms
// (the discrete steady state does not depend on dt) and returns v at the
// two ends.
func steady(t *testing.T, nseg int, amp float64) (v0, v1 float64) {
	o := cell.DefaultOptions()
	o.DT = 1
	o.VInit = cabE
	s, err := cell.New(cable(nseg, amp, 1e9), &o)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Record("cable", 0, "v")
	b, _ := s.Record("cable", 1, "v")
	if err := s.Run(600); err != nil { // 60 membrane time constants
		t.Fatal(err)
	}
	return a.Y[len(a.Y)-1], b.Y[len(b.Y)-1]
}

func TestCableInputResistanceAndAttenuation(t *testing.T) {
	lam, rin := cableTheory()
	const amp = 0.1 // nA
	prevErr := math.Inf(1)
	for _, nseg := range []int{11, 33, 99, 297} {
		v0, v1 := steady(t, nseg, amp)
		r := (v0 - cabE) / amp // mV/nA = MΩ
		att := (v1 - cabE) / (v0 - cabE)
		attTheory := 1 / math.Cosh(cabL/lam)
		errR := math.Abs(r-rin) / rin
		errA := math.Abs(att-attTheory) / attTheory
		t.Logf("nseg %3d: R_in %.6f MΩ (theory %.6f, rel err %.2e), V(ℓ)/V(0) %.6f (theory %.6f, rel err %.2e)",
			nseg, r, rin, errR, att, attTheory, errA)
		if nseg == 297 && (errR > 1e-5 || errA > 1e-5) {
			t.Errorf("nseg %d: R_in or attenuation off by more than 1e-5", nseg)
		}
		// second order in dx: tripling nseg divides the error by about 9
		if ratio := prevErr / errR; !math.IsInf(prevErr, 0) && (ratio < 7 || ratio > 11) {
			t.Errorf("nseg %d: R_in error ratio %.2f on tripling nseg, want about 9 (second order)", nseg, ratio)
		}
		prevErr = errR
	}
}

// TestCableTimeConstant: after a short pulse the response decays with the
// membrane time constant cm/g = 10 ms once the faster modes are gone.
func TestCableTimeConstant(t *testing.T) {
	o := cell.DefaultOptions()
	o.SecondOrder = 2
	o.DT = 0.005
	o.VInit = cabE
	s, err := cell.New(cable(51, 0.5, 2), &o)
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := s.Record("cable", 0.5, "v")
	if err := s.Run(80); err != nil {
		t.Fatal(err)
	}
	at := func(tm float64) float64 { return tr.Y[int(math.Round(tm/o.DT))] - cabE }
	tau := (70.0 - 50.0) / math.Log(at(50)/at(70))
	want := cabCm * 1e-6 / cabG * 1e3 // ms
	t.Logf("tau %.8f ms, theory %.8f ms", tau, want)
	if math.Abs(tau-want)/want > 1e-5 {
		t.Errorf("tau = %v ms, want %v", tau, want)
	}
}

// twoE is a soma and a dendrite with different leak reversal potentials:
// a smooth transient from the uniform v_init, no input.
func twoE(nseg int) cell.Cell {
	return cell.Cell{Sections: []cell.Section{
		{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1, Mechs: []mech.Density{mech.Pas{G: 5e-4, E: -75}}},
		{Name: "dend", Parent: "soma", ParentX: 1, L: 1000, Diam: 1, Nseg: nseg, Ra: 150, Cm: 1,
			Mechs: []mech.Density{mech.Pas{G: 1e-4, E: -55}}},
	}}
}

func runTwoE(t *testing.T, nseg, so int, dt, tstop float64) (soma, dend float64) {
	o := cell.DefaultOptions()
	o.DT, o.SecondOrder, o.VInit = dt, so, -65
	s, err := cell.New(twoE(nseg), &o)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Record("soma", 0.5, "v")
	b, _ := s.Record("dend", 0.5, "v")
	if err := s.Run(tstop); err != nil {
		t.Fatal(err)
	}
	if got := a.T[len(a.T)-1]; math.Abs(got-tstop) > 1e-9 {
		t.Fatalf("ran to %v, not %v", got, tstop)
	}
	return a.Y[len(a.Y)-1], b.Y[len(b.Y)-1]
}

// order estimates the convergence order from errors at steps h, h/r.
func order(e1, e2, r float64) float64 { return math.Log(e1/e2) / math.Log(r) }

func TestConvergenceInDT(t *testing.T) {
	const tstop, nseg = 2.0, 27
	for _, k := range []struct {
		so   int
		want float64
	}{{0, 1}, {2, 2}} {
		ref, refD := runTwoE(t, nseg, k.so, 0.1/512, tstop)
		var prev float64
		for i, dt := range []float64{0.1, 0.05, 0.025, 0.0125} {
			s, d := runTwoE(t, nseg, k.so, dt, tstop)
			e := math.Max(math.Abs(s-ref), math.Abs(d-refD))
			if i > 0 {
				p := order(prev, e, 2)
				t.Logf("secondorder %d dt %v: error %.3e mV, order %.3f", k.so, dt, e, p)
				if math.Abs(p-k.want) > 0.15 {
					t.Errorf("secondorder %d dt %v: observed order %.3f, want %v", k.so, dt, p, k.want)
				}
			} else {
				t.Logf("secondorder %d dt %v: error %.3e mV", k.so, dt, e)
			}
			prev = e
		}
	}
}

func TestConvergenceInNseg(t *testing.T) {
	// Crank-Nicolson with a small dt, so the time error is negligible;
	// nseg = 3^k keeps dend(0.5) a segment centre.
	const tstop, dt = 3.0, 0.001
	ref, refD := runTwoE(t, 729, 2, dt, tstop)
	var prev float64
	for i, nseg := range []int{3, 9, 27, 81} {
		s, d := runTwoE(t, nseg, 2, dt, tstop)
		e := math.Max(math.Abs(s-ref), math.Abs(d-refD))
		if i > 0 {
			p := order(prev, e, 3)
			t.Logf("nseg %d: error %.3e mV, order %.3f", nseg, e, p)
			if math.Abs(p-2) > 0.2 {
				t.Errorf("nseg %d: observed order %.3f, want 2", nseg, p)
			}
		} else {
			t.Logf("nseg %d: error %.3e mV", nseg, e)
		}
		prev = e
	}
}
