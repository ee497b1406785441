package vec

import (
	"math"
	"math/big"
	"testing"

	"github.com/golgi-sim/golgi/simlib/pmath"
)

// ExpNeg agrees with math.Exp to about two ulps over [0, 50], and exactly
// (by delegation to pmath.Exp) outside [0, 700].
func TestExpNeg(t *testing.T) {
	worst := 0.0
	for i := 0; i <= 1000000; i++ {
		x := float64(i) / 1000000 * 50
		got, want := ExpNeg(x), math.Exp(-x)
		rel := math.Abs(got-want) / want
		worst = math.Max(worst, rel)
	}
	if worst > 5e-16 { // about two ulps (2^-52 = 2.2e-16)
		t.Fatalf("worst relative error %g, want <= 5e-16", worst)
	}
	for _, x := range []float64{-1, 701, math.Inf(1), math.NaN()} {
		if got, want := ExpNeg(x), pmath.Exp(-x); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("ExpNeg(%v) differs from pmath.Exp outside the polynomial range", x)
		}
	}
}

// expTable[j] is 2^(j/64) to within one ulp: the reference is 2^j with
// six square roots taken in 300-bit math/big arithmetic, rounded to
// float64 (the table is math.Exp2's values, not all correctly rounded: 10
// of the 64 are one ulp off).
func TestExpTable(t *testing.T) {
	off := 0
	for j, got := range expTable {
		x := new(big.Float).SetPrec(300).SetMantExp(big.NewFloat(1), j)
		for range 6 {
			x.Sqrt(x)
		}
		want, _ := x.Float64()
		if got != want {
			off++
			if math.Abs(got-want) > math.Nextafter(want, 2)-want {
				t.Errorf("expTable[%d] = %v, 2^(%d/64) = %v: more than one ulp", j, got, j, want)
			}
		}
	}
	if off != 10 {
		t.Errorf("%d entries differ from the correctly rounded value, want the 10 of math.Exp2 on amd64", off)
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

func BenchmarkExpNeg(b *testing.B)  { benchExp(b, ExpNeg) }
func BenchmarkMathExp(b *testing.B) { benchExp(b, func(x float64) float64 { return math.Exp(-x) }) }
