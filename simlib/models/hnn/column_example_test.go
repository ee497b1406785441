package hnn_test

import (
	"context"
	"fmt"
	"slices"

	"github.com/golgi-sim/golgi/simlib/models/hnn"
)

// ExampleColumn runs a 3x3 column for 60 ms with the ERP example's first
// proximal drive and prints the spikes per cell type and the aggregate
// dipole's extremes after smooth(30).
func ExampleColumn() {
	cells, err := hnn.DefaultCells()
	if err != nil {
		fmt.Println(err)
		return
	}
	c := hnn.DefaultColumn(cells)
	c.Mesh.NX, c.Mesh.NY = 3, 3
	c.TStop = 60
	d := hnn.EvokedDrive("evprox1", 26.61, 2.47, "proximal")
	d.WeightsAMPA = map[string]float64{hnn.L2BasketType: 0.08831, hnn.L2PyramidalType: 0.01525,
		hnn.L5BasketType: 0.19934, hnn.L5PyramidalType: 0.00865}
	d.Delays = map[string]float64{hnn.L5BasketType: 1, hnn.L5PyramidalType: 1}
	d.Seed = 544
	c.Drives = []hnn.Drive{d}
	res, err := c.Simulate(context.Background(), 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, typ := range hnn.CellTypes {
		fmt.Printf("%s: %d spikes\n", typ, res[0].Count(typ))
	}
	sm, err := res[0].Dipole.Smooth(30)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("agg dipole after smooth(30): %.3g to %.3g nAm\n", slices.Min(sm.Agg), slices.Max(sm.Agg))
	// Output:
	// L2_basket: 3 spikes
	// L2_pyramidal: 9 spikes
	// L5_basket: 3 spikes
	// L5_pyramidal: 27 spikes
	// agg dipole after smooth(30): -1.95e-05 to 0.00117 nAm
}
