package record_test

import (
	"bytes"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// driven is n LIF cells, cell i driven by a DC of 100+i pA (sub-threshold).
func driven(n int) *network.Network {
	net := network.New(network.Options{Workers: 1})
	p := net.AddPopulation("c", n, neuron.DefaultLIF())
	for i := 0; i < n; i++ {
		p.Select(i).Inject(stimulus.DC{Amplitude: 100 + float64(i)})
	}
	return net
}

// A State digest covers which neurons were recorded, in which order, and
// every sample; a Rate digest covers its bin and its counts; the digest of
// a recording is the same whether asked once or after every run, and
// after the data is restored into a fresh recorder.
func TestDigests(t *testing.T) {
	digest := func(neurons []int, interval float64, pieces ...float64) []byte {
		net := driven(4)
		s := record.NewState(net.Population("c"), "v", neurons, interval)
		net.Record(s)
		for _, d := range pieces {
			if err := net.Run(d); err != nil {
				t.Fatal(err)
			}
			s.Digest()
		}
		return s.Digest()
	}
	ref := digest([]int{0, 3}, 0.5, 20)
	if !bytes.Equal(digest([]int{0, 3}, 0.5, 7, 0, 13), ref) {
		t.Error("the digest depends on how the recording was split into runs")
	}
	for name, d := range map[string][]byte{
		"other neurons":  digest([]int{0, 2}, 0.5, 20),
		"other order":    digest([]int{3, 0}, 0.5, 20),
		"other interval": digest([]int{0, 3}, 1, 20),
		"longer":         digest([]int{0, 3}, 0.5, 20.5),
	} {
		if bytes.Equal(d, ref) {
			t.Errorf("%s: same digest", name)
		}
	}

	net := driven(4)
	s := record.NewState(net.Population("c"), "v", []int{0, 3}, 0.5)
	net.Record(s)
	if err := net.Run(20); err != nil {
		t.Fatal(err)
	}
	data, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	s.Digest()
	other := driven(4)
	fresh := record.NewState(other.Population("c"), "v", []int{0, 3}, 0.5)
	other.Record(fresh)
	if err := other.Build(); err != nil {
		t.Fatal(err)
	}
	fresh.Digest() // before the data: the empty recording
	if err := fresh.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh.Digest(), s.Digest()) || !bytes.Equal(s.Digest(), ref) {
		t.Error("restored data has another digest")
	}

	rate := func(bin float64, times [][]float64) []byte {
		net := sources(times)
		r := record.NewRate(net.Population("s"), bin)
		net.Record(r)
		if err := net.Run(10); err != nil {
			t.Fatal(err)
		}
		return r.Digest()
	}
	a := rate(1, [][]float64{{1, 2}, {3}})
	if bytes.Equal(a, rate(1, [][]float64{{1, 2}, {4}})) || bytes.Equal(a, rate(2, [][]float64{{1, 2}, {3}})) {
		t.Error("a rate digest does not cover the counts or the bin")
	}
	if !bytes.Equal(a, rate(1, [][]float64{{3}, {1, 2}})) {
		t.Error("a rate digest depends on which neuron spiked (it counts the population)")
	}
}

// BenchmarkStateDigest: the cost of hashing recorded samples (after a
// run, never while stepping), per sample.
func BenchmarkStateDigest(b *testing.B) {
	net := driven(100)
	neurons := make([]int, 100)
	for i := range neurons {
		neurons[i] = i
	}
	s := record.NewState(net.Population("c"), "v", neurons, 0)
	net.Record(s)
	if err := net.Run(100); err != nil {
		b.Fatal(err)
	}
	data, err := s.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	samples := float64(len(s.Times()) * len(neurons))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := s.UnmarshalBinary(data); err != nil { // resets the digest
			b.Fatal(err)
		}
		b.StartTimer()
		s.Digest()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/samples, "ns/sample")
}
