// Package interrupt turns a kernel interrupt into a context cancellation.
//
// When a Jupyter user interrupts a running cell, GoNB sends SIGINT to the
// cell's program (and kills it a little later if it is still running).
// Pass the context of Context to network.RunContext or sweep.Run and the
// run stops cleanly at once: a network after a whole step (it can be run
// further), a sweep after recording every finished point.
//
//	ctx, stop := interrupt.Context()
//	defer stop()
//	err := net.RunContext(ctx, 10000)
//
// A run given no such context is watched all the same (Watch): network.Run
// catches SIGINT and SIGTERM while it runs, stops after a whole step,
// reports the run as interrupted with how far it got (package runlog), and
// then lets the signal take its course: a program that handles it goes on,
// one that does not ends as it would have without the watch.
package interrupt
