package mech

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactExp is e^x to 200 bits, by the Taylor series of e^(x/2^s) squared s times.
func exactExp(x float64) *big.Float {
	const prec = 200
	s := 12
	y := new(big.Float).SetPrec(prec).SetMantExp(new(big.Float).SetFloat64(x), -s)
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	for k := 1; k < 40; k++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetPrec(prec).SetInt64(int64(k)))
		sum.Add(sum, term)
	}
	for i := 0; i < s; i++ {
		sum.Mul(sum, sum)
	}
	return sum
}

// ulps is |a - exact| in units of the last place of exact's float64.
func ulps(a float64, exact *big.Float) float64 {
	e, _ := exact.Float64()
	d := new(big.Float).SetPrec(200).Sub(new(big.Float).SetFloat64(a), exact)
	df, _ := d.Float64()
	return math.Abs(df) / (math.Nextafter(e, math.Inf(1)) - e)
}

func TestExpAccuracy(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	worst, worstGo := 0.0, 0.0
	for i := 0; i < 20000; i++ {
		var x float64
		switch i % 3 {
		case 0:
			x = -rng.Float64() * 20 // cnexp's dt/tau range
		case 1:
			x = (rng.Float64() - 0.5) * 1400
		default:
			x = (rng.Float64() - 0.5) * 1e-3
		}
		ex := exactExp(x)
		worst = math.Max(worst, ulps(exp(x), ex))
		worstGo = math.Max(worstGo, ulps(math.Exp(x), ex))
	}
	t.Logf("worst error: exp %.3f ulp, math.Exp %.3f ulp", worst, worstGo)
	if worst > 1 {
		t.Errorf("exp is off by %.3f ulp", worst)
	}
	for _, x := range []float64{0, -0.0, 1, -1, 699.9, -699.9, 700, -745, 710, math.Inf(1), math.Inf(-1)} {
		if got, want := exp(x), math.Exp(x); got != want && math.Abs(got-want) > 2e-16*want {
			t.Errorf("exp(%v) = %v, math.Exp %v", x, got, want)
		}
	}
	if !math.IsNaN(exp(math.NaN())) {
		t.Error("exp(NaN)")
	}
}

func BenchmarkExp(b *testing.B) {
	x, s := -0.1, 0.0
	b.Run("exp", func(b *testing.B) {
		for b.Loop() {
			s += exp(x)
			x -= 1e-9
		}
	})
	b.Run("math.Exp", func(b *testing.B) {
		for b.Loop() {
			s += math.Exp(x)
			x -= 1e-9
		}
	})
	_ = s
}
