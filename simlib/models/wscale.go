package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/golgi-sim/golgi/simlib/analysis"
	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/netpyne"
	"github.com/golgi-sim/golgi/simlib/sweep"
)

// WscaleCell returns the PT5B-like cell of the Wscale EPSP grid search
// (seed wscale_epsp_grid_search.txt, the M1 example of Wscale's
// netParams.py) as a NetPyNE description:
//
//   - soma, exactly the seed's: diam 20 µm, L 20 µm, Ra 100 Ω·cm, cm 1 µF/cm²,
//     hh (gnabar 0.12, gkbar 0.036, gl 0.0003 S/cm², el -54.3 mV) and hd
//     (Migliore's Ih, gbar 1e-4 S/cm², other parameters h_migliore.mod's);
//   - dendrite, the seed's: diam 2 µm, L 200 µm, Ra 150 Ω·cm, cm 1, pas
//     (g 0.001 S/cm², e -70 mV), attached to soma(1); nseg 7 by NEURON's
//     d_lambda rule (the seed leaves NEURON's nseg 1);
//   - axon_0 and axon_1: golgi's choice. In the seed they are placeholders
//     (one 3-D point at 1e30 µm and no topol, so NetPyNE leaves them
//     unconnected and a synapse there cannot reach the soma). Here axon_0
//     is an initial segment, L 30 µm, diam 1.5 µm, at soma(0), and axon_1 an
//     axon, L 500 µm, diam 1 µm, at axon_0(1); both Ra 100 Ω·cm, cm 1 and
//     the soma's hh; nseg by d_lambda (1 and 19).
//
// The spike detector is at soma(0.5) with the seed's threshold 0 mV
// (netParams.defaultThreshold).
func WscaleCell() netpyne.CellParams {
	hh := func() map[string]float64 {
		return map[string]float64{"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3}
	}
	zero := 0.0
	return netpyne.CellParams{
		Order: []string{"soma", "dendrite", "axon_0", "axon_1"},
		Secs: map[string]netpyne.SecParams{
			"soma": {Geom: netpyne.Geom{L: 20, Diam: 20, Ra: 100, Cm: 1, Nseg: 1},
				Mechs: netpyne.Mechs{"hh": hh(), "hd": {"gbar": 0.0001}}, Threshold: &zero},
			"dendrite": {Geom: netpyne.Geom{L: 200, Diam: 2, Ra: 150, Cm: 1, Nseg: 7},
				Topol: netpyne.Topol{ParentSec: "soma", ParentX: 1},
				Mechs: netpyne.Mechs{"pas": {"g": 0.001, "e": -70}}},
			"axon_0": {Geom: netpyne.Geom{L: 30, Diam: 1.5, Ra: 100, Cm: 1, Nseg: 1},
				Topol: netpyne.Topol{ParentSec: "soma", ParentX: 0},
				Mechs: netpyne.Mechs{"hh": hh()}},
			"axon_1": {Geom: netpyne.Geom{L: 500, Diam: 1, Ra: 100, Cm: 1, Nseg: 19},
				Topol: netpyne.Topol{ParentSec: "axon_0", ParentX: 1},
				Mechs: netpyne.Mechs{"hh": hh()}},
		},
		SecLists: map[string][]string{"perisom": {"soma", "axon_0", "axon_1"}, "alldend": {"dendrite"}, "spiny": {"dendrite"}, "apical_dendrites": {}},
	}
}

// Wscale is the seed's EPSP grid search: for every section x weight, one
// synaptic event at the section's midpoint, the EPSP at the soma and its
// squared distance from a target.
type Wscale struct {
	Cell     netpyne.CellParams
	Sections []string     // the seed's soma, dendrite, axon_0, axon_1
	Weights  []float64    // µS, NetCon weights; the seed's 0.001, 0.002, 0.003
	Syn      mech.Exp2Syn // the synapse: the seed's AMPA, tau1 0.05 ms, tau2 5.3 ms, e 0 mV
	Loc      float64      // position of the synapse on its section (the seed's 0.5)
	// Event is when the synapse receives its one event (ms): the seed's
	// NetStim start 700 ms plus its connection delay 1 ms.
	Event float64
	// Duration of each run (ms): the seed's cfg.duration 1000.
	Duration float64
	// Window is where the EPSP is measured (ms): the seed's stimRange
	// [700, 900]. EPSP = max of v in the window minus v at the last sample
	// before it (the seed's calculate_epsp).
	Window [2]float64
	// Target EPSP (mV) per section; the seed's target_epsp_value 5.0 for every section.
	Target map[string]float64
	// Options: dt 0.025 ms (the seed's), backward Euler, celsius 6.3 °C and
	// v_init -65 mV (NetPyNE's defaults: the seed's cfg.hparams, lowercase,
	// is not read by NetPyNE, whose attribute is hParams).
	Options cell.Options
}

// DefaultWscale returns the seed's grid search on WscaleCell.
func DefaultWscale() Wscale {
	w := Wscale{
		Cell:     WscaleCell(),
		Sections: []string{"soma", "dendrite", "axon_0", "axon_1"},
		Weights:  []float64{0.001, 0.002, 0.003},
		Syn:      mech.Exp2Syn{Tau1: 0.05, Tau2: 5.3, E: 0},
		Loc:      0.5,
		Event:    701,
		Duration: 1000,
		Window:   [2]float64{700, 900},
		Target:   map[string]float64{},
		Options:  cell.DefaultOptions(),
	}
	for _, s := range w.Sections {
		w.Target[s] = 5
	}
	return w
}

// Space is the grid sections x weights (weight varies fastest).
func (w Wscale) Space() *sweep.Space {
	return sweep.Grid(sweep.Labels("sec", w.Sections...), sweep.Values("weight", w.Weights...))
}

// WscalePoint is one simulation of the grid.
type WscalePoint struct {
	Sec    string
	Weight float64 // µS
	EPSP   float64 // mV, the seed's measure
	Loss   float64 // (EPSP - target)²
	Spikes int     // somatic spikes (threshold 0 mV) over the whole run
	Rate   float64 // Hz, Spikes / Duration (the seed's popAvgRates)
	// Shape is analysis.MeasureEPSP over the window; zero when the trace
	// has no EPSP shape there (e.g. an action potential that does not
	// return to half its height in the window).
	Shape analysis.EPSP
	T, V  []float64 // the somatic trace (ms, mV)
}

func (w Wscale) validate() error {
	var errs []error
	if len(w.Sections) == 0 || len(w.Weights) == 0 {
		errs = append(errs, fmt.Errorf("models: Wscale: Sections (%d) and Weights (%d) must not be empty", len(w.Sections), len(w.Weights)))
	}
	for _, s := range w.Sections {
		if _, ok := w.Cell.Secs[s]; !ok {
			errs = append(errs, fmt.Errorf("models: Wscale.Sections: %q is not a section of the cell", s))
		}
		if t, ok := w.Target[s]; !ok || math.IsNaN(t) || math.IsInf(t, 0) {
			errs = append(errs, fmt.Errorf("models: Wscale.Target[%q] = %v: every section needs a finite target EPSP (mV)", s, t))
		}
	}
	for _, x := range w.Weights {
		if !(x >= 0) || math.IsInf(x, 0) {
			errs = append(errs, fmt.Errorf("models: Wscale.Weights: %v µS: must be finite and >= 0", x))
		}
	}
	if !(w.Loc >= 0 && w.Loc <= 1) {
		errs = append(errs, fmt.Errorf("models: Wscale.Loc = %v: a position must be in [0, 1]", w.Loc))
	}
	if !(w.Window[0] > 0 && w.Window[1] > w.Window[0] && w.Window[1] <= w.Duration) || math.IsInf(w.Duration, 0) {
		errs = append(errs, fmt.Errorf("models: Wscale.Window = %v ms: need 0 < start < end <= Duration = %v ms", w.Window, w.Duration))
	}
	if !(w.Event >= w.Window[0] && w.Event < w.Window[1]) {
		errs = append(errs, fmt.Errorf("models: Wscale.Event = %v ms: must fall inside the window %v ms", w.Event, w.Window))
	}
	return errors.Join(errs...)
}

// Simulate runs one grid point: the cell with an Exp2Syn at (sec, Loc)
// that receives one event of the given weight at Event. ctx is checked
// every 50 ms of simulated time.
func (w Wscale) Simulate(ctx context.Context, sec string, weight float64) (WscalePoint, error) {
	p := WscalePoint{Sec: sec, Weight: weight}
	if err := w.validate(); err != nil {
		return p, err
	}
	if _, ok := w.Cell.Secs[sec]; !ok {
		return p, fmt.Errorf("models: Wscale: section %q is not in the cell", sec)
	}
	c, err := w.Cell.Cell(netpyne.DefaultRegistry())
	if err != nil {
		return p, err
	}
	c.AddPoint("syn", sec, w.Loc, w.Syn)
	opt, err := w.Cell.Options(w.Options)
	if err != nil {
		return p, err
	}
	sim, err := cell.New(c, &opt)
	if err != nil {
		return p, err
	}
	if err := sim.Events("syn", weight, w.Event); err != nil {
		return p, err
	}
	tr, err := sim.Record("soma", 0.5, "v")
	if err != nil {
		return p, err
	}
	for t := 50.0; ; t += 50 {
		if err := ctx.Err(); err != nil {
			return p, err
		}
		if err := sim.Run(math.Min(t, w.Duration)); err != nil {
			return p, err
		}
		if t >= w.Duration {
			break
		}
	}
	p.T, p.V = tr.T, tr.Y
	dt := opt.DT
	i0 := int(math.Ceil(w.Window[0]/dt - 1e-9))
	i1 := int(math.Ceil(w.Window[1]/dt - 1e-9))
	if i0 < 1 || i1 > len(p.V) {
		return p, fmt.Errorf("models: Wscale: window %v ms outside the trace (%d samples at dt %v)", w.Window, len(p.V), dt)
	}
	peak := p.V[i0]
	for _, v := range p.V[i0:i1] {
		peak = math.Max(peak, v)
	}
	p.EPSP = peak - p.V[i0-1]
	d := p.EPSP - w.Target[sec]
	p.Loss = d * d
	p.Spikes = len(sim.Spikes())
	p.Rate = float64(p.Spikes) / (w.Duration / 1000)
	o := analysis.EPSPOptions{Dt: dt, BaseStart: float64(i0-1) * dt, BaseEnd: float64(i0) * dt, PeakStart: float64(i0) * dt, PeakEnd: float64(i1) * dt}
	if e, err := analysis.MeasureEPSP(p.V, o); err == nil {
		p.Shape = e
	}
	return p, nil
}

// Point is the sweep function of the grid: Simulate at the point's sec and
// weight, with metrics epsp_mv, loss, spikes, rate_hz, rise_ms, half_ms
// (NaN when the EPSP has no complete shape in the window).
func (w Wscale) Point(ctx context.Context, pt sweep.Point) (sweep.Output, error) {
	r, err := w.Simulate(ctx, pt.Label("sec"), pt.Float("weight"))
	if err != nil {
		return sweep.Output{}, err
	}
	rise, half := math.NaN(), math.NaN()
	if r.Shape.Amplitude > 0 {
		rise, half = r.Shape.RiseTime, r.Shape.HalfWidth
	}
	return sweep.Output{Metrics: sweep.Metrics{"epsp_mv": r.EPSP, "loss": r.Loss, "spikes": float64(r.Spikes),
		"rate_hz": r.Rate, "rise_ms": rise, "half_ms": half}}, nil
}

// Run computes the whole grid through sweep.Run on all cores (opt as for
// sweep.Run; nil means defaults) and returns the table.
func (w Wscale) Run(ctx context.Context, opt *sweep.Options) (*sweep.Table, error) {
	if err := w.validate(); err != nil {
		return nil, err
	}
	return sweep.Run(ctx, w.Space(), w.Point, opt)
}

// WscaleResult is one row of results.json, in the seed's form: its
// inputs (sec, weight) and results (the population's average rate under
// its name, PT5B_loss and loss), plus golgi's epsp.
type WscaleResult struct {
	Sec      string  `json:"sec"`
	Weight   float64 `json:"weight"`
	EPSP     float64 `json:"epsp"`
	PT5B     float64 `json:"PT5B"` // Hz, popAvgRates
	PT5BLoss float64 `json:"PT5B_loss"`
	Loss     float64 `json:"loss"`
}

// WscaleResults is results.json: every point, and the best one (least loss).
type WscaleResults struct {
	Results []WscaleResult `json:"results"`
	Best    WscaleResult   `json:"best"`
}

// WscaleResultsOf turns a finished grid into results.json's rows; a failed point
// is an error naming it.
func WscaleResultsOf(t *sweep.Table) (WscaleResults, error) {
	var out WscaleResults
	if len(t.Dims) != 2 || t.Dims[0].Name != "sec" || t.Dims[1].Name != "weight" {
		return out, fmt.Errorf("models: WscaleResultsOf: the table's parameters are %v, want [sec weight] (Wscale.Space)", t.Dims)
	}
	at := map[int]int{}
	for _, r := range t.Rows {
		if r.Status != sweep.Done {
			return out, fmt.Errorf("models: Wscale point %d %v: %s %s", r.Index, r.Values, r.Status, r.Err)
		}
		at[r.Index] = len(out.Results)
		out.Results = append(out.Results, WscaleResult{Sec: r.Values[0].Label, Weight: r.Values[1].Num,
			EPSP: r.Metric("epsp_mv"), PT5B: r.Metric("rate_hz"), PT5BLoss: r.Metric("loss"), Loss: r.Metric("loss")})
	}
	best, err := t.Best("loss")
	if err != nil {
		return out, err
	}
	out.Best = out.Results[at[best.Index]]
	return out, nil
}

// WriteJSON writes results.json (indented).
func (r WscaleResults) WriteJSON(w io.Writer) error {
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(r)
}

// SaveJSON writes results.json to path, creating or replacing it (and
// creating its directory, as the seed's results/ is).
func (r WscaleResults) SaveJSON(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("models: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("models: %w", err)
	}
	if err := r.WriteJSON(f); err != nil {
		f.Close()
		return fmt.Errorf("models: %s: %w", path, err)
	}
	return f.Close()
}
