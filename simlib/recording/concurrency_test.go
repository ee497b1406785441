package recording_test

import (
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/golgi-sim/golgi/simlib/recording"
	"github.com/golgi-sim/golgi/simlib/runlog"
)

// TestStreamConcurrent: writers of several populations and a flusher at
// once (run it with -race); every spike is read back, in order per
// population.
func TestStreamConcurrent(t *testing.T) {
	pops := []string{"a", "b", "c"}
	sum := &runlog.Run{}
	for _, p := range pops {
		sum.Populations = append(sum.Populations, runlog.Population{Name: p, Size: 10})
	}
	dir := filepath.Join(t.TempDir(), "run")
	w, err := recording.NewStreamWriter(dir, recording.Meta{DT: 0.1, Summary: sum})
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	var wg sync.WaitGroup
	for _, p := range pops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := int64(0); s < n; s++ {
				if err := w.WriteSpikes(p, []int64{s, s}, []int32{int32(s % 10), int32((s + 3) % 10)}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for k := 0; k < 20; k++ {
			if err := w.Flush(); err != nil {
				t.Error(err)
			}
		}
	}()
	wg.Wait()
	<-done
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := recording.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pops {
		s := got.SpikesOf(p)
		if s == nil || s.Len() != 2*n || s.Size() != 10 || !slices.IsSorted(s.Steps()) {
			t.Errorf("population %s: %v: want %d spikes in order, size 10", p, s, 2*n)
		}
	}
}

// BenchmarkStreamWriter measures the write throughput of spikes through a
// stream writer, flushed every 100 000 spikes (spikes/s, parts synced to
// disk included).
func BenchmarkStreamWriter(b *testing.B) {
	sum := &runlog.Run{Populations: []runlog.Population{{Name: "exc", Size: 100000}}}
	w, err := recording.NewStreamWriter(filepath.Join(b.TempDir(), "run"), recording.Meta{DT: 0.1, Summary: sum})
	if err != nil {
		b.Fatal(err)
	}
	const chunk = 1000
	steps := make([]int64, chunk)
	ids := make([]int32, chunk)
	spikes := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range steps {
			steps[k] = int64(i)
			ids[k] = int32((k*7919 + i) % 100000)
		}
		slices.Sort(ids)
		if err := w.WriteSpikes("exc", steps, ids); err != nil {
			b.Fatal(err)
		}
		spikes += chunk
		if spikes%100000 == 0 {
			if err := w.Flush(); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(spikes)/b.Elapsed().Seconds(), "spikes/s")
}
