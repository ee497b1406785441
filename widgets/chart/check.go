package chart

import (
	"fmt"
	"math"
)

// CheckSpikes validates populations of spikes (equal lengths, finite
// times, indices in [0, Size)) and returns each population's size (Size,
// or max(Neurons)+1 when Size is 0). Errors name the population, the field
// and the value; callers prefix them with their own name.
func CheckSpikes(pops []Spikes) (sizes []int, err error) {
	sizes = make([]int, len(pops))
	for p, s := range pops {
		if len(s.Times) != len(s.Neurons) {
			return nil, fmt.Errorf("population %d (%q): len(Times) = %d but len(Neurons) = %d; they must be equal", p, s.Name, len(s.Times), len(s.Neurons))
		}
		for k, t := range s.Times {
			if math.IsNaN(t) || math.IsInf(t, 0) {
				return nil, fmt.Errorf("population %d (%q): Times[%d] = %v; spike times must be finite", p, s.Name, k, t)
			}
		}
		size := s.Size
		for k, n := range s.Neurons {
			if n < 0 {
				return nil, fmt.Errorf("population %d (%q): Neurons[%d] = %d; neuron indices must be >= 0", p, s.Name, k, n)
			}
			if s.Size > 0 && int(n) >= s.Size {
				return nil, fmt.Errorf("population %d (%q): Neurons[%d] = %d but Size = %d", p, s.Name, k, n, s.Size)
			}
			if s.Size == 0 {
				size = max(size, int(n)+1)
			}
		}
		sizes[p] = size
	}
	return sizes, nil
}

// CheckGrid validates a 2-D sweep grid, z[j][i] at (xLabels[i], yLabels[j]),
// where NaN marks a missing point, and returns the range of its finite
// values (0, 1 when there are none; lo+1 for hi when all are equal) and the
// number of missing points. Errors name the cell and the value; callers
// prefix them with their own name.
func CheckGrid(xLabels, yLabels []string, z [][]float64) (lo, hi float64, missing int, err error) {
	if len(z) != len(yLabels) {
		return 0, 0, 0, fmt.Errorf("z has %d rows but there are %d y labels; they must be equal", len(z), len(yLabels))
	}
	var r span
	for j, row := range z {
		if len(row) != len(xLabels) {
			return 0, 0, 0, fmt.Errorf("z[%d] has %d values but there are %d x labels; they must be equal", j, len(row), len(xLabels))
		}
		if i := r.add(row); i >= 0 {
			return 0, 0, 0, fmt.Errorf("z[%d][%d] = %v; values must be finite or NaN (missing)", j, i, row[i])
		}
	}
	lo, hi, missing = r.bounds()
	return lo, hi, missing, nil
}

// CheckXY validates curves against a shared x: finite x, one value per x
// in every series, and values > 0 on a log axis (NaN values are gaps and
// allowed on linear axes). Errors name the series, the index and the value;
// callers prefix them with their own name.
func CheckXY(x []float64, series []Series, logX, logY bool) error {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("x[%d] = %v; x values must be finite", i, v)
		}
		if logX && v <= 0 {
			return fmt.Errorf("x[%d] = %v on a log axis; values must be > 0", i, v)
		}
	}
	for _, s := range series {
		if len(s.Values) != len(x) {
			return fmt.Errorf("series %q has %d values but x has %d; they must be equal", s.Name, len(s.Values), len(x))
		}
		if logY {
			for i, v := range s.Values {
				if !(v > 0) {
					return fmt.Errorf("series %q: Values[%d] = %v on a log axis; values must be > 0", s.Name, i, v)
				}
			}
		}
	}
	return nil
}

// ValueRange validates the groups of a histogram (values finite or NaN)
// and returns the range of their finite values (0, 1 when there are none;
// lo+1 for hi when all are equal) and the number of NaN values. Errors
// name the group, the index and the value; callers prefix them.
func ValueRange(groups []Series) (lo, hi float64, nan int, err error) {
	var r span
	for _, g := range groups {
		if k := r.add(g.Values); k >= 0 {
			return 0, 0, 0, fmt.Errorf("group %q: Values[%d] = %v; values must be finite or NaN", g.Name, k, g.Values[k])
		}
	}
	lo, hi, nan = r.bounds()
	return lo, hi, nan, nil
}

// span accumulates the range of finite values and counts NaNs.
type span struct {
	lo, hi float64
	n, nan int
}

// add takes values into the span; it returns the index of the first ±Inf
// (and stops there), or -1.
func (r *span) add(values []float64) int {
	for i, v := range values {
		switch {
		case math.IsInf(v, 0):
			return i
		case math.IsNaN(v):
			r.nan++
		case r.n == 0:
			r.lo, r.hi, r.n = v, v, 1
		default:
			r.lo, r.hi, r.n = math.Min(r.lo, v), math.Max(r.hi, v), r.n+1
		}
	}
	return -1
}

// bounds returns the range (0, 1 without finite values; lo+1 for hi when
// all are equal) and the NaN count.
func (r *span) bounds() (lo, hi float64, nan int) {
	lo, hi = r.lo, r.hi
	if r.n == 0 {
		lo, hi = 0, 1
	}
	if hi == lo {
		hi = lo + 1
	}
	return lo, hi, r.nan
}
