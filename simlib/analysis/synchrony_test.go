package analysis

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestChiClosedForms(t *testing.T) {
	a := []float64{0, 1, 0, 1, 0, 1}
	b := []float64{1, 0, 1, 0, 1, 0}
	// Identical signals: the population signal is each signal, χ = 1.
	if c, err := Chi([][]float64{a, a, a}); err != nil || math.Abs(c-1) > 1e-12 {
		t.Fatalf("identical: χ = %v, %v; want 1", c, err)
	}
	// Anti-phase pair: the mean is constant 0.5, χ = 0.
	if c, err := Chi([][]float64{a, b}); err != nil || c != 0 {
		t.Fatalf("anti-phase: χ = %v, %v; want 0", c, err)
	}
	// Hand case: a and a constant 0: Var(a/2) = 1/16, mean Var = (1/4+0)/2,
	// χ² = (1/16)/(1/8) = 1/2.
	if c, _ := Chi([][]float64{a, make([]float64, 6)}); math.Abs(c-math.Sqrt(0.5)) > 1e-12 {
		t.Fatalf("a with a constant: χ = %v, want √½", c)
	}
	if _, err := Chi([][]float64{{1, 1}, {2, 2}}); err == nil {
		t.Fatal("constant signals: no error")
	}
}

// N independent signals of equal variance: E[χ²] = 1/N (closed form),
// up to the sampling error of the variances (T = 20000 samples: relative
// error ~ sqrt(2/T) = 1%).
func TestChiIndependent(t *testing.T) {
	const N, T = 16, 20000
	r := rand.New(rand.NewPCG(3, 4))
	s := make([][]float64, N)
	for i := range s {
		s[i] = make([]float64, T)
		for k := range s[i] {
			s[i][k] = r.NormFloat64()
		}
	}
	c, err := Chi(s)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(c*c*N-1) > 0.05 {
		t.Fatalf("χ² = %v, want 1/N = %v", c*c, 1.0/N)
	}
}

func TestSpikeCountChi(t *testing.T) {
	tr := []float64{1, 12, 13, 35}
	// The same train three times: χ = 1.
	c, err := SpikeCountChi([][]float64{tr, tr, tr}, 0, 40, 10)
	if err != nil || math.Abs(c-1) > 1e-12 {
		t.Fatalf("χ = %v, %v; want 1", c, err)
	}
	if _, err := SpikeCountChi([][]float64{tr}, 0, 40, 0); err == nil {
		t.Fatal("bin 0: no error")
	}
}

func TestChiMismatchIsAnError(t *testing.T) {
	if _, err := Chi([][]float64{{1, 2}, {1, 2, 3}}); err == nil || !strings.Contains(err.Error(), "signal 1 has 3 samples, signal 0 has 2") {
		t.Fatalf("signals of different lengths: error %v", err)
	}
}
