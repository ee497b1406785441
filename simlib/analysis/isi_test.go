package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestISICVHand(t *testing.T) {
	// ISIs 1, 2, 3 ms: mean 2, population variance 2/3, CV = sqrt(2/3)/2.
	cv, ok := ISICV([]float64{0, 1, 3, 6})
	if !ok || math.Abs(cv-math.Sqrt(2.0/3)/2) > 1e-12 {
		t.Fatalf("CV = %v, %v; want %v", cv, ok, math.Sqrt(2.0/3)/2)
	}
	if cv, ok := ISICV([]float64{5, 15, 25, 35}); !ok || cv > 1e-12 {
		t.Fatalf("regular train: CV = %v, %v; want 0", cv, ok)
	}
	if _, ok := ISICV([]float64{1, 2}); ok {
		t.Fatal("2 spikes gave a CV")
	}
}

func TestISICVsExcludesShortTrains(t *testing.T) {
	trains := [][]float64{{0, 1, 3, 6}, {1, 2}, nil, {5, 15, 25}}
	cv, idx := ISICVs(trains)
	if len(cv) != 2 || idx[0] != 0 || idx[1] != 3 {
		t.Fatalf("ISICVs = %v at %v, want 2 values at [0 3]", cv, idx)
	}
	m, n := MeanISICV(trains)
	if n != 2 || math.Abs(m-math.Sqrt(2.0/3)/4) > 1e-12 { // (CV_hand + 0)/2
		t.Fatalf("MeanISICV = %v over %d", m, n)
	}
	if m, n := MeanISICV([][]float64{{1}}); m != 0 || n != 0 {
		t.Fatalf("MeanISICV with no eligible train = %v, %d; want 0, 0", m, n)
	}
}

// A Poisson train has exponential ISIs, whose CV is 1 (closed form). With
// 10^5 intervals the sample CV's standard error is about 0.003 (delta
// method, sqrt((mu4/sigma^4 - 1)/4n) with mu4 = 9 sigma^4 for the
// exponential), so 0.015 is five standard errors.
func TestISICVPoisson(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tr := make([]float64, 100001)
	for k := 1; k < len(tr); k++ {
		tr[k] = tr[k-1] + r.ExpFloat64()*50
	}
	cv, _ := ISICV(tr)
	if math.Abs(cv-1) > 0.015 {
		t.Fatalf("Poisson CV = %v, want 1 ± 0.015", cv)
	}
}
