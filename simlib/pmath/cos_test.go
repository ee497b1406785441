package pmath

import (
	"math"
	"runtime"
	"testing"
)

// Cos is within two ulps of math.Cos everywhere below CosMaxArg (both are
// Cephes' method; math.Cos is Go code, fused on arm64 and from GOAMD64=v3)
// and bit for bit equal to it on amd64 below v3, over 200000 draws in
// [-1000, 1000] and near 0, the window arguments π·n/(M-1) of
// models/hnn's Hamming window for M up to 2000, and multiples of π/4.
// Beyond CosMaxArg, at ±Inf and at NaN it returns NaN.
func TestCos(t *testing.T) {
	exact := runtime.GOARCH == "amd64" && stdUnfused
	xs := inputs(-1000, 1000)
	for M := 2; M <= 2000; M++ {
		for k := range M {
			xs = append(xs, math.Pi*float64(1-M+2*k)/float64(M-1))
		}
	}
	for k := -64; k <= 64; k++ {
		xs = append(xs, float64(k)*math.Pi/4)
	}
	worst, differ, n := 0.0, 0, 0
	for _, x := range xs {
		got := Cos(x)
		if !(math.Abs(x) < CosMaxArg) {
			if !math.IsNaN(got) {
				t.Errorf("Cos(%v) = %v, want NaN (beyond CosMaxArg)", x, got)
			}
			continue
		}
		n++
		want := math.Cos(x)
		u := ulps(got, want)
		if u > 0 {
			differ++
		}
		worst = max(worst, u)
		if u > 2 || exact && u != 0 {
			t.Fatalf("Cos(%v) = %v (%#x), math.Cos: %v (%#x)", x, got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
	t.Logf("Cos: %d inputs, %d differ from math.Cos (at most %v ulp); bit-exact check: %v", n, differ, worst, exact)
	if got := Cos(math.Pi); got != -1 {
		t.Errorf("Cos(π) = %v, want -1", got)
	}
	if got := Cos(0); got != 1 {
		t.Errorf("Cos(0) = %v, want 1", got)
	}
}
