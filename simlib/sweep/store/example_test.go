package store_test

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/store"
)

// A sweep stored as it runs resumes where it stopped. Here the first run
// computes only half of the points (shard 0 of 2, as if it had been
// interrupted); the second computes the rest, and a third nothing.
func ExampleRun() {
	dir, err := os.MkdirTemp("", "sweep-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	space := sweep.Grid(sweep.Values("w", 1, 2, 3), sweep.Values("tau", 5, 10))
	var computed atomic.Int32
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		computed.Add(1)
		return sweep.Output{Metrics: sweep.Metrics{"charge": p.Float("w") * p.Float("tau")}}, nil
	}
	opt := &store.Options{Options: sweep.Options{Seed: 1, Shard: sweep.Shard{Index: 0, Count: 2}}, Version: "v1"}
	for run := 1; run <= 3; run++ {
		computed.Store(0)
		tab, err := store.Run(context.Background(), dir, space, f, opt)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("run %d: computed %d, table %d done, %d pending\n", run, computed.Load(), tab.Count(sweep.Done), tab.Count(sweep.Pending))
		opt.Shard = sweep.Shard{} // the whole sweep from now on
	}
	_, err = store.Run(context.Background(), dir, space, f, &store.Options{Options: sweep.Options{Seed: 2}, Version: "v1"})
	fmt.Println(err != nil)
	// Output:
	// run 1: computed 3, table 3 done, 0 pending
	// run 2: computed 3, table 6 done, 0 pending
	// run 3: computed 0, table 6 done, 0 pending
	// true
}
