package main

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Series is one line of the plot: a simulator's run time against N for
// one benchmark, scheme and thread count.
type Series struct {
	Label     string
	Simulator string
	Bench     string
	Scheme    string
	Threads   int
	N         []float64
	RunS      []float64
}

// Series returns the plot's lines, each sorted by N, in a stable order.
func (r *Results) Series() []Series {
	type sk struct {
		sim, bench, scheme string
		threads            int
	}
	m := map[sk]*Series{}
	var order []sk
	for _, sim := range []string{"golgi", "brian2"} {
		src := r.Golgi
		if sim == "brian2" {
			src = r.Brian2
		}
		for _, k := range r.Keys() {
			c := src[k]
			if c == nil {
				continue
			}
			key := sk{sim, k.Bench, k.Scheme, k.Threads}
			s := m[key]
			if s == nil {
				name := map[string]string{"golgi": "golgi", "brian2": "Brian2"}[sim]
				s = &Series{Label: fmt.Sprintf("%s %s %s, %d thr", name, k.Bench, k.Scheme, k.Threads),
					Simulator: sim, Bench: k.Bench, Scheme: k.Scheme, Threads: k.Threads}
				m[key] = s
				order = append(order, key)
			}
			s.N = append(s.N, float64(k.N))
			s.RunS = append(s.RunS, c.RunS)
		}
	}
	out := make([]Series, 0, len(order))
	for _, k := range order {
		s := *m[k]
		idx := make([]int, len(s.N))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(a, b int) bool { return s.N[idx[a]] < s.N[idx[b]] })
		n, t := make([]float64, len(idx)), make([]float64, len(idx))
		for i, j := range idx {
			n[i], t[i] = s.N[j], s.RunS[j]
		}
		s.N, s.RunS = n, t
		out = append(out, s)
	}
	return out
}

// Plot writes run time against N, log-log: colour by benchmark and
// scheme, solid golgi and dashed Brian2, circles one thread and
// triangles two or more.
func (r *Results) Plot(path string) error {
	p := plot.New()
	p.Title.Text = "VA benchmark, 1 s simulated, run phase (1 thread: CPU s, 2: wall s)"
	p.X.Label.Text = "cells N (in-degree 80)"
	p.Y.Label.Text = "run time (s)"
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	// a tick at every N of the results, labelled 4k, 16k, ..., 1M
	var ticks []plot.Tick
	seen := map[int]bool{}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, k := range r.Keys() {
		if !seen[k.N] {
			seen[k.N] = true
			ticks = append(ticks, plot.Tick{Value: float64(k.N), Label: sizeLabel(k.N)})
			lo, hi = math.Min(lo, float64(k.N)), math.Max(hi, float64(k.N))
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	if lo <= hi {
		p.X.Min, p.X.Max = lo/1.3, hi*1.3
	}
	p.Legend.Top, p.Legend.Left = false, false // bottom right: the lines rise to the right
	p.Legend.TextStyle.Font.Size = vg.Points(7)
	colors := map[string]color.Color{
		"COBA exp-euler": color.RGBA{0x1f, 0x77, 0xb4, 0xff},
		"COBA euler":     color.RGBA{0xd6, 0x27, 0x28, 0xff},
		"CUBA exact":     color.RGBA{0x2c, 0xa0, 0x2c, 0xff},
		"CUBA euler":     color.RGBA{0x94, 0x67, 0xbd, 0xff},
	}
	for _, s := range r.Series() {
		xy := make(plotter.XYs, len(s.N))
		for i := range s.N {
			xy[i].X, xy[i].Y = s.N[i], s.RunS[i]
		}
		l, pts, err := plotter.NewLinePoints(xy)
		if err != nil {
			return fmt.Errorf("%s: %w", s.Label, err)
		}
		c := colors[s.Bench+" "+s.Scheme]
		l.Color, pts.Color = c, c
		l.Width = vg.Points(1.2)
		if s.Simulator == "brian2" {
			l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		}
		pts.Shape = draw.CircleGlyph{}
		if s.Threads > 1 {
			pts.Shape = draw.TriangleGlyph{}
		}
		pts.Radius = vg.Points(2.5)
		p.Add(l, pts)
		p.Legend.Add(s.Label, l, pts)
	}
	c := vgsvg.New(8*vg.Inch, 5.5*vg.Inch)
	p.Draw(draw.New(c))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := c.WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// sizeLabel writes N as 4k, 16k, 1M, 1.5M or, below 1000, as is.
func sizeLabel(n int) string {
	switch {
	case n >= 1_000_000 && n%100_000 == 0:
		return strconv.FormatFloat(float64(n)/1e6, 'f', -1, 64) + "M"
	case n >= 1000 && n%1000 == 0:
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}
