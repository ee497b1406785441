package chart_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/golgi-sim/golgi/widgets/chart"
)

func Example() {
	// Two populations; neuron indices are per population (E 0..3, I 0..1).
	c, err := chart.Raster([]chart.Spikes{
		{Name: "E", Size: 4, Times: []float64{1.5, 3, 7.25}, Neurons: []int32{0, 2, 3}},
		{Name: "I", Size: 2, Times: []float64{4}, Neurons: []int32{1}},
	}, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Kind, c.Note == "")
	chart.Display(c) // in a notebook; nothing elsewhere

	// A standalone page renders offline once `golgi setup` fetched ECharts.
	path := filepath.Join(os.TempDir(), "raster.html")
	if err := c.SaveHTML(path); err == nil {
		defer os.Remove(path)
	}
	// Output: raster true
}

func ExampleMetricVsParam() {
	// The hnn-core batch example's second figure: min and max dipole peaks
	// against the synaptic weight swept on a log grid.
	w := []float64{1e-4, 1e-3, 1e-2, 1e-1}
	c, err := chart.MetricVsParam(w, []chart.Series{
		{Name: "Min Dipole Peak", Values: []float64{-1.9e-5, -1.9e-5, -5.8e-4, -1.9e-5}},
		{Name: "Max Dipole Peak", Values: []float64{2.4e-5, 1.1e-4, 1.5e-3, 1.5e-3}},
	}, &chart.XYOptions{XLabel: "Synaptic Strength (nS)", YLabel: "Dipole Peak Magnitude", LogX: true})
	fmt.Println(c.Kind, err)
	// Output: metric <nil>
}
