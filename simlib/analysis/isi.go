package analysis

import "math"

// ISICV returns the coefficient of variation of the inter-spike intervals
// of train (sorted spike times): their standard deviation (population
// form, dividing by the number of intervals) over their mean. ok is false
// when the train has fewer than 3 spikes, too few for a variability of
// intervals, or when it is not a train: a time that is NaN or ±Inf, or
// times out of order. A regular train has CV 0, a Poisson train about 1.
func ISICV(train []float64) (cv float64, ok bool) {
	if len(train) < 3 {
		return 0, false
	}
	for k, t := range train {
		if math.IsNaN(t) || math.IsInf(t, 0) || (k > 0 && t < train[k-1]) {
			return 0, false
		}
	}
	n := float64(len(train) - 1)
	mean := (train[len(train)-1] - train[0]) / n
	if !(mean > 0) || math.IsInf(mean, 0) {
		return 0, false
	}
	ss := 0.0
	for k := 1; k < len(train); k++ {
		d := train[k] - train[k-1] - mean
		ss += float64(d * d)
	}
	return math.Sqrt(ss/n) / mean, true
}

// ISICVs returns the ISI CV of every train with at least 3 spikes, and the
// indices of those trains; the others are left out (not reported as NaN).
func ISICVs(trains [][]float64) (cv []float64, neurons []int) {
	for i, tr := range trains {
		if c, ok := ISICV(tr); ok {
			cv = append(cv, c)
			neurons = append(neurons, i)
		}
	}
	return cv, neurons
}

// MeanISICV returns the mean ISI CV over the trains with at least 3
// spikes, and their number n; with n = 0 the mean is 0.
func MeanISICV(trains [][]float64) (mean float64, n int) {
	s := 0.0
	for _, tr := range trains {
		if c, ok := ISICV(tr); ok {
			s += c
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return s / float64(n), n
}
