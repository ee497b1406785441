package chart

import (
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// OverlayOptions tunes Overlay; nil gives the defaults.
type OverlayOptions struct {
	Title          string // default "Overlay"
	XLabel, YLabel string // default "time (ms)", "value"
	ParamName      string // shown on the colour scale; default "parameter"
	// LogColor maps log10(param) to colour (every param must be > 0), as the
	// hnn-core example does for synaptic weights swept on a log grid.
	LogColor bool
}

// Overlay draws many waveforms on one time axis, each coloured by its
// parameter value on the viridis scale, with the colour scale shown: the
// hnn-core batch example's "Overlay of Dipole Waveforms". t is in ms;
// waves[k] has len(t) samples and parameter param[k].
func Overlay(t []float64, waves [][]float64, param []float64, o *OverlayOptions) (*Chart, error) {
	var opt OverlayOptions
	if o != nil {
		opt = *o
	}
	if opt.Title == "" {
		opt.Title = "Overlay"
	}
	if opt.XLabel == "" {
		opt.XLabel = "time (ms)"
	}
	if opt.YLabel == "" {
		opt.YLabel = "value"
	}
	if opt.ParamName == "" {
		opt.ParamName = "parameter"
	}
	if len(param) != len(waves) {
		return nil, fmt.Errorf("chart: Overlay: %d parameter values for %d waveforms; they must be equal", len(param), len(waves))
	}
	cv := make([]float64, len(param)) // the value mapped to colour
	lo, hi := math.Inf(1), math.Inf(-1)
	for k, p := range param {
		if math.IsNaN(p) || math.IsInf(p, 0) {
			return nil, fmt.Errorf("chart: Overlay: param[%d] = %v; must be finite", k, p)
		}
		if opt.LogColor && p <= 0 {
			return nil, fmt.Errorf("chart: Overlay: param[%d] = %v with LogColor; must be > 0", k, p)
		}
		cv[k] = p
		if opt.LogColor {
			cv[k] = math.Log10(p)
		}
		lo, hi = math.Min(lo, cv[k]), math.Max(hi, cv[k])
	}
	if len(param) == 0 {
		lo, hi = 0, 1
	}
	span := hi - lo
	if span == 0 {
		span = 1
	}
	c := charts.NewLine()
	var extra []map[string]any
	for k, w := range waves {
		if len(w) != len(t) {
			return nil, fmt.Errorf("chart: Overlay: waves[%d] has %d samples but t has %d; they must be equal", k, len(w), len(t))
		}
		col := ColorAt(Viridis, (cv[k]-lo)/span)
		c.AddSeries(fmt.Sprintf("%s=%.3g", opt.ParamName, param[k]), nil,
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: col, Width: 2, Opacity: opts.Float(0.7)}))
		e := map[string]any{"data": pairs(t, w), "color": col, "silent": len(waves) > 50}
		if len(t) > 2000 {
			e["sampling"] = "lttb"
		}
		extra = append(extra, e)
	}
	// A data-less series carries the colour scale, so that the visualMap
	// does not recolour the waveforms themselves.
	c.AddSeries("colour scale", nil)
	extra = append(extra, map[string]any{"data": []any{}})
	// The bar is labelled with the parameter's own values at its ends; the
	// subtitle names the parameter and the scale.
	scale := "colour: " + opt.ParamName
	pmin, pmax := lo, hi
	if opt.LogColor {
		scale += " (log scale)"
		pmin, pmax = math.Pow(10, lo), math.Pow(10, hi)
	}
	return finish("overlay", c, extra, func(obj map[string]any) {
		common(obj)
		obj["title"] = title(opt.Title, fmt.Sprintf("%d waveforms; %s", len(waves), scale))
		obj["legend"] = map[string]any{"show": false}
		obj["tooltip"] = map[string]any{"show": true, "trigger": "item"}
		obj["xAxis"] = []map[string]any{axis(opt.XLabel, "value")}
		y := axis(opt.YLabel, "value")
		topName(y)
		obj["yAxis"] = []map[string]any{y}
		obj["grid"] = map[string]any{"left": 70, "right": 110, "top": 70, "bottom": 80}
		obj["dataZoom"] = zoomX()
		obj["visualMap"] = []map[string]any{{
			"type": "continuous", "min": f32(lo), "max": f32(hi), "calculable": false,
			"seriesIndex": len(waves), "orient": "vertical", "right": 10, "top": "center",
			"text": []string{formatG(pmax), formatG(pmin)}, "inRange": map[string]any{"color": Viridis},
		}}
	})
}
