package sweep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golgi-sim/golgi/simlib/runlog"
)

// Func computes one point: typically it builds a network from the point's
// parameters and seed (HNN's set_params), runs it with ctx, and summarises
// it (HNN's summary_func). It is called concurrently for different points.
type Func func(ctx context.Context, p Point) (Output, error)

// Metrics are a point's summary numbers by name (identifiers, as
// parameter names).
type Metrics map[string]float64

// Output is what a point produces: summary metrics, which go in the
// results table, and optional bulk data (spikes, traces), which a store
// writes to one Parquet file per Data.
type Output struct {
	Metrics Metrics
	Data    []Data
}

// Data is a named bulk output of a point: equal-length columns.
type Data struct {
	Name    string
	Columns []Column
}

// Column is one column of a Data: Float or Int values (one of them).
type Column struct {
	Name  string
	Float []float64
	Int   []int64
}

// Len returns the number of values of the column.
func (c Column) Len() int { return max(len(c.Float), len(c.Int)) }

// Rows returns the number of rows of d (its first column's length).
func (d Data) Rows() int {
	if len(d.Columns) == 0 {
		return 0
	}
	return d.Columns[0].Len()
}

// Check reports whether d is well formed: an identifier name, at least one
// column, unique identifier column names, one kind of values per column,
// equal lengths.
func (d Data) Check() error {
	if !validName(d.Name) {
		return fmt.Errorf("sweep: data name %q: must be an identifier ([A-Za-z_][A-Za-z0-9_]*)", d.Name)
	}
	if len(d.Columns) == 0 {
		return fmt.Errorf("sweep: data %q: no columns: give at least one", d.Name)
	}
	seen := map[string]bool{}
	for _, c := range d.Columns {
		if !validName(c.Name) || seen[c.Name] {
			return fmt.Errorf("sweep: data %q column %q: names must be unique identifiers", d.Name, c.Name)
		}
		seen[c.Name] = true
		if c.Float != nil && c.Int != nil {
			return fmt.Errorf("sweep: data %q column %q has both Float and Int values: give one", d.Name, c.Name)
		}
		if c.Len() != d.Rows() {
			return fmt.Errorf("sweep: data %q column %q has %d values, column %q has %d: columns must have equal lengths", d.Name, c.Name, c.Len(), d.Columns[0].Name, d.Rows())
		}
	}
	return nil
}

// Options configure Run. A nil *Options means the defaults.
type Options struct {
	// Workers is the number of points computed at once; 0 means
	// GOMAXPROCS (all cores). Results do not depend on it.
	Workers int
	// Seed is the master seed: point i's seed is PointSeed(Seed, i).
	Seed uint64
	// Shard selects the points of one cluster task (zero value: all).
	Shard Shard
	// Indices, when not nil, restricts the run to these point indices
	// (within the shard). Stores use it to resume.
	Indices []int
	// Progress, when not nil, is called after each point and at the end,
	// from one goroutine at a time.
	Progress func(Progress)
	// OnResult, when not nil, is called with every finished point (done,
	// failed or cancelled), from the worker that ran it, concurrently for
	// different points. Its Data field holds the point's bulk outputs. An
	// error from it stops the sweep (as a cancellation does) and Run
	// returns it.
	OnResult func(Result) error
	// KeepData keeps each point's bulk outputs in the table's rows; by
	// default they are dropped once OnResult has seen them.
	KeepData bool
}

// Progress reports how far a sweep is.
type Progress struct {
	Done, Failed int           // points finished (Done counts Failed too)
	Total        int           // points this run computes
	Wall         time.Duration // since the run started
	// ETA estimates the wall time left from the mean time per point so
	// far (0 until the first point is done).
	ETA time.Duration
	// Last is the point just finished (nil for the first and final calls).
	Last *Result
}

// Fraction returns Done/Total (1 for an empty run).
func (p Progress) Fraction() float64 {
	if p.Total == 0 {
		return 1
	}
	return float64(p.Done) / float64(p.Total)
}

var hostname = sync.OnceValue(func() string {
	h, err := os.Hostname()
	if err != nil {
		return "unknown"
	}
	return h
})

// Run computes f on the points of space chosen by opt (all, one shard, or
// given indices) with opt.Workers workers, and returns their results
// ordered by index. Failed points are in the table with their error; Run's
// error is for the sweep as a whole: an invalid space or options, a
// cancelled ctx (the table then holds what was done, the rest pending), or
// an error returned by OnResult.
func Run(ctx context.Context, space *Space, f Func, opt *Options) (*Table, error) {
	if opt == nil {
		opt = &Options{}
	}
	if space == nil {
		return nil, errors.New("sweep: Run: the space is nil: give a space (Grid, Zip, List, Random, LatinHypercube)")
	}
	if space.err != nil {
		return nil, space.err
	}
	if f == nil {
		return nil, errors.New("sweep: Run: the function is nil: give a Func computing a point")
	}
	if err := opt.Shard.Check(); err != nil {
		return nil, err
	}
	if opt.Workers < 0 {
		return nil, fmt.Errorf("sweep: Options.Workers = %d: must be >= 0 (0: all cores)", opt.Workers)
	}
	idx, err := indices(space, opt)
	if err != nil {
		return nil, err
	}
	w := opt.Workers
	if w == 0 {
		w = runtime.GOMAXPROCS(0)
	}
	w = max(1, min(w, len(idx)))
	per := max(1, runtime.GOMAXPROCS(0)/w)

	tab := &Table{Dims: space.dims, Rows: make([]Result, len(idx))}
	for k, i := range idx {
		tab.Rows[k] = Result{Index: i, Seed: PointSeed(opt.Seed, i), Values: space.Values(i), Status: Pending}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	start := time.Now()
	number := runlog.SweepOf(ctx)
	ctx = runlog.WithSweep(ctx, 0) // a sweep inside a point numbers itself
	var (
		next    atomic.Int64
		mu      sync.Mutex // Progress calls and counts
		done    int
		failed  int
		wg      sync.WaitGroup
		sinkErr error
		errOnce sync.Once
	)
	report := func(last *Result) {
		if opt.Progress == nil {
			return
		}
		p := Progress{Done: done, Failed: failed, Total: len(idx), Wall: time.Since(start), Last: last}
		if done > 0 {
			p.ETA = time.Duration(float64(p.Wall) / float64(done) * float64(len(idx)-done))
		}
		opt.Progress(p)
	}
	mu.Lock()
	report(nil)
	mu.Unlock()
	for k := 0; k < w; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if ctx.Err() != nil {
					return
				}
				j := int(next.Add(1) - 1)
				if j >= len(idx) {
					return
				}
				row := &tab.Rows[j]
				pt := Point{Index: row.Index, Seed: row.Seed, Values: row.Values, Workers: per, dims: space.dims}
				callPoint(runlog.WithPoint(ctx, number, row.Index), f, pt, row)
				if opt.OnResult != nil {
					if err := opt.OnResult(*row); err != nil {
						errOnce.Do(func() {
							sinkErr = fmt.Errorf("sweep: point %d: %w", row.Index, err)
							cancel(sinkErr)
						})
					}
				}
				if !opt.KeepData {
					row.Data = nil
				}
				mu.Lock()
				if row.Status != Cancelled {
					done++
					if row.Status == Failed {
						failed++
					}
					r := *row
					report(&r)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	mu.Lock()
	report(nil)
	mu.Unlock()
	tab.collectMetrics()
	err = sinkErr
	if err == nil {
		err = context.Cause(ctx)
	}
	if rerr := reportSweep(number, tab, opt, w, done, failed, time.Since(start), err); rerr != nil && err == nil {
		err = rerr
	}
	return tab, err
}

// reportSweep tells the golgi kernel about the sweep (package runlog): its
// result table's fingerprint and status, after the runs of its points
// (which carry the sweep's number and their point's index).
func reportSweep(number int, tab *Table, opt *Options, workers, done, failed int, wall time.Duration, err error) error {
	var names []string
	for _, d := range tab.Dims {
		names = append(names, d.Name)
	}
	r := runlog.Run{Kind: "sweep", Label: strings.Join(names, "×"), Sweep: number, Seed: opt.Seed,
		Points: len(tab.Rows), Done: done, Failed: failed, Workers: workers, Wall: wall.Seconds(),
		Fingerprint: tab.Fingerprint(), Status: "ok", Populations: []runlog.Population{}}
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		r.Status, r.Error = "cancelled", err.Error()
	default:
		r.Status, r.Error = "error", err.Error()
	}
	return runlog.Report(r)
}

// callPoint runs f on pt and fills row, recovering a panic.
func callPoint(ctx context.Context, f Func, pt Point, row *Result) {
	row.Host = hostname()
	row.Start = time.Now()
	var (
		out Output
		err error
	)
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
				row.Stack = string(debug.Stack())
			}
		}()
		out, err = f(ctx, pt)
	}()
	row.End = time.Now()
	row.Wall = row.End.Sub(row.Start)
	if err == nil {
		err = checkOutput(out)
	}
	switch {
	case err == nil:
		row.Status = Done
		row.Metrics = canonical(out.Metrics)
		row.Data = out.Data
	case ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
		row.Status = Cancelled
		row.Err = err.Error()
	default:
		row.Status = Failed
		row.Err = err.Error()
	}
}

// canonical copies m with every NaN replaced by the one NaN math.NaN()
// returns, so that tables compare bit for bit whatever NaN payload a
// computation produced.
func canonical(m Metrics) Metrics {
	c := make(Metrics, len(m))
	for k, v := range m {
		if math.IsNaN(v) {
			v = math.NaN()
		}
		c[k] = v
	}
	return c
}

func checkOutput(out Output) error {
	for name := range out.Metrics {
		if !validName(name) {
			return fmt.Errorf("sweep: metric name %q: must be an identifier ([A-Za-z_][A-Za-z0-9_]*)", name)
		}
	}
	seen := map[string]bool{}
	for _, d := range out.Data {
		if err := d.Check(); err != nil {
			return err
		}
		if seen[d.Name] {
			return fmt.Errorf("sweep: data %q given twice: names must be unique", d.Name)
		}
		seen[d.Name] = true
	}
	return nil
}

// indices lists the points a run computes, ascending.
func indices(space *Space, opt *Options) ([]int, error) {
	if opt.Indices != nil {
		idx := slices.Clone(opt.Indices)
		slices.Sort(idx)
		idx = slices.Compact(idx)
		for _, i := range idx {
			if i < 0 || i >= space.n {
				return nil, fmt.Errorf("sweep: Options.Indices: index %d: out of range, must be in [0, %d)", i, space.n)
			}
			if !opt.Shard.Has(i) {
				return nil, fmt.Errorf("sweep: Options.Indices: index %d is not in shard %v: give indices i with i mod %d = %d", i, opt.Shard, opt.Shard.Count, opt.Shard.Index)
			}
		}
		return idx, nil
	}
	var idx []int
	for i := 0; i < space.n; i++ {
		if opt.Shard.Has(i) {
			idx = append(idx, i)
		}
	}
	return idx, nil
}
