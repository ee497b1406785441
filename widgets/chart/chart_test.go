package chart

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/widgets/assets"
)

// Bad data is an error that names the object, the field and the value.
func TestBadDataErrors(t *testing.T) {
	x := []float64{1, 2, 3}
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"raster lengths", second(Raster([]Spikes{{Name: "E", Times: []float64{1, 2}, Neurons: []int32{0}}}, nil)), `population 0 ("E"): len(Times) = 2 but len(Neurons) = 1`},
		{"raster NaN", second(Raster([]Spikes{{Name: "E", Times: []float64{math.NaN()}, Neurons: []int32{0}}}, nil)), `Times[0] = NaN`},
		{"raster size", second(Raster([]Spikes{{Name: "I", Size: 2, Times: []float64{1}, Neurons: []int32{5}}}, nil)), `Neurons[0] = 5 but Size = 2`},
		{"traces lengths", second(Traces(x, [][]float64{{1, 2}}, nil, nil)), `series "trace 0" has 2 values but x has 3`},
		{"traces labels", second(Traces(x, [][]float64{x}, []string{"a", "b"}, nil)), `2 labels for 1 series`},
		{"log x", second(MetricVsParam([]float64{0, 1, 2}, []Series{{"m", x}}, nil)), `x[0] = 0 on a log axis`},
		{"log y", second(Line(x, []Series{{"m", []float64{1, -1, 2}}}, &XYOptions{LogY: true})), `series "m": Values[1] = -1 on a log axis`},
		{"heatmap rows", second(Heatmap([]string{"a"}, []string{"b", "c"}, [][]float64{{1}}, nil)), `z has 1 rows but there are 2 y labels`},
		{"heatmap inf", second(Heatmap([]string{"a"}, []string{"b"}, [][]float64{{math.Inf(1)}}, nil)), `z[0][0] = +Inf`},
		{"histogram inf", second(Histogram([]Series{{"r", []float64{1, math.Inf(-1)}}}, nil)), `group "r": Values[1] = -Inf`},
		{"overlay lengths", second(Overlay(x, [][]float64{x, {1}}, []float64{1, 2}, nil)), `waves[1] has 1 samples but t has 3`},
		{"overlay log", second(Overlay(x, [][]float64{x}, []float64{0}, &OverlayOptions{LogColor: true})), `param[0] = 0 with LogColor`},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", c.name, c.err, c.want)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// Above MaxPoints a raster keeps every k-th spike and says so.
func TestRasterDownsample(t *testing.T) {
	c, err := Raster(testSpikes(10_000, 100, 1000), &RasterOptions{MaxPoints: 3000})
	if err != nil {
		t.Fatal(err)
	}
	// 10,000 spikes, at most 3,000 drawn: every 4th (ceil(10000/3000) = 4);
	// E has 8,000 spikes -> 2,000 drawn, I 2,000 -> 500.
	if want := "2,500 of 10,000 spikes drawn (every 4th spike of each population)"; c.Note != want {
		t.Errorf("Note = %q, want %q", c.Note, want)
	}
	var o struct {
		Series []struct{ Data [][2]float64 } `json:"series"`
	}
	if err := json.Unmarshal(c.Option(), &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Series) != 2 || len(o.Series[0].Data) != 2000 || len(o.Series[1].Data) != 500 {
		t.Errorf("drawn %d series, want 2 with 2000 and 500 points", len(o.Series))
	}
	// I's neurons are stacked above E's 100.
	for _, p := range o.Series[1].Data {
		if p[1] < 100 || p[1] >= 125 {
			t.Fatalf("I spike at neuron %v, want in [100, 125)", p[1])
		}
	}
}

// The option never contains a raw "<", so it cannot close its <script>.
func TestOptionIsScriptSafe(t *testing.T) {
	c, err := Line([]float64{1}, []Series{{"</script><b>", []float64{1}}}, &XYOptions{Title: "a<b"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(c.Option(), []byte("<")) {
		t.Errorf("option holds a raw '<': %s", c.Option())
	}
}

// The library goes with the first chart a kernel displays, not later ones;
// LoadLibrary sends it again.
func TestDisplayOncePerKernel(t *testing.T) {
	lib := fakeLibrary(t)
	dir := t.TempDir()
	c, _ := Line([]float64{1, 2}, []Series{{"a", []float64{1, 2}}}, nil)
	first, err := displayHTML(dir, false, c)
	if err != nil || !strings.Contains(first, lib) {
		t.Fatalf("first display: err %v, library included %v", err, strings.Contains(first, lib))
	}
	second, err := displayHTML(dir, false, c)
	if err != nil || strings.Contains(second, "(function(define,exports,module)") {
		t.Fatalf("second display: err %v, library included again", err)
	}
	forced, _ := displayHTML(dir, true)
	if !strings.Contains(forced, lib) {
		t.Error("forced display lacks the library")
	}
	if nodir, _ := displayHTML("", false, c); !strings.Contains(nodir, lib) {
		t.Error("without GONB_TMP_DIR the library must always be included")
	}
}

// fakeLibrary installs a stand-in ECharts bundle (big enough to pass the
// size check) and returns a string unique to it.
func fakeLibrary(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "echarts.min.js")
	mark := "/* echarts stand-in */"
	body := mark + "\n" + strings.Repeat("var x=1;\n", 60_000)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(assets.EChartsEnv, p)
	return mark
}

func TestDisplayWithoutLibrary(t *testing.T) {
	t.Setenv(assets.EChartsEnv, filepath.Join(t.TempDir(), "none.js"))
	c, _ := Line([]float64{1}, []Series{{"a", []float64{1}}}, nil)
	out, err := displayHTML(t.TempDir(), false, c)
	if !errors.Is(err, assets.ErrNoECharts) {
		t.Fatalf("err = %v, want ErrNoECharts", err)
	}
	if !strings.Contains(out, "golgi setup") || !strings.Contains(out, "golgi-chart") {
		t.Errorf("output should say how to get the library and still hold the chart: %.300s", out)
	}
	if _, err := Page("x", c); !errors.Is(err, assets.ErrNoECharts) {
		t.Errorf("Page err = %v, want ErrNoECharts", err)
	}
}

// TestSizePerChart reports what each chart adds to a notebook after the
// first (which also carries the ~1 MB library): its HTML, of which the
// data, and the rest (option structure and script). The rest must stay
// under 20 KB (issue target: under 20 KB plus data).
func TestSizePerChart(t *testing.T) {
	fakeLibrary(t)
	dir := t.TempDir()
	charts, err := allCharts(2000)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := displayHTML(dir, false); err != nil { // the library goes first
		t.Fatal(err)
	}
	for _, name := range []string{"raster", "traces", "rate", "histogram", "heatmap", "metric", "overlay", "line", "scatter"} {
		c := charts[name]
		out, err := displayHTML(dir, false, c)
		if err != nil {
			t.Fatal(err)
		}
		data := dataBytes(t, c)
		rest := len(out) - data
		t.Logf("%-9s HTML %7d bytes = data %7d + rest %5d", name, len(out), data, rest)
		if rest > 20_000 {
			t.Errorf("%s: %d bytes besides data, want < 20 KB", name, rest)
		}
	}
}

// dataBytes is the size of the series' data arrays in the option.
func dataBytes(t *testing.T, c *Chart) int {
	var o struct {
		Series []struct{ Data json.RawMessage } `json:"series"`
	}
	if err := json.Unmarshal(c.Option(), &o); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range o.Series {
		n += len(s.Data)
	}
	return n
}

func TestLabels(t *testing.T) {
	got := strings.Join(Labels(logspace(-4, -1, 4)), " ")
	if want := "0.0001 0.001 0.01 0.1"; got != want {
		t.Errorf("Labels(logspace(-4, -1, 4)) = %q, want %q", got, want)
	}
}

func TestRanges(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		vals   []float64
		lo, hi float64
		nans   int
	}{
		{[]float64{nan, nan}, 0, 1, 2},  // nothing finite: a unit range
		{[]float64{3, 3, nan}, 3, 4, 1}, // one value: lo+1
		{[]float64{-2, 5, 1}, -2, 5, 0},
	} {
		lo, hi, n, err := ValueRange([]Series{{Name: "g", Values: c.vals}})
		if err != nil || lo != c.lo || hi != c.hi || n != c.nans {
			t.Errorf("ValueRange(%v) = %v, %v, %d, %v; want %v, %v, %d", c.vals, lo, hi, n, err, c.lo, c.hi, c.nans)
		}
		glo, ghi, gn, err := CheckGrid([]string{"a", "b", "c"}[:len(c.vals)], []string{"r"}, [][]float64{c.vals})
		if err != nil || glo != c.lo || ghi != c.hi || gn != c.nans {
			t.Errorf("CheckGrid(%v) = %v, %v, %d, %v; want %v, %v, %d", c.vals, glo, ghi, gn, err, c.lo, c.hi, c.nans)
		}
	}
}

// The colour bar of a heatmap reads the data's range at its ends: a loss
// spanning 0.004..0.62 (the sweep) is not labelled 0..1.
func TestHeatmapColourBarRange(t *testing.T) {
	c, err := Heatmap([]string{"a", "b"}, []string{"x"}, [][]float64{{0.004, 0.62}}, &HeatmapOptions{ZLabel: "loss"})
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		VisualMap []struct {
			Min, Max   float64
			Text       []string
			Calculable bool
		} `json:"visualMap"`
		Title struct{ Subtext string } `json:"title"`
	}
	if err := json.Unmarshal(c.Option(), &o); err != nil {
		t.Fatal(err)
	}
	v := o.VisualMap[0]
	if float32(v.Min) != 0.004 || float32(v.Max) != 0.62 || len(v.Text) != 2 || v.Text[0] != "0.62" || v.Text[1] != "0.004" || v.Calculable {
		t.Errorf("visualMap %+v, want min 0.004, max 0.62 labelled [0.62 0.004] without rounding handles", v)
	}
	if o.Title.Subtext != "colour: loss" {
		t.Errorf("subtitle %q, want it to name the colour's quantity", o.Title.Subtext)
	}
}

// Legends have their band above the plot area, which starts lower to
// make room; without a legend the plot area keeps its place.
func TestLegendBand(t *testing.T) {
	two, _ := Line([]float64{1, 2}, []Series{{"a", []float64{1, 2}}, {"b", []float64{2, 1}}}, nil)
	one, _ := Line([]float64{1, 2}, []Series{{"a", []float64{1, 2}}}, nil)
	var o struct {
		Legend struct {
			Show bool
			Top  float64
			Type string
		} `json:"legend"`
		Grid struct{ Top float64 } `json:"grid"`
	}
	if err := json.Unmarshal(two.Option(), &o); err != nil {
		t.Fatal(err)
	}
	// the legend is one scrolling line of about 25 px
	if !o.Legend.Show || o.Legend.Type != "scroll" || o.Legend.Top+25 > o.Grid.Top {
		t.Errorf("legend %+v, plot area top %v: want a scrolling legend ending above the plot", o.Legend, o.Grid.Top)
	}
	o.Grid.Top = 0
	if err := json.Unmarshal(one.Option(), &o); err != nil {
		t.Fatal(err)
	}
	if o.Legend.Show || o.Grid.Top != 70 {
		t.Errorf("one series: legend %+v, plot top %v; want no legend, top 70", o.Legend, o.Grid.Top)
	}
}
