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
package interrupt
