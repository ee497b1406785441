package analysis

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/pmath"
)

// GaussianSmooth returns x (sampled every dx) convolved with a Gaussian of
// standard deviation sigma (same unit as dx), truncated at 4 sigma. Near
// the edges the kernel is renormalised over the samples that exist, so a
// constant signal stays constant. sigma = 0 returns a copy.
func GaussianSmooth(x []float64, dx, sigma float64) ([]float64, error) {
	if !finite(dx) || dx <= 0 {
		return nil, fmt.Errorf("analysis: GaussianSmooth: dx = %v: must be positive and finite", dx)
	}
	if !finite(sigma) || sigma < 0 {
		return nil, fmt.Errorf("analysis: GaussianSmooth: sigma = %v: must be >= 0 and finite", sigma)
	}
	out := make([]float64, len(x))
	if sigma == 0 || len(x) == 0 {
		copy(out, x)
		return out, nil
	}
	// half-width in samples, at most the trace (in float: 4·sigma/dx can
	// exceed any int)
	h := int(math.Min(math.Ceil(4*sigma/dx), float64(len(x)-1)))
	k := make([]float64, h+1)
	for j := range k {
		u := float64(j) * dx / sigma
		k[j] = pmath.Exp(-u * u / 2)
	}
	for i := range x {
		s, m := 0.0, 0.0
		for j := max(0, i-h); j <= min(len(x)-1, i+h); j++ {
			w := k[abs(i-j)]
			s += float64(w * x[j])
			m += w
		}
		out[i] = s / m
	}
	return out, nil
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
