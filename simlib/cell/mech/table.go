package mech

import "math"

// rateTable is NEURON's TABLE of a rate procedure: cols values at n+1
// points from tmin to tmax (nocmodl's loop "for (i = 0, x = tmin; i <= n;
// x += dx, i++)", dx = (tmax - tmin)/n), interpolated linearly and clamped
// to the end points outside the range (NaN in, NaN out), as the generated
// code looks it up.
type rateTable struct {
	tmin, mfac float64
	n, cols    int
	t          []float64 // (n+1)·cols
}

func newRateTable(tmin, tmax float64, n, cols int, f func(v float64, out []float64)) *rateTable {
	tb := &rateTable{tmin: tmin, n: n, cols: cols, t: make([]float64, (n+1)*cols)}
	dx := (tmax - tmin) / float64(n)
	tb.mfac = 1 / dx
	x := tmin
	for i := 0; i <= n; i++ {
		f(x, tb.t[i*cols:(i+1)*cols])
		x += dx
	}
	return tb
}

// lookup writes the interpolated values at v into out (len cols).
func (tb *rateTable) lookup(v float64, out []float64) {
	xi := float64(tb.mfac * (v - tb.tmin))
	switch {
	case math.IsNaN(xi):
		for j := range out {
			out[j] = xi
		}
	case xi <= 0:
		copy(out, tb.t[:tb.cols])
	case xi >= float64(tb.n):
		copy(out, tb.t[tb.n*tb.cols:])
	default:
		i := int(xi)
		th := xi - float64(i)
		a, b := tb.t[i*tb.cols:(i+1)*tb.cols], tb.t[(i+1)*tb.cols:(i+2)*tb.cols]
		for j := range out {
			out[j] = a[j] + float64(th*(b[j]-a[j]))
		}
	}
}

// varSet is the recordable variables of an instance by name.
type varSet struct {
	names []string
	vals  [][]float64
}

func (s *varSet) add(name string, v []float64) []float64 {
	s.names = append(s.names, name)
	s.vals = append(s.vals, v)
	return v
}

func (s *varSet) Vars() []string { return s.names }

func (s *varSet) Var(name string) []float64 {
	for i, n := range s.names {
		if n == name {
			return s.vals[i]
		}
	}
	return nil
}
