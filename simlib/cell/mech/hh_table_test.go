package mech

import (
	"math"
	"math/rand/v2"
	"testing"
)

// advanceTable gives the same bits as the generic path (lookup, cnexp)
// over the table's range, outside it (clamped) and for NaN.
func TestHHAdvanceTable(t *testing.T) {
	const n = 5000
	r := rand.New(rand.NewPCG(1, 2))
	for _, celsius := range []float64{6.3, 37} {
		params := make([]Density, n)
		node := make([]int32, n)
		for i := range params {
			params[i] = DefaultHH()
			node[i] = int32(n - 1 - i) // not in order
		}
		c := Context{Env: Env{DT: 0.025, Celsius: celsius}, Node: node, Area: make([]float64, n), Cells: 1, PerCell: n,
			Ions: map[string]*Ion{"na": {}, "k": {}}}
		a := DefaultHH().New(params, c).(*hhState)
		b := DefaultHH().New(params, c).(*hhState)
		v := make([]float64, n)
		for i := range v {
			v[i] = -130 + 260*r.Float64()
		}
		for k, x := range []float64{math.NaN(), -100, 100, -100.5, 100.5, 99.999999} {
			v[node[7+k]] = x
		}
		for i := 0; i < n; i++ {
			a.m[i], a.h[i], a.nn[i] = r.Float64(), r.Float64(), r.Float64()
		}
		copy(b.m, a.m)
		copy(b.h, a.h)
		copy(b.nn, a.nn)
		st := Step{V: v, DT: 0.025}
		a.advanceTable(st, 7, n-3)
		for i := 7; i < n-3; i++ { // the generic path
			rt := b.tb.lookup(v[node[i]])
			b.m[i] = cnexp(b.m[i], rt[0], rt[1], st.DT)
			b.h[i] = cnexp(b.h[i], rt[2], rt[3], st.DT)
			b.nn[i] = cnexp(b.nn[i], rt[4], rt[5], st.DT)
		}
		for i := 0; i < n; i++ {
			for k, p := range [][2][]float64{{a.m, b.m}, {a.h, b.h}, {a.nn, b.nn}} {
				x, y := p[0][i], p[1][i]
				if math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
					t.Fatalf("celsius %v, location %d (v %v), gate %d: %v, generic path %v", celsius, i, v[node[i]], k, x, y)
				}
			}
		}
		if !math.IsNaN(a.m[7]) || !math.IsNaN(a.nn[7]) {
			t.Fatal("NaN v did not give NaN gates")
		}
	}
}
