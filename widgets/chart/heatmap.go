package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// HeatmapOptions tunes Heatmap; nil gives the defaults.
type HeatmapOptions struct {
	Title                  string // default "Sweep"
	XLabel, YLabel, ZLabel string
}

// Heatmap draws a 2-D sweep metric: z[j][i] is the value at column
// xLabels[i], row yLabels[j] (e.g. weight_pyr across, weight_basket up).
// NaN marks a missing point (a failed sweep point) and is left blank;
// ±Inf is an error.
func Heatmap(xLabels, yLabels []string, z [][]float64, o *HeatmapOptions) (*Chart, error) {
	var opt HeatmapOptions
	if o != nil {
		opt = *o
	}
	if opt.Title == "" {
		opt.Title = "Sweep"
	}
	lo, hi, missing, err := CheckGrid(xLabels, yLabels, z)
	if err != nil {
		return nil, fmt.Errorf("chart: Heatmap: %w", err)
	}
	data := make([][3]any, 0, len(xLabels)*len(yLabels))
	for j, row := range z {
		for i, v := range row {
			if math.IsNaN(v) {
				data = append(data, [3]any{i, j, "-"})
			} else {
				data = append(data, [3]any{i, j, f32(v)})
			}
		}
	}
	c := charts.NewHeatMap()
	c.AddSeries(opt.ZLabel, []opts.HeatMapData{})
	// The colour bar is labelled with the data's own range at its ends (no
	// drag handles: their labels round to whole numbers, so 0.004..0.62
	// read 0..1); the subtitle names the quantity.
	sub := ""
	if opt.ZLabel != "" {
		sub = "colour: " + opt.ZLabel
	}
	if missing > 0 {
		sub = strings.TrimPrefix(sub+"; ", "; ") + fmt.Sprintf("%d missing points left blank", missing)
	}
	return finish("heatmap", c, []map[string]any{{"data": data}}, func(obj map[string]any) {
		common(obj)
		obj["title"] = title(opt.Title, sub)
		obj["legend"] = map[string]any{"show": false}
		obj["tooltip"] = map[string]any{"show": true, "trigger": "item"}
		x := axis(opt.XLabel, "category")
		delete(x, "scale")
		x["data"] = xLabels
		x["splitArea"] = map[string]any{"show": true}
		y := axis(opt.YLabel, "category")
		delete(y, "scale")
		y["data"] = yLabels
		topName(y)
		y["splitArea"] = map[string]any{"show": true}
		obj["xAxis"] = []map[string]any{x}
		obj["yAxis"] = []map[string]any{y}
		obj["grid"] = map[string]any{"left": 70, "right": 110, "top": 70, "bottom": 80}
		obj["visualMap"] = []map[string]any{{
			"type": "continuous", "min": f32(lo), "max": f32(hi), "calculable": false,
			"orient": "vertical", "right": 10, "top": "center", "text": []string{formatG(hi), formatG(lo)},
			"inRange": map[string]any{"color": Viridis},
		}}
	})
}
