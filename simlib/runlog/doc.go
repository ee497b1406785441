// Package runlog reports the simulation runs a program makes to whoever
// started it: the golgi Jupyter kernel records them in each cell's
// reproducibility block.
//
// The channel is a file named by the environment variable GOLGI_RUN_LOG. When
// it is set, every completed (or failed) call of network.Run appends one JSON
// line, a Run, to that file. When it is not set, Report does nothing, so the
// same code runs unchanged under go run, go test and a notebook.
//
// The file is opened in append mode for each report and written with a single
// write call, so reports from several runs (or processes) never interleave
// within a line.
package runlog
