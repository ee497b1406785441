package assets_test

import (
	"errors"
	"fmt"

	"github.com/golgi-sim/golgi/widgets/assets"
)

// Charts read the local bundle; without it they explain how to get it.
func ExampleECharts() {
	js, err := assets.ECharts()
	switch {
	case errors.Is(err, assets.ErrNoECharts):
		fmt.Println("not installed: run golgi setup")
	case err != nil:
		fmt.Println(err)
	default:
		_ = js // about 1 MB of JavaScript
	}
}
