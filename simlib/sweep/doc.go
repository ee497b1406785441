// Package sweep runs parameter sweeps: a function of a parameter point
// (build a network, simulate it, summarise it) over a space of points, on
// all cores, in a deterministic way.
//
// A sweep is a pure mapping: point index -> parameter values -> seed. The
// space gives each index its values (Grid: the cartesian product; Zip:
// HNN's combinations=False; List: explicit points; Random and
// LatinHypercube: seeded samples of named ranges, linear or log), and the
// point's seed is rng.Derive(master, index). Run calls the user's Func on
// every point with a pool of workers and returns a Table ordered by index
// whatever the number of workers: the same sweep gives the same bits on 1,
// 2 or 8 workers, and on any number of cluster shards (Shard).
//
//	space := sweep.Grid(
//		sweep.Logspace("w_exc", 0.1, 10, 5), // nS
//		sweep.Values("delay", 1, 2, 4),      // ms
//	)
//	tab, err := sweep.Run(ctx, space, func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
//		net := build(p.Float("w_exc"), p.Float("delay"), p.Seed)
//		if err := net.RunContext(ctx, 500); err != nil {
//			return sweep.Output{}, err
//		}
//		return sweep.Output{Metrics: sweep.Metrics{"rate": rate(net)}}, nil
//	}, &sweep.Options{Seed: 42})
//	best, _ := tab.Best("loss")
//
// Simulate builds such a function from HNN's two halves: a build function
// (set_params) and a summary function (summary_func).
//
// A point that returns an error or panics is recorded in the table with its
// error (and stack) and the others go on. Cancelling ctx (a notebook's
// interrupt) stops the sweep cleanly: running points see the cancellation,
// points not started are left pending, and Run returns ctx's error with the
// table of what was done.
//
// A space's mistakes are kept and returned by Err and Run, naming the
// parameter, the value and what is allowed: names must be identifiers
// unique ignoring case (they become SQL columns), values finite and not
// -0, a grid's values and labels given once, at most 2^26 points.
// TestBadInputs lists what is refused. In a SLURM array task
// $SLURM_ARRAY_TASK_ID is the shard index itself (ShardFlags), so a task
// resubmitted alone computes its own shard.
//
// This package has no heavy dependency, so a notebook cell that imports it
// stays quick to compile. Persistence (SQLite rows, Parquet bulk outputs,
// resume, shards and their merge) is in package sweep/store; the golgi
// command's "sweep" subcommands (SLURM scripts, merge, diff) are in
// sweep/cli. docs/sweeps.md describes the workflow.
package sweep
