package network_test

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/models"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// BenchmarkScaledWindows runs the VA benchmarks scaled to 64 000 cells (1 s
// simulated) with two workers and a window trace (TraceWindows), and
// reports where the workers waited at the barrier, in ms per run summed
// over both workers: wait-ms in all, and split by the length of a wait
// (wait-lt10us-ms, wait-10to100us-ms, wait-gt100us-ms: many small waits
// are the windows' own jitter, a few long ones a worker off its
// processor). In each window the worker that arrived last (ended phase A
// last) opened the barrier; lag-start-ms and lag-a-ms sum, over the
// windows, how much later than the other it started the window (its
// phase B and bookkeeping of the window before took longer) and how much
// longer its phase A took. Their sum is how much later it arrived; the
// other filled part of that with its own deliveries (own-ms, the part
// of them done before the last arrival) and waited the rest. s/run is the
// run's wall time, the trace's clock reads included (10 per window).
//
//	go test ./simlib/network -run '^$' -bench ScaledWindows -benchtime 3x
func BenchmarkScaledWindows(b *testing.B) {
	for _, x := range vaWorkloads {
		b.Run(x.name+"/N=64k/Workers=2", func(b *testing.B) {
			var sum windowWaits
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				p := x.va()
				p.Scale, p.Workers = 16, 2
				m, err := models.VANetwork(p)
				if err != nil {
					b.Fatal(err)
				}
				if err := network.TraceWindows(m.Network, 2, 1<<16); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := m.Run(p.TStop); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				sum.add(network.WindowTrace(m.Network))
			}
			n := float64(b.N) * 1e6 // ns per ms
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/run")
			b.ReportMetric(sum.total/n, "wait-ms")
			b.ReportMetric(sum.bins[0]/n, "wait-lt10us-ms")
			b.ReportMetric(sum.bins[1]/n, "wait-10to100us-ms")
			b.ReportMetric(sum.bins[2]/n, "wait-gt100us-ms")
			b.ReportMetric(sum.lagStart/n, "lag-start-ms")
			b.ReportMetric(sum.lagA/n, "lag-a-ms")
			b.ReportMetric(sum.own/n, "own-ms")
		})
	}
}

// vaWorkloads are the three workloads of docs/performance.md: COBA by
// exponential Euler (golgi's default), COBA by forward Euler and CUBA
// (exact).
var vaWorkloads = []struct {
	name string
	va   func() models.VA
}{
	{"COBA-expEuler", models.DefaultCOBA},
	{"COBA-Euler", func() models.VA { p := models.DefaultCOBA(); p.Method = scheme.Euler; return p }},
	{"CUBA", models.DefaultCUBA},
}

// windowWaits sums a 2-worker window trace's waits (ns; see
// BenchmarkScaledWindows).
type windowWaits struct {
	total, lagStart, lagA, own float64
	bins                       [3]float64
}

func (s *windowWaits) add(tr [][]network.WindowStamps) {
	for _, r := range tr {
		for _, x := range r {
			w := float64(x.Leave - x.Wait)
			s.total += w
			switch {
			case w < 10e3:
				s.bins[0] += w
			case w < 100e3:
				s.bins[1] += w
			default:
				s.bins[2] += w
			}
		}
	}
	for j := range min(len(tr[0]), len(tr[1])) {
		late, early := tr[0][j], tr[1][j]
		if late.EndA < early.EndA {
			late, early = early, late
		}
		s.lagStart += float64(late.Start - early.Start)
		s.lagA += float64((late.EndA - late.Start) - (early.EndA - early.Start))
		s.own += float64(min(early.Wait, late.EndA) - early.EndA)
	}
}
