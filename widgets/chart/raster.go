package chart

import (
	"fmt"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Spikes is one population's spikes: Times[k] (ms) is a spike of neuron
// Neurons[k] (index within the population).
type Spikes struct {
	Name    string
	Times   []float64 // ms
	Neurons []int32
	// Size is the number of neurons in the population, used to stack
	// populations one above the other; 0 means max(Neurons)+1.
	Size int
}

// RasterOptions tunes Raster; the zero value (or nil) gives the defaults.
type RasterOptions struct {
	Title string // default "Spike raster"
	// MaxPoints is the largest number of spikes drawn; above it every k-th
	// spike of each population is kept (k the smallest that fits) and the
	// subtitle says so. Default 200,000; -1 draws all.
	MaxPoints int
	// SymbolSize in pixels; default 2, or 5 below 2000 spikes.
	SymbolSize int
}

const defaultMaxPoints = 200_000

// Raster builds a spike raster: time on x, neuron on y, one colour per
// population, populations stacked in the order given. The subtitle shows the
// spike count. Scatter series use ECharts' large mode above 2,000 points, so
// 10^5 spikes render in well under a second (docs/widgets-performance.md).
func Raster(pops []Spikes, o *RasterOptions) (*Chart, error) {
	var opt RasterOptions
	if o != nil {
		opt = *o
	}
	if opt.Title == "" {
		opt.Title = "Spike raster"
	}
	if opt.MaxPoints == 0 {
		opt.MaxPoints = defaultMaxPoints
	}
	total := 0
	sizes, err := CheckSpikes(pops)
	if err != nil {
		return nil, fmt.Errorf("chart: Raster: %w", err)
	}
	for _, s := range pops {
		total += len(s.Times)
	}
	if opt.SymbolSize == 0 {
		opt.SymbolSize = 2
		if total < 2000 { // a sparse raster: dots large enough to see
			opt.SymbolSize = 5
		}
	}
	stride := 1
	if opt.MaxPoints > 0 && total > opt.MaxPoints {
		stride = (total + opt.MaxPoints - 1) / opt.MaxPoints
	}
	drawn := 0
	c := charts.NewScatter()
	offset := 0
	var names []string
	var extra []map[string]any
	for p, s := range pops {
		data := make([][2]float32, 0, (len(s.Times)+stride-1)/stride)
		size := sizes[p]
		for k := 0; k < len(s.Times); k += stride {
			data = append(data, [2]float32{float32(s.Times[k]), float32(offset + int(s.Neurons[k]))})
		}
		drawn += len(data)
		c.AddSeries(s.Name, nil, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: opt.SymbolSize}),
			charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
				ss.Large = opts.Bool(true)
				ss.LargeThreshold = 2000
			}))
		extra = append(extra, map[string]any{"data": data})
		names = append(names, fmt.Sprintf("%s %d–%d", s.Name, offset, offset+size-1))
		offset += size
	}
	sub := fmt.Sprintf("%s spikes", thousands(total))
	note := ""
	if stride > 1 {
		note = fmt.Sprintf("%s of %s spikes drawn (every %d%s spike of each population)", thousands(drawn), thousands(total), stride, ordinal(stride))
		sub = note
	}
	ch, err := finish("raster", c, extra, func(obj map[string]any) {
		common(obj)
		obj["title"] = title(opt.Title, sub)
		legend(obj, true)
		obj["tooltip"] = map[string]any{"show": true, "trigger": "item"}
		obj["xAxis"] = []map[string]any{axis("time (ms)", "value")}
		yname := "neuron"
		if len(pops) > 1 {
			yname = "neuron (" + strings.Join(names, ", ") + ")"
		}
		y := axis(yname, "value")
		y["min"], y["max"] = 0, max(offset, 1)
		y["scale"] = false
		topName(y)
		obj["yAxis"] = []map[string]any{y}
		obj["dataZoom"] = zoomX()
	})
	if err != nil {
		return nil, err
	}
	ch.Note = note
	return ch, nil
}

// thousands formats n with commas: 100000 -> "100,000".
func thousands(n int) string {
	s := fmt.Sprint(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := ""
	for len(s) > 3 {
		out = "," + s[len(s)-3:] + out
		s = s[:len(s)-3]
	}
	out = s + out
	if neg {
		out = "-" + out
	}
	return out
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}
