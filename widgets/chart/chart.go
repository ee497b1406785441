package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
)

// Default size of a chart's box on the page.
const (
	DefaultWidth  = "100%"
	DefaultHeight = "420px"
)

// Chart is a built interactive chart: the ECharts option and the size of its
// box. Make one with a builder (Raster, Traces, Rate, Histogram, Heatmap,
// MetricVsParam, Overlay, Line, Scatter); show it with Display, embed it with
// HTML, or write it with SaveHTML.
type Chart struct {
	// Kind names the builder that made the chart ("raster", "traces", ...).
	Kind string
	// Width and Height are CSS lengths of the chart's box.
	Width, Height string
	// Note is a one-line remark on what is drawn, e.g. how a large raster
	// was downsampled; it is also in the chart's subtitle.
	Note string

	option []byte // compact JSON
}

// Option returns the ECharts option as compact JSON. HTML-sensitive
// characters are escaped (\u003c...), so it can be placed in a <script>.
func (c *Chart) Option() []byte { return c.option }

// OptionIndent returns the ECharts option as indented JSON (golden tests, debugging).
func (c *Chart) OptionIndent() []byte {
	var b bytes.Buffer
	if err := json.Indent(&b, c.option, "", "  "); err != nil {
		panic("chart: invalid option JSON: " + err.Error())
	}
	return b.Bytes()
}

// Size returns the number of bytes of the chart's option JSON.
func (c *Chart) Size() int { return len(c.option) }

// renderer is what go-echarts' rectangular charts have in common.
type renderer interface {
	Validate()
	JSON() map[string]interface{}
}

// finish turns a go-echarts chart into a Chart: it validates the chart,
// takes its option as a map, merges extra[i] into series i (its data, and
// entries go-echarts has no field for), lets edit change the top-level
// entries, and encodes the option.
//
// Series are built in go-echarts without data: go-echarts wraps every point
// in an object, while ECharts also takes plain arrays, half the size.
func finish(kind string, c renderer, extra []map[string]any, edit func(map[string]any)) (*Chart, error) {
	c.Validate()
	obj := c.JSON()
	sb, err := json.Marshal(obj["series"])
	if err != nil {
		return nil, fmt.Errorf("chart: %s: encoding series: %w", kind, err)
	}
	var series []map[string]any
	if err := json.Unmarshal(sb, &series); err != nil {
		return nil, fmt.Errorf("chart: %s: decoding series: %w", kind, err)
	}
	if len(extra) != len(series) {
		panic(fmt.Sprintf("chart: %s: %d series but %d extras", kind, len(series), len(extra)))
	}
	for i, m := range extra {
		for k, v := range m {
			series[i][k] = v
		}
	}
	obj["series"] = series
	if edit != nil {
		edit(obj)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(obj); err != nil {
		return nil, fmt.Errorf("chart: %s: encoding option: %w", kind, err)
	}
	return &Chart{Kind: kind, Width: DefaultWidth, Height: DefaultHeight,
		option: bytes.TrimRight(b.Bytes(), "\n")}, nil
}

// grid is the margin around every chart's plot area, in pixels; the browser
// test relies on it to find the plot region in a screenshot.
var grid = map[string]any{"left": 70, "right": 40, "top": 70, "bottom": 80, "containLabel": false}

// Legends have a band of their own between the title (with its subtitle)
// and the plot area, which moves down to make room: a legend never covers
// the data. A long legend scrolls in its band instead of wrapping.
const (
	legendTop     = 48 // px from the top of the box: below the subtitle
	legendGridTop = 92 // px: the plot area's top when a legend is shown
)

// legend sets the chart's legend, shown or not, in its band.
func legend(obj map[string]any, show bool) {
	obj["legend"] = map[string]any{"show": show, "type": "scroll", "top": legendTop, "left": 150, "right": 40}
	if !show {
		return
	}
	g := map[string]any{}
	if old, ok := obj["grid"].(map[string]any); ok {
		for k, v := range old {
			g[k] = v
		}
	}
	g["top"] = legendGridTop
	obj["grid"] = g
}

// common sets the entries every chart of golgi shares.
func common(obj map[string]any) {
	obj["grid"] = grid
	obj["animation"] = false
	obj["toolbox"] = map[string]any{
		"show":    true,
		"feature": map[string]any{"saveAsImage": map[string]any{"title": "save PNG"}, "restore": map[string]any{}},
	}
}

// zoomX is a slider under the x axis plus mouse-wheel zoom inside the plot.
func zoomX() []map[string]any {
	return []map[string]any{
		{"type": "inside", "xAxisIndex": 0, "filterMode": "none"},
		{"type": "slider", "xAxisIndex": 0, "filterMode": "none", "height": 18, "bottom": 12},
	}
}

// axis returns a value axis; typ is "value" or "log".
func axis(name, typ string) map[string]any {
	a := map[string]any{"type": typ, "name": name, "nameLocation": "middle", "nameGap": 32, "scale": true}
	if typ != "category" {
		// Keep axis lines at the plot's edges, not through zero mid-plot.
		a["axisLine"] = map[string]any{"onZero": false}
	}
	return a
}

// topName puts a y axis' name above its top end, starting at the axis
// line, where long tick labels cannot overlap it.
func topName(y map[string]any) {
	y["nameLocation"] = "end"
	y["nameGap"] = 12
	y["nameTextStyle"] = map[string]any{"align": "left"}
}

// f32 rounds to float32, enough for display and half the JSON of float64.
// NaN and ±Inf are not valid JSON; they become nil ("-" gap in ECharts).
func f32(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return float32(v)
}

// pairs zips x and y into [[x0,y0],[x1,y1],...] for ECharts, with gaps
// (null) where y is not finite.
func pairs(x, y []float64) [][2]any {
	out := make([][2]any, len(x))
	for i := range x {
		out[i] = [2]any{f32(x[i]), f32(y[i])}
	}
	return out
}

// title returns the chart's title entry with subtext sub.
func title(text, sub string) map[string]any {
	t := map[string]any{"text": text, "left": "center"}
	if sub != "" {
		t["subtext"] = sub
	}
	return t
}
