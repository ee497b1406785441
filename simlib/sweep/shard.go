package sweep

import (
	"flag"
	"fmt"
	"os"
	"strconv"
)

// Shard is one of Count slices of a sweep, for one task of a cluster job
// array: shard k of n holds the points whose index i has i mod n == k
// (round robin, so that shards get a fair share of cheap and costly
// corners of a grid). The zero value holds every point.
type Shard struct {
	Index, Count int
}

// Has reports whether point i belongs to the shard.
func (s Shard) Has(i int) bool { return s.Count <= 1 || i%s.Count == s.Index }

// Whole reports whether the shard is the whole sweep.
func (s Shard) Whole() bool { return s.Count <= 1 }

func (s Shard) String() string {
	if s.Whole() {
		return "whole"
	}
	return fmt.Sprintf("%d of %d", s.Index, s.Count)
}

// Check reports whether the shard is valid: Count >= 0 and Index in
// [0, Count) (Count 0 or 1 with Index 0: the whole sweep).
func (s Shard) Check() error {
	switch {
	case s.Count < 0:
		return fmt.Errorf("sweep: shard %d of %d: Count = %d: must be >= 1 (or 0: the whole sweep)", s.Index, s.Count, s.Count)
	case s.Count == 0 && s.Index != 0:
		return fmt.Errorf("sweep: shard %d of 0: Index = %d with Count 0: give Count (Index in [0, Count))", s.Index, s.Index)
	case s.Count > 0 && (s.Index < 0 || s.Index >= s.Count):
		return fmt.Errorf("sweep: shard %d of %d: Index = %d: must be in [0, %d)", s.Index, s.Count, s.Index, s.Count)
	}
	return nil
}

// Environment variables a SLURM job array sets in each task.
const (
	EnvTaskID    = "SLURM_ARRAY_TASK_ID"
	EnvTaskCount = "SLURM_ARRAY_TASK_COUNT"
	EnvTaskMin   = "SLURM_ARRAY_TASK_MIN"
)

// ShardFlags registers the flags -shard and -shards on fs and returns a
// function that resolves the shard after fs is parsed:
//
//   - -shard k -shards n: shard k of n;
//   - -shards n alone, inside a SLURM array task: shard
//     $SLURM_ARRAY_TASK_ID of n. The task ID is the shard index itself,
//     so that a task resubmitted alone (sbatch --array=3) computes shard
//     3; the array must be numbered 0 to n-1 (golgi sweep slurm writes
//     --array=0-(n-1)). -shards is required there: the array's own size
//     ($SLURM_ARRAY_TASK_COUNT) is 1 for a task resubmitted alone;
//   - neither, elsewhere: the whole sweep.
func ShardFlags(fs *flag.FlagSet) func() (Shard, error) {
	idx := fs.Int("shard", -1, "run only this shard (`index` from 0); default: $"+EnvTaskID+" when set, else the whole sweep")
	cnt := fs.Int("shards", 0, "the sweep's number of shards (required with -shard or in a SLURM array task)")
	return func() (Shard, error) { return ResolveShard(*idx, *cnt, os.Getenv) }
}

// ResolveShard resolves a shard from flag values (index -1 and count 0
// meaning "not given") and the environment, as ShardFlags documents.
func ResolveShard(index, count int, getenv func(string) string) (Shard, error) {
	if count < 0 {
		return Shard{}, fmt.Errorf("sweep: -shards = %d: must be >= 1", count)
	}
	if index < -1 {
		return Shard{}, fmt.Errorf("sweep: -shard = %d: must be in [0, -shards)", index)
	}
	from := "-shard"
	if index < 0 {
		if id := getenv(EnvTaskID); id != "" {
			v, err := strconv.Atoi(id)
			if err != nil || v < 0 {
				return Shard{}, fmt.Errorf("sweep: $%s = %q: must be an integer >= 0 (the shard index)", EnvTaskID, id)
			}
			index, from = v, "$"+EnvTaskID
		}
	}
	switch {
	case index < 0 && count <= 1:
		return Shard{}, nil
	case index < 0:
		return Shard{}, fmt.Errorf("sweep: -shards %d given without -shard (and $%s is not set): give the shard index", count, EnvTaskID)
	case count == 0:
		return Shard{}, fmt.Errorf("sweep: shard %d (from %s) given without a count: give -shards, the sweep's number of shards ($%s = %q counts the tasks of this submission only: 1 for a task resubmitted alone)", index, from, EnvTaskCount, getenv(EnvTaskCount))
	case index >= count:
		hint := ""
		if from != "-shard" {
			hint = fmt.Sprintf("; the job array must be numbered 0-%d, one task per shard (golgi sweep slurm writes it so)", count-1)
		}
		return Shard{}, fmt.Errorf("sweep: shard index %d (from %s) with -shards %d: must be in [0, %d)%s", index, from, count, count, hint)
	}
	s := Shard{Index: index, Count: count}
	return s, s.Check()
}
