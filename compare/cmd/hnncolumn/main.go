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
	"slices"
	"time"

	"github.com/golgi-sim/golgi/simlib/models/hnn"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/sweep"
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
	Batch   bool                   `json:"batch"` // the batch tutorial's 20-point grid instead (the first drive takes the weights)
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
	if c.Batch {
		return runBatch(col, c, out)
	}
	t0 := time.Now()
	n, err := col.Build(0)
	if err != nil {
		return err
	}
	var st []*record.State
	if c.VSoma {
		for _, typ := range hnn.CellTypes {
			s := record.NewState(n.Network.Population(typ), "v", nil, 0) // every cell
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

// runBatch is BatchSimulate(set_params, summary_func).run(param_grid,
// combinations=False, n_jobs=Workers) of the tutorial, with the case's
// first drive (its events replayed) taking each point's weights.
func runBatch(col hnn.Column, c input, out string) error {
	base := col.Drives[0]
	col.Drives = nil
	b := hnn.Batch{
		Column: col,
		SetParams: func(cc *hnn.Column, p sweep.Point) error {
			d := base
			wb, wp := p.Float("weight_basket"), p.Float("weight_pyr")
			d.WeightsAMPA = map[string]float64{hnn.L2BasketType: wb, hnn.L2PyramidalType: wp, hnn.L5BasketType: wb, hnn.L5PyramidalType: wp}
			cc.Drives = append(cc.Drives, d)
			return nil
		},
		Summary: func(p sweep.Point, _ hnn.Column, r []*hnn.Result) (sweep.Metrics, error) {
			sm, err := r[0].Dipole.Smooth(30)
			if err != nil {
				return nil, err
			}
			return sweep.Metrics{"min_peak": slices.Min(sm.Agg), "max_peak": slices.Max(sm.Agg)}, nil
		},
	}
	b.Column.Workers = 1
	grid := hnn.ParamGrid(false, sweep.Logspace("weight_basket", 1e-4, 1e-1, 20), sweep.Logspace("weight_pyr", 1e-4, 1e-1, 20))
	t0 := time.Now()
	tab, err := b.Run(context.Background(), grid, &sweep.Options{Seed: 1, Workers: c.Workers})
	if err != nil {
		return err
	}
	o := batchOutput{Wall: time.Since(t0).Seconds()}
	for _, r := range tab.Rows {
		if r.Status != sweep.Done {
			return fmt.Errorf("point %d: %s", r.Index, r.Err)
		}
		o.Peaks = append(o.Peaks, [2]float64{r.Metric("min_peak"), r.Metric("max_peak")})
	}
	bs, err := json.Marshal(o)
	if err != nil {
		return err
	}
	return os.WriteFile(out, bs, 0o644)
}

type batchOutput struct {
	Peaks [][2]float64 `json:"peaks"`
	Wall  float64      `json:"wall"`
}
