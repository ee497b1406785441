// Package recording keeps a run's recordings on disk as Parquet, one call
// each way:
//
//	err := recording.Save("rs-fs", net, spk, vm)   // after the run
//	rec, err := recording.Load("rs-fs")             // in the next cell
//	spk, vm := rec.SpikesOf("RS"), rec.StateOf("RS", "v")
//
// Load gives back golgi's own recorders (record.Spikes, record.State,
// record.Rate, record.Weights: a projection's per-synapse weights or rule
// variables), restored exactly: every getter gives what the original
// gave, Digest included, so charts and analyses work without simulating
// again. With the network, Save also stores its summary (seed, dt,
// fingerprint, simlib version, populations and models, steps).
//
// A recording is a directory with one Parquet table per kind of data
// (Parquet is one schema per file), each a data set of numbered part
// files as pandas, pyarrow, DuckDB and polars read it:
//
//	rs-fs/golgi-recording.json        format, dt, the network's summary
//	rs-fs/spikes/part-000001.parquet  recorder, population, neuron, step, time_ms
//	rs-fs/state/part-000001.parquet   recorder, population, variable, neuron, step, time_ms, value
//	rs-fs/rate/part-000001.parquet    recorder, population, bin_start_ms, bin_ms, spikes, rate_hz
//	rs-fs/rate_updates/...            recorder, population, step, spikes (updates with spikes)
//	rs-fs/weights/part-000001.parquet recorder, projection, variable, synapse, step, time_ms, value
//
// Every part carries the run's metadata in its key-value metadata
// (golgi.seed, golgi.dt_ms, golgi.fingerprint, golgi.simlib, golgi.steps,
// golgi.summary as JSON, golgi.recorders: each recorder's configuration).
// Times are step·dt; the step is kept too, so the round trip is exact.
//
// A StreamWriter writes a recording during a run: each Flush adds a part
// to the tables (synced, renamed into place), so a run killed later
// leaves every flushed part readable, and memory holds only what was
// written since the last flush. Load reads what either wrote.
//
// golgi writes only where it wrote before: an existing path that is not a
// golgi recording (a file, a directory with other files) is refused; a
// golgi recording at the path is replaced.
package recording
