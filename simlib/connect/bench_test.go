package connect

import "testing"

// BenchmarkFixedProbability builds a 4000 x 4000, p = 0.02 projection, the
// whole network of the PyNN VA benchmark as one population (n = 4000,
// pconn = 0.02 in PyNN's VA COBA/CUBA benchmark): about 320000 synapses per
// build.
func BenchmarkFixedProbability(b *testing.B) {
	benchRule(b, FixedProbability{P: 0.02}, 4000, 4000, true)
}

// The degree rules at the same mean size, for comparison.
func BenchmarkFixedInDegree(b *testing.B) {
	benchRule(b, FixedInDegree{K: 80}, 4000, 4000, true)
}

func BenchmarkFixedOutDegree(b *testing.B) {
	benchRule(b, FixedOutDegree{K: 80}, 4000, 4000, true)
}

func BenchmarkFixedTotal(b *testing.B) {
	benchRule(b, FixedTotal{N: 320000}, 4000, 4000, true)
}

func benchRule(b *testing.B, r Rule, nPre, nPost int, same bool) {
	b.Helper()
	var synapses int64
	seed := uint64(0)
	for b.Loop() {
		tab, err := r.Build(nPre, nPost, same, seed)
		if err != nil {
			b.Fatal(err)
		}
		synapses += tab.Len()
		seed++
	}
	b.ReportMetric(float64(synapses)/b.Elapsed().Seconds(), "synapses/s")
	b.ReportMetric(float64(synapses)/float64(b.N), "synapses/op")
}
