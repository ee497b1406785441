// Command hnncolumn runs golgi's HNN column (simlib/models/hnn) for
// compare/hnn_column.py: it reads a case (mesh, tstop, drives and the
// drive event times hnn-core drew) and writes the dipoles and spikes.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/golgi-sim/golgi/simlib/models/hnn"
	"github.com/golgi-sim/golgi/simlib/record"
)

type drive struct {
	Name     string             `json:"name"`
	Location string             `json:"location"`
	AMPA     map[string]float64 `json:"ampa"`
	NMDA     map[string]float64 `json:"nmda"`
	Delays   map[string]float64 `json:"delays"`
}

type input struct {
	Mesh    [2]int                 `json:"mesh"`
	TStop   float64                `json:"tstop"`
	Drives  []drive                `json:"drives"`
	Events  map[string][][]float64 `json:"events"`
	Workers int                    `json:"workers"`
	VSoma   bool                   `json:"vsoma"`
}

type spike struct {
	Type string  `json:"type"`
	Cell int     `json:"cell"`
	T    float64 `json:"t"`
}

type output struct {
	Times     []float64 `json:"times"`
	L2        []float64 `json:"L2"`
	L5        []float64 `json:"L5"`
	Agg       []float64 `json:"agg"`
	AggSmooth []float64 `json:"agg_smooth"`
	Spikes    []spike   `json:"spikes"`
	// VSoma: per cell type, per cell, the somatic membrane potential
	// (soma(0.5), mV) at every step
	VSoma map[string][][]float64 `json:"vsoma"`
	Wall  float64                `json:"wall"`
}

func main() {
	in := flag.String("in", "", "case (JSON)")
	out := flag.String("out", "", "result (JSON)")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "hnncolumn:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	b, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var c input
	if err := json.Unmarshal(b, &c); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	cells, err := hnn.DefaultCells()
	if err != nil {
		return err
	}
	col := hnn.DefaultColumn(cells)
	col.Mesh.NX, col.Mesh.NY = c.Mesh[0], c.Mesh[1]
	col.TStop = c.TStop
	col.Workers = c.Workers
	for _, d := range c.Drives {
		ev, ok := c.Events[d.Name]
		if !ok {
			return fmt.Errorf("drive %q: no events given", d.Name)
		}
		r := hnn.ReplayDrive(d.Name, ev, d.Location)
		r.WeightsAMPA, r.WeightsNMDA, r.Delays = d.AMPA, d.NMDA, d.Delays
		col.Drives = append(col.Drives, r)
	}
	t0 := time.Now()
	n, err := col.Build(0)
	if err != nil {
		return err
	}
	var st []*record.State
	if c.VSoma {
		for _, typ := range hnn.CellTypes {
			all := make([]int, col.Sizes()[typ])
			for i := range all {
				all[i] = i
			}
			s := record.NewState(typ, "v", all, 0)
			n.Network.Record(s)
			st = append(st, s)
		}
	}
	r, err := n.Run(context.Background())
	if err != nil {
		return err
	}
	wall := time.Since(t0).Seconds()
	sm, err := r.Dipole.Smooth(30)
	if err != nil {
		return err
	}
	o := output{Times: r.Dipole.T, L2: r.Dipole.L2, L5: r.Dipole.L5, Agg: r.Dipole.Agg, AggSmooth: sm.Agg, Wall: wall}
	if c.VSoma {
		o.VSoma = map[string][][]float64{}
		for k, typ := range hnn.CellTypes {
			o.VSoma[typ] = st[k].Values()
		}
	}
	for _, s := range r.Spikes {
		o.Spikes = append(o.Spikes, spike{s.Type, s.Cell, s.T})
	}
	b, err = json.Marshal(o)
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}
