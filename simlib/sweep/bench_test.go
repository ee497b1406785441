package sweep_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/internal/testnet"
)

// benchSize is the "small network" of the throughput benchmark: 100
// Poisson sources, 100 conductance LIF cells, 500 ms (about 20 ms of
// compute per point on one core).
var benchSize = testnet.Size{Sources: 100, Cells: 100, Duration: 500}

// BenchmarkThroughput runs 40 small-network points with 1 and 2 workers;
// points/s is the throughput (docs/sweeps.md compares them).
func BenchmarkThroughput(b *testing.B) {
	space := sweep.Grid(sweep.Linspace("w_in", 2, 8, 8), sweep.Values("w_rec", 0, 0.4, 0.8, 1.2, 1.6))
	f := testnet.Func(benchSize, false)
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			for b.Loop() {
				tab, err := sweep.Run(context.Background(), space, f, &sweep.Options{Workers: w, Seed: 1})
				if err != nil || tab.Count(sweep.Done) != 40 {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(40*b.N)/b.Elapsed().Seconds(), "points/s")
		})
	}
}

// BenchmarkSpeedup alternates the 40 points on 1 and on 2 workers within
// each iteration (so that a change of the machine's load hits both alike)
// and reports the throughput ratio, 2 workers over 1.
func BenchmarkSpeedup(b *testing.B) {
	space := sweep.Grid(sweep.Linspace("w_in", 2, 8, 8), sweep.Values("w_rec", 0, 0.4, 0.8, 1.2, 1.6))
	f := testnet.Func(benchSize, false)
	var wall, cpu [3]time.Duration
	for b.Loop() {
		for _, w := range []int{1, 2} {
			start, c0 := time.Now(), cpuTime()
			if _, err := sweep.Run(context.Background(), space, f, &sweep.Options{Workers: w, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			wall[w] += time.Since(start)
			cpu[w] += cpuTime() - c0
		}
	}
	n := float64(40 * b.N)
	b.ReportMetric(wall[1].Seconds()/wall[2].Seconds(), "speedup")
	b.ReportMetric(n/wall[1].Seconds(), "points/s_1w")
	b.ReportMetric(n/wall[2].Seconds(), "points/s_2w")
	// CPU time per point does not depend on the machine's load: equal
	// values mean two workers do no extra work, so throughput scales with
	// the cores the machine gives.
	b.ReportMetric(cpu[1].Seconds()*1e3/n, "cpu_ms/point_1w")
	b.ReportMetric(cpu[2].Seconds()*1e3/n, "cpu_ms/point_2w")
}

// BenchmarkOverhead is the cost of the machinery per point (seeds,
// scheduling, results) with a function that does nothing but return two
// metrics.
func BenchmarkOverhead(b *testing.B) {
	space := sweep.Grid(sweep.Linspace("x", 0, 1, 1000))
	f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"a": p.Float("x"), "b": float64(p.Seed % 7)}}, nil
	}
	for b.Loop() {
		if _, err := sweep.Run(context.Background(), space, f, &sweep.Options{Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e3/float64(1000*b.N), "ms/point")
}
