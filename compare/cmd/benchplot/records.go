package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Record is one line of compare/bench.sh's results: a simulator run
// (simulator "golgi" or "brian2") or a ceiling ("ceiling-c",
// "ceiling-go").
type Record struct {
	Simulator string    `json:"simulator"`
	Bench     string    `json:"benchmark"`
	Scheme    string    `json:"scheme"`
	N         int       `json:"n"`
	Threads   int       `json:"threads"`
	Synapses  int64     `json:"synapses"`
	Events    int64     `json:"syn_events"`
	Updates   int64     `json:"neuron_updates"`
	WallS     float64   `json:"wall_s"`
	RunS      float64   `json:"run_s"`
	Timer     string    `json:"timer"`
	PeakRSS   int64     `json:"peak_rss_bytes"`
	Load      []float64 `json:"load1"`
	Started   string    `json:"started"`
	Kernel    string    `json:"kernel"`
	PerS      float64   `json:"elements_per_s"`
	Line      int       `json:"-"` // where it came from, for messages
	File      string    `json:"-"`
}

func (r Record) where() string { return fmt.Sprintf("%s:%d", r.File, r.Line) }

// ReadRecords reads JSON lines (blank lines are skipped) and checks each.
func ReadRecords(rd io.Reader, name string) ([]Record, error) {
	var out []Record
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	for ln := 1; sc.Scan(); ln++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var r Record
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("%s:%d: not a JSON record: %v", name, ln, err)
		}
		r.File, r.Line = name, ln
		if err := r.check(); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, ln, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return out, nil
}

func (r Record) check() error {
	pos := func(field string, v float64) error {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%s record: %s = %v: must be positive and finite", r.Simulator, field, v)
		}
		return nil
	}
	if r.N <= 0 || r.Threads <= 0 {
		return fmt.Errorf("%s record: n = %d, threads = %d: both must be positive", r.Simulator, r.N, r.Threads)
	}
	switch r.Simulator {
	case "golgi", "brian2":
		if r.Bench != "COBA" && r.Bench != "CUBA" {
			return fmt.Errorf("%s record: benchmark %q: must be COBA or CUBA", r.Simulator, r.Bench)
		}
		if r.Scheme == "" {
			return fmt.Errorf("%s record: no scheme", r.Simulator)
		}
		if want := map[bool]string{true: "cpu", false: "wall"}[r.Threads == 1]; r.Timer != want {
			return fmt.Errorf("%s record: timer %q with %d threads: the comparison needs %q", r.Simulator, r.Timer, r.Threads, want)
		}
		if err := pos("run_s", r.RunS); err != nil {
			return err
		}
		if r.Synapses <= 0 || r.Updates <= 0 || r.PeakRSS <= 0 || r.Events < 0 {
			return fmt.Errorf("%s record: synapses %d, neuron_updates %d, peak_rss_bytes %d, syn_events %d: counts must be positive (events >= 0)",
				r.Simulator, r.Synapses, r.Updates, r.PeakRSS, r.Events)
		}
	case "ceiling-c", "ceiling-go":
		if r.Kernel != "stream" && r.Kernel != "scatter" {
			return fmt.Errorf("%s record: kernel %q: must be stream or scatter", r.Simulator, r.Kernel)
		}
		return pos("elements_per_s", r.PerS)
	default:
		return fmt.Errorf("simulator %q: must be golgi, brian2, ceiling-c or ceiling-go", r.Simulator)
	}
	return nil
}

// Key names one configuration.
type Key struct {
	Bench, Scheme string
	N, Threads    int
}

func (k Key) String() string {
	return fmt.Sprintf("%s %s N=%d threads=%d", k.Bench, k.Scheme, k.N, k.Threads)
}

// Config is a simulator's summary of one configuration.
type Config struct {
	Runs      int
	RunS      float64 // best (least) run time, by the record's timer
	WallS     float64 // golgi: the wall time of the best run (0: unknown)
	Timer     string
	PeakRSS   int64   // largest over the runs
	Synapses  int64   // of the best run
	Events    int64   // of the best run
	Updates   int64   // of the best run
	LoadLo    float64 // least and largest 1-minute load average seen
	LoadHi    float64
	Started   string // earliest start
	UpdatesPS float64
	EventsPS  float64
}

// BytesPerSynapse is the peak resident set over the synapses.
func (c *Config) BytesPerSynapse() float64 { return float64(c.PeakRSS) / float64(c.Synapses) }

// CeilKey names one ceiling.
type CeilKey struct {
	Simulator, Kernel string
	N, Threads        int
}

// Results is what the tables and the plot show.
type Results struct {
	Golgi, Brian2 map[Key]*Config
	Ceil          map[CeilKey]float64 // best elements per second
}

// Summarise groups the records by configuration.
func Summarise(recs []Record) (*Results, error) {
	res := &Results{Golgi: map[Key]*Config{}, Brian2: map[Key]*Config{}, Ceil: map[CeilKey]float64{}}
	var errs []error
	for _, r := range recs {
		if strings.HasPrefix(r.Simulator, "ceiling-") {
			k := CeilKey{r.Simulator, r.Kernel, r.N, r.Threads}
			res.Ceil[k] = math.Max(res.Ceil[k], r.PerS)
			continue
		}
		m := res.Golgi
		if r.Simulator == "brian2" {
			m = res.Brian2
		}
		k := Key{r.Bench, r.Scheme, r.N, r.Threads}
		c := m[k]
		if c == nil {
			c = &Config{LoadLo: math.Inf(1), LoadHi: math.Inf(-1)}
			m[k] = c
		} else if c.Synapses != r.Synapses {
			errs = append(errs, fmt.Errorf("%s: %s %v: %d synapses, another run of it had %d: not the same network",
				r.where(), r.Simulator, k, r.Synapses, c.Synapses))
		}
		c.Runs++
		if c.Runs == 1 || r.RunS < c.RunS {
			c.RunS, c.WallS, c.Timer, c.Synapses, c.Events, c.Updates = r.RunS, r.WallS, r.Timer, r.Synapses, r.Events, r.Updates
		}
		c.PeakRSS = max(c.PeakRSS, r.PeakRSS)
		for _, l := range r.Load {
			c.LoadLo, c.LoadHi = math.Min(c.LoadLo, l), math.Max(c.LoadHi, l)
		}
		if c.Started == "" || (r.Started != "" && r.Started < c.Started) {
			c.Started = r.Started
		}
	}
	for _, m := range []map[Key]*Config{res.Golgi, res.Brian2} {
		for _, c := range m {
			c.UpdatesPS = float64(c.Updates) / c.RunS
			c.EventsPS = float64(c.Events) / c.RunS
		}
	}
	return res, errors.Join(errs...)
}

// Complete reports every configuration that one simulator has and the
// other lacks, and sizes without ceilings.
func (r *Results) Complete() error {
	var errs []error
	for _, k := range r.Keys() {
		if r.Golgi[k] == nil {
			errs = append(errs, fmt.Errorf("%v: Brian2 ran it, golgi did not", k))
		}
		if r.Brian2[k] == nil {
			errs = append(errs, fmt.Errorf("%v: golgi ran it, Brian2 did not", k))
		}
		// Both draw every synapse with the same probability: the count is
		// binomial with mean about 80·N, relative deviation 1/sqrt(80·N)
		// (0.18 % at 4000 cells), so 2 % apart means another model.
		if g, b := r.Golgi[k], r.Brian2[k]; g != nil && b != nil && math.Abs(float64(g.Synapses-b.Synapses)) > 0.02*float64(b.Synapses) {
			errs = append(errs, fmt.Errorf("%v: golgi built %d synapses, Brian2 %d: not the same model (in-degree or kick differ)", k, g.Synapses, b.Synapses))
		}
		for _, sim := range []string{"ceiling-c", "ceiling-go"} {
			for _, kern := range []string{"stream", "scatter"} {
				if _, ok := r.Ceil[CeilKey{sim, kern, k.N, k.Threads}]; !ok {
					errs = append(errs, fmt.Errorf("%v: no %s %s ceiling at n=%d threads=%d", k, sim, kern, k.N, k.Threads))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// Keys returns every configuration, in table order: benchmark, scheme
// (COBA exp-euler first), N, threads.
func (r *Results) Keys() []Key {
	seen := map[Key]bool{}
	var ks []Key
	for _, m := range []map[Key]*Config{r.Golgi, r.Brian2} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				ks = append(ks, k)
			}
		}
	}
	sort.Slice(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a.Bench != b.Bench {
			return a.Bench < b.Bench
		}
		if a.Scheme != b.Scheme {
			return schemeOrder(a.Scheme) < schemeOrder(b.Scheme)
		}
		if a.N != b.N {
			return a.N < b.N
		}
		return a.Threads < b.Threads
	})
	return ks
}

func schemeOrder(s string) string {
	switch s {
	case "exp-euler", "exact":
		return "0" + s
	}
	return "1" + s
}
