package analysis

import (
	"fmt"
	"math"
)

// EPSPAmplitude returns the peak of trace v from sample onset on, minus
// the baseline: the mean of the samples before onset (v[0] when onset is
// 0). For an IPSP (a trough) use MinMax.
func EPSPAmplitude(v []float64, onset int) (float64, error) {
	if onset < 0 || onset >= len(v) {
		return 0, fmt.Errorf("analysis: EPSPAmplitude: onset = %d: must be in [0, %d) (the trace's samples)", onset, len(v))
	}
	base := v[0]
	if onset > 0 {
		base = 0
		for _, x := range v[:onset] {
			base += x
		}
		base /= float64(onset)
	}
	_, hi, _, _ := MinMax(v[onset:])
	return hi - base, nil
}

// MinMax returns the smallest and largest values of x and their first
// indices (HNN's min and max dipole peaks, after smoothing). NaNs are
// skipped; an empty or all-NaN x gives NaN and -1.
func MinMax(x []float64) (lo, hi float64, iLo, iHi int) {
	lo, hi, iLo, iHi = math.NaN(), math.NaN(), -1, -1
	for i, v := range x {
		if math.IsNaN(v) {
			continue
		}
		if iLo < 0 || v < lo {
			lo, iLo = v, i
		}
		if iHi < 0 || v > hi {
			hi, iHi = v, i
		}
	}
	return lo, hi, iLo, iHi
}
