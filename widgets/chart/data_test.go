package chart

import (
	"math"
	"math/rand/v2"
)

// Test data: deterministic (fixed PCG seeds), small for golden files and
// large for the browser and size measurements.

// testSpikes returns two populations, E (n neurons) and I (n/4), firing
// Poisson-like spikes over dur ms, about total spikes in all.
func testSpikes(total int, n int, dur float64) []Spikes {
	r := rand.New(rand.NewPCG(1, 2))
	mk := func(name string, size, count int) Spikes {
		s := Spikes{Name: name, Size: size, Times: make([]float64, count), Neurons: make([]int32, count)}
		for k := range count {
			s.Times[k] = math.Round(r.Float64()*dur*10) / 10 // 0.1 ms grid
			s.Neurons[k] = int32(r.IntN(size))
		}
		return s
	}
	ne := total * 4 / 5
	return []Spikes{mk("E", n, ne), mk("I", n/4, total-ne)}
}

// testTraces returns t (0.1 ms steps) and k damped oscillations.
func testTraces(k, steps int) ([]float64, [][]float64) {
	t := make([]float64, steps)
	v := make([][]float64, k)
	for i := range t {
		t[i] = float64(i) * 0.1
	}
	for j := range v {
		v[j] = make([]float64, steps)
		for i, ti := range t {
			v[j][i] = -65 + 10*math.Exp(-ti/(20+float64(j)*5))*math.Sin(ti/(3+float64(j)))
		}
	}
	return t, v
}

// logspace returns n values from 10^a to 10^b, like numpy.logspace.
func logspace(a, b float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.Pow(10, a+(b-a)*float64(i)/float64(n-1))
	}
	return out
}

// allCharts builds one chart of every kind from small data.
func allCharts(raster int) (map[string]*Chart, error) {
	out := map[string]*Chart{}
	var err error
	add := func(name string, c *Chart, e error) {
		if e != nil && err == nil {
			err = e
		}
		out[name] = c
	}
	c, e := Raster(testSpikes(raster, 40, 200), &RasterOptions{Title: "E/I raster"})
	add("raster", c, e)
	t, v := testTraces(3, 400)
	c, e = Traces(t, v, []string{"n0", "n1", "n2"}, &XYOptions{Title: "Membrane potential", YLabel: "V (mV)"})
	add("traces", c, e)
	rates := [][]float64{make([]float64, len(t)), make([]float64, len(t))}
	for i := range t {
		rates[0][i] = 10 + 5*math.Sin(t[i]/5) // Hz
		rates[1][i] = 20 + 8*math.Cos(t[i]/7)
	}
	c, e = Rate(t, rates, []string{"E", "I"}, nil)
	add("rate", c, e)
	r := rand.New(rand.NewPCG(3, 4))
	re, ri := make([]float64, 200), make([]float64, 50)
	for i := range re {
		re[i] = 5 + 2*r.NormFloat64()
	}
	for i := range ri {
		ri[i] = 20 + 4*r.NormFloat64()
	}
	ri[0] = math.NaN()
	c, e = Histogram([]Series{{"E", re}, {"I", ri}}, &HistogramOptions{Title: "Firing rates", XLabel: "rate (Hz)", Bins: 20})
	add("histogram", c, e)
	w := logspace(-4, -1, 5)
	xl := Labels(w)
	z := make([][]float64, len(w))
	for j := range z {
		z[j] = make([]float64, len(w))
		for i := range z[j] {
			z[j][i] = math.Log10(w[i]) - 0.5*math.Log10(w[j])
		}
	}
	z[1][2] = math.NaN()
	c, e = Heatmap(xl, xl, z, &HeatmapOptions{Title: "Max dipole peak", XLabel: "weight_pyr", YLabel: "weight_basket", ZLabel: "peak"})
	add("heatmap", c, e)
	mn, mx := make([]float64, len(w)), make([]float64, len(w))
	for i, x := range w {
		mn[i] = -2e-5 - x*0.01
		mx[i] = 2e-5 + x*0.015
	}
	c, e = MetricVsParam(w, []Series{{"Min Dipole Peak", mn}, {"Max Dipole Peak", mx}},
		&XYOptions{Title: "Min and Max Dipole Peaks across Simulations", XLabel: "Synaptic Strength (nS)", YLabel: "Dipole Peak Magnitude", LogX: true})
	add("metric", c, e)
	tt, waves := testTraces(len(w), 100)
	c, e = Overlay(tt, waves, w, &OverlayOptions{Title: "Overlay of Dipole Waveforms", YLabel: "Dipole Amplitude (nAm)", ParamName: "weight_basket", LogColor: true})
	add("overlay", c, e)
	x := []float64{1, 2, 3, 4, 5}
	c, e = Line(x, []Series{{"a", []float64{1, 4, 9, 16, 25}}, {"b", []float64{1, 2, 3, 4, 5}}}, &XYOptions{Title: "Line"})
	add("line", c, e)
	sx, sy := make([]float64, 40), make([]float64, 40)
	for i := range sx {
		sx[i], sy[i] = float64(i), float64((i*7)%11)
	}
	c, e = Scatter(sx, []Series{{"pts", sy}}, &XYOptions{Title: "Scatter"})
	add("scatter", c, e)
	return out, err
}
