package store

import (
	"flag"
	"fmt"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// Flags registers the flags of a sweep program on fs and returns a
// function that, after fs is parsed, gives the store directory and the
// options to pass to Run:
//
//	-store DIR       the sweep's store (required); shard k of n is stored
//	                 in ShardDir(DIR, shard), which golgi sweep merge DIR joins
//	-shard, -shards  the shard (see sweep.ShardFlags: SLURM array task K
//	                 with -shards N is shard K of N, $SLURM_ARRAY_TASK_ID
//	                 being the shard index)
//	-workers N       points at once (0: all cores)
//	-retry-failed    compute failed points again
//
// golgi sweep slurm writes job scripts that call a program with these
// flags.
func Flags(fs *flag.FlagSet) func() (dir string, opt Options, err error) {
	dir := fs.String("store", "", "the sweep's store `directory`")
	workers := fs.Int("workers", 0, "points computed at once (0: all cores)")
	retry := fs.Bool("retry-failed", false, "compute failed points again")
	shard := sweep.ShardFlags(fs)
	return func() (string, Options, error) {
		if *dir == "" {
			return "", Options{}, fmt.Errorf("store: -store is required: give the sweep's store directory")
		}
		if *workers < 0 {
			return "", Options{}, fmt.Errorf("store: -workers = %d: must be >= 0 (0: all cores)", *workers)
		}
		sh, err := shard()
		if err != nil {
			return "", Options{}, err
		}
		opt := Options{RetryFailed: *retry}
		opt.Workers, opt.Shard = *workers, sh
		return ShardDir(*dir, sh), opt, nil
	}
}
