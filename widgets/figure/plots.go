package figure

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/golgi-sim/golgi/widgets/chart"
)

// Raster draws a spike raster: time (ms) on x, neuron on y, one colour per
// population, populations stacked in the order given (as chart.Raster).
// Every spike is drawn: for 10^5+ spikes prefer PNG, as SVG and PDF grow
// with the spike count.
func Raster(title string, pops []chart.Spikes) (*Figure, error) {
	f := newFigure(title, "time (ms)", "neuron")
	sizes, err := chart.CheckSpikes(pops)
	if err != nil {
		return nil, fmt.Errorf("figure: Raster: %w", err)
	}
	total := 0
	for _, s := range pops {
		total += len(s.Times)
	}
	radius := vg.Points(0.8) // dense rasters: small dots
	if total < 5000 {
		radius = vg.Points(1.5)
	}
	offset := 0
	for p, s := range pops {
		xy := make(plotter.XYs, len(s.Times))
		for k, t := range s.Times {
			xy[k] = plotter.XY{X: t, Y: float64(offset + int(s.Neurons[k]))}
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return nil, fmt.Errorf("figure: Raster: population %q: %w", s.Name, err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(p), Radius: radius, Shape: draw.BoxGlyph{}}
		f.Plot.Add(sc)
		f.Plot.Legend.Add(s.Name, swatch{seriesColor(p)})
		offset += sizes[p]
	}
	f.Plot.Y.Min, f.Plot.Y.Max = 0, float64(max(offset, 1))
	f.Plot.Legend.Top = true
	return f, nil
}

// swatch is a legend thumbnail: a filled square in a population's colour
// (the raster's dots are too small to be seen in the legend).
type swatch struct{ c color.Color }

func (s swatch) Thumbnail(c *draw.Canvas) {
	side := min(c.Max.X-c.Min.X, c.Max.Y-c.Min.Y)
	x, y := vg.Length((c.Min.X+c.Max.X-side)/2), vg.Length((c.Min.Y+c.Max.Y-side)/2)
	c.FillPolygon(s.c, []vg.Point{{X: x, Y: y}, {X: x + side, Y: y}, {X: x + side, Y: y + side}, {X: x, Y: y + side}})
}

// Traces draws state variables over time: t in ms, values[i] labelled
// labels[i] (nil labels: no legend).
func Traces(title, yLabel string, t []float64, values [][]float64, labels []string) (*Figure, error) {
	return lines("Traces", title, "time (ms)", yLabel, t, values, labels)
}

// Rate draws population rates (Hz) over time: t[k] is the start of bin k
// (ms), as record.Rate.Rates returns it, and each rate is drawn as a step
// over its bin (the last one as wide as the one before it), as chart.Rate
// draws it.
func Rate(title string, t []float64, rates [][]float64, labels []string) (*Figure, error) {
	for i, r := range rates {
		if len(r) != len(t) {
			return nil, fmt.Errorf("figure: Rate: series %d has %d values but t has %d; they must be equal", i, len(r), len(t))
		}
	}
	if end, ok := chart.LastBinEnd(t); ok {
		t = append(t[:len(t):len(t)], end)
		closed := make([][]float64, len(rates))
		for i, r := range rates {
			closed[i] = append(r[:len(r):len(r)], r[len(r)-1])
		}
		rates = closed
	}
	return lines("Rate", title, "time (ms)", "rate (Hz)", t, rates, labels, plotter.PostStep)
}

func lines(kind, title, xl, yl string, x []float64, ys [][]float64, labels []string, step ...plotter.StepKind) (*Figure, error) {
	if labels != nil && len(labels) != len(ys) {
		return nil, fmt.Errorf("figure: %s: %d labels for %d series; give one label per series or nil", kind, len(labels), len(ys))
	}
	f := newFigure(title, xl, yl)
	for i, y := range ys {
		if len(y) != len(x) {
			return nil, fmt.Errorf("figure: %s: series %d has %d values but t has %d; they must be equal", kind, i, len(y), len(x))
		}
		xy := make(plotter.XYs, len(x))
		for k := range x {
			xy[k] = plotter.XY{X: x[k], Y: y[k]}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, fmt.Errorf("figure: %s: series %d: %w", kind, i, err)
		}
		l.Color = seriesColor(i)
		l.Width = vg.Points(1)
		if len(step) > 0 {
			l.StepStyle = step[0]
		}
		f.Plot.Add(l)
		if labels != nil {
			f.Plot.Legend.Add(labels[i], l)
		}
	}
	f.Plot.Legend.Top = true
	f.Plot.Add(plotter.NewGrid())
	return f, nil
}

// grid adapts z[j][i] (row j = y label, column i = x label) to gonum's GridXYZ.
type grid struct{ z [][]float64 }

func (g grid) Dims() (c, r int)   { return len(g.z[0]), len(g.z) }
func (g grid) Z(c, r int) float64 { return g.z[r][c] }
func (g grid) X(c int) float64    { return float64(c) }
func (g grid) Y(r int) float64    { return float64(r) }

// Heatmap draws a 2-D sweep metric with a viridis colour bar: z[j][i] is
// the value at xLabels[i], yLabels[j]; NaN (a failed point) is drawn white.
func Heatmap(title, xLabel, yLabel, zLabel string, xLabels, yLabels []string, z [][]float64) (*Figure, error) {
	if len(z) == 0 || len(xLabels) == 0 {
		return nil, fmt.Errorf("figure: Heatmap: empty grid (%d x labels, %d y labels)", len(xLabels), len(yLabels))
	}
	lo, hi, _, err := chart.CheckGrid(xLabels, yLabels, z)
	if err != nil {
		return nil, fmt.Errorf("figure: Heatmap: %w", err)
	}
	f := newFigure(title, xLabel, yLabel)
	cm := viridis()
	cm.SetMin(lo)
	cm.SetMax(hi)
	h := plotter.NewHeatMap(grid{z}, cm.Palette(256))
	h.Min, h.Max = lo, hi
	h.NaN = colorWhite
	f.Plot.Add(h)
	f.Plot.NominalX(xLabels...)
	f.Plot.NominalY(yLabels...)
	f.Plot.X.Tick.Label.Rotation = math.Pi / 4
	f.Plot.X.Tick.Label.XAlign = draw.XRight
	bar := plot.New()
	bar.HideX()
	bar.Y.Label.Text = zLabel
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	f.colorBar = bar
	return f, nil
}
