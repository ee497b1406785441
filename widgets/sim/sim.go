package sim

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/runlog"
	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/widgets/chart"
	"github.com/golgi-sim/golgi/widgets/progress"
	"github.com/golgi-sim/golgi/widgets/table"
)

// Raster draws the spikes of one or more populations, one colour each.
func Raster(recs ...*record.Spikes) (*chart.Chart, error) {
	pops := make([]chart.Spikes, len(recs))
	for k, r := range recs {
		if r == nil {
			return nil, fmt.Errorf("sim: Raster: recorder %d is nil", k)
		}
		pops[k] = chart.Spikes{Name: r.Population(), Times: r.Times(), Neurons: r.Indices(), Size: r.Size()}
	}
	return chart.Raster(pops, nil)
}

// Traces draws a state recorder's traces, one line per neuron.
func Traces(st *record.State, o *chart.XYOptions) (*chart.Chart, error) {
	if st == nil {
		return nil, fmt.Errorf("sim: Traces: recorder is nil")
	}
	labels := make([]string, len(st.Neurons()))
	for k, n := range st.Neurons() {
		labels[k] = fmt.Sprintf("neuron %d", n)
	}
	return chart.Traces(st.Times(), st.Values(), labels, o)
}

// Rate draws the population rates of rate recorders that share a bin, each
// as a step over its bin: the times are the bins' starts, as
// record.Rate.Rates returns them and chart.Rate takes them.
func Rate(labels []string, rs ...*record.Rate) (*chart.Chart, error) {
	if len(rs) == 0 {
		return nil, fmt.Errorf("sim: Rate: no recorders")
	}
	if len(labels) != len(rs) {
		return nil, fmt.Errorf("sim: Rate: %d labels for %d recorders", len(labels), len(rs))
	}
	var t []float64
	rates := make([][]float64, len(rs))
	for k, r := range rs {
		tk, hz := r.Rates()
		if k == 0 {
			t = tk
		} else if len(tk) != len(t) {
			return nil, fmt.Errorf("sim: Rate: recorder %d (%s) has %d bins, recorder 0 has %d: use the same bin and populations recorded from the same time", k, labels[k], len(tk), len(t))
		}
		rates[k] = hz
	}
	return chart.Rate(t, rates, labels, nil)
}

// RunProgress returns a progress callback for network.Options.Progress (or
// Network.SetProgress) that draws a bar over simulated time: in place in a
// notebook, on stderr elsewhere. Each run gets its own bar.
func RunProgress() func(network.Progress) {
	var bar *progress.Bar
	var end float64
	return func(p network.Progress) {
		if bar == nil || p.TEnd != end {
			end = p.TEnd
			bar = progress.New(float64(p.Steps), "steps")
		}
		bar.Update(float64(p.Step))
		if p.Step == p.Steps {
			bar.Done()
		}
	}
}

// SweepProgress returns a progress callback for sweep.Options.Progress: a
// bar over the points with how many failed.
func SweepProgress() func(sweep.Progress) {
	var bar progress.Sweep
	started := false
	return func(p sweep.Progress) {
		if !started {
			bar, started = progress.NewSweep(p.Total), true
		}
		bar.Update(p.Done, p.Failed, 0)
		if p.Done == p.Total {
			bar.Done()
		}
	}
}

// Runs returns a table of run summaries (network.Summary(), or those a
// notebook's runs reported).
func Runs(runs ...runlog.Run) *table.Table {
	t := table.New("label", "seed", "neurons", "synapses", "dt (ms)", "from (ms)", "duration (ms)", "wall (s)", "spikes", "fingerprint", "status")
	dt := 0.0
	for _, r := range runs {
		// one value per column: Add cannot fail
		_ = t.Add(r.Label, r.Seed, r.Neurons, r.Synapses, r.DT, r.Start, r.Duration, r.Wall, r.Spikes, r.Fingerprint, r.Status)
		if r.DT > 0 && (dt == 0 || r.DT < dt) {
			dt = r.DT
		}
	}
	if dt > 0 {
		// times with the decimals of the finest dt: 19.7, not 19.700000000000003
		_ = t.TimeColumns(dt, "dt (ms)", "from (ms)", "duration (ms)") // the columns exist, dt > 0
	}
	return t
}

// Results returns a sweep's results as a table: index, seed, status, the
// parameters, the metrics, the error and wall time.
func Results(tb *sweep.Table) (*table.Table, error) {
	cols := []string{"index", "seed", "status"}
	cols = append(cols, tb.ParamColumns()...)  // unique: p_x for a parameter named like a fixed column
	cols = append(cols, tb.MetricColumns()...) // unique: m_x for a metric named like a parameter or a fixed column
	cols = append(cols, "error", "wall (s)")
	t := table.New(cols...)
	for _, r := range tb.Rows {
		row := []any{r.Index, r.Seed, fmt.Sprint(r.Status)}
		for k := range tb.Dims {
			if k < len(r.Values) {
				if r.Values[k].Label != "" {
					row = append(row, r.Values[k].Label)
				} else {
					row = append(row, r.Values[k].Num)
				}
			} else {
				row = append(row, "")
			}
		}
		for _, m := range tb.Metrics {
			row = append(row, r.Metric(m))
		}
		row = append(row, r.Err, r.Wall.Seconds())
		if err := t.Add(row...); err != nil {
			return nil, err
		}
	}
	return t, nil
}
