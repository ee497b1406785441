// Command songabbott runs Song, Miller & Abbott (2000)'s STDP network
// (models.DefaultSongAbbott, Brian2's example "synapses/STDP") for the
// given seeds, one after another with one worker, and prints one JSON
// object per seed: the summary compare/song_abbott_brian2.py tabulates
// (models.SongAbbottStats), the final weights, and the run's wall and CPU
// time (getrusage of the process around net.Run; the build is not timed).
//
//	go run ./compare/cmd/songabbott -seeds 1,2,3 -t 100000
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/golgi-sim/golgi/simlib/models"
)

type result struct {
	Seed    uint64
	Stats   models.SongAbbottStats
	Weights []float64
	Spikes  int
	WallS   float64 // wall time of Run (s)
	CPUS    float64 // user+system CPU time of the process during Run (s)
	Events  int64   // presynaptic events (input spikes; each reaches one synapse)
}

func main() {
	seeds := flag.String("seeds", "1", "comma-separated seeds")
	tstop := flag.Float64("t", models.DefaultSongAbbott().TStop, "simulated duration (ms)")
	flag.Parse()
	enc := json.NewEncoder(os.Stdout)
	for _, f := range strings.Split(*seeds, ",") {
		seed, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil {
			fail(fmt.Errorf("-seeds: %q is not a seed (give non-negative integers, comma-separated)", f))
		}
		p := models.DefaultSongAbbott()
		p.Seed, p.Workers, p.WeightInterval = seed, 1, 0
		m, err := models.SongAbbottNetwork(p)
		if err != nil {
			fail(err)
		}
		if err := m.Build(); err != nil {
			fail(err)
		}
		c0, w0 := cpu(), time.Now()
		if err := m.Run(*tstop); err != nil {
			fail(err)
		}
		r := result{Seed: seed, WallS: time.Since(w0).Seconds(), CPUS: cpu() - c0}
		r.Stats = m.Stats()
		r.Weights = append([]float64(nil), m.Input.Weights()...)
		r.Spikes = m.Spikes.Len()
		r.Events = m.SpikeCount() - int64(r.Spikes)
		if err := enc.Encode(r); err != nil {
			fail(err)
		}
	}
}

func cpu() float64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		fail(err)
	}
	return float64(u.Utime.Nano()+u.Stime.Nano()) / 1e9
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "songabbott:", err)
	os.Exit(1)
}
