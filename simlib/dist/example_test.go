package dist_test

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/rng"
)

// A distribution draws from the stream it is given: the same stream gives
// the same values. Here a conductance weight clipped at 0 nS and the VA
// benchmark's initial membrane potentials.
func Example() {
	w := dist.Normal{Mean: 4, SD: 1, Low: 0, High: math.Inf(1)} // nS
	v0 := dist.Uniform{Low: -60, High: -50}                     // mV
	fmt.Println(w)
	lo, hi := v0.Bounds()
	fmt.Println("v0 in", lo, hi)

	a, b := rng.New(42, 1), rng.New(42, 1)
	same := true
	for i := 0; i < 1000; i++ {
		x, y := v0.Draw(a), v0.Draw(b)
		same = same && x == y && x >= lo && x < hi
	}
	fmt.Println("same stream, same draws:", same)
	// Output:
	// normal(mean 4, sd 1, clip [0, +Inf])
	// v0 in -60 -50
	// same stream, same draws: true
}

// Validate reports a meaningless parameter before anything is drawn.
func ExampleLogNormal_Validate() {
	fmt.Println(dist.LogNormal{Mu: 0, Sigma: -1}.Validate())
	fmt.Println(dist.LogNormal{Mu: 0, Sigma: 0.5, Sign: -1}.Validate())
	lo, hi := dist.LogNormal{Mu: 0, Sigma: 0.5, Sign: -1}.Bounds()
	fmt.Println(lo, hi)
	// Output:
	// LogNormal{Mu: 0, Sigma: -1}: need finite Mu and Sigma >= 0
	// <nil>
	// -Inf 0
}
