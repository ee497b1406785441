// Package progress shows how far a network run or a parameter sweep has
// got: a bar that updates in place in a GoNB notebook (one output block,
// rewritten), and a \r-rewritten line on stderr elsewhere.
//
// A run's bar counts simulated time (ms) and shows wall time, speed
// (simulated ms per wall second) and the estimated time left; a sweep's bar
// counts points and shows done, failed and running. Updates are throttled
// to 10 per second, so calling Update every step costs almost nothing.
// The final state (after Done) is what an executed notebook keeps.
//
//	bar := progress.New(1000, "ms") // 1 s of simulated time
//	for t := 0.0; t < 1000; t += dt {
//		step()
//		bar.Update(t + dt)
//	}
//	bar.Done()
package progress
