package analysis

import (
	"math"
	"testing"
)

func TestGaussianSmoothConstant(t *testing.T) {
	x := make([]float64, 50)
	for i := range x {
		x[i] = 3.5
	}
	y, err := GaussianSmooth(x, 0.1, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range y {
		if math.Abs(v-3.5) > 1e-12 {
			t.Fatalf("y[%d] = %v: a constant must stay 3.5 (edges renormalised)", i, v)
		}
	}
}

// An impulse of area 1 (height 1/dx) becomes the Gaussian density: the
// smoothed signal integrates to 1, its second moment is sigma² (closed
// form; the discretisation error is far below 1e-6 for dx = sigma/20), and
// its peak is 1/(sigma·sqrt(2π)).
func TestGaussianSmoothImpulse(t *testing.T) {
	const dx, sigma, n = 0.05, 1.0, 401
	x := make([]float64, n)
	x[n/2] = 1 / dx
	y, err := GaussianSmooth(x, dx, sigma)
	if err != nil {
		t.Fatal(err)
	}
	area, m2 := 0.0, 0.0
	for i, v := range y {
		u := float64(i-n/2) * dx
		area += v * dx
		m2 += u * u * v * dx
	}
	if math.Abs(area-1) > 1e-12 {
		t.Fatalf("area %v, want 1", area)
	}
	// Truncation at 4 sigma removes a little of the second moment:
	// 1 - (erfc(4/√2) + 8 φ(4)·... ) ≈ 1 - 0.0011.
	trunc := 1 - (math.Erfc(4/math.Sqrt2) + 2*4*math.Exp(-8)/math.Sqrt(2*math.Pi))
	trunc /= 1 - math.Erfc(4/math.Sqrt2)
	if math.Abs(m2-sigma*sigma*trunc) > 1e-4 {
		t.Fatalf("second moment %v, want %v (σ² of the truncated Gaussian)", m2, sigma*sigma*trunc)
	}
	peak := 1 / (sigma * math.Sqrt(2*math.Pi)) / (1 - math.Erfc(4/math.Sqrt2))
	if math.Abs(y[n/2]-peak) > 1e-4 {
		t.Fatalf("peak %v, want %v", y[n/2], peak)
	}
}

func TestGaussianSmoothArgs(t *testing.T) {
	if _, err := GaussianSmooth([]float64{1}, 0, 1); err == nil {
		t.Error("dx = 0: no error")
	}
	if _, err := GaussianSmooth([]float64{1}, 1, -1); err == nil {
		t.Error("sigma = -1: no error")
	}
	y, err := GaussianSmooth([]float64{1, 2, 3}, 1, 0)
	if err != nil || y[0] != 1 || y[2] != 3 {
		t.Errorf("sigma 0 must copy: %v, %v", y, err)
	}
}
