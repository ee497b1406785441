// Command va runs golgi's Vogels-Abbott benchmark (models.VANetwork) for
// several seeds and prints one JSON object per seed: the statistics that
// compare/va_brian2.py compares with Brian2's.
//
//	go run ./compare/cmd/va -bench COBA -seeds 1,2,3,4,5
//
// Statistics are over the whole run [0, TStop): mean rates of the
// excitatory and inhibitory cells (Hz), the mean ISI CV over all cells with
// at least 3 spikes, and the fraction of cells without a spike.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/golgi-sim/golgi/simlib/analysis"
	"github.com/golgi-sim/golgi/simlib/models"
)

// Stats are one run's summary statistics.
type Stats struct {
	Simulator string  `json:"simulator"`
	Benchmark string  `json:"benchmark"`
	Seed      uint64  `json:"seed"`
	Scale     float64 `json:"scale"`
	RateExc   float64 `json:"rate_exc"`
	RateInh   float64 `json:"rate_inh"`
	CV        float64 `json:"cv"`
	CVCells   int     `json:"cv_cells"`
	Silent    float64 `json:"silent"`
	Wall      float64 `json:"wall_s"`
}

func main() {
	bench := flag.String("bench", "COBA", "COBA or CUBA")
	seeds := flag.String("seeds", "1,2,3,4,5", "comma-separated seeds")
	scale := flag.Float64("scale", 1, "network scale (models.VA.Scale)")
	workers := flag.Int("workers", 0, "workers (0: automatic)")
	flag.Parse()
	enc := json.NewEncoder(os.Stdout)
	for _, f := range strings.Split(*seeds, ",") {
		seed, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			fail(fmt.Errorf("-seeds: %q is not a seed: %v", f, err))
		}
		s, err := run(*bench, seed, *scale, *workers)
		if err != nil {
			fail(err)
		}
		if err := enc.Encode(s); err != nil {
			fail(err)
		}
	}
}

func run(bench string, seed uint64, scale float64, workers int) (Stats, error) {
	p, err := models.DefaultVA(bench)
	if err != nil {
		return Stats{}, fmt.Errorf("-bench: %w", err)
	}
	p.Seed, p.Scale, p.Workers = seed, scale, workers
	m, err := models.VANetwork(p)
	if err != nil {
		return Stats{}, err
	}
	t0 := time.Now()
	if err := m.Run(p.TStop); err != nil {
		return Stats{}, err
	}
	wall := time.Since(t0).Seconds()
	// golgi stamps a spike at the end of its update (n·dt), Brian2 at the
	// start ((n-1)·dt): shift to Brian2's convention so that both count
	// spikes in the same window [0, TStop).
	exc, inh := shift(m.Exc.Trains(), p.DT), shift(m.Inh.Trains(), p.DT)
	all := append(append([][]float64{}, exc...), inh...)
	s := Stats{Simulator: "golgi", Benchmark: bench, Seed: seed, Scale: scale, Wall: wall}
	if s.RateExc, err = analysis.MeanRate(exc, 0, p.TStop); err != nil {
		return s, err
	}
	if s.RateInh, err = analysis.MeanRate(inh, 0, p.TStop); err != nil {
		return s, err
	}
	s.CV, s.CVCells = analysis.MeanISICV(all)
	if s.Silent, err = analysis.SilentFraction(all, 0, p.TStop); err != nil {
		return s, err
	}
	return s, nil
}

func shift(trains [][]float64, dt float64) [][]float64 {
	for _, tr := range trains {
		for k := range tr {
			tr[k] -= dt
		}
	}
	return trains
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "va:", err)
	os.Exit(1)
}
