package must_test

import (
	"fmt"
	"strconv"

	"github.com/golgi-sim/golgi/must"
)

// A cell's calls without the error handling: each line stops the cell
// with its error, if it has one.
func Example() {
	n := must.Get(strconv.Atoi("42"))
	must.Check(n > 0, "n = %d, want a positive number", n)
	must.Do(nil)
	fmt.Println(n)
	// Output:
	// 42
}
