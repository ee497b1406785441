package analysis

import (
	"fmt"
	"math"
)

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// checkWindow reports a window [t0, t1) that is empty or not finite.
func checkWindow(t0, t1 float64) error {
	if !finite(t0) || !finite(t1) || t1 <= t0 || !finite(t1-t0) {
		return fmt.Errorf("analysis: window [t0 = %v, t1 = %v) ms: need finite t0 < t1 (and a finite width)", t0, t1)
	}
	return nil
}

// checkTrains reports an empty window or no trains for function fn.
func checkTrains(fn string, trains [][]float64, t0, t1 float64) error {
	if err := checkWindow(t0, t1); err != nil {
		return err
	}
	if len(trains) == 0 {
		return fmt.Errorf("analysis: %s of no trains", fn)
	}
	return nil
}

// count returns the number of spikes of train in [t0, t1).
func count(train []float64, t0, t1 float64) int {
	c := 0
	for _, t := range train {
		if t >= t0 && t < t1 {
			c++
		}
	}
	return c
}

// Rates returns the firing rate (Hz) of every train in the window [t0, t1)
// (ms): its number of spikes divided by the window's length.
func Rates(trains [][]float64, t0, t1 float64) ([]float64, error) {
	if err := checkWindow(t0, t1); err != nil {
		return nil, err
	}
	r := make([]float64, len(trains))
	for i, tr := range trains {
		r[i] = float64(count(tr, t0, t1)) * 1000 / (t1 - t0)
	}
	return r, nil
}

// MeanRate returns the mean firing rate (Hz) of the trains in [t0, t1):
// all their spikes divided by the number of trains and the window's
// length (silent neurons count).
func MeanRate(trains [][]float64, t0, t1 float64) (float64, error) {
	if err := checkTrains("MeanRate", trains, t0, t1); err != nil {
		return 0, err
	}
	c := 0
	for _, tr := range trains {
		c += count(tr, t0, t1)
	}
	return float64(c) * 1000 / (t1 - t0) / float64(len(trains)), nil
}

// SilentFraction returns the fraction of trains with no spike in [t0, t1).
func SilentFraction(trains [][]float64, t0, t1 float64) (float64, error) {
	if err := checkTrains("SilentFraction", trains, t0, t1); err != nil {
		return 0, err
	}
	silent := 0
	for _, tr := range trains {
		if count(tr, t0, t1) == 0 {
			silent++
		}
	}
	return float64(silent) / float64(len(trains)), nil
}

// bins returns the number of bins of width bin covering [t0, t1): the
// last one may be shorter.
func bins(t0, t1, bin float64) (int, error) {
	if err := checkWindow(t0, t1); err != nil {
		return 0, err
	}
	if !finite(bin) || bin <= 0 {
		return 0, fmt.Errorf("analysis: bin = %v ms: must be positive and finite", bin)
	}
	n := math.Ceil((t1-t0)/bin - 1e-9)
	if n > 1<<28 {
		return 0, fmt.Errorf("analysis: bin = %v ms gives %.3g bins over [%v, %v) ms: use a wider bin", bin, n, t0, t1)
	}
	return max(1, int(n)), nil
}

// binOf returns the bin of time t, or -1 outside [t0, t1).
func binOf(t, t0, t1, bin float64, n int) int {
	if t < t0 || t >= t1 {
		return -1
	}
	return min(int((t-t0)/bin), n-1)
}

// BinCounts returns the number of spikes of train in each bin
// [t0+k·bin, t0+(k+1)·bin) of the window [t0, t1) (ms). When bin does not
// divide the window, the last bin is shorter.
func BinCounts(train []float64, t0, t1, bin float64) ([]float64, error) {
	n, err := bins(t0, t1, bin)
	if err != nil {
		return nil, err
	}
	c := make([]float64, n)
	for _, t := range train {
		if k := binOf(t, t0, t1, bin, n); k >= 0 {
			c[k]++
		}
	}
	return c, nil
}

// PopulationRate returns the population rate (Hz per neuron) in bins of
// width bin (ms) over [t0, t1): the spikes of the population (times, all
// neurons together, any order) in each bin divided by n neurons and the
// bin's width. Bin k starts at t0+k·bin; the last may be shorter, and is
// divided by its own width.
func PopulationRate(times []float64, n int, t0, t1, bin float64) ([]float64, error) {
	if n <= 0 {
		return nil, fmt.Errorf("analysis: PopulationRate: n = %d neurons: must be at least 1", n)
	}
	r, err := BinCounts(times, t0, t1, bin)
	if err != nil {
		return nil, err
	}
	for k := range r {
		w := min(bin, t1-(t0+float64(float64(k)*bin)))
		r[k] *= 1000 / (w * float64(n))
	}
	return r, nil
}
