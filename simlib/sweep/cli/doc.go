// Package cli is the "golgi sweep" command: Main(args, stdout, stderr)
// runs it with the words after "sweep". The golgi command
// (kernel/cmd/golgi) calls it for its sweep subcommand.
//
//	golgi sweep slurm -program ./mysweep -store /scratch/me/run1 -shards 8 -o run1.sbatch
//	sbatch run1.sbatch
//	golgi sweep merge /scratch/me/run1
//	golgi sweep status /scratch/me/run1
//	golgi sweep export -format parquet -o run1.parquet /scratch/me/run1
//	golgi sweep diff /scratch/me/run1 ./inline-run1
//	golgi sweep recover /scratch/me/run1 /scratch/me/run1-recovered
//
// Array task K computes shard K ($SLURM_ARRAY_TASK_ID is the shard
// index), so a failed task resubmitted alone (sbatch --array=K) computes
// its own shard. TestBadInputs lists what the commands refuse.
//
// The sweep program is the user's: a Go main that builds its space and
// calls store.Run with the directory and options from store.Flags, so
// that the same binary runs the whole sweep on a laptop or one shard in
// each task of a SLURM job array. docs/sweeps.md describes the workflow.
package cli
