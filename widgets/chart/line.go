package chart

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Series is one named curve: Values[i] belongs to the shared x[i].
type Series struct {
	Name   string
	Values []float64
}

// XYOptions tunes the line and scatter builders; nil gives the defaults.
type XYOptions struct {
	Title          string
	XLabel, YLabel string
	// LogX and LogY draw the axis on a log10 scale; every value on it must
	// then be > 0.
	LogX, LogY bool
	// Zoom adds a zoom slider under the x axis (default on for traces and rates).
	Zoom bool
}

type xyKind struct {
	kind    string // builder name, in errors and Chart.Kind
	series  string // "line" or "scatter"
	area    bool   // fill under the line
	symbols bool   // draw a symbol per point
	zeroY   bool   // y axis starts at 0 (rates)
	step    bool   // each value holds until the next x (bins starting at x)
}

// Traces draws state variables over time, e.g. the membrane potential of a
// few neurons: t in ms, values[i] the trace called labels[i] (labels may be
// nil: "trace 0", "trace 1", ...). Zoom with the slider or the mouse wheel.
func Traces(t []float64, values [][]float64, labels []string, o *XYOptions) (*Chart, error) {
	opt := defaults(o, "Traces", "time (ms)", "V (mV)")
	opt.Zoom = true
	ss, err := labelled("Traces", values, labels, "trace")
	if err != nil {
		return nil, err
	}
	return xy(xyKind{kind: "traces", series: "line"}, t, ss, opt)
}

// Rate draws population firing rates over time: t[k] is the start of bin k
// (ms), as record.Rate.Rates returns it, and rates[i][k] the rate (Hz) of
// the population labels[i] in that bin. Each rate is drawn as a step over
// its bin, from t[k] to t[k+1]; the last bin is drawn as wide as the one
// before it.
func Rate(t []float64, rates [][]float64, labels []string, o *XYOptions) (*Chart, error) {
	opt := defaults(o, "Population rate", "time (ms)", "rate (Hz)")
	opt.Zoom = true
	ss, err := labelled("Rate", rates, labels, "population")
	if err != nil {
		return nil, err
	}
	if err := CheckXY(t, ss, false, false); err != nil {
		return nil, fmt.Errorf("chart: rate: %w", err)
	}
	t, ss = closeLastBin(t, ss)
	return xy(xyKind{kind: "rate", series: "line", area: true, zeroY: true, step: true}, t, ss, opt)
}

// LastBinEnd returns where the last of the bins starting at t ends when it
// is as wide as the one before it; ok is false with fewer than two bins or
// bins not in increasing order.
func LastBinEnd(t []float64) (end float64, ok bool) {
	n := len(t)
	if n < 2 || !(t[n-1] > t[n-2]) {
		return 0, false
	}
	return t[n-1] + (t[n-1] - t[n-2]), true
}

// closeLastBin appends the end of the last bin, with each series' last
// value, so that a step drawn from bin starts covers the last bin too.
func closeLastBin(t []float64, ss []Series) ([]float64, []Series) {
	end, ok := LastBinEnd(t)
	if !ok {
		return t, ss
	}
	t = append(t[:len(t):len(t)], end)
	out := make([]Series, len(ss))
	for i, s := range ss {
		out[i] = Series{Name: s.Name, Values: append(s.Values[:len(s.Values):len(s.Values)], s.Values[len(s.Values)-1])}
	}
	return t, out
}

// Line draws curves against a shared x.
func Line(x []float64, series []Series, o *XYOptions) (*Chart, error) {
	return xy(xyKind{kind: "line", series: "line", symbols: len(x) <= 50}, x, series, defaults(o, "", "x", "y"))
}

// Scatter draws points (x[i], s.Values[i]) for each series s.
func Scatter(x []float64, series []Series, o *XYOptions) (*Chart, error) {
	return xy(xyKind{kind: "scatter", series: "scatter", symbols: true}, x, series, defaults(o, "", "x", "y"))
}

// MetricVsParam draws summary metrics of a sweep against the swept
// parameter, with markers, on a log x axis unless o says otherwise (as the
// hnn-core batch example plots min and max dipole peaks against synaptic
// weight). A nil o means LogX.
func MetricVsParam(param []float64, metrics []Series, o *XYOptions) (*Chart, error) {
	opt := defaults(o, "Metric against parameter", "parameter", "metric")
	if o == nil {
		opt.LogX = true
	}
	return xy(xyKind{kind: "metric", series: "line", symbols: true}, param, metrics, opt)
}

func defaults(o *XYOptions, title, xl, yl string) XYOptions {
	var opt XYOptions
	if o != nil {
		opt = *o
	}
	if opt.Title == "" {
		opt.Title = title
	}
	if opt.XLabel == "" {
		opt.XLabel = xl
	}
	if opt.YLabel == "" {
		opt.YLabel = yl
	}
	return opt
}

// labelled pairs values with labels, checking their counts.
func labelled(kind string, values [][]float64, labels []string, prefix string) ([]Series, error) {
	if labels != nil && len(labels) != len(values) {
		return nil, fmt.Errorf("chart: %s: %d labels for %d series; give one label per series or nil", kind, len(labels), len(values))
	}
	ss := make([]Series, len(values))
	for i, v := range values {
		name := fmt.Sprintf("%s %d", prefix, i)
		if labels != nil {
			name = labels[i]
		}
		ss[i] = Series{Name: name, Values: v}
	}
	return ss, nil
}

func xy(k xyKind, x []float64, series []Series, opt XYOptions) (*Chart, error) {
	if err := CheckXY(x, series, opt.LogX, opt.LogY); err != nil {
		return nil, fmt.Errorf("chart: %s: %w", k.kind, err)
	}
	var extra []map[string]any
	var c renderer
	if k.series == "scatter" {
		sc := charts.NewScatter()
		for _, s := range series {
			sc.AddSeries(s.Name, nil, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 6}))
		}
		c = sc
	} else {
		lc := charts.NewLine()
		for _, s := range series {
			lc.AddSeries(s.Name, nil, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(k.symbols)}))
			if k.area {
				lc.MultiSeries[len(lc.MultiSeries)-1].AreaStyle = &opts.AreaStyle{Opacity: opts.Float(0.15)}
			}
			if k.step {
				lc.MultiSeries[len(lc.MultiSeries)-1].Step = "end"
			}
		}
		c = lc
	}
	for _, s := range series {
		e := map[string]any{"data": pairs(x, s.Values)}
		if k.series == "line" && len(x) > 2000 {
			e["sampling"] = "lttb" // largest-triangle downsampling at draw time
		}
		extra = append(extra, e)
	}
	typ := func(log bool) string {
		if log {
			return "log"
		}
		return "value"
	}
	return finish(k.kind, c, extra, func(obj map[string]any) {
		common(obj)
		obj["title"] = title(opt.Title, "")
		legend(obj, len(series) > 1)
		obj["tooltip"] = map[string]any{"show": true, "trigger": "axis"}
		if k.series == "scatter" {
			obj["tooltip"] = map[string]any{"show": true, "trigger": "item"}
		}
		obj["xAxis"] = []map[string]any{axis(opt.XLabel, typ(opt.LogX))}
		y := axis(opt.YLabel, typ(opt.LogY))
		topName(y)
		if k.zeroY && !opt.LogY {
			y["scale"] = false
		}
		obj["yAxis"] = []map[string]any{y}
		if opt.Zoom {
			obj["dataZoom"] = zoomX()
		}
	})
}
