//go:build linux

package network_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/simlib/models"
	"github.com/golgi-sim/golgi/simlib/network"
)

// BenchmarkScaledCOBA runs the COBA benchmark (models.DefaultCOBA, 1 s
// simulated at dt 0.1 ms, spike recorders on every cell) scaled to 16 000
// and 64 000 cells (Scale 4 and 16, about 80 synapses per cell) with one
// and two workers, building outside the timer. It reports wall time
// (s/run), the process's CPU time (cpu-s/run: user + system of all
// threads, getrusage), and how much of the workers' time went to waiting
// at the barrier (wait-frac: 1 - busy/(workers × run time), 0 for one
// worker). Compare the two worker counts by s/run on an idle machine; on a
// busy one cpu-s/run and wait-frac say more.
//
//	go test ./simlib/network -run '^$' -bench ScaledCOBA -benchtime 2x
func BenchmarkScaledCOBA(b *testing.B) { benchScaled(b, false) }

// BenchmarkScaledCOBAPhases is BenchmarkScaledCOBA with each worker's
// phases timed by its thread's CPU clock (workers locked to their threads,
// a system call per phase and window, which slows the run a little):
// CPU seconds per run, summed over the workers, in phase A (a-cpu-s),
// phase B (b-cpu-s), worker 0's bookkeeping (acct-cpu-s) and waiting at
// the barrier (wait-cpu-s: spinning, and blocking's own cost). Other
// processes on the machine inflate these far less than wall time: with
// two workers against one, a larger sum is work the second worker adds.
//
//	go test ./simlib/network -run '^$' -bench ScaledCOBAPhases -benchtime 2x
func BenchmarkScaledCOBAPhases(b *testing.B) { benchScaled(b, true) }

// BenchmarkScaledPhases is BenchmarkScaledCOBAPhases on the three
// workloads of docs/performance.md: COBA by exponential Euler (golgi's
// default), COBA by forward Euler and CUBA (exact).
//
//	go test ./simlib/network -run '^$' -bench 'ScaledPhases/CUBA' -benchtime 2x
func BenchmarkScaledPhases(b *testing.B) {
	for _, x := range vaWorkloads {
		b.Run(x.name, func(b *testing.B) { benchScaledVA(b, true, x.va) })
	}
}

func benchScaled(b *testing.B, phases bool) { benchScaledVA(b, phases, models.DefaultCOBA) }

func benchScaledVA(b *testing.B, phases bool, va func() models.VA) {
	if phases {
		network.ThreadClock(true)
		defer network.ThreadClock(false)
	}
	for _, scale := range []float64{4, 16} {
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("N=%dk/Workers=%d", int(4*scale), w), func(b *testing.B) {
				var cpu time.Duration
				var busy, span float64
				var phase [4]float64
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					p := va()
					p.Scale, p.Workers = scale, w
					m, err := models.VANetwork(p)
					if err != nil {
						b.Fatal(err)
					}
					if err := m.Build(); err != nil {
						b.Fatal(err)
					}
					c0 := benchCPU()
					t0 := time.Now()
					b.StartTimer()
					if err := m.Run(p.TStop); err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					span += float64(w) * time.Since(t0).Seconds()
					cpu += benchCPU() - c0
					for _, t := range network.WorkerTimes(m.Network) {
						busy += (t[0] + t[1] + t[2]).Seconds()
						for k := range phase {
							phase[k] += t[k].Seconds()
						}
					}
					if w == 1 {
						busy = span
					}
				}
				b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/run")
				b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/run")
				if phases {
					for k, name := range []string{"a", "b", "acct", "wait"} {
						b.ReportMetric(phase[k]/float64(b.N), name+"-cpu-s")
					}
					return
				}
				b.ReportMetric(1-busy/span, "wait-frac")
			})
		}
	}
}

// benchCPU returns the process's user plus system CPU time.
func benchCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
