package figure

import (
	"bytes"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/golgi-sim/golgi/widgets"
	"github.com/golgi-sim/golgi/widgets/chart"
)

// Default size: a two-column-wide journal figure.
const (
	DefaultWidth  = 16 * vg.Centimeter
	DefaultHeight = 9 * vg.Centimeter
)

// Figure is a gonum/plot plot with its size, and an optional colour bar
// drawn to its right.
type Figure struct {
	Plot          *plot.Plot
	Width, Height vg.Length

	colorBar *plot.Plot
}

func newFigure(title, x, y string) *Figure {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	return &Figure{Plot: p, Width: DefaultWidth, Height: DefaultHeight}
}

// Formats lists the formats Encode and Save accept.
var Formats = []string{"svg", "png", "pdf"}

// Encode draws the figure in format ("svg", "png" or "pdf").
func (f *Figure) Encode(format string) ([]byte, error) {
	format = strings.ToLower(format)
	switch format {
	case "svg", "png", "pdf":
	default:
		return nil, fmt.Errorf("figure: format %q not supported; use one of %v", format, Formats)
	}
	c, err := draw.NewFormattedCanvas(f.Width, f.Height, format)
	if err != nil {
		return nil, fmt.Errorf("figure: %w", err)
	}
	f.draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("figure: encoding %s: %w", format, err)
	}
	return b.Bytes(), nil
}

// layout splits the figure's canvas: the plot, then to its right the legend
// (when the plot has entries in it) and the colour bar (when there is
// one). The legend is drawn outside the plot's data area, so it never
// covers a curve.
func (f *Figure) layout(dc draw.Canvas) (plotC, legendC, barC draw.Canvas, legend bool) {
	const gap = 0.3 * vg.Centimeter
	plotC = dc
	right := vg.Length(0)
	if f.colorBar != nil {
		bar := 2.2 * vg.Centimeter
		barC = draw.Crop(dc, f.Width-bar, 0, 0, 0)
		right = bar + 0.5*vg.Centimeter - gap
	}
	lw := f.Plot.Legend.Rectangle(dc).Size().X
	if legend = lw > 0; legend {
		legendC = draw.Crop(dc, f.Width-right-lw-gap, -right, 0, 0)
		right += lw + 2*gap
	}
	if right > 0 {
		plotC = draw.Crop(dc, 0, -right, 0, 0)
	}
	return plotC, legendC, barC, legend
}

// draw draws the figure: the plot without its legend, and the legend and
// the colour bar beside it.
func (f *Figure) draw(dc draw.Canvas) {
	plotC, legendC, barC, legend := f.layout(dc)
	if legend {
		l := f.Plot.Legend
		f.Plot.Legend = plot.NewLegend() // the plot draws no legend over its data
		defer func() { f.Plot.Legend = l }()
		l.Top, l.Left = true, true
		l.YOffs = -f.Plot.Title.TextStyle.Rectangle(f.Plot.Title.Text).Size().Y - f.Plot.Title.Padding
		l.XOffs = 0
		l.Draw(legendC)
	}
	f.Plot.Draw(plotC)
	if f.colorBar != nil {
		f.colorBar.Draw(barC)
	}
}

// Save writes the figure to path in the format its extension names
// (.svg, .png or .pdf).
func (f *Figure) Save(path string) error {
	ext := strings.TrimPrefix(filepath.Ext(path), ".")
	b, err := f.Encode(ext)
	if err != nil {
		return fmt.Errorf("figure: saving %s: %w", path, err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("figure: %w", err)
	}
	return nil
}

// Display shows the figure inline (SVG) in the running notebook cell and
// does nothing outside a notebook.
func (f *Figure) Display() error {
	if !widgets.IsNotebook() {
		return nil
	}
	b, err := f.Encode("svg")
	if err != nil {
		return err
	}
	widgets.DisplaySVG(string(b))
	return nil
}

// viridis returns the viridis colour map of package chart as a gonum
// ColorMap (its stops rise in luminance, as moreland.NewLuminance needs).
func viridis() palette.ColorMap {
	cs := make([]color.Color, len(chart.Viridis))
	for i, h := range chart.Viridis {
		c := chart.RGB(h)
		cs[i] = color.NRGBA{uint8(c[0]), uint8(c[1]), uint8(c[2]), 255}
	}
	cm, err := moreland.NewLuminance(cs)
	if err != nil {
		panic("figure: viridis stops: " + err.Error())
	}
	return cm
}

// palette colours for populations and traces: ECharts' default palette, so
// figures match the interactive charts.
var seriesColors = []string{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}

func seriesColor(i int) color.Color {
	c := chart.RGB(seriesColors[i%len(seriesColors)])
	return color.NRGBA{uint8(c[0]), uint8(c[1]), uint8(c[2]), 255}
}

var colorWhite = color.White
