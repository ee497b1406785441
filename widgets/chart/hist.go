package chart

import (
	"fmt"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// HistogramOptions tunes Histogram; nil gives the defaults.
type HistogramOptions struct {
	Title  string // default "Histogram"
	XLabel string // default "value"
	Bins   int    // number of equal-width bins; default 30
	// Min and Max fix the binned range; when both are 0 it is the range of
	// the finite values.
	Min, Max float64
}

// Histogram draws the distribution of each group's values (e.g. firing
// rates in Hz or ISI CVs per population) with shared bins. NaN values (the
// CV of a neuron with fewer than two intervals) are left out and counted in
// the subtitle; ±Inf is an error.
func Histogram(groups []Series, o *HistogramOptions) (*Chart, error) {
	var opt HistogramOptions
	if o != nil {
		opt = *o
	}
	if opt.Title == "" {
		opt.Title = "Histogram"
	}
	if opt.XLabel == "" {
		opt.XLabel = "value"
	}
	if opt.Bins == 0 {
		opt.Bins = 30
	}
	if opt.Bins < 0 {
		return nil, fmt.Errorf("chart: Histogram: Bins = %d; must be > 0", opt.Bins)
	}
	lo, hi, _, err := ValueRange(groups)
	if err != nil {
		return nil, fmt.Errorf("chart: Histogram: %w", err)
	}
	if opt.Min != 0 || opt.Max != 0 {
		lo, hi = opt.Min, opt.Max
		if !(hi > lo) {
			return nil, fmt.Errorf("chart: Histogram: Min = %v, Max = %v; need Min < Max", lo, hi)
		}
	}
	width := (hi - lo) / float64(opt.Bins)
	labels := make([]string, opt.Bins)
	for b := range labels {
		labels[b] = strconv.FormatFloat(lo+float64((float64(b)+0.5)*width), 'g', 3, 64)
	}
	c := charts.NewBar()
	c.SetXAxis(labels)
	var extra []map[string]any
	nan, out := 0, 0
	for _, g := range groups {
		counts := make([]int, opt.Bins)
		for _, v := range g.Values {
			switch {
			case math.IsNaN(v):
				nan++
				continue
			case v < lo || v > hi:
				out++
				continue
			}
			b := min(int((v-lo)/width), opt.Bins-1)
			counts[b]++
		}
		c.AddSeries(g.Name, []opts.BarData{}, charts.WithBarChartOpts(opts.BarChart{BarGap: "0%", BarCategoryGap: "5%"}))
		extra = append(extra, map[string]any{"data": counts})
	}
	sub := ""
	if nan > 0 {
		sub = fmt.Sprintf("%d NaN values left out", nan)
	}
	if out > 0 {
		if sub != "" {
			sub += "; "
		}
		sub += fmt.Sprintf("%d values outside [%g, %g] left out", out, lo, hi)
	}
	ch, err := finish("histogram", c, extra, func(obj map[string]any) {
		common(obj)
		obj["title"] = title(opt.Title, sub)
		legend(obj, len(groups) > 1)
		obj["tooltip"] = map[string]any{"show": true, "trigger": "axis"}
		x := axis(opt.XLabel, "category")
		delete(x, "scale")
		x["data"] = labels
		obj["xAxis"] = []map[string]any{x}
		y := axis("count", "value")
		topName(y)
		y["scale"] = false
		y["minInterval"] = 1
		obj["yAxis"] = []map[string]any{y}
	})
	if err != nil {
		return nil, err
	}
	ch.Note = sub
	return ch, nil
}
