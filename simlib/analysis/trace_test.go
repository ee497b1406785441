package analysis

import (
	"math"
	"testing"
)

// A current-based exponential synapse onto a passive membrane gives the
// EPSP A·(e^{-t/τm} - e^{-t/τs}) (closed form), whose peak is at
// t* = τm·τs/(τm-τs)·ln(τm/τs).
func TestEPSPAmplitudeClosedForm(t *testing.T) {
	const tm, ts, A, base, dt = 20.0, 5.0, 2.0, -65.0, 0.01
	onset := 100
	v := make([]float64, onset+10000)
	for i := range v {
		v[i] = base
		if i >= onset {
			s := float64(i-onset) * dt
			v[i] += A * (math.Exp(-s/tm) - math.Exp(-s/ts))
		}
	}
	tp := tm * ts / (tm - ts) * math.Log(tm/ts)
	want := A * (math.Exp(-tp/tm) - math.Exp(-tp/ts))
	got, err := EPSPAmplitude(v, onset)
	if err != nil {
		t.Fatal(err)
	}
	// Sampling misses the peak by at most dt/2: error <= ½·|v''|·(dt/2)² < 1e-5.
	if math.Abs(got-want) > 1e-5 {
		t.Fatalf("EPSP amplitude %v, want %v", got, want)
	}
	if _, err := EPSPAmplitude(v, len(v)); err == nil {
		t.Fatal("onset past the end: no error")
	}
}

func TestEPSPBaselineMean(t *testing.T) {
	// Baseline is the mean of the samples before onset: (1+3)/2 = 2; peak 7.
	if a, _ := EPSPAmplitude([]float64{1, 3, 5, 7, 4}, 2); a != 5 {
		t.Fatalf("amplitude %v, want 5", a)
	}
}

func TestMinMax(t *testing.T) {
	lo, hi, ilo, ihi := MinMax([]float64{2, math.NaN(), -3, 8, -3, 8})
	if lo != -3 || hi != 8 || ilo != 2 || ihi != 3 {
		t.Fatalf("MinMax = %v %v %v %v, want -3 8 2 3", lo, hi, ilo, ihi)
	}
	if lo, _, ilo, _ := MinMax(nil); !math.IsNaN(lo) || ilo != -1 {
		t.Fatalf("MinMax(nil) = %v, %d", lo, ilo)
	}
}
