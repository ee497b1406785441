package pmath_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/pmath"
)

// The decay factor of a 5 ms time constant over a 0.1 ms step: the same
// bits on amd64 and arm64.
func Example() {
	fmt.Println(pmath.Exp(-0.1 / 5))
	// Output:
	// 0.9801986733067553
}
