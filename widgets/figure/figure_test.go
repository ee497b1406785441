package figure

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/widgets/chart"
)

func testFigures(t *testing.T) map[string]*Figure {
	t.Helper()
	pops := []chart.Spikes{
		{Name: "E", Size: 8, Times: []float64{1, 2, 3, 10.5}, Neurons: []int32{0, 3, 7, 2}},
		{Name: "I", Size: 2, Times: []float64{4, 5}, Neurons: []int32{0, 1}},
	}
	r, err := Raster("raster", pops)
	if err != nil {
		t.Fatal(err)
	}
	tt := []float64{0, 1, 2, 3}
	tr, err := Traces("traces", "V (mV)", tt, [][]float64{{-65, -60, -55, -65}, {-70, -68, -66, -64}}, []string{"n0", "n1"})
	if err != nil {
		t.Fatal(err)
	}
	ra, err := Rate("rate", tt, [][]float64{{1, 2, 3, 2}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hm, err := Heatmap("sweep", "weight_pyr", "weight_basket", "max peak", []string{"1e-4", "1e-3", "1e-2"}, []string{"1e-4", "1e-2"},
		[][]float64{{1, 2, 3}, {4, math.NaN(), 6}})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*Figure{"raster": r, "traces": tr, "rate": ra, "heatmap": hm}
}

// Each figure encodes to each format; the output starts with the format's
// magic bytes (SVG: "<?xml" or "<svg"; PNG: \x89PNG; PDF: %PDF).
func TestEncodeFormats(t *testing.T) {
	magic := map[string][]string{"svg": {"<?xml", "<svg"}, "png": {"\x89PNG"}, "pdf": {"%PDF"}}
	dir := t.TempDir()
	for name, f := range testFigures(t) {
		for _, format := range Formats {
			path := filepath.Join(dir, name+"."+format)
			if err := f.Save(path); err != nil {
				t.Fatalf("%s.%s: %v", name, format, err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ok := false
			for _, m := range magic[format] {
				ok = ok || bytes.HasPrefix(b, []byte(m))
			}
			if !ok || len(b) < 500 {
				t.Errorf("%s: %d bytes starting %q", path, len(b), b[:min(len(b), 8)])
			}
		}
	}
	if _, err := testFigures(t)["rate"].Encode("gif"); err == nil || !strings.Contains(err.Error(), `"gif" not supported`) {
		t.Errorf("Encode(gif) error = %v", err)
	}
}

func TestBadData(t *testing.T) {
	if _, err := Raster("r", []chart.Spikes{{Name: "E", Times: []float64{1, 2}, Neurons: []int32{0}}}); err == nil || !strings.Contains(err.Error(), `population 0 ("E"): len(Times) = 2 but len(Neurons) = 1`) {
		t.Errorf("Raster error = %v", err)
	}
	if _, err := Traces("t", "V", []float64{0, 1}, [][]float64{{1}}, nil); err == nil || !strings.Contains(err.Error(), "series 0 has 1 values but t has 2") {
		t.Errorf("Traces error = %v", err)
	}
	if _, err := Heatmap("h", "x", "y", "z", []string{"a"}, []string{"b"}, [][]float64{{1, 2}}); err == nil || !strings.Contains(err.Error(), "z[0] has 2 values but there are 1 x labels") {
		t.Errorf("Heatmap error = %v", err)
	}
}

func TestSweepFigures(t *testing.T) {
	// Weights from the hnn-core batch example's grid (np.logspace(-4, -1, 20)),
	// first, middle and last points; peaks from its printed summary.
	w := []float64{1e-4, 0.0026366508987303583, 0.1}
	mx := []float64{2.438299811172486e-05, 0.0014794795458269632, 0.001512378997571943}
	mn := []float64{-1.9487233699162363e-05, -0.0005827286517536018, -1.9487233699162363e-05}
	m, err := MetricVsParam("peaks", "Synaptic Strength (nS)", "Dipole Peak Magnitude", w, []chart.Series{{Name: "min", Values: mn}, {Name: "max", Values: mx}}, true)
	if err != nil {
		t.Fatal(err)
	}
	tt := []float64{0, 1, 2}
	o, err := Overlay("overlay", "dipole (nAm)", "weight_basket", tt, [][]float64{{0, 1, 0}, {0, 2, 0}, {0, 3, 1}}, w, true)
	if err != nil {
		t.Fatal(err)
	}
	h, err := Histogram("rates", "rate (Hz)", []chart.Series{{Name: "E", Values: []float64{1, 2, 2, 3, math.NaN()}}, {Name: "I", Values: []float64{5, 6}}}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if h.Plot.Title.Text != "rates (1 NaN values left out)" {
		t.Errorf("histogram title %q", h.Plot.Title.Text)
	}
	for name, f := range map[string]*Figure{"metric": m, "overlay": o, "histogram": h} {
		if b, err := f.Encode("png"); err != nil || len(b) < 1000 {
			t.Errorf("%s: %d bytes, %v", name, len(b), err)
		}
	}
	if _, err := MetricVsParam("p", "x", "y", []float64{0, 1}, []chart.Series{{Name: "m", Values: []float64{1, 2}}}, true); err == nil || !strings.Contains(err.Error(), "x[0] = 0 on a log axis") {
		t.Errorf("log x with 0: error %v", err)
	}
	if _, err := Overlay("o", "y", "w", tt, [][]float64{{1}}, []float64{1}, false); err == nil || !strings.Contains(err.Error(), "waves[0] has 1 samples but t has 3") {
		t.Errorf("overlay lengths: error %v", err)
	}
}
