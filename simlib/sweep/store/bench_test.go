package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/store"
)

// BenchmarkStoreOverhead is the cost per point of storing it (SQLite
// transaction; with data, a Parquet file of 1000 rows x 3 columns written
// and renamed, and synced to disk with Sync) with a function that does
// nothing else, on one worker: the machinery's overhead per point.
func BenchmarkStoreOverhead(b *testing.B) {
	const n = 200
	space := sweep.Grid(sweep.Linspace("x", 0, 1, n))
	for _, c := range []struct {
		rows int
		sync bool
	}{{0, false}, {1000, false}, {1000, true}} {
		rows := c.rows
		b.Run(fmt.Sprintf("data_rows=%d/sync=%v", rows, c.sync), func(b *testing.B) {
			col := make([]int64, rows)
			fl := make([]float64, rows)
			for k := range col {
				col[k], fl[k] = int64(k), float64(k)*0.1
			}
			f := func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
				out := sweep.Output{Metrics: sweep.Metrics{"a": p.Float("x"), "b": float64(p.Seed % 7)}}
				if rows > 0 {
					out.Data = []sweep.Data{{Name: "spikes", Columns: []sweep.Column{{Name: "step", Int: col}, {Name: "t_ms", Float: fl}, {Name: "neuron", Int: col}}}}
				}
				return out, nil
			}
			for k := 0; b.Loop(); k++ {
				dir := filepath.Join(b.TempDir(), fmt.Sprint(k))
				tab, err := store.Run(context.Background(), dir, space, f, &store.Options{Options: sweep.Options{Workers: 1}, Sync: c.sync})
				if err != nil || tab.Count(sweep.Done) != n {
					b.Fatal(err)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()*1e3/float64(n*b.N), "ms/point")
		})
	}
}
