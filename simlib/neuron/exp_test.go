package neuron

import (
	"math"
	"testing"
)

// expNeg agrees with math.Exp to a few ulps over its polynomial range and
// exactly (by delegation) outside it.
func TestExpNeg(t *testing.T) {
	worst := 0.0
	for i := 0; i <= 100000; i++ {
		x := float64(i) / 100000 / 16 * 1.01
		got, want := expNeg(x), math.Exp(-x)
		rel := math.Abs(got-want) / want
		worst = math.Max(worst, rel)
	}
	if worst > 4e-16 { // two ulps at 1 (2^-52 = 2.2e-16)
		t.Fatalf("worst relative error %g, want <= 4e-16", worst)
	}
	for _, x := range []float64{-1, 0.0625, 1, 30} {
		if expNeg(x) != math.Exp(-x) {
			t.Fatalf("expNeg(%v) differs from math.Exp outside the polynomial range", x)
		}
	}
}

func BenchmarkExpNeg(b *testing.B) {
	s := 0.0
	for i := 0; i < b.N; i++ {
		s += expNeg(float64(i&1023) * 0.00005)
	}
	_ = s
}

func BenchmarkMathExp(b *testing.B) {
	s := 0.0
	for i := 0; i < b.N; i++ {
		s += math.Exp(-float64(i&1023) * 0.00005)
	}
	_ = s
}
