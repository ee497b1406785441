package analysis

import (
	"fmt"
	"math"
)

// Chi returns the synchrony measure χ of Golomb and Hansel (Neural Comput.
// 12, 2000) of signals sampled at the same times (a neuron's membrane
// potential or binned spike counts, one slice each):
//
//	χ² = Var_t(mean_i x_i(t)) / mean_i Var_t(x_i(t))
//
// χ is 1 when all signals are identical and tends to 1/√N for N
// independent ones. Signals of different lengths panic; no signal, or
// signals that do not vary, return an error.
func Chi(signals [][]float64) (float64, error) {
	if len(signals) == 0 || len(signals[0]) < 2 {
		return 0, fmt.Errorf("analysis: Chi needs at least one signal of at least 2 samples")
	}
	T := len(signals[0])
	pop := make([]float64, T)
	meanVar := 0.0
	for i, s := range signals {
		if len(s) != T {
			return 0, fmt.Errorf("analysis: Chi: signal %d has %d samples, signal 0 has %d: all signals must have the same length", i, len(s), T)
		}
		for t, v := range s {
			pop[t] += v
		}
		meanVar += variance(s)
	}
	meanVar /= float64(len(signals))
	if !(meanVar > 0) {
		return 0, fmt.Errorf("analysis: Chi: the signals do not vary (mean variance %v)", meanVar)
	}
	for t := range pop {
		pop[t] /= float64(len(signals))
	}
	return math.Sqrt(variance(pop) / meanVar), nil
}

// SpikeCountChi returns Chi of the trains' spike counts in bins of width
// bin (ms) over [t0, t1). Silent trains count, as signals that never vary.
func SpikeCountChi(trains [][]float64, t0, t1, bin float64) (float64, error) {
	sig := make([][]float64, len(trains))
	for i, tr := range trains {
		c, err := BinCounts(tr, t0, t1, bin)
		if err != nil {
			return 0, err
		}
		sig[i] = c
	}
	return Chi(sig)
}

// variance is the population variance (dividing by the number of samples).
func variance(x []float64) float64 {
	m := 0.0
	for _, v := range x {
		m += v
	}
	m /= float64(len(x))
	s := 0.0
	for _, v := range x {
		s += float64((v - m) * (v - m))
	}
	return s / float64(len(x))
}
