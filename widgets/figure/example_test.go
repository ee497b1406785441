package figure_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/golgi-sim/golgi/widgets/chart"
	"github.com/golgi-sim/golgi/widgets/figure"
)

func Example() {
	f, err := figure.Raster("E/I network", []chart.Spikes{
		{Name: "E", Size: 4, Times: []float64{1.5, 3, 7.25}, Neurons: []int32{0, 2, 3}},
		{Name: "I", Size: 1, Times: []float64{4}, Neurons: []int32{0}},
	})
	if err != nil {
		panic(err)
	}
	dir, _ := os.MkdirTemp("", "golgi-figure")
	defer os.RemoveAll(dir)
	for _, ext := range []string{"svg", "png", "pdf"} {
		if err := f.Save(filepath.Join(dir, "raster."+ext)); err != nil {
			panic(err)
		}
	}
	f.Display() // inline SVG in a notebook; nothing elsewhere
	fmt.Println("saved")
	// Output: saved
}
