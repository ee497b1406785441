package table_test

import (
	"fmt"

	"github.com/golgi-sim/golgi/widgets/table"
)

func Example() {
	// One row per sweep point (numbers from the hnn-core batch example).
	type result struct {
		Weight  float64 `table:"weight_basket"`
		MaxPeak float64 `table:"max_peak"`
	}
	t, err := table.FromStructs([]result{{1e-4, 2.438299811172486e-05}, {0.1, 0.001512378997571943}})
	if err != nil {
		panic(err)
	}
	t.Caption = "sweep"
	t.Display() // in a notebook; nothing elsewhere
	fmt.Println(t.Columns, len(t.Rows))
	// Output: [weight_basket max_peak] 2
}
