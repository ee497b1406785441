package explore_test

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/widgets/chart"
	"github.com/golgi-sim/golgi/widgets/explore"
)

// An exponentially decaying PSP whose time constant and weight are on
// sliders. In a live notebook moving a slider redraws the curve; headless,
// the chart shows tau = 10 ms, w = 1 nS.
func Example() {
	params := []explore.Param{
		{Name: "tau", Unit: "ms", Min: 1, Max: 50, Step: 1, Value: 10},
		{Name: "w", Unit: "nS", Min: 0.1, Max: 5, Step: 0.1, Value: 1},
	}
	psp := func(v explore.Values) (*chart.Chart, error) {
		t := make([]float64, 200)
		g := make([]float64, 200)
		for i := range t {
			t[i] = float64(i) * 0.5
			g[i] = v["w"] * math.Exp(-t[i]/v["tau"])
		}
		return chart.Traces(t, [][]float64{g}, []string{"g"}, &chart.XYOptions{Title: "PSP", YLabel: "g (nS)"})
	}
	err := explore.Run(params, psp, nil)
	fmt.Println(err)
	// Output: <nil>
}
