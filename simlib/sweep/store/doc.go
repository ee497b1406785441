// Package store keeps a sweep's results on disk, so that a sweep can be
// resumed after an interruption and run in shards on a cluster.
//
// A store is a directory:
//
//	sweep.db       SQLite (pure Go, modernc.org/sqlite): tables meta, points,
//	               writes (the journal of data files) and metric_columns
//	sweep-data/    Parquet files of the points' bulk outputs (spikes, traces)
//	sweep.lock     held by the one process that has the store open
//
// (stores of schema 1, made by older versions, have data/ and lock).
// Table meta records the sweep: the space's definition, the master seed,
// the user's version string and their hash. Table points has one row per
// finished point: idx, seed (the uint64 stored as a signed INTEGER),
// status (done or failed), error, stack, start_ns and end_ns (Unix ns),
// wall_s, host, one column p_NAME per parameter, one column per metric
// (REAL, m_NAME, or m_NAME_2... for a name differing from an earlier one
// only by case: table metric_columns maps them; NULL for NaN, which SQLite
// cannot hold, with the names of the metrics set in metric_names, and the
// metrics that are -0, which SQLite stores as 0, in negative_zero), and
// files (JSON: data name -> Parquet path relative to the store), and a
// checksum of all of it (a row overwritten in place is found, not read).
//
// A store touches only its own files: it makes its data folder, never
// writes over a file, and removes only the orphans its journal names, so
// any directory can hold one (a project's root with a data/ folder of its
// own). Paths are file paths whatever they hold ('?', '#', '%'): SQLite
// gets them as percent-encoded file: URIs.
//
// Run computes a sweep into a store, storing each point as it finishes:
// its data files are journaled, written, synced and renamed into place
// before its row is committed, so a process killed at any moment never
// leaves a row pointing at a partial file. Re-running the same sweep
// against the store skips the points it holds (failed ones too, unless
// RetryFailed) and removes its orphans; a changed sweep (other
// parameters, values, seed or version) is refused with an error wrapping
// ErrChanged. A damaged sweep.db (truncated, overwritten, not a store) is
// refused unchanged with an error wrapping ErrDamaged; Recover copies the
// rows it still holds into a new store.
//
// On a cluster each task runs one shard (sweep.Shard) into its own store
// (ShardDir); Merge joins the shard stores into one, checking that points
// present twice agree bit for bit. WriteTableParquet exports a results
// table; ReadData reads a point's bulk output back.
//
//	tab, err := store.Run(ctx, "runs/wscale", space, f, &store.Options{
//		Options: sweep.Options{Seed: 1}, Version: "v1"})
package store
