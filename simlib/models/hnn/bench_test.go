package hnn

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell"
)

// BenchmarkCells steps a group of 100 cells of each type for 10 ms
// (400 steps) and reports compartment-steps per second (segments × steps).
func BenchmarkCells(b *testing.B) {
	for _, typ := range []string{L2BasketType, L2PyramidalType, L5PyramidalType} {
		b.Run(typ, func(b *testing.B) {
			var cells []cell.Cell
			segs := 0
			for k := 0; k < 100; k++ {
				m, err := New(typ, Pos{X: float64(k % 10), Y: float64(k / 10)})
				if err != nil {
					b.Fatal(err)
				}
				cells = append(cells, m.Cell)
				if k == 0 {
					for _, s := range m.Cell.Sections {
						segs += s.Nseg
					}
				}
			}
			o := DefaultOptions()
			dt := o.DT
			g, err := cell.NewGroup(cells, *o)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				g.Init()
				t := 0.0
				for s := 0; s < 400; s++ {
					g.Step(0, g.N(), t)
					t += dt
				}
			}
			b.ReportMetric(float64(b.N)*400*100*float64(segs)/b.Elapsed().Seconds(), "compartment-steps/s")
		})
	}
}
