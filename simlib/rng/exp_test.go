package rng

import (
	"math"
	"math/rand/v2"
	"testing"
)

// On amd64 below GOAMD64=v3 (math.Log, math.Exp and the float32 test
// rounded as in Exp), Exp gives exactly ExpFloat64's values for the same
// generator state: 10^7 draws over five seeds, tail and wedge cases
// included.
func TestExpIsExpFloat64(t *testing.T) {
	if !stdUnfused {
		t.Skip("ExpFloat64 is fused or not amd64 here; the cross-architecture test compares Exp across targets")
	}
	n := 2000000
	if testing.Short() {
		n = 200000
	}
	for seed := uint64(0); seed < 5; seed++ {
		a, b := rand.New(rand.NewPCG(seed, 7)), rand.New(rand.NewPCG(seed, 7))
		for i := range n {
			if x, y := Exp(a), b.ExpFloat64(); x != y {
				t.Fatalf("seed %d, draw %d: Exp %v, ExpFloat64 %v", seed, i, x, y)
			}
		}
	}
}

// 10^6 draws: mean 1 and variance 1 within 5 standard errors (the
// variance's standard error for an exponential is √(8/n)), and the
// fraction beyond the ziggurat's tail start 7.697 (drawn by the tail
// method) within 5 binomial standard deviations of e^-7.697 = 4.54e-4.
func TestExpMoments(t *testing.T) {
	const n = 1000000
	r := rand.New(rand.NewPCG(3, 4))
	var s, ss float64
	tail := 0
	for range n {
		x := Exp(r)
		if x < 0 {
			t.Fatalf("Exp drew %v < 0", x)
		}
		s += x
		ss += x * x
		if x > ezigR {
			tail++
		}
	}
	mean, v := s/n, ss/n-(s/n)*(s/n)
	if math.Abs(mean-1) > 5/math.Sqrt(n) || math.Abs(v-1) > 5*math.Sqrt(8.0/n) {
		t.Errorf("mean %v, variance %v over %d draws", mean, v, n)
	}
	p := math.Exp(-ezigR)
	if d := math.Abs(float64(tail) - n*p); d > 5*math.Sqrt(n*p*(1-p)) {
		t.Errorf("%d draws beyond %v, want %.0f ± %.0f", tail, ezigR, n*p, 5*math.Sqrt(n*p*(1-p)))
	}
}
