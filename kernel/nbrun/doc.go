// Package nbrun executes notebooks headless with a Jupyter kernel (by
// default the golgi kernel) and verifies saved notebooks against a fresh
// execution.
//
// Execution goes through Debian's nbclient (driven by a small Python program
// embedded here, run with /usr/bin/python3): cells run in order, each with a
// timeout; the first cell that fails stops the run, and the executed
// notebook, with the outputs obtained so far, is written in any case.
//
// Verify reads the reproducibility blocks (repro.MIMEType) that the golgi
// kernel stored in each cell's outputs, executes the notebook again and
// compares, cell by cell, the recorded source hash with the cell's source and
// the simulation runs (fingerprints, statuses, steps, in runlog.Order), and
// names the first cell whose source or results changed.
package nbrun
