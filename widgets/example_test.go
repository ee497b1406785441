package widgets_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/widgets"
)

// Display helpers do nothing outside a notebook, so the same code runs
// under go run and go test.
func Example() {
	widgets.DisplayHTML("<b>shown only in a notebook</b>")
	fmt.Println(widgets.IsNotebook(), widgets.Live())
	// Output: false false
}
