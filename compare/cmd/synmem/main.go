// Command synmem measures the whole-process memory per synapse of the
// Vogels-Abbott benchmark (models.VANetwork) at a given scale: it builds
// the network, runs it for 1 s (simulated), and prints the synapse count,
// the build and run wall times, the process's peak resident set (VmHWM
// from /proc/self/status, Linux only), their ratio, and the network's own
// estimate of its needs (the one it checks against MaxMemory before
// allocating). See docs/performance.md ("Synaptic storage" and "Time to
// first result").
//
//	go run ./compare/cmd/synmem -scale 16
//	go run ./compare/cmd/synmem -scale 250 -indegree 100   # 1M cells x 100 synapses
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"time"

	"github.com/golgi-sim/golgi/compare/internal/procstat"
	"github.com/golgi-sim/golgi/simlib/models"
)

func main() {
	bench := flag.String("bench", "COBA", "COBA or CUBA")
	scale := flag.Float64("scale", 16, "network scale (models.VA.Scale; 16: 64 000 cells, about 5.1 M synapses)")
	indeg := flag.Float64("indegree", 0, "mean recurrent synapses onto each cell (models.VA N·PConn, kept at every scale); 0: the model's (80)")
	maxMem := flag.Float64("maxmem", 0, "memory limit of the network, GiB (models.VA.MaxMemory); 0: 3/4 of physical memory")
	dur := flag.Float64("t", 1000, "simulated time, ms")
	flag.Parse()
	p, err := params(*bench, *scale, *indeg, *maxMem, *dur)
	if err != nil {
		fail(err)
	}
	est := estimate(p)
	t0 := time.Now()
	m, err := models.VANetwork(p)
	if err != nil {
		fail(err)
	}
	if err := m.Build(); err != nil {
		fail(err)
	}
	t1 := time.Now()
	if err := m.Run(*dur); err != nil {
		fail(err)
	}
	t2 := time.Now()
	var syn int64
	for _, pr := range m.Projections() {
		syn += pr.Len() // not Table(): it would build a row pointer the run does not keep
	}
	hwm, err := procstat.PeakRSS()
	if err != nil {
		fail(err)
	}
	cells := m.Exc.Size() + m.Inh.Size()
	fmt.Printf("%s scale %v: %d cells, %d synapses (%.1f recurrent per cell), peak RSS %.1f MiB, %.2f bytes/synapse\n",
		*bench, *scale, cells, syn, recurrent(m)/float64(cells), float64(hwm)/(1<<20), float64(hwm)/float64(syn))
	fmt.Printf("build %.2f s, run of %v ms %.2f s (wall), %d spikes (%.1f Hz per cell)\n",
		t1.Sub(t0).Seconds(), *dur, t2.Sub(t1).Seconds(), m.Exc.Len()+m.Inh.Len(), float64(m.Exc.Len()+m.Inh.Len())/float64(cells)*1000 / *dur)
	if est > 0 {
		fmt.Printf("network's estimate before allocating: %.3g GB (peak RSS / estimate %.2f)\n", est/1e9, float64(hwm)/est)
	}
}

// params turns the flags into the model's parameters, or says which flag
// is wrong and what it may be.
func params(bench string, scale, indeg, maxMem, dur float64) (models.VA, error) {
	p, err := models.DefaultVA(bench)
	if err != nil {
		return p, fmt.Errorf("-bench: %w", err)
	}
	if !(scale > 0) || math.IsInf(scale, 0) {
		return p, fmt.Errorf("-scale %v: must be a finite number above 0", scale)
	}
	if !(dur > 0) || math.IsInf(dur, 0) {
		return p, fmt.Errorf("-t %v: must be a finite duration above 0 ms", dur)
	}
	if !(maxMem >= 0) || maxMem > 1<<20 {
		return p, fmt.Errorf("-maxmem %v: must be between 0 (3/4 of physical memory) and %d GiB", maxMem, 1<<20)
	}
	p.Scale, p.Workers, p.MaxMemory = scale, 1, int64(maxMem*(1<<30))
	if indeg != 0 {
		cells := math.Floor(float64(p.N) * scale)
		if !(indeg > 0) || math.IsInf(indeg, 0) || indeg > cells {
			return p, fmt.Errorf("-indegree %v: must be above 0 and at most the number of cells (%v at scale %v), or 0 for the model's %v", indeg, cells, scale, float64(p.N)*p.PConn)
		}
		p.PConn = indeg / float64(p.N)
	}
	return p, nil
}

// estimate returns the network's own estimate of the bytes it needs, the
// figure it compares with MaxMemory before allocating (network's
// checkMemory): it builds the same model with a limit of one byte and
// reads the figure from the refusal. 0 when the message does not carry it.
func estimate(p models.VA) float64 {
	p.MaxMemory = 1
	m, err := models.VANetwork(p)
	if err != nil {
		return 0
	}
	err = m.Build()
	if err == nil {
		return 0
	}
	mm := needsRE.FindStringSubmatch(err.Error())
	if mm == nil {
		return 0
	}
	gb, perr := strconv.ParseFloat(mm[1], 64)
	if perr != nil {
		return 0
	}
	return gb * 1e9
}

var needsRE = regexp.MustCompile(`needs about ([0-9.e+-]+) GB`)

// recurrent counts the synapses between the excitatory and inhibitory
// populations (the first four projections; the kick's come after).
func recurrent(m *models.VAModel) float64 {
	var n int64
	for i, pr := range m.Projections() {
		if i < 4 {
			n += pr.Len()
		}
	}
	return float64(n)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "synmem:", err)
	os.Exit(1)
}
