// Package runlog reports the simulation runs a program makes to whoever
// started it: the golgi Jupyter kernel records them in each cell's
// reproducibility block.
//
// The channel is a file named by the environment variable GOLGI_RUN_LOG. When
// it is set, every call of network.Run appends one JSON line, a Run, to that
// file when it ends, however it ends: completed, cancelled, interrupted by a
// signal, failed or panicking (with how far it got), and every call of
// sweep.Run appends one for its result table. When it is not set, Report
// does nothing, so the same code runs unchanged under go run, go test and a
// notebook.
//
// The file is opened in append mode for each report and written with a single
// write call, so reports from several runs (or processes) never interleave
// within a line. Lines are read with Read; fields added later are optional,
// so old lines still read. Runs made concurrently (a sweep's points) are
// reported in the order they end; Order lists them in a stable order.
package runlog
