package runlog_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/runlog"
)

// A sweep's two points finished in the order 1, 0 (two workers); Order
// lists them by point, then the sweep's own record, between the runs made
// before and after it.
func ExampleOrder() {
	p0, p1 := 0, 1
	reported := []runlog.Run{
		{Label: "warm-up"},
		{Label: "point 1", Sweep: 1, Point: &p1},
		{Label: "point 0", Sweep: 1, Point: &p0},
		{Label: "the sweep's table", Kind: "sweep", Sweep: 1},
		{Label: "final"},
	}
	for _, r := range runlog.Order(reported) {
		fmt.Println(r.Label)
	}
	// Output:
	// warm-up
	// point 0
	// point 1
	// the sweep's table
	// final
}
