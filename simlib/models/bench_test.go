//go:build unix

package models

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/record"
)

// benchVA runs the full benchmark for TStop (1 s) per iteration, building
// the network outside the timer, and reports neuron updates per second
// (cells × steps; the 20 kick sources are not counted) and synaptic events
// per second (every spike times its source's out-degree, kick included).
// Spike recorders and the two-cell v recorder stay on, as in the PyNN
// script and compare/bench_brian2.py. It also reports the process's CPU
// time per run (cpu-s/run, user + system, all threads: getrusage), which a
// busy machine inflates much less than wall time; with Workers=1 it is
// comparable to Brian2's single-threaded timer (std::clock).
// compare/cmd/bench makes the same measurement on the network scaled to N
// cells, one configuration per process (so that it can report the peak
// resident set), for compare/bench.sh's side-by-side table.
//
//	go test ./simlib/models -run '^$' -bench 'COBA|CUBA' -benchtime 3x
func benchVA(b *testing.B, mk func() VA) {
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("Workers=%d", w), func(b *testing.B) {
			var updates, events float64
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				p := mk()
				p.Workers = w
				m, err := VANetwork(p)
				if err != nil {
					b.Fatal(err)
				}
				sp := map[string]*record.Spikes{"exc": m.Exc, "inh": m.Inh}
				if p.KickN > 0 {
					sp["ext"] = record.NewSpikes(m.Population("ext"))
					m.Record(sp["ext"])
				}
				if err := m.Build(); err != nil {
					b.Fatal(err)
				}
				c0 := cpuTime()
				b.StartTimer()
				if err := m.Run(p.TStop); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += cpuTime() - c0
				ne, ni, _ := p.Sizes()
				updates += float64(ne+ni) * float64(m.Steps())
				for k, pr := range m.Projections() {
					tb := pr.Table()
					s := sp[vaProjections[k][0]]
					if s == nil || s.Size() != tb.NPre {
						b.Fatalf("%v: not %s's projection", pr, vaProjections[k][0])
					}
					for _, j := range s.Indices() {
						events += float64(tb.Ptr[j+1] - tb.Ptr[j])
					}
				}
				b.StartTimer()
			}
			sec := b.Elapsed().Seconds()
			b.ReportMetric(updates/sec, "neuron-updates/s")
			b.ReportMetric(events/sec, "syn-events/s")
			b.ReportMetric(sec/float64(b.N), "s/run")
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/run")
		})
	}
}

func BenchmarkCOBA(b *testing.B) { benchVA(b, DefaultCOBA) }
func BenchmarkCUBA(b *testing.B) { benchVA(b, DefaultCUBA) }

// cpuTime returns the process's user plus system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
