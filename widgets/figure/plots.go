package figure

import (
	"fmt"
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
	offset := 0
	for p, s := range pops {
		if len(s.Times) != len(s.Neurons) {
			return nil, fmt.Errorf("figure: Raster: population %d (%q): len(Times) = %d but len(Neurons) = %d; they must be equal", p, s.Name, len(s.Times), len(s.Neurons))
		}
		size := s.Size
		xy := make(plotter.XYs, len(s.Times))
		for k, t := range s.Times {
			if math.IsNaN(t) || math.IsInf(t, 0) {
				return nil, fmt.Errorf("figure: Raster: population %d (%q): Times[%d] = %v; spike times must be finite", p, s.Name, k, t)
			}
			n := int(s.Neurons[k])
			if n < 0 || (s.Size > 0 && n >= s.Size) {
				return nil, fmt.Errorf("figure: Raster: population %d (%q): Neurons[%d] = %d out of [0, Size=%d)", p, s.Name, k, n, s.Size)
			}
			if s.Size == 0 {
				size = max(size, n+1)
			}
			xy[k] = plotter.XY{X: t, Y: float64(offset + n)}
		}
		sc, err := plotter.NewScatter(xy)
		if err != nil {
			return nil, fmt.Errorf("figure: Raster: population %q: %w", s.Name, err)
		}
		sc.GlyphStyle = draw.GlyphStyle{Color: seriesColor(p), Radius: vg.Points(0.8), Shape: draw.BoxGlyph{}}
		f.Plot.Add(sc)
		f.Plot.Legend.Add(s.Name, sc)
		offset += size
	}
	f.Plot.Y.Min, f.Plot.Y.Max = 0, float64(max(offset, 1))
	f.Plot.Legend.Top = true
	return f, nil
}

// Traces draws state variables over time: t in ms, values[i] labelled
// labels[i] (nil labels: no legend).
func Traces(title, yLabel string, t []float64, values [][]float64, labels []string) (*Figure, error) {
	return lines("Traces", title, "time (ms)", yLabel, t, values, labels)
}

// Rate draws population rates (Hz) over time (ms, bin centres).
func Rate(title string, t []float64, rates [][]float64, labels []string) (*Figure, error) {
	return lines("Rate", title, "time (ms)", "rate (Hz)", t, rates, labels)
}

func lines(kind, title, xl, yl string, x []float64, ys [][]float64, labels []string) (*Figure, error) {
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
	if len(z) != len(yLabels) {
		return nil, fmt.Errorf("figure: Heatmap: z has %d rows but there are %d y labels; they must be equal", len(z), len(yLabels))
	}
	if len(z) == 0 || len(xLabels) == 0 {
		return nil, fmt.Errorf("figure: Heatmap: empty grid (%d x labels, %d y labels)", len(xLabels), len(yLabels))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for j, row := range z {
		if len(row) != len(xLabels) {
			return nil, fmt.Errorf("figure: Heatmap: z[%d] has %d values but there are %d x labels; they must be equal", j, len(row), len(xLabels))
		}
		for i, v := range row {
			if math.IsInf(v, 0) {
				return nil, fmt.Errorf("figure: Heatmap: z[%d][%d] = %v; values must be finite or NaN (missing)", j, i, v)
			}
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	if hi == lo {
		hi = lo + 1
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
