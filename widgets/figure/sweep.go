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

// Histogram draws the distribution of each group's values with shared,
// equal-width bins (default 30 when bins is 0), groups overlaid in
// translucent colours. NaN values (the CV of a silent neuron) are left out
// and counted in the title; ±Inf is an error.
func Histogram(title, xLabel string, groups []chart.Series, bins int) (*Figure, error) {
	if bins == 0 {
		bins = 30
	}
	if bins < 0 {
		return nil, fmt.Errorf("figure: Histogram: bins = %d; must be > 0", bins)
	}
	lo, hi, nan, err := chart.ValueRange(groups)
	if err != nil {
		return nil, fmt.Errorf("figure: Histogram: %w", err)
	}
	if nan > 0 {
		title = fmt.Sprintf("%s (%d NaN values left out)", title, nan)
	}
	f := newFigure(title, xLabel, "count")
	width := (hi - lo) / float64(bins)
	for gi, g := range groups {
		h := &plotter.Histogram{Width: width, LineStyle: plotter.DefaultLineStyle}
		h.Bins = make([]plotter.HistogramBin, bins)
		for b := range h.Bins {
			h.Bins[b].Min, h.Bins[b].Max = lo+float64(float64(b)*width), lo+float64(float64(b+1)*width)
		}
		for _, v := range g.Values {
			if !math.IsNaN(v) {
				h.Bins[min(int((v-lo)/width), bins-1)].Weight++
			}
		}
		c := color.NRGBAModel.Convert(seriesColor(gi)).(color.NRGBA)
		c.A = 160
		h.FillColor = c
		h.LineStyle.Color = seriesColor(gi)
		h.LineStyle.Width = vg.Points(0.5)
		f.Plot.Add(h)
		f.Plot.Legend.Add(g.Name, swatch{seriesColor(gi)})
	}
	f.Plot.Legend.Top = true
	return f, nil
}

// MetricVsParam draws sweep metrics against the swept parameter with
// markers, on a log x axis when logX (every param must then be > 0): the
// hnn-core batch example's min and max dipole peaks against synaptic weight.
func MetricVsParam(title, xLabel, yLabel string, param []float64, metrics []chart.Series, logX bool) (*Figure, error) {
	if err := chart.CheckXY(param, metrics, logX, false); err != nil {
		return nil, fmt.Errorf("figure: MetricVsParam: %w", err)
	}
	f := newFigure(title, xLabel, yLabel)
	if logX {
		f.Plot.X.Scale = plot.LogScale{}
		f.Plot.X.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	f.Plot.Add(plotter.NewGrid())
	for i, m := range metrics {
		xy := make(plotter.XYs, len(param))
		for k := range param {
			xy[k] = plotter.XY{X: param[k], Y: m.Values[k]}
		}
		l, s, err := plotter.NewLinePoints(xy)
		if err != nil {
			return nil, fmt.Errorf("figure: MetricVsParam: series %q: %w", m.Name, err)
		}
		l.Color, s.Color = seriesColor(i), seriesColor(i)
		s.Shape = draw.CircleGlyph{}
		f.Plot.Add(l, s)
		f.Plot.Legend.Add(m.Name, l, s)
	}
	f.Plot.Legend.Top = true
	return f, nil
}

// Overlay draws many waveforms on one time axis (t in ms), each coloured by
// its parameter on the viridis scale (log10 of it when logColor), with a
// colour bar: the hnn-core example's overlay of dipole waveforms.
func Overlay(title, yLabel, paramName string, t []float64, waves [][]float64, param []float64, logColor bool) (*Figure, error) {
	if len(param) != len(waves) {
		return nil, fmt.Errorf("figure: Overlay: %d parameter values for %d waveforms; they must be equal", len(param), len(waves))
	}
	cv := make([]float64, len(param))
	lo, hi := math.Inf(1), math.Inf(-1)
	for k, p := range param {
		if math.IsNaN(p) || math.IsInf(p, 0) || (logColor && p <= 0) {
			return nil, fmt.Errorf("figure: Overlay: param[%d] = %v; must be finite (and > 0 with logColor)", k, p)
		}
		cv[k] = p
		if logColor {
			cv[k] = math.Log10(p)
		}
		lo, hi = math.Min(lo, cv[k]), math.Max(hi, cv[k])
	}
	if len(param) == 0 {
		lo, hi = 0, 1
	}
	if hi == lo {
		hi = lo + 1
	}
	f := newFigure(title, "time (ms)", yLabel)
	f.Plot.Add(plotter.NewGrid())
	cm := viridis()
	cm.SetMin(lo)
	cm.SetMax(hi)
	for k, w := range waves {
		if len(w) != len(t) {
			return nil, fmt.Errorf("figure: Overlay: waves[%d] has %d samples but t has %d; they must be equal", k, len(w), len(t))
		}
		xy := make(plotter.XYs, len(t))
		for i := range t {
			xy[i] = plotter.XY{X: t[i], Y: w[i]}
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, fmt.Errorf("figure: Overlay: waves[%d]: %w", k, err)
		}
		c, err := cm.At(cv[k])
		if err != nil {
			return nil, fmt.Errorf("figure: Overlay: colour of param[%d] = %v: %w", k, param[k], err)
		}
		l.Color = c
		l.Width = vg.Points(1.2)
		f.Plot.Add(l)
	}
	bar := plot.New()
	bar.HideX()
	bar.Y.Label.Text = paramName
	if logColor {
		bar.Y.Label.Text = "log10 " + paramName
	}
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	f.colorBar = bar
	return f, nil
}
