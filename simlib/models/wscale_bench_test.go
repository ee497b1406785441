package models

import (
	"context"
	"testing"
)

// BenchmarkWscalePoint: one grid point (the cell with its 28 segments,
// 1000 ms at dt 0.025 ms: 40000 steps). Reports points/s and
// segment-steps/s.
func BenchmarkWscalePoint(b *testing.B) {
	w := DefaultWscale()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.Simulate(context.Background(), "dendrite", 0.002); err != nil {
			b.Fatal(err)
		}
	}
	s := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(1/s, "points/s")
	b.ReportMetric(28*40000/s, "segment-steps/s")
}
