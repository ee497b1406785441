package figure

import (
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/golgi-sim/golgi/widgets/chart"
)

// The legend is drawn beside the data area, never on it: for every figure
// with a legend, the strip it is drawn in does not overlap the plot's data
// canvas, and the legend fits in the strip. Then, from pixels: drawn to a
// PNG, the data area of a traces figure whose curves fill its top right
// corner (where gonum puts a legend by default) has no pixels of the
// legend's text colour (black) there.
func TestLegendOutsideData(t *testing.T) {
	tt := []float64{0, 1, 2, 3}
	full := [][]float64{{10, 10, 10, 10}, {0, 0, 0, 0}}
	tr, err := Traces("traces", "V (mV)", tt, full, []string{"a long legend entry", "n1"})
	if err != nil {
		t.Fatal(err)
	}
	hist, err := Histogram("h", "rate (Hz)", []chart.Series{{Name: "E", Values: []float64{1, 2, 2, 3}}, {Name: "I", Values: []float64{2, 3, 3, 4}}}, 3)
	if err != nil {
		t.Fatal(err)
	}
	figs := testFigures(t)
	figs["traces full"], figs["histogram"] = tr, hist
	checked := 0
	for name, f := range figs {
		c := vgimg.New(f.Width, f.Height)
		dc := draw.New(c)
		plotC, legendC, _, legend := f.layout(dc)
		if !legend {
			continue
		}
		checked++
		data := f.Plot.DataCanvas(plotC)
		if legendC.Min.X < data.Max.X {
			t.Errorf("%s: legend strip from x=%v overlaps the data area, which ends at x=%v", name, legendC.Min.X, data.Max.X)
		}
		if w := f.Plot.Legend.Rectangle(dc).Size().X; w > legendC.Size().X {
			t.Errorf("%s: legend %v wide in a strip of %v", name, w, legendC.Size().X)
		}
	}
	if checked < 4 { // raster, traces, traces full, histogram
		t.Errorf("%d figures with a legend checked, want 4", checked)
	}
	// Pixels: no black (legend text) inside the data area's top right
	// quarter of the full traces figure.
	c := vgimg.New(tr.Width, tr.Height)
	dc := draw.New(c)
	tr.draw(dc)
	plotC, _, _, _ := tr.layout(dc)
	data := tr.Plot.DataCanvas(plotC)
	img := c.Image()
	dpi := float64(vgimg.DefaultDPI) / float64(vg.Inch)
	h := img.Bounds().Dy()
	x0, x1 := int(float64(data.Min.X+data.Max.X)/2*dpi), int(float64(data.Max.X)*dpi)-2
	y0, y1 := h-int(float64(data.Max.Y)*dpi)+2, h-int(float64(data.Min.Y+data.Max.Y)/2*dpi)
	dark := 0
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			r, g, b, _ := color.GrayModel.Convert(img.At(x, y)).RGBA()
			if r < 0x3000 && g < 0x3000 && b < 0x3000 {
				dark++
			}
		}
	}
	if dark > 0 {
		t.Errorf("%d dark (legend text) pixels in the data area's top right quarter", dark)
	}
	if a := os.Getenv("GOLGI_TEST_ARTIFACTS"); a != "" {
		_ = os.MkdirAll(a, 0o755)
		_ = tr.Save(filepath.Join(a, "figure-legend.png"))
	}
}
