package table

import (
	"math"
	"strings"
	"testing"
)

type point struct {
	WeightBasket float64 `table:"weight_basket"`
	MinPeak      float64 `table:"min_peak"`
	Status       string
	secret       int
	Ignored      int `table:"-"`
}

func TestFromStructs(t *testing.T) {
	// Values from the hnn-core batch example's printed summary statistics
	// (hnn-core's batch simulation tutorial), first two points.
	rows := []point{
		{9.999999999999999e-05, -1.9487233699162363e-05, "done", 0, 1},
		{0.00014384498882876628, math.NaN(), "failed", 0, 1},
	}
	tb, err := FromStructs(rows)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tb.Columns, ","); got != "weight_basket,min_peak,Status" {
		t.Errorf("columns %s", got)
	}
	h := tb.HTML()
	for _, want := range []string{">0.0001<", ">-1.949e-05<", ">–<", ">failed<", "data-v=\"-1.94872336992e-05\"", "<script>"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q:\n%s", want, h)
		}
	}
	if _, err := FromStructs(3); err == nil {
		t.Error("FromStructs(3) gave no error")
	}
}

func TestAddChecksLength(t *testing.T) {
	tb := New("a", "b")
	if err := tb.Add(1, 2); err != nil {
		t.Fatal(err)
	}
	err := tb.Add(1)
	if err == nil || !strings.Contains(err.Error(), "row 1 has 1 values but the table has 2 columns") {
		t.Errorf("Add(1) error = %v", err)
	}
}

func TestSummaryEscapes(t *testing.T) {
	tb, err := Summary("run <1>", "neurons", 1000, "note", "<b>")
	if err != nil {
		t.Fatal(err)
	}
	h := tb.HTML()
	if strings.Contains(h, "<b>") || !strings.Contains(h, "&lt;b&gt;") || !strings.Contains(h, "run &lt;1&gt;") {
		t.Errorf("not escaped: %s", h)
	}
	if strings.Contains(h, "<script>") {
		t.Error("Summary table is not sortable, yet has a script")
	}
	if _, err := Summary("x", "odd"); err == nil {
		t.Error("odd pairs gave no error")
	}
}

// Times show with dt's decimals, in the cell and in its tooltip; other
// numbers keep 4 significant digits, and their tooltip has no float64
// rounding noise.
func TestTimeColumns(t *testing.T) {
	tb := New("t (ms)", "rate (Hz)")
	// 197 steps of 0.1 ms is 19.700000000000003 in float64; 12345 steps
	// is 1234.5 ms, which 4 significant digits would show as 1235.
	must(t, tb.Add(float64(197)*0.1, 12.345678))
	must(t, tb.Add(float64(12345)*0.1, 0.1+0.2))
	if err := tb.TimeColumns(0.1, "t (ms)"); err != nil {
		t.Fatal(err)
	}
	h := tb.HTML()
	for _, want := range []string{`title="19.7">19.7<`, `>1234.5<`, `>12.35<`, `title="0.3">0.3<`} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q:\n%s", want, h)
		}
	}
	for _, bad := range []string{"19.700000000000003", "0.30000000000000004", ">1235<"} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML has %q:\n%s", bad, h)
		}
	}
	if err := tb.TimeColumns(0.1, "time"); err == nil || !strings.Contains(err.Error(), `no column "time"`) {
		t.Errorf("unknown column: %v", err)
	}
	if err := tb.TimeColumns(0, "t (ms)"); err == nil || !strings.Contains(err.Error(), "dt = 0") {
		t.Errorf("dt 0: %v", err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
