package connect

import (
	"fmt"
	"math"
	"slices"
)

// List connects the explicit pairs (Pre[k], Post[k]), with optional
// per-synapse weights and delays (ms); when the list gives them, the
// projection's Synapse.Weight (or Delay) must be nil. A repeated pair is an
// error.
type List struct {
	Pre, Post []int
	Weights   []float64 // optional, one per pair
	Delays    []float64 // optional, one per pair (ms)
}

// DelayRanger is implemented by rules with explicit delays (List): the
// smallest and largest delay (ms); ok is false when there are none. The
// network sizes its delay rings from it before building.
type DelayRanger interface {
	DelayRange() (lo, hi float64, ok bool)
}

// DelayRange returns the smallest and largest of Delays (ms).
func (l List) DelayRange() (lo, hi float64, ok bool) {
	if len(l.Delays) == 0 {
		return 0, 0, false
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, d := range l.Delays {
		lo, hi = min(lo, d), max(hi, d)
	}
	return lo, hi, true
}

func (List) Kind() string { return "list" }
func (l List) Validate(nPre, nPost int, same bool) error {
	if err := checkSizes("list", nPre, nPost); err != nil {
		return err
	}
	if len(l.Pre) != len(l.Post) {
		return fmt.Errorf("list has %d sources and %d targets: lengths must match", len(l.Pre), len(l.Post))
	}
	if l.Weights != nil && len(l.Weights) != len(l.Pre) {
		return fmt.Errorf("list has %d weights for %d pairs", len(l.Weights), len(l.Pre))
	}
	if l.Delays != nil && len(l.Delays) != len(l.Pre) {
		return fmt.Errorf("list has %d delays for %d pairs", len(l.Delays), len(l.Pre))
	}
	for k := range l.Pre {
		if l.Pre[k] < 0 || l.Pre[k] >= nPre {
			return fmt.Errorf("list Pre[%d] = %d: must be in [0, %d)", k, l.Pre[k], nPre)
		}
		if l.Post[k] < 0 || l.Post[k] >= nPost {
			return fmt.Errorf("list Post[%d] = %d: must be in [0, %d)", k, l.Post[k], nPost)
		}
		if l.Weights != nil && (math.IsNaN(l.Weights[k]) || math.IsInf(l.Weights[k], 0)) {
			return fmt.Errorf("list Weights[%d] = %v: must be finite", k, l.Weights[k])
		}
		if l.Delays != nil && (math.IsNaN(l.Delays[k]) || l.Delays[k] < 0 || math.IsInf(l.Delays[k], 0)) {
			return fmt.Errorf("list Delays[%d] = %v ms: must be finite and >= 0", k, l.Delays[k])
		}
	}
	return nil
}
func (l List) Expected(nPre, nPost int, same bool) float64 { return float64(len(l.Pre)) }
func (l List) Build(nPre, nPost int, same bool, seed uint64) (*Table, error) {
	if err := l.Validate(nPre, nPost, same); err != nil {
		return nil, err
	}
	order := make([]int, len(l.Pre))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if l.Pre[a] != l.Pre[b] {
			return l.Pre[a] - l.Pre[b]
		}
		return l.Post[a] - l.Post[b]
	})
	b := newBuilder(nPre, nPost, int64(len(order)))
	if l.Weights != nil {
		b.t.Weight = make([]float64, 0, len(order))
	}
	if l.Delays != nil {
		b.t.Delay = make([]float64, 0, len(order))
	}
	k := 0
	for i := 0; i < nPre; i++ {
		for ; k < len(order) && l.Pre[order[k]] == i; k++ {
			o := order[k]
			if k > 0 && l.Pre[order[k-1]] == i && l.Post[order[k-1]] == l.Post[o] {
				return nil, fmt.Errorf("list pair (%d, %d) appears twice (entries %d and %d)", i, l.Post[o], order[k-1], o)
			}
			b.t.Post = append(b.t.Post, int32(l.Post[o]))
			if l.Weights != nil {
				b.t.Weight = append(b.t.Weight, l.Weights[o])
			}
			if l.Delays != nil {
				b.t.Delay = append(b.t.Delay, l.Delays[o])
			}
		}
		b.endRow()
	}
	return b.t, nil
}

// Matrix connects source i to target j wherever W[i][j] is not zero, with
// weight W[i][j] (the seed notebook's connection_strengths, [from, to]).
type Matrix struct {
	W [][]float64
}

func (Matrix) Kind() string { return "matrix" }
func (m Matrix) Validate(nPre, nPost int, same bool) error {
	if err := checkSizes("matrix", nPre, nPost); err != nil {
		return err
	}
	if len(m.W) != nPre {
		return fmt.Errorf("matrix has %d rows for %d sources", len(m.W), nPre)
	}
	for i, row := range m.W {
		if len(row) != nPost {
			return fmt.Errorf("matrix row %d has %d columns for %d targets", i, len(row), nPost)
		}
		for j, w := range row {
			if math.IsNaN(w) || math.IsInf(w, 0) {
				return fmt.Errorf("matrix W[%d][%d] = %v: must be finite", i, j, w)
			}
		}
	}
	return nil
}
func (m Matrix) Expected(nPre, nPost int, same bool) float64 { return float64(nPre) * float64(nPost) }
func (m Matrix) Build(nPre, nPost int, same bool, seed uint64) (*Table, error) {
	if err := m.Validate(nPre, nPost, same); err != nil {
		return nil, err
	}
	b := newBuilder(nPre, nPost, 0)
	b.t.Weight = []float64{}
	for _, row := range m.W {
		for j, w := range row {
			if w != 0 {
				b.t.Post = append(b.t.Post, int32(j))
				b.t.Weight = append(b.t.Weight, w)
			}
		}
		b.endRow()
	}
	return b.t, nil
}
