package neuron

import (
	"math"
	"testing"
)

// expNeg agrees with math.Exp to about two ulps over [0, 50], and exactly
// (by delegation) outside [0, 700].
func TestExpNeg(t *testing.T) {
	worst := 0.0
	for i := 0; i <= 1000000; i++ {
		x := float64(i) / 1000000 * 50
		got, want := expNeg(x), math.Exp(-x)
		rel := math.Abs(got-want) / want
		worst = math.Max(worst, rel)
	}
	if worst > 5e-16 { // about two ulps (2^-52 = 2.2e-16)
		t.Fatalf("worst relative error %g, want <= 5e-16", worst)
	}
	for _, x := range []float64{-1, 701, math.Inf(1), math.NaN()} {
		if got, want := expNeg(x), math.Exp(-x); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("expNeg(%v) differs from math.Exp outside the polynomial range", x)
		}
	}
}

// Throughput over independent arguments, as in a membrane loop.
func benchExp(b *testing.B, f func(float64) float64) {
	x := make([]float64, 4096)
	for i := range x {
		x[i] = float64(i) * 0.0001
	}
	y := make([]float64, len(x))
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for i, v := range x {
			y[i] = f(v)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(x)), "ns/exp")
}

func BenchmarkExpNeg(b *testing.B)  { benchExp(b, expNeg) }
func BenchmarkMathExp(b *testing.B) { benchExp(b, func(x float64) float64 { return math.Exp(-x) }) }
