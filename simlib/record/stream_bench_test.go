package record_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording"
)

// discard is a Sink that writes nothing: the recorder's own cost.
type discard struct{}

func (discard) WriteSpikes(string, []int64, []int32) error                   { return nil }
func (discard) WriteState(string, string, []int, []int64, [][]float64) error { return nil }
func (discard) Flush() error                                                 { return nil }
func (discard) Close() error                                                 { return nil }

// benchStream feeds a SpikeStream of a 100 000-neuron population 1000
// spikes an update (as the engine's delivery would), flushing every 100
// updates as a run would, and reports the spikes written per second of
// wall time, to the sink's durable end (Close).
func benchStream(b *testing.B, sink func(b *testing.B, net *network.Network) record.Sink) {
	net := network.New(network.Options{})
	net.AddPopulation("src", 100_000, neuron.PoissonSource{Rate: 0})
	s := record.NewSpikeStream(sink(b, net), net.Population("src"))
	net.Record(s)
	if err := net.Build(); err != nil {
		b.Fatal(err)
	}
	ids := make([]int32, 1000)
	for k := range ids {
		ids[k] = int32(k * 100)
	}
	chunks := [][]int32{ids[:500], ids[500:]}
	b.ResetTimer()
	start := time.Now()
	for step := int64(1); step <= int64(b.N); step++ {
		s.Spikes(step, 0, chunks)
		if step%100 == 0 && s.FlushDue() {
			if err := s.Flush(); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)*1000/time.Since(start).Seconds(), "spikes/s")
}

// BenchmarkSpikeStreamParquet: write throughput of a spike stream into a
// Parquet recording (package recording's StreamWriter, synced parts).
func BenchmarkSpikeStreamParquet(b *testing.B) {
	benchStream(b, func(b *testing.B, net *network.Network) record.Sink {
		w, err := recording.NewStreamWriter(filepath.Join(b.TempDir(), "rec"), recording.MetaOf(net))
		if err != nil {
			b.Fatal(err)
		}
		return w
	})
}

// BenchmarkSpikeStreamDiscard: the stream alone (gathering, handing
// chunks to its goroutine), into a sink that writes nothing.
func BenchmarkSpikeStreamDiscard(b *testing.B) {
	benchStream(b, func(*testing.B, *network.Network) record.Sink { return discard{} })
}
