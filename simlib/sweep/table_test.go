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
