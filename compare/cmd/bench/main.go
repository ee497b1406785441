// Command bench builds and runs one configuration of the Vogels-Abbott
// benchmark (models.VANetwork) scaled to N cells at a fixed in-degree of
// about 80 (models.VA.Scale = N/4000, PConn 0.02/Scale), and prints one
// JSON object: the run phase's wall and CPU time (net.Run only, the build
// is timed apart), the process's peak resident set (VmHWM, Linux), the
// synapse, spike and synaptic-event counts and the load average before and
// after. compare/bench.sh runs it once per configuration and repetition,
// each in its own process, so that the peak resident set is that of one
// build and one run. See docs/performance.md.
//
//	go run ./compare/cmd/bench -bench COBA -scheme exp-euler -n 64000 -workers 2
//
// Schemes: COBA exp-euler (golgi's default for a LIF with conductances:
// v exactly for the conductances frozen over the step; Brian2's
// 'exponential_euler') or euler (forward Euler, Brian2's 'euler'); CUBA
// exact (the exact propagator, golgi's default; Brian2's 'exact') or euler.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/golgi-sim/golgi/compare/internal/procstat"
	"github.com/golgi-sim/golgi/simlib/models"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// Config is one benchmark configuration.
type Config struct {
	Bench   string  // "COBA" or "CUBA"
	Scheme  string  // "exp-euler", "euler" (COBA); "exact", "euler" (CUBA)
	N       int     // cells (4000 per unit of models.VA.Scale)
	Workers int     // network workers, >= 1
	T       float64 // simulated time (ms)
	Seed    uint64  // master seed
}

// maxN is the largest network the command accepts: 4 million cells (about
// 320 M synapses, some 4 GB).
const maxN = 4_000_000

// schemes lists the schemes each benchmark accepts and the method each
// stands for.
var schemes = map[string]map[string]scheme.Method{
	"COBA": {"exp-euler": scheme.ExpEuler, "euler": scheme.Euler},
	"CUBA": {"exact": scheme.Exact, "euler": scheme.Euler},
}

// parseArgs reads the command line (without the program name).
func parseArgs(args []string, stderr io.Writer) (Config, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c Config
	fs.StringVar(&c.Bench, "bench", "COBA", "benchmark: COBA or CUBA")
	fs.StringVar(&c.Scheme, "scheme", "", "integration scheme: COBA exp-euler (default) or euler; CUBA exact (default) or euler")
	fs.IntVar(&c.N, "n", 4000, "cells (excitatory and inhibitory; in-degree stays about 80)")
	fs.IntVar(&c.Workers, "workers", 1, "network workers (>= 1)")
	fs.Float64Var(&c.T, "t", 1000, "simulated time (ms)")
	fs.Uint64Var(&c.Seed, "seed", models.DefaultCOBA().Seed, "master seed")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("bench: unexpected argument %q: every setting is a flag (see -h)", fs.Arg(0))
	}
	return c, c.validate()
}

func (c *Config) validate() error {
	s, ok := schemes[c.Bench]
	if !ok {
		return fmt.Errorf("bench: -bench %q: must be COBA or CUBA", c.Bench)
	}
	if c.Scheme == "" {
		c.Scheme = map[string]string{"COBA": "exp-euler", "CUBA": "exact"}[c.Bench]
	}
	if _, ok := s[c.Scheme]; !ok {
		allowed := map[string]string{"COBA": "exp-euler or euler", "CUBA": "exact or euler"}[c.Bench]
		return fmt.Errorf("bench: -scheme %q for %s: must be %s", c.Scheme, c.Bench, allowed)
	}
	if c.N < 100 || c.N > maxN {
		return fmt.Errorf("bench: -n %d: must be between 100 and %d cells", c.N, maxN)
	}
	if c.Workers < 1 || c.Workers > 1024 {
		return fmt.Errorf("bench: -workers %d: must be between 1 and 1024", c.Workers)
	}
	if !(c.T > 0) || math.IsInf(c.T, 0) {
		return fmt.Errorf("bench: -t %v: must be a positive, finite time in ms", c.T)
	}
	return nil
}

// Result is what the command prints, one JSON object per run. The field
// names are those of compare/bench_brian2.py's records, which
// compare/cmd/benchplot reads.
type Result struct {
	Simulator string  `json:"simulator"`
	Bench     string  `json:"benchmark"`
	Scheme    string  `json:"scheme"`
	N         int     `json:"n"`
	Workers   int     `json:"threads"`
	TStop     float64 `json:"t_ms"`
	Synapses  int64   `json:"synapses"`
	Spikes    int64   `json:"spikes"`
	Events    int64   `json:"syn_events"`
	Updates   int64   `json:"neuron_updates"`
	BuildS    float64 `json:"build_s"`
	WallS     float64 `json:"wall_s"`
	CPUS      float64 `json:"cpu_s"`
	// RunS is the time the comparison uses: CPU time with one worker (as
	// Brian2's single-threaded std::clock), wall time with more (as
	// Brian2's omp_get_wtime); Timer says which.
	RunS     float64    `json:"run_s"`
	Timer    string     `json:"timer"`
	PeakRSS  int64      `json:"peak_rss_bytes"`
	Load     [2]float64 `json:"load1"` // 1-minute load average before and after
	Go       string     `json:"go"`
	GOAMD64  string     `json:"goamd64,omitempty"`
	Started  string     `json:"started"`
	Hostname string     `json:"host,omitempty"`
}

func main() {
	c, err := parseArgs(os.Args[1:], os.Stderr)
	if err == flag.ErrHelp {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	r, err := run(c)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: %s %s n=%d workers=%d: %v\n", c.Bench, c.Scheme, c.N, c.Workers, err)
		os.Exit(1)
	}
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
}

// run builds and runs c once.
func run(c Config) (Result, error) {
	r := Result{Simulator: "golgi", Bench: c.Bench, Scheme: c.Scheme, N: c.N, Workers: c.Workers, TStop: c.T,
		Go: runtime.Version(), Started: time.Now().UTC().Format(time.RFC3339)}
	r.Hostname, _ = os.Hostname()
	r.GOAMD64 = os.Getenv("GOAMD64")
	r.Load[0] = procstat.Load1()
	p := models.DefaultCOBA()
	if c.Bench == "CUBA" {
		p = models.DefaultCUBA()
	}
	p.Scale = float64(c.N) / float64(p.N)
	p.Method = schemes[c.Bench][c.Scheme]
	p.Workers, p.Seed, p.TStop = c.Workers, c.Seed, c.T
	if ne, ni, _ := p.Sizes(); ne+ni != c.N {
		return r, fmt.Errorf("scale %v gives %d cells, not %d", p.Scale, ne+ni, c.N)
	}
	t0 := time.Now()
	m, err := models.VANetwork(p)
	if err != nil {
		return r, err
	}
	sp := map[string]*record.Spikes{"exc": m.Exc, "inh": m.Inh}
	if p.KickN > 0 {
		sp["ext"] = record.NewSpikes(m.Population("ext"))
		m.Record(sp["ext"])
	}
	if err := m.Build(); err != nil {
		return r, err
	}
	r.BuildS = time.Since(t0).Seconds()
	c0 := cpuTime()
	t1 := time.Now()
	if err := m.Run(c.T); err != nil {
		return r, err
	}
	r.WallS = time.Since(t1).Seconds()
	r.CPUS = (cpuTime() - c0).Seconds()
	r.RunS, r.Timer = r.CPUS, "cpu"
	if c.Workers > 1 {
		r.RunS, r.Timer = r.WallS, "wall"
	}
	r.Updates = int64(c.N) * m.Steps()
	// The peak is read before the event count: Table() builds an int64 row
	// pointer per projection that the run itself does not keep.
	if r.PeakRSS, err = procstat.PeakRSS(); err != nil {
		return r, err
	}
	for _, pr := range m.Projections() {
		tb := pr.Table()
		r.Synapses += tb.Len()
		var s *record.Spikes
		for _, rec := range sp {
			if rec.Population() == pr.Pre() {
				s = rec
			}
		}
		if s == nil || s.Size() != tb.NPre {
			return r, fmt.Errorf("%v: no spike recorder of its source", pr)
		}
		for _, j := range s.Indices() {
			r.Events += tb.Ptr[j+1] - tb.Ptr[j]
		}
	}
	for _, s := range sp {
		r.Spikes += int64(len(s.Indices()))
	}
	r.Load[1] = procstat.Load1()
	return r, nil
}

// cpuTime returns the process's user plus system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
