package sweep

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"time"
)

// Status is the state of a point.
type Status string

// A point's status.
const (
	Pending   Status = "pending"   // not computed (yet)
	Done      Status = "done"      // computed; metrics are set
	Failed    Status = "failed"    // the function returned an error or panicked
	Cancelled Status = "cancelled" // stopped by cancellation; computed again on resume
)

// Result is one point's row of a results table.
type Result struct {
	Index   int
	Seed    uint64
	Values  []Value // parameter values, in the table's Dims order
	Status  Status
	Err     string // the error, "panic: ..." for a panic
	Stack   string // the goroutine's stack for a panic
	Metrics Metrics
	// Data holds bulk outputs when Options.KeepData is set; Files names
	// the Parquet file of each when the row comes from a store (paths
	// relative to the store's directory).
	Data  []Data
	Files map[string]string
	// Timing and place; these vary from run to run and are not part of
	// Fingerprint.
	Start, End time.Time
	Wall       time.Duration
	Host       string
}

// Metric returns the metric called name, NaN when the point has none.
func (r Result) Metric(name string) float64 {
	if v, ok := r.Metrics[name]; ok {
		return v
	}
	return math.NaN()
}

// Table is the results of a sweep, one row per point, ordered by index.
type Table struct {
	Dims    []Dim    // the parameters
	Metrics []string // the metric names of all rows, sorted
	Rows    []Result
}

// collectMetrics sets Metrics to the sorted union of the rows' metrics.
func (t *Table) collectMetrics() {
	seen := map[string]bool{}
	t.Metrics = t.Metrics[:0]
	for _, r := range t.Rows {
		for k := range r.Metrics {
			if !seen[k] {
				seen[k] = true
				t.Metrics = append(t.Metrics, k)
			}
		}
	}
	slices.Sort(t.Metrics)
}

// NewTable returns a table of rows (sorted by index) with the given
// parameters; its metric names are collected from the rows.
func NewTable(dims []Dim, rows []Result) *Table {
	t := &Table{Dims: dims, Rows: slices.Clone(rows)}
	slices.SortStableFunc(t.Rows, func(a, b Result) int { return cmp.Compare(a.Index, b.Index) })
	t.collectMetrics()
	return t
}

// Len returns the number of rows.
func (t *Table) Len() int { return len(t.Rows) }

// Count returns the number of rows with status s.
func (t *Table) Count(s Status) int {
	n := 0
	for _, r := range t.Rows {
		if r.Status == s {
			n++
		}
	}
	return n
}

// Filter returns a table of the rows for which keep is true.
func (t *Table) Filter(keep func(Result) bool) *Table {
	u := &Table{Dims: t.Dims, Metrics: t.Metrics}
	for _, r := range t.Rows {
		if keep(r) {
			u.Rows = append(u.Rows, r)
		}
	}
	return u
}

// Done returns the table of the points that were computed successfully.
func (t *Table) Done() *Table { return t.Filter(func(r Result) bool { return r.Status == Done }) }

// Sort returns a copy of the table sorted by a metric or parameter (name),
// ascending or descending; NaN and missing values go last, ties keep index
// order.
func (t *Table) Sort(name string, descending bool) (*Table, error) {
	get, err := t.getter(name)
	if err != nil {
		return nil, err
	}
	u := &Table{Dims: t.Dims, Metrics: t.Metrics, Rows: slices.Clone(t.Rows)}
	slices.SortStableFunc(u.Rows, func(a, b Result) int {
		x, y := get(a), get(b)
		switch nx, ny := math.IsNaN(x), math.IsNaN(y); {
		case nx && ny:
			return 0
		case nx:
			return 1
		case ny:
			return -1
		}
		if descending {
			return cmp.Compare(y, x)
		}
		return cmp.Compare(x, y)
	})
	return u, nil
}

// Best returns the computed point with the smallest value of the metric
// called loss (Wscale's EPSP loss, say); ties go to the lowest index. It
// is an error when no computed point has a number for it.
func (t *Table) Best(loss string) (Result, error) {
	return t.BestBy(func(r Result) float64 { return r.Metric(loss) }, loss)
}

// BestBy returns the computed point minimising loss(row), ignoring NaN;
// what names the loss in the error.
func (t *Table) BestBy(loss func(Result) float64, what string) (Result, error) {
	best, found, bv := Result{}, false, 0.0
	for _, r := range t.Rows {
		if r.Status != Done {
			continue
		}
		v := loss(r)
		if math.IsNaN(v) {
			continue
		}
		if !found || v < bv {
			best, found, bv = r, true, v
		}
	}
	if !found {
		return Result{}, fmt.Errorf("sweep: Best(%q): no computed point has a value for it (%d rows, %d done)", what, len(t.Rows), t.Count(Done))
	}
	return best, nil
}

func (t *Table) dim(name string) int {
	for k, d := range t.Dims {
		if d.Name == name {
			return k
		}
	}
	return -1
}

func (t *Table) getter(name string) (func(Result) float64, error) {
	if k := t.dim(name); k >= 0 {
		return func(r Result) float64 { return r.Values[k].Num }, nil
	}
	// Then the header's names (p_x, m_x for renamed columns), then a
	// metric's own name.
	if k := slices.Index(t.ParamColumns(), name); k >= 0 {
		return func(r Result) float64 { return r.Values[k].Num }, nil
	}
	if k := slices.Index(t.MetricColumns(), name); k >= 0 {
		m := t.Metrics[k]
		return func(r Result) float64 { return r.Metric(m) }, nil
	}
	if slices.Contains(t.Metrics, name) {
		return func(r Result) float64 { return r.Metric(name) }, nil
	}
	switch name {
	case "index":
		return func(r Result) float64 { return float64(r.Index) }, nil
	case "wall_s":
		return func(r Result) float64 { return r.Wall.Seconds() }, nil
	}
	var names []string
	for _, d := range t.Dims {
		names = append(names, d.Name)
	}
	return nil, fmt.Errorf("sweep: table has no column %q (parameters %v, metrics %v, index, wall_s)", name, names, t.Metrics)
}

// Column returns the values of a parameter or metric (NaN where a row has
// none), in row order.
func (t *Table) Column(name string) ([]float64, error) {
	get, err := t.getter(name)
	if err != nil {
		return nil, err
	}
	c := make([]float64, len(t.Rows))
	for k, r := range t.Rows {
		c[k] = get(r)
	}
	return c, nil
}

// Header returns the CSV column names: index, seed, the parameters,
// status, the metrics (MetricColumns), error, start, end, wall_s, host.
func (t *Table) Header() []string {
	h := []string{"index", "seed"}
	h = append(h, t.ParamColumns()...)
	h = append(h, "status")
	h = append(h, t.MetricColumns()...)
	return append(h, "error", "start", "end", "wall_s", "host")
}

// ParamColumns returns the column names of the parameters (in Dims'
// order) in CSV and Parquet: a parameter's own name, or p_NAME (prefixed
// as often as needed) when a column every table has (Reserved) has that
// name. Sort and Column accept these names too.
func (t *Table) ParamColumns() []string {
	taken := map[string]bool{}
	for _, r := range Reserved {
		taken[r] = true
	}
	own := map[string]bool{}
	for _, d := range t.Dims {
		own[d.Name] = true
	}
	cols := make([]string, len(t.Dims))
	for k, d := range t.Dims {
		c := d.Name
		for taken[c] || (c != d.Name && own[c]) {
			c = "p_" + c
		}
		taken[c] = true
		cols[k] = c
	}
	return cols
}

// MetricColumns returns the column names of the metrics (in Metrics'
// order) in CSV and Parquet: a metric's own name, or, when a column
// every table has (Reserved), a parameter's column or an earlier
// metric's column already has that name, the name prefixed with "m_" (as
// often as needed). Sort and Column accept these names too.
func (t *Table) MetricColumns() []string {
	taken := map[string]bool{}
	for _, r := range Reserved {
		taken[r] = true
	}
	for _, c := range t.ParamColumns() {
		taken[c] = true
	}
	own := map[string]bool{}
	for _, m := range t.Metrics {
		own[m] = true
	}
	cols := make([]string, len(t.Metrics))
	for k, m := range t.Metrics {
		c := m
		for taken[c] || (c != m && own[c]) {
			c = "m_" + c
		}
		taken[c] = true
		cols[k] = c
	}
	return cols
}

// FormatFloat formats x so that parsing gives the same bits back
// (shortest round-trip form; NaN, +Inf, -Inf).
func FormatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// WriteCSV writes the table as CSV with Header's columns; numbers are
// written in their shortest exact form, times in RFC 3339 with
// nanoseconds, missing metrics as empty cells.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header()); err != nil {
		return err
	}
	rec := make([]string, 0, len(t.Header()))
	for _, r := range t.Rows {
		if len(r.Values) != len(t.Dims) {
			return fmt.Errorf("sweep: WriteCSV: row of point %d has %d parameter values for %d parameters", r.Index, len(r.Values), len(t.Dims))
		}
		rec = rec[:0]
		rec = append(rec, strconv.Itoa(r.Index), strconv.FormatUint(r.Seed, 10))
		for k, d := range t.Dims {
			if d.Labels != nil {
				rec = append(rec, r.Values[k].Label)
			} else {
				rec = append(rec, FormatFloat(r.Values[k].Num))
			}
		}
		rec = append(rec, string(r.Status))
		for _, m := range t.Metrics {
			if v, ok := r.Metrics[m]; ok {
				rec = append(rec, FormatFloat(v))
			} else {
				rec = append(rec, "")
			}
		}
		var start, end, wall string
		if !r.Start.IsZero() {
			start, end = r.Start.UTC().Format(time.RFC3339Nano), r.End.UTC().Format(time.RFC3339Nano)
			wall = FormatFloat(r.Wall.Seconds())
		}
		rec = append(rec, r.Err, start, end, wall, r.Host)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Fingerprint hashes everything deterministic in the table: parameters,
// and each row's index, seed, parameter values, status, error and metrics
// (bits of every float). Timing, host and stacks are left out. Equal
// fingerprints mean bit-identical results.
func (t *Table) Fingerprint() string {
	h := sha256.New()
	var b []byte
	str := func(s string) {
		b = binary.LittleEndian.AppendUint64(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, d := range t.Dims {
		str(d.Name)
		b = binary.LittleEndian.AppendUint64(b, uint64(len(d.Labels)))
		for _, l := range d.Labels {
			str(l)
		}
	}
	for _, m := range t.Metrics {
		str(m)
	}
	for _, r := range t.Rows {
		b = binary.LittleEndian.AppendUint64(b, uint64(r.Index))
		b = binary.LittleEndian.AppendUint64(b, r.Seed)
		for _, v := range r.Values {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.Num))
			str(v.Label)
		}
		str(string(r.Status))
		str(r.Err)
		for _, m := range t.Metrics {
			v, ok := r.Metrics[m]
			if ok {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		h.Write(b)
		b = b[:0]
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Diff describes the first difference between the deterministic content
// of t and u (as Fingerprint sees it), or returns "" when there is none.
func (t *Table) Diff(u *Table) string {
	if !slices.EqualFunc(t.Dims, u.Dims, func(a, b Dim) bool { return a.Name == b.Name && slices.Equal(a.Labels, b.Labels) }) {
		return fmt.Sprintf("parameters differ: %v vs %v", t.Dims, u.Dims)
	}
	if !slices.Equal(t.Metrics, u.Metrics) {
		return fmt.Sprintf("metric names differ: %v vs %v", t.Metrics, u.Metrics)
	}
	if len(t.Rows) != len(u.Rows) {
		return fmt.Sprintf("%d rows vs %d", len(t.Rows), len(u.Rows))
	}
	for k, a := range t.Rows {
		b := u.Rows[k]
		switch {
		case a.Index != b.Index:
			return fmt.Sprintf("row %d: index %d vs %d", k, a.Index, b.Index)
		case a.Seed != b.Seed:
			return fmt.Sprintf("point %d: seed %d vs %d", a.Index, a.Seed, b.Seed)
		case a.Status != b.Status || a.Err != b.Err:
			return fmt.Sprintf("point %d: status %s %q vs %s %q", a.Index, a.Status, a.Err, b.Status, b.Err)
		}
		for j := range a.Values {
			if math.Float64bits(a.Values[j].Num) != math.Float64bits(b.Values[j].Num) || a.Values[j].Label != b.Values[j].Label {
				return fmt.Sprintf("point %d: parameter %s: %v vs %v", a.Index, t.Dims[j].Name, a.Values[j], b.Values[j])
			}
		}
		for _, m := range t.Metrics {
			x, okx := a.Metrics[m]
			y, oky := b.Metrics[m]
			if okx != oky || math.Float64bits(x) != math.Float64bits(y) {
				return fmt.Sprintf("point %d: metric %s: %v (%016x, set %v) vs %v (%016x, set %v)", a.Index, m, x, math.Float64bits(x), okx, y, math.Float64bits(y), oky)
			}
		}
	}
	return ""
}
