// Command synmem measures the whole-process memory per synapse of the
// Vogels-Abbott benchmark (models.VANetwork) at a given scale: it builds
// the network, runs it for 1 s (simulated), and prints the synapse count,
// the process's peak resident set (VmHWM from /proc/self/status, Linux
// only) and their ratio. See docs/performance.md ("Synaptic storage").
//
//	go run ./compare/cmd/synmem -scale 16
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/golgi-sim/golgi/compare/internal/procstat"
	"github.com/golgi-sim/golgi/simlib/models"
)

func main() {
	bench := flag.String("bench", "COBA", "COBA or CUBA")
	scale := flag.Float64("scale", 16, "network scale (models.VA.Scale; 16: 64 000 cells, about 5.1 M synapses)")
	dur := flag.Float64("t", 1000, "simulated time, ms")
	flag.Parse()
	p := models.DefaultCOBA()
	if *bench == "CUBA" {
		p = models.DefaultCUBA()
	}
	p.Scale, p.Workers = *scale, 1
	m, err := models.VANetwork(p)
	if err != nil {
		fmt.Fprintln(os.Stderr, "synmem:", err)
		os.Exit(1)
	}
	if err := m.Run(*dur); err != nil {
		fmt.Fprintln(os.Stderr, "synmem:", err)
		os.Exit(1)
	}
	var syn int64
	for _, pr := range m.Projections() {
		syn += int64(len(pr.Table().Post))
	}
	hwm, err := procstat.PeakRSS()
	if err != nil {
		fmt.Fprintln(os.Stderr, "synmem:", err)
		os.Exit(1)
	}
	fmt.Printf("%s scale %v: %d synapses, peak RSS %.1f MiB, %.2f bytes/synapse\n", *bench, *scale, syn, float64(hwm)/(1<<20), float64(hwm)/float64(syn))
}
