// Command batch runs HNN-core's batch-simulation example (20 points
// zipping two drive weights; package examples) as a resumable sweep
// program: the whole sweep on one machine, or one shard per task of a
// SLURM job array.
//
//	go build -o batch ./simlib/sweep/examples/batch
//	./batch -store runs/batch                       # all points, all cores
//	./batch -store runs/batch -shard 3 -shards 8    # one shard
//	golgi sweep slurm -program ./batch -store /scratch/runs/batch -shards 8 -o batch.sbatch
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/examples"
	"github.com/golgi-sim/golgi/simlib/sweep/store"
)

func main() {
	fs := flag.NewFlagSet("batch", flag.ExitOnError)
	opts := store.Flags(fs)
	duration := fs.Float64("duration", 100, "simulated time per point (ms)")
	seed := fs.Uint64("seed", 1, "master seed")
	fs.Parse(os.Args[1:])
	dir, opt, err := opts()
	if err != nil {
		fmt.Fprintln(os.Stderr, "batch:", err)
		os.Exit(2)
	}
	opt.Seed = *seed
	// The version names what the points compute: change it when the code
	// changes, and a stale store is refused instead of mixed.
	opt.Version = fmt.Sprintf("examples.Batch v1, duration %v ms", *duration)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opt.Progress = func(p sweep.Progress) {
		if p.Last != nil {
			fmt.Fprintf(os.Stderr, "point %d %s (%d/%d, ETA %v)\n", p.Last.Index, p.Last.Status, p.Done, p.Total, p.ETA.Round(time.Second))
		}
	}
	tab, err := store.Run(ctx, dir, examples.BatchSpace(), examples.Batch(*duration, true), &opt)
	if tab != nil {
		fmt.Printf("shard %v: %d points: %d done, %d failed, %d pending; stored in %s\n",
			opt.Shard, tab.Len(), tab.Count(sweep.Done), tab.Count(sweep.Failed), tab.Count(sweep.Pending)+tab.Count(sweep.Cancelled), dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "batch:", err)
		os.Exit(1)
	}
	if tab.Count(sweep.Failed) > 0 {
		os.Exit(1)
	}
}
