package chart

import (
	"fmt"
	"testing"
)

// BenchmarkRaster measures building a raster's option in Go (validation,
// downsampling, JSON) by spike count; the browser side is measured by
// TestBrowserRaster100kRenderTime.
func BenchmarkRaster(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000, 1_000_000} {
		pops := testSpikes(n, 800, 1000)
		b.Run(fmt.Sprintf("spikes=%d", n), func(b *testing.B) {
			var size int
			for b.Loop() {
				c, err := Raster(pops, nil)
				if err != nil {
					b.Fatal(err)
				}
				size = c.Size()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "spikes/s")
			b.ReportMetric(float64(size), "option-bytes")
		})
	}
}
