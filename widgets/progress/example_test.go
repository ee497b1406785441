package progress_test

import (
	"os"

	"github.com/golgi-sim/golgi/widgets/progress"
)

// A run's bar over 100 ms of simulated time. In a notebook it updates one
// output block in place; here it writes \r lines to Out.
func Example() {
	bar := progress.New(100, "ms")
	bar.Out = os.Stdout
	for t := 0.0; t < 100; t += 0.1 {
		bar.Update(t + 0.1) // redrawn at most every 100 ms of wall time
	}
	bar.Done()
}

// A sweep of 400 points (the hnn-core example's 20 x 20 grid).
func ExampleNewSweep() {
	s := progress.NewSweep(400)
	s.Out = os.Stdout
	s.Update(120, 3, 4) // 120 done, of which 3 failed; 4 running
	s.Done()
}
