package sweep

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/rng"
)

// Param is a named parameter with its list of values: numbers, or labels
// (categorical values such as a section name). Make one with Values,
// Labels, Linspace or Logspace.
type Param struct {
	Name   string
	Values []float64 // numeric values (nil for a label parameter)
	Labels []string  // categorical values (nil for a numeric parameter)

	err error // a mistake of Linspace or Logspace, reported by the space
}

// Values is a numeric parameter with the values given.
func Values(name string, v ...float64) Param {
	return Param{Name: name, Values: append([]float64{}, v...)}
}

// Labels is a categorical parameter; a point's value is one of the labels
// (Point.Label), and its number (Point.Float) is the label's position.
func Labels(name string, l ...string) Param {
	return Param{Name: name, Labels: append([]string{}, l...)}
}

// Linspace is a numeric parameter with n evenly spaced values from lo to hi
// inclusive (numpy's linspace).
func Linspace(name string, lo, hi float64, n int) Param {
	p := Param{Name: name}
	if n < 0 || n > maxPoints {
		p.err = fmt.Errorf("parameter %q: Linspace n = %d values: must be in [1, %d]", name, n, maxPoints)
		return p
	}
	for k := 0; k < n; k++ {
		if k == n-1 && n > 1 {
			p.Values = append(p.Values, hi)
			break
		}
		p.Values = append(p.Values, lo+float64(k)*(hi-lo)/float64(max(1, n-1)))
	}
	if n <= 0 {
		p.Values = []float64{}
	}
	return p
}

// Logspace is a numeric parameter with n values from lo to hi inclusive,
// evenly spaced on a log scale: 10^(log10 lo + k·(log10 hi - log10 lo)/(n-1)),
// numpy's logspace(log10 lo, log10 hi, n) (within an ulp or two), except
// that the end points are exactly lo and hi. lo and hi must be > 0.
func Logspace(name string, lo, hi float64, n int) Param {
	if !(lo > 0) || !(hi > 0) {
		return Param{Name: name, err: fmt.Errorf("parameter %q: Logspace bounds lo = %v, hi = %v: must both be > 0", name, lo, hi)}
	}
	if n < 0 || n > maxPoints {
		return Param{Name: name, err: fmt.Errorf("parameter %q: Logspace n = %d values: must be in [1, %d]", name, n, maxPoints)}
	}
	e := Linspace(name, log10(lo), log10(hi), n)
	for k, x := range e.Values {
		e.Values[k] = pmath.Pow(10, x)
	}
	if n > 0 {
		e.Values[0] = lo
	}
	if n > 1 {
		e.Values[n-1] = hi
	}
	return e
}

// log10 is pmath.Log10, exact for powers of ten.
func log10(x float64) float64 {
	a := pmath.Log10(x)
	if r := math.Round(a); pmath.Pow(10, r) == x {
		return r
	}
	return a
}

// Range is a named interval sampled by Random and LatinHypercube: values
// uniform in [Lo, Hi), or log-uniform (uniform in log Lo .. log Hi) when
// Log is set.
type Range struct {
	Name   string
	Lo, Hi float64
	Log    bool
}

// Uniform is a range sampled uniformly in [lo, hi).
func Uniform(name string, lo, hi float64) Range { return Range{Name: name, Lo: lo, Hi: hi} }

// LogUniform is a range sampled uniformly on a log scale in [lo, hi); lo
// and hi must be > 0.
func LogUniform(name string, lo, hi float64) Range {
	return Range{Name: name, Lo: lo, Hi: hi, Log: true}
}

// at maps u in [0, 1) into the range.
func (r Range) at(u float64) float64 {
	if r.Log {
		return pmath.Exp(pmath.Log(r.Lo) + float64(u*(pmath.Log(r.Hi)-pmath.Log(r.Lo))))
	}
	v := r.Lo + float64(u*(r.Hi-r.Lo))
	if v == 0 {
		return 0 // never -0 (a store keeps parameters in SQL, where -0 is 0)
	}
	return v
}

// Dim describes one column of a space: a parameter's name and, for a
// label parameter, its labels.
type Dim struct {
	Name   string
	Labels []string // nil for a numeric parameter
}

// Value is a parameter's value at a point: a number, or for a label
// parameter the label and its position in Num; Name is the parameter's
// name (Result.Num and Result.Label find values by it).
type Value struct {
	Name  string
	Num   float64
	Label string
}

func (v Value) String() string {
	if v.Label != "" {
		return v.Label
	}
	return fmt.Sprint(v.Num)
}

// Space is a set of parameter points, each with an index in [0, Len()).
// It is a value: building one never runs anything. A mistake in its
// definition is kept and reported by Err and by Run.
type Space struct {
	kind string
	dims []Dim
	n    int
	at   func(i int, dst []Value)
	spec any
	err  error
	hash string
}

// Err returns the space's definition error, or nil.
func (s *Space) Err() error { return s.err }

// Len returns the number of points.
func (s *Space) Len() int { return s.n }

// Kind returns "grid", "zip", "list", "random" or "latin-hypercube".
func (s *Space) Kind() string { return s.kind }

// Dims returns the parameters, in the order they were given.
func (s *Space) Dims() []Dim { return s.dims }

// Names returns the parameter names, in order.
func (s *Space) Names() []string {
	n := make([]string, len(s.dims))
	for k, d := range s.dims {
		n[k] = d.Name
	}
	return n
}

// Values returns the parameter values of point i (in Dims' order).
func (s *Space) Values(i int) []Value {
	if i < 0 || i >= s.n {
		panic(fmt.Sprintf("sweep: point index %d out of range [0, %d)", i, s.n))
	}
	v := make([]Value, len(s.dims))
	s.at(i, v)
	for k := range v {
		v[k].Name = s.dims[k].Name
	}
	return v
}

// Point returns point i of the sweep with master seed.
func (s *Space) Point(i int, seed uint64) Point {
	return Point{Index: i, Seed: PointSeed(seed, i), Values: s.Values(i), Workers: 1, dims: s.dims}
}

// PointSeed is the seed of point i of a sweep with master seed:
// rng.Derive(master, i). It depends on nothing else (not on workers,
// shards or the order points run in).
func PointSeed(master uint64, i int) uint64 { return rng.Derive(master, uint64(i)) }

// hashedPoints is how many points' values Definition hashes.
const hashedPoints = 1 << 20

// Definition returns a canonical description of the space: its kind,
// parameters, size, specification (the values of a grid, the ranges and
// seed of a sample) and a hash of the first million points' values (which
// also catches a change in how a sample is drawn). Two spaces with
// equal definitions give the same points. Stores compare it (with the
// master seed and a version) to refuse resuming a changed sweep.
func (s *Space) Definition() string {
	if s.err != nil {
		return "invalid: " + s.err.Error()
	}
	if s.hash == "" {
		h := sha256.New()
		var b [8]byte
		v := make([]Value, len(s.dims))
		for i := 0; i < min(s.n, hashedPoints); i++ {
			s.at(i, v)
			for _, x := range v {
				binary.LittleEndian.PutUint64(b[:], math.Float64bits(x.Num))
				h.Write(b[:])
			}
		}
		s.hash = hex.EncodeToString(h.Sum(nil))
	}
	d := struct {
		Kind   string `json:"kind"`
		Dims   []Dim  `json:"params"`
		N      int    `json:"points"`
		Spec   any    `json:"spec"`
		Values string `json:"values_sha256"`
	}{s.kind, s.dims, s.n, s.spec, s.hash}
	b, err := json.Marshal(d)
	if err != nil {
		panic("sweep: encoding a definition: " + err.Error())
	}
	return string(b)
}

// validName reports whether a parameter or metric name is an identifier
// ([A-Za-z_][A-Za-z0-9_]*): names become column names in CSV, SQL and
// Parquet.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		if c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9') {
			continue
		}
		return false
	}
	return true
}

// Reserved are the names of the columns every results table has (CSV
// and Parquet). A parameter or metric may have one of these names: its
// column is then called p_NAME or m_NAME (Table.ParamColumns,
// Table.MetricColumns).
var Reserved = []string{"index", "seed", "status", "error", "start", "end", "wall_s", "host", "start_ns", "end_ns"}

// checkNames checks that names are identifiers and unique ignoring case
// (SQL column names ignore case).
func checkNames(kind string, names []string) error {
	if len(names) == 0 {
		return fmt.Errorf("sweep: %s: no parameters given: give at least one", kind)
	}
	seen := map[string]string{}
	for k, n := range names {
		if !validName(n) {
			return fmt.Errorf("sweep: %s: parameter %d name %q: must be an identifier ([A-Za-z_][A-Za-z0-9_]*)", kind, k, n)
		}
		l := strings.ToLower(n)
		if o, ok := seen[l]; ok {
			if o == n {
				return fmt.Errorf("sweep: %s: parameter %q given twice: names must be unique", kind, n)
			}
			return fmt.Errorf("sweep: %s: parameters %q and %q differ only by case: names must be unique ignoring case (SQL column names ignore case)", kind, o, n)
		}
		seen[l] = n
	}
	return nil
}

// checkValue checks a numeric parameter value: finite, and not -0 (a
// store keeps values in SQL, where -0 is 0; write 0).
func checkValue(x float64) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return "must be finite"
	case x == 0 && math.Signbit(x):
		return "must not be -0 (write 0: SQL stores -0 as 0)"
	}
	return ""
}

// checkParams checks the parameters of a space; grid is set for Grid,
// whose parameters may not repeat a value (the point would be computed
// twice).
func checkParams(kind string, ps []Param, grid bool) error {
	names := make([]string, len(ps))
	for k, p := range ps {
		names[k] = p.Name
	}
	for _, p := range ps {
		if p.err != nil {
			return fmt.Errorf("sweep: %s: %w", kind, p.err)
		}
	}
	if err := checkNames(kind, names); err != nil {
		return err
	}
	for _, p := range ps {
		if p.Labels != nil && p.Values != nil {
			return fmt.Errorf("sweep: %s: parameter %q has both Values and Labels: give one", kind, p.Name)
		}
		if p.len() == 0 {
			return fmt.Errorf("sweep: %s: parameter %q has no values: give at least one", kind, p.Name)
		}
		first := map[float64]int{}
		for k, x := range p.Values {
			if why := checkValue(x); why != "" {
				return fmt.Errorf("sweep: %s: parameter %q value %d = %v: %s", kind, p.Name, k, x, why)
			}
			if j, ok := first[x]; ok && grid {
				return fmt.Errorf("sweep: %s: parameter %q value %d = %v repeats value %d: each value once (a grid would compute the same point twice; for repeated trials add a parameter such as Values(\"trial\", 0, 1, 2))", kind, p.Name, k, x, j)
			} else if !ok {
				first[x] = k
			}
		}
		firstL := map[string]int{}
		for k, l := range p.Labels {
			if l == "" {
				return fmt.Errorf("sweep: %s: parameter %q label %d is empty: labels must be non-empty", kind, p.Name, k)
			}
			if !utf8.ValidString(l) || strings.ContainsRune(l, 0) {
				return fmt.Errorf("sweep: %s: parameter %q label %d = %q: must be UTF-8 text without NUL (labels are SQL and Parquet strings)", kind, p.Name, k, l)
			}
			if j, ok := firstL[l]; ok && grid {
				return fmt.Errorf("sweep: %s: parameter %q label %d = %q repeats label %d: each label once (a grid would compute the same point twice)", kind, p.Name, k, l, j)
			} else if !ok {
				firstL[l] = k
			}
		}
	}
	return nil
}

func (p Param) len() int {
	if p.Labels != nil {
		return len(p.Labels)
	}
	return len(p.Values)
}

func (p Param) value(k int) Value {
	if p.Labels != nil {
		return Value{Num: float64(k), Label: p.Labels[k]}
	}
	return Value{Num: p.Values[k]}
}

func dimsOf(ps []Param) []Dim {
	d := make([]Dim, len(ps))
	for k, p := range ps {
		d[k] = Dim{Name: p.Name, Labels: p.Labels}
	}
	return d
}

func copyParams(ps []Param) []Param {
	c := make([]Param, len(ps))
	for k, p := range ps {
		c[k] = Param{Name: p.Name, err: p.err}
		if p.Values != nil {
			c[k].Values = append([]float64{}, p.Values...)
		}
		if p.Labels != nil {
			c[k].Labels = append([]string{}, p.Labels...)
		}
	}
	return c
}

// maxPoints bounds a space's size (Run lists the indices it computes).
const maxPoints = 1 << 26

// Grid is the cartesian product of the parameters' values. The last
// parameter varies fastest: Grid(a, b) is (a0,b0), (a0,b1), ..., (a1,b0), ...
func Grid(params ...Param) *Space {
	ps := copyParams(params)
	s := &Space{kind: "grid", dims: dimsOf(ps), spec: ps}
	if s.err = checkParams("Grid", ps, true); s.err != nil {
		return s
	}
	n := 1
	for _, p := range ps {
		if n > maxPoints/p.len() {
			s.err = fmt.Errorf("sweep: Grid: more than %d points (the product of the parameters' value counts): at most %d; split the sweep", maxPoints, maxPoints)
			return s
		}
		n *= p.len()
	}
	s.n = n
	s.at = func(i int, dst []Value) {
		for k := len(ps) - 1; k >= 0; k-- {
			m := ps[k].len()
			dst[k] = ps[k].value(i % m)
			i /= m
		}
	}
	return s
}

// Zip pairs the parameters' values position by position, like HNN's
// BatchSimulate with combinations=False: point i has every parameter's
// value i. All parameters must have the same number of values.
func Zip(params ...Param) *Space {
	ps := copyParams(params)
	s := &Space{kind: "zip", dims: dimsOf(ps), spec: ps}
	if s.err = checkParams("Zip", ps, false); s.err != nil {
		return s
	}
	for _, p := range ps[1:] {
		if p.len() != ps[0].len() {
			s.err = fmt.Errorf("sweep: Zip: parameter %q has %d values and %q has %d: zipped parameters must have the same number of values", ps[0].Name, ps[0].len(), p.Name, p.len())
			return s
		}
	}
	s.n = ps[0].len()
	// A zipped label parameter may repeat a label: its Dim lists each
	// label once, and a value's number is the label's position there.
	pos := make([]map[string]int, len(ps))
	for k, p := range ps {
		if p.Labels == nil {
			continue
		}
		var distinct []string
		pos[k] = map[string]int{}
		for _, l := range p.Labels {
			if _, ok := pos[k][l]; !ok {
				pos[k][l] = len(distinct)
				distinct = append(distinct, l)
			}
		}
		s.dims[k].Labels = distinct
	}
	s.at = func(i int, dst []Value) {
		for k, p := range ps {
			dst[k] = p.value(i)
			if pos[k] != nil {
				dst[k].Num = float64(pos[k][dst[k].Label])
			}
		}
	}
	return s
}

// List is an explicit list of numeric points: rows[i][k] is the value of
// parameter names[k] at point i.
func List(names []string, rows ...[]float64) *Space {
	names = append([]string{}, names...)
	rs := make([][]float64, len(rows))
	for i, r := range rows {
		rs[i] = append([]float64{}, r...)
	}
	s := &Space{kind: "list", spec: rs}
	for _, n := range names {
		s.dims = append(s.dims, Dim{Name: n})
	}
	if s.err = checkNames("List", names); s.err != nil {
		return s
	}
	if len(rs) == 0 {
		s.err = errors.New("sweep: List: no points given: give at least one row")
		return s
	}
	if len(rs) > maxPoints {
		s.err = fmt.Errorf("sweep: List: %d points: at most %d; split the sweep", len(rs), maxPoints)
		return s
	}
	for i, r := range rs {
		if len(r) != len(names) {
			s.err = fmt.Errorf("sweep: List: row %d has %d values for %d parameters (%s)", i, len(r), len(names), strings.Join(names, ", "))
			return s
		}
		for k, x := range r {
			if why := checkValue(x); why != "" {
				s.err = fmt.Errorf("sweep: List: row %d parameter %q = %v: %s", i, names[k], x, why)
				return s
			}
		}
	}
	s.n = len(rs)
	s.at = func(i int, dst []Value) {
		for k, x := range rs[i] {
			dst[k] = Value{Num: x}
		}
	}
	return s
}

func checkRanges(kind string, n int, rs []Range) error {
	names := make([]string, len(rs))
	for k, r := range rs {
		names[k] = r.Name
	}
	if err := checkNames(kind, names); err != nil {
		return err
	}
	if n <= 0 || n > maxPoints {
		return fmt.Errorf("sweep: %s: n = %d points: must be in [1, %d]", kind, n, maxPoints)
	}
	for _, r := range rs {
		fin := !math.IsNaN(r.Lo) && !math.IsInf(r.Lo, 0) && !math.IsNaN(r.Hi) && !math.IsInf(r.Hi, 0)
		if !fin || !(r.Lo < r.Hi) {
			return fmt.Errorf("sweep: %s: range %q = [%v, %v): bounds must be finite with Lo < Hi", kind, r.Name, r.Lo, r.Hi)
		}
		if r.Log && !(r.Lo > 0) {
			return fmt.Errorf("sweep: %s: log range %q = [%v, %v): Lo must be > 0", kind, r.Name, r.Lo, r.Hi)
		}
	}
	return nil
}

type sampleSpec struct {
	Seed   uint64  `json:"seed"`
	N      int     `json:"n"`
	Ranges []Range `json:"ranges"`
}

// Random draws n points uniformly (or log-uniformly) from the ranges. Point
// i's values come from its own random stream (seed, i), so a point does not
// depend on the others. The seed is the sample's, not the sweep's master
// seed.
func Random(seed uint64, n int, ranges ...Range) *Space {
	rs := append([]Range{}, ranges...)
	s := &Space{kind: "random", spec: sampleSpec{seed, n, rs}}
	for _, r := range rs {
		s.dims = append(s.dims, Dim{Name: r.Name})
	}
	if s.err = checkRanges("Random", n, rs); s.err != nil {
		return s
	}
	s.n = n
	key := rng.Key("sweep/random")
	s.at = func(i int, dst []Value) {
		p := rng.PCG(seed, key, uint64(i))
		for k, r := range rs {
			dst[k] = Value{Num: r.at(rng.Float64(&p))}
		}
	}
	return s
}

// LatinHypercube draws n points so that each range, cut into n equal
// strata (equal on a log scale for log ranges), has exactly one point in
// every stratum; the strata are paired at random across ranges and each
// point lies uniformly within its stratum.
func LatinHypercube(seed uint64, n int, ranges ...Range) *Space {
	rs := append([]Range{}, ranges...)
	s := &Space{kind: "latin-hypercube", spec: sampleSpec{seed, n, rs}}
	for _, r := range rs {
		s.dims = append(s.dims, Dim{Name: r.Name})
	}
	if s.err = checkRanges("LatinHypercube", n, rs); s.err != nil {
		return s
	}
	s.n = n
	perm := make([][]int32, len(rs))
	for k := range rs {
		r := rng.New(seed, rng.Key("sweep/lhs/strata"), uint64(k))
		p := make([]int32, n)
		for i := range p {
			p[i] = int32(i)
		}
		r.Shuffle(n, func(a, b int) { p[a], p[b] = p[b], p[a] })
		perm[k] = p
	}
	key := rng.Key("sweep/lhs/jitter")
	s.at = func(i int, dst []Value) {
		p := rng.PCG(seed, key, uint64(i))
		for k, r := range rs {
			u := (float64(perm[k][i]) + rng.Float64(&p)) / float64(n)
			dst[k] = Value{Num: r.at(u)}
		}
	}
	return s
}

// Point is one point of a sweep, as the user's Func sees it.
type Point struct {
	Index  int     // position in the space
	Seed   uint64  // the point's seed: PointSeed(master, Index)
	Values []Value // parameter values in the space's order
	// Workers is a suggestion for the network's Workers: the cores left
	// per point (GOMAXPROCS / sweep workers, at least 1). Results of a
	// network do not depend on it.
	Workers int
	dims    []Dim
}

func (p Point) find(name string) int {
	for k, d := range p.dims {
		if d.Name == name {
			return k
		}
	}
	names := make([]string, len(p.dims))
	for k, d := range p.dims {
		names[k] = d.Name
	}
	panic(fmt.Sprintf("sweep: point %d has no parameter %q (it has %s)", p.Index, name, strings.Join(names, ", ")))
}

// Float returns the value of the parameter called name (a label
// parameter's position). It panics if there is no such parameter; Run
// records the panic as the point's error.
func (p Point) Float(name string) float64 { return p.Values[p.find(name)].Num }

// Label returns the label of the label parameter called name ("" for a
// numeric one). It panics if there is no such parameter.
func (p Point) Label(name string) string { return p.Values[p.find(name)].Label }

// Map returns the parameters as a map of name to float64 or label string.
func (p Point) Map() map[string]any {
	m := make(map[string]any, len(p.dims))
	for k, d := range p.dims {
		if d.Labels != nil {
			m[d.Name] = p.Values[k].Label
		} else {
			m[d.Name] = p.Values[k].Num
		}
	}
	return m
}

// String formats the point as "name=value name=value".
func (p Point) String() string {
	var b strings.Builder
	for k, d := range p.dims {
		if k > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%v", d.Name, p.Values[k])
	}
	return b.String()
}
