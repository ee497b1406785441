// Package must turns an error into the end of a notebook cell, so that a
// cell reads as the work it does rather than as error handling:
//
//	m := must.Get(models.VANetwork(models.DefaultCOBA()))
//	must.Do(m.Run(1000))
//	c := must.Get(sim.Raster(m.Exc, m.Inh))
//	must.Do(chart.Display(c))
//	must.Check(m.SpikeCount() > 0, "no spikes in %v ms", m.Time())
//
// Do(err), Get(v, err) and Check(ok, format, ...) do nothing when there is
// no error. Otherwise they print one line to standard error,
//
//	/tmp/gonb_1234/main.go:17: population "exc" (LIF): TauRefrac = -1 ms: ...
//
// the place of the call and the error's text (lines after the first
// follow, indented), and stop the program with exit status 1, as
// log.Fatal does. No goroutine dump is printed.
//
// In a GoNB cell (the golgi kernel) a cell is a Go program's main, so the
// cell stops there with status "error": GoNB maps the main.go line to the
// cell's line ("[[ Cell Line 3 ]]") and shows that line of the cell with
// the message, the cell's reproducibility block has status error and still
// lists every run the cell completed before (network.Run reports each run
// when it ends), and `golgi run` reports "FAILED at cell N (In [n])" with the
// message. Later cells can run as usual.
//
// Outside a notebook (go run, a command) the behaviour is the same: the
// message on standard error and exit status 1. Under go test (a test
// binary: testing.Testing()) the functions panic with a *Failure instead,
// so that the test framework names the failing test rather than the test
// binary exiting.
//
// Like log.Fatal, exiting does not run deferred calls: close files or
// streaming recorders that hold unwritten data before a check that may
// fail, or handle that error yourself. Goroutines still running (a sweep's
// workers) are stopped with the program.
//
// The package is at the module's root (github.com/golgi-sim/golgi/must)
// rather than under simlib because it is not part of the simulator: cells
// use it for errors from simlib, widgets and any other Go call alike.
package must
