package hnn

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// Batch is hnn-core's BatchSimulate (batch_simulate.py) on golgi's sweep
// machinery: for every point of a parameter space, SetParams changes a
// copy of Column (hnn-core's set_params(net, param_values)), the column
// runs Trials trials, and Summary turns them, with the point's column,
// into the point's metrics (summary_func). Run gives the results table (every point's parameters,
// seed, status and metrics), on Options.Workers points at once (n_jobs),
// bit-identical for any number of workers; sweep/store.Run with Func
// makes it resumable.
//
// As in hnn-core, every point's drives use the seeds set in the column
// (Drive.Seed), so points differ only by their parameters; SetParams may
// use p.Seed (the point's own seed) to vary them.
type Batch struct {
	Column    Column
	SetParams func(c *Column, p sweep.Point) error
	// Summary turns the point's trials into its metrics (summary_func);
	// c is the column SetParams made for the point (hnn-core hands its
	// summary_func the point's net with the dipoles). nil: no metrics.
	Summary func(p sweep.Point, c Column, trials []*Result) (sweep.Metrics, error)
	Trials  int // per point; 0 means 1
	// SaveDipoles adds each point's dipoles as bulk data "dipole"
	// (columns trial, t, L2, L5, agg; nAm, not smoothed): in the table's
	// rows with sweep.Options.KeepData, in Parquet files with a store.
	SaveDipoles bool
	// SaveSpikes adds each point's spikes as bulk data "spikes" (trial,
	// type: the index in CellTypes, cell, t).
	SaveSpikes bool
}

// ParamGrid is hnn-core's param_grid with run's combinations flag: the
// Cartesian product of the parameters' values (combinations true, the
// last varying fastest) or their zip (false: every list of one length).
func ParamGrid(combinations bool, params ...sweep.Param) *sweep.Space {
	if combinations {
		return sweep.Grid(params...)
	}
	return sweep.Zip(params...)
}

// clone copies the column so that SetParams cannot change the batch's.
func (c Column) clone() Column {
	o := c
	o.Cells = maps.Clone(c.Cells)
	o.Connections = slices.Clone(c.Connections)
	o.Biases = slices.Clone(c.Biases)
	o.Drives = make([]Drive, len(c.Drives))
	for i, d := range c.Drives {
		d.WeightsAMPA, d.WeightsNMDA = maps.Clone(d.WeightsAMPA), maps.Clone(d.WeightsNMDA)
		d.Delays, d.RateByType = maps.Clone(d.Delays), maps.Clone(d.RateByType)
		d.Events = slices.Clone(d.Events)
		o.Drives[i] = d
	}
	return o
}

// Func is the batch as a sweep function (for sweep.Run or store.Run).
func (b Batch) Func() sweep.Func {
	return func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		c := b.Column.clone()
		if c.Workers == 0 {
			c.Workers = p.Workers
		}
		if b.SetParams != nil {
			if err := b.SetParams(&c, p); err != nil {
				return sweep.Output{}, fmt.Errorf("set_params: %w", err)
			}
		}
		trials := b.Trials
		if trials == 0 {
			trials = 1
		}
		if trials < 0 {
			return sweep.Output{}, fmt.Errorf("batch: Trials = %d: must be >= 1 (0 means 1)", b.Trials)
		}
		res, err := c.Simulate(ctx, trials)
		if err != nil {
			return sweep.Output{}, err
		}
		var out sweep.Output
		if b.Summary != nil {
			if out.Metrics, err = b.Summary(p, c, res); err != nil {
				return sweep.Output{}, fmt.Errorf("summary_func: %w", err)
			}
		}
		if b.SaveDipoles {
			var tr []int64
			var t, l2, l5, agg []float64
			for _, r := range res {
				for range r.Dipole.T {
					tr = append(tr, int64(r.Trial))
				}
				t, l2 = append(t, r.Dipole.T...), append(l2, r.Dipole.L2...)
				l5, agg = append(l5, r.Dipole.L5...), append(agg, r.Dipole.Agg...)
			}
			out.Data = append(out.Data, sweep.Data{Name: "dipole", Columns: []sweep.Column{
				{Name: "trial", Int: tr}, {Name: "t", Float: t}, {Name: "L2", Float: l2}, {Name: "L5", Float: l5}, {Name: "agg", Float: agg}}})
		}
		if b.SaveSpikes {
			var tr, typ, cl []int64
			var t []float64
			for _, r := range res {
				for _, s := range r.Spikes {
					tr, typ = append(tr, int64(r.Trial)), append(typ, int64(slices.Index(CellTypes, s.Type)))
					cl, t = append(cl, int64(s.Cell)), append(t, s.T)
				}
			}
			out.Data = append(out.Data, sweep.Data{Name: "spikes", Columns: []sweep.Column{
				{Name: "trial", Int: tr}, {Name: "type", Int: typ}, {Name: "cell", Int: cl}, {Name: "t", Float: t}}})
		}
		return out, nil
	}
}

// Run runs the batch over space in memory (hnn-core's
// BatchSimulate.run). Options.Workers is n_jobs (0: all cores).
func (b Batch) Run(ctx context.Context, space *sweep.Space, opt *sweep.Options) (*sweep.Table, error) {
	if err := b.Column.Validate(); err != nil {
		return nil, fmt.Errorf("batch: the base column: %w", err)
	}
	return sweep.Run(ctx, space, b.Func(), opt)
}

// DipoleData returns the dipoles a point saved with SaveDipoles (trial
// 0), from a row of a table run with KeepData.
func DipoleData(r sweep.Result) (Dipole, error) {
	for _, d := range r.Data {
		if d.Name != "dipole" {
			continue
		}
		col := map[string]sweep.Column{}
		for _, c := range d.Columns {
			col[c.Name] = c
		}
		var out Dipole
		for i, tr := range col["trial"].Int {
			if tr != 0 {
				break
			}
			out.T = append(out.T, col["t"].Float[i])
			out.L2, out.L5 = append(out.L2, col["L2"].Float[i]), append(out.L5, col["L5"].Float[i])
			out.Agg = append(out.Agg, col["agg"].Float[i])
		}
		return out, nil
	}
	return Dipole{}, fmt.Errorf("batch: point %d has no dipole data (set Batch.SaveDipoles and sweep.Options.KeepData)", r.Index)
}
