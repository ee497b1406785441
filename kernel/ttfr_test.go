package kernel_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/kernel/setup"
)

// ttfrCells is how many "%%" cells each session of
// BenchmarkTimeToFirstResult runs after its import cell: the first is
// the session's first program, the others are warm.
const ttfrCells = 6

// ttfrCell is the cell a user writes to see the COBA benchmark run (as
// notebooks/02_vogels_abbott.ipynb does, without the chart): build
// models.VANetwork(models.DefaultCOBA()), run 1 s, print. It prints the
// Unix times (ns) of main's start, of the end of the network's build and
// of the end of the run, for the breakdown.
const ttfrCell = `%%%%
t0 := time.Now()
p := models.DefaultCOBA()
p.Seed = %d
m := must.Get(models.VANetwork(p))
must.Do(m.Build())
t1 := time.Now()
must.Do(m.Run(1000))
t2 := time.Now()
fmt.Printf("TTFR %%d %%d %%d %%d spikes\n", t0.UnixNano(), t1.UnixNano(), t2.UnixNano(), m.Exc.Len()+m.Inh.Len())`

const ttfrImports = `import (
	"fmt"
	"time"

	"github.com/golgi-sim/golgi/must"
	"github.com/golgi-sim/golgi/simlib/models"
)`

// ttfrPhases are the parts of one cell's time, in seconds, from the
// client's request to the cell's idle status.
type ttfrPhases struct {
	total  float64 // request sent -> status idle, at the client
	first  float64 // request sent -> first output (the result line), at the client
	pre    float64 // GoNB busy (the block's start) -> go build starts: GoNB's parse, goimports, go get
	build  float64 // go build (compile the cell's main.go, link)
	start  float64 // go build ends -> main starts: exec, runtime and package init
	netb   float64 // models.VANetwork and Build
	run    float64 // Run(1000)
	post   float64 // run ends -> status idle at the client: exit, the kernel's block, relay
	spikes int
}

// BenchmarkTimeToFirstResult measures what a user waits for between
// pressing Shift-Enter on a fresh cell that builds and runs COBA 4k for 1 s
// and seeing its result, through the real kernel (Jupyter's client,
// golgi's kernel, GoNB, go build, the cell's program). Each iteration runs
// two sessions, the kernel as installed (cells linked with -ldflags=-w)
// and with --dwarf (GoNB's default link), in alternating order; each
// session runs an import cell and ttfrCells cells that differ by their
// seed (so each is compiled anew, as a new cell is). The first of them is
// "first", the others "warm" (the build cache holds every dependency).
// A shim in front of go on the kernel's PATH logs when each go build starts
// and ends (a few ms of shell, in every variant alike). Metrics are medians
// over the warm cells, in ms; docs/performance.md "Time to first result".
//
//	go test ./kernel -run '^$' -bench TimeToFirstResult -benchtime 3x
func BenchmarkTimeToFirstResult(b *testing.B) {
	e := integration(b)
	shim := b.TempDir()
	buildLog := filepath.Join(shim, "builds.log")
	realGo := ""
	for _, d := range e.path {
		if _, err := os.Stat(filepath.Join(d, "go")); err == nil {
			realGo = filepath.Join(d, "go")
			break
		}
	}
	if realGo == "" {
		b.Fatalf("no go in %v", e.path)
	}
	script := fmt.Sprintf("#!/bin/sh\nif [ \"$1\" = build ]; then\n  s=$(date +%%s.%%N)\n  '%s' \"$@\"\n  rc=$?\n  echo \"$s $(date +%%s.%%N)\" >> '%s'\n  exit $rc\nfi\nexec '%s' \"$@\"\n", realGo, buildLog, realGo)
	if err := os.WriteFile(filepath.Join(shim, "go"), []byte(script), 0o755); err != nil {
		b.Fatal(err)
	}
	data := b.TempDir()
	variants := []struct {
		name  string
		dwarf bool
	}{{"golgi-w", false}, {"golgi-dwarf", true}}
	for _, v := range variants {
		spec := setup.Spec(e.golgi, e.gonb, e.checkout, append([]string{shim}, e.path...))
		if v.dwarf {
			spec.Argv = append(spec.Argv, "--dwarf")
		}
		if _, err := setup.WriteSpec(filepath.Join(data, "kernels", v.name), spec); err != nil {
			b.Fatal(err)
		}
	}
	load0, _ := os.ReadFile("/proc/loadavg")
	firsts := map[string][]ttfrPhases{}
	warms := map[string][]ttfrPhases{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range variants {
			v := variants[(i+j)%len(variants)]
			steps := []map[string]any{{"op": "execute", "code": ttfrImports}}
			for k := 0; k < ttfrCells; k++ {
				steps = append(steps, map[string]any{"op": "execute", "code": fmt.Sprintf(ttfrCell, 1+k+i*ttfrCells)})
			}
			steps = append(steps, map[string]any{"op": "shutdown"})
			if err := os.WriteFile(buildLog, nil, 0o644); err != nil {
				b.Fatal(err)
			}
			evs := session(b, data, v.name, "", steps)
			ph := ttfrParse(b, evs, buildLog)
			firsts[v.name] = append(firsts[v.name], ph[0])
			warms[v.name] = append(warms[v.name], ph[1:]...)
		}
	}
	b.StopTimer()
	load1, _ := os.ReadFile("/proc/loadavg")
	b.Logf("load average before %s, after %s", strings.TrimSpace(string(load0)), strings.TrimSpace(string(load1)))
	for _, v := range variants {
		w := warms[v.name]
		b.Logf("%s: %d warm cells, ms: total %v", v.name, len(w), ttfrMs(w, func(p ttfrPhases) float64 { return p.total }))
		prefix := ""
		if v.dwarf {
			prefix = "dwarf-"
		}
		med := func(f func(ttfrPhases) float64) float64 { return median(ttfrMs(w, f)) }
		b.ReportMetric(med(func(p ttfrPhases) float64 { return p.total }), prefix+"warm-ms")
		b.ReportMetric(slices.Min(ttfrMs(w, func(p ttfrPhases) float64 { return p.total })), prefix+"warm-min-ms")
		b.ReportMetric(med(func(p ttfrPhases) float64 { return p.build }), prefix+"gobuild-ms")
		if v.dwarf {
			continue
		}
		b.ReportMetric(median(ttfrMs(firsts[v.name], func(p ttfrPhases) float64 { return p.total })), "first-ms")
		b.ReportMetric(med(func(p ttfrPhases) float64 { return p.first }), "result-ms")
		b.ReportMetric(med(func(p ttfrPhases) float64 { return p.pre }), "gonb-ms")
		b.ReportMetric(med(func(p ttfrPhases) float64 { return p.start }), "start-ms")
		b.ReportMetric(med(func(p ttfrPhases) float64 { return p.netb }), "netbuild-ms")
		b.ReportMetric(med(func(p ttfrPhases) float64 { return p.run }), "run-ms")
		b.ReportMetric(med(func(p ttfrPhases) float64 { return p.post }), "post-ms")
	}
}

// ttfrParse turns a session's events (the import cell, then the ttfrCells
// cells) and the shim's log of go builds (one per cell: GoNB builds a
// program for every cell) into the phases of the ttfrCells cells.
func ttfrParse(b *testing.B, evs []event, buildLog string) []ttfrPhases {
	b.Helper()
	var ex []event
	for _, ev := range evs {
		if ev.Op == "execute" {
			ex = append(ex, ev)
		}
	}
	raw, err := os.ReadFile(buildLog)
	if err != nil {
		b.Fatal(err)
	}
	var builds [][2]float64
	for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.Fields(l)
		if len(f) != 2 {
			continue
		}
		s, err1 := strconv.ParseFloat(f[0], 64)
		t, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			b.Fatalf("shim log line %q", l)
		}
		builds = append(builds, [2]float64{s, t})
	}
	if len(ex) != 1+ttfrCells || len(builds) != len(ex) {
		b.Fatalf("%d cells executed and %d go builds logged, want %d of each; events: %+v", len(ex), len(builds), 1+ttfrCells, evs)
	}
	var out []ttfrPhases
	for k, ev := range ex[1:] {
		var tm [3]int64
		var p ttfrPhases
		line := ""
		for _, l := range strings.Split(ev.text(), "\n") {
			if strings.HasPrefix(l, "TTFR ") {
				line = l
			}
		}
		if n, err := fmt.Sscanf(line, "TTFR %d %d %d %d spikes", &tm[0], &tm[1], &tm[2], &p.spikes); err != nil || n != 4 || p.spikes <= 0 || ev.Status != "ok" {
			b.Fatalf("cell %d: status %s, no TTFR line with spikes in its output: %+v", k+1, ev.Status, ev.Outputs)
		}
		if len(ev.Blocks) != 1 {
			b.Fatalf("cell %d: %d repro blocks, want 1", k+1, len(ev.Blocks))
		}
		busy, err := time.Parse(time.RFC3339Nano, ev.Blocks[0].Start)
		if err != nil {
			b.Fatalf("cell %d: block start %q: %v", k+1, ev.Blocks[0].Start, err)
		}
		sec := func(ns int64) float64 { return float64(ns) / 1e9 }
		bl := builds[k+1]
		p.total = ev.TIdle - ev.TSend
		p.first = ev.TFirst - ev.TSend
		p.pre = bl[0] - sec(busy.UnixNano())
		p.build = bl[1] - bl[0]
		p.start = sec(tm[0]) - bl[1]
		p.netb = sec(tm[1] - tm[0])
		p.run = sec(tm[2] - tm[1])
		p.post = ev.TIdle - sec(tm[2])
		out = append(out, p)
	}
	return out
}

// ttfrMs returns f of each phase, in ms.
func ttfrMs(ps []ttfrPhases, f func(ttfrPhases) float64) []float64 {
	var v []float64
	for _, p := range ps {
		v = append(v, f(p)*1000)
	}
	return v
}

// median of v (0 for none).
func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
