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
// [0, Count).
func (s Shard) Check() error {
	if s.Count < 0 || (s.Count == 0 && s.Index != 0) || (s.Count > 0 && (s.Index < 0 || s.Index >= s.Count)) {
		return fmt.Errorf("sweep: shard index %d of count %d: the index must be in [0, count) and count >= 1", s.Index, s.Count)
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
//   - neither, inside a SLURM array task: shard SLURM_ARRAY_TASK_ID -
//     SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT (or of -shards);
//   - neither, elsewhere: the whole sweep.
func ShardFlags(fs *flag.FlagSet) func() (Shard, error) {
	idx := fs.Int("shard", -1, "run only this shard (`index` from 0); default: $"+EnvTaskID+" when set, else the whole sweep")
	cnt := fs.Int("shards", 0, "number of shards; default: $"+EnvTaskCount+" when set, else 1")
	return func() (Shard, error) { return ResolveShard(*idx, *cnt, os.Getenv) }
}

// ResolveShard resolves a shard from flag values (index -1 and count 0
// meaning "not given") and the environment, as ShardFlags documents.
func ResolveShard(index, count int, getenv func(string) string) (Shard, error) {
	if index < 0 {
		if id := getenv(EnvTaskID); id != "" {
			v, err := strconv.Atoi(id)
			if err != nil {
				return Shard{}, fmt.Errorf("sweep: $%s = %q: not an integer", EnvTaskID, id)
			}
			if m := getenv(EnvTaskMin); m != "" {
				lo, err := strconv.Atoi(m)
				if err != nil {
					return Shard{}, fmt.Errorf("sweep: $%s = %q: not an integer", EnvTaskMin, m)
				}
				v -= lo
			}
			index = v
		}
	}
	if count == 0 && index >= 0 {
		if c := getenv(EnvTaskCount); c != "" {
			v, err := strconv.Atoi(c)
			if err != nil {
				return Shard{}, fmt.Errorf("sweep: $%s = %q: not an integer", EnvTaskCount, c)
			}
			count = v
		}
	}
	switch {
	case index < 0 && count <= 1:
		return Shard{}, nil
	case index < 0:
		return Shard{}, fmt.Errorf("sweep: -shards %d given without -shard (and $%s is not set): give the shard index", count, EnvTaskID)
	case count == 0:
		return Shard{}, fmt.Errorf("sweep: shard %d given without a count: give -shards (or run in a SLURM array, which sets $%s)", index, EnvTaskCount)
	}
	s := Shard{Index: index, Count: count}
	return s, s.Check()
}
