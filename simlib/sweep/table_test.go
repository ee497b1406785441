package sweep_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// A metric named like a parameter, a fixed column or another metric's
// column gets its own CSV column (m_NAME), never a duplicate header; Sort
// and Column find it by that name.
func TestMetricColumnsUnique(t *testing.T) {
	tab, err := sweep.Run(context.Background(), sweep.Grid(sweep.Values("x", 1, 2)), func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"x": -p.Float("x"), "m_x": 10, "seed": 3, "error": 0.5}}, nil
	}, &sweep.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	h := tab.Header()
	want := []string{"index", "seed", "x", "status", "m_error", "m_x", "m_seed", "m_m_x", "error", "start", "end", "wall_s", "host"}
	if !slices.Equal(h, want) {
		t.Fatalf("header %v, want %v", h, want)
	}
	var buf bytes.Buffer
	if err := tab.WriteCSV(&buf); err != nil || !strings.HasPrefix(buf.String(), strings.Join(want, ",")+"\n") {
		t.Fatalf("CSV %q, %v", buf.String(), err)
	}
	c, err := tab.Column("m_m_x")
	if err != nil || c[1] != -2 {
		t.Fatalf("Column(m_m_x) = %v, %v; want the metric x", c, err)
	}
	if c, _ := tab.Column("x"); c[1] != 2 {
		t.Fatalf("Column(x) = %v; want the parameter", c)
	}
}

// Parameters named like a fixed column (a stimulus "start", a "seed")
// are columns p_start, p_p_seed in CSV (a parameter keeps its own name,
// here p_seed, when it is not a fixed column's), and Sort and Column find
// them by either name.
func TestParamColumnsUnique(t *testing.T) {
	s := sweep.Grid(sweep.Values("start", 10, 20), sweep.Values("seed", 1), sweep.Values("p_seed", 5))
	if s.Err() != nil {
		t.Fatal(s.Err())
	}
	tab, err := sweep.Run(context.Background(), s, func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"p_start": 1, "y": p.Float("start")}}, nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"index", "seed", "p_start", "p_p_seed", "p_seed", "status", "m_p_start", "y", "error", "start", "end", "wall_s", "host"}
	if h := tab.Header(); !slices.Equal(h, want) {
		t.Fatalf("header %v, want %v", h, want)
	}
	for _, name := range []string{"start", "p_start"} {
		if c, err := tab.Column(name); err != nil || c[1] != 20 {
			t.Fatalf("Column(%s) = %v, %v", name, c, err)
		}
	}
	if c, err := tab.Column("p_seed"); err != nil || c[0] != 5 {
		t.Fatalf("Column(p_seed) = %v, %v; want the parameter p_seed", c, err)
	}
}
