package network_test

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
)

// TestWindowTrace: a 2-worker run's window trace (BenchmarkScaledWindows'
// instrument) has the same consecutive windows for both workers, each
// worker's five stamps in order and its windows one after the other, and
// no worker leaving a window's barrier before every worker arrived at it;
// a trace stops when its record is full.
func TestWindowTrace(t *testing.T) {
	net, _, _ := randomNet(3, 2)
	if err := network.TraceWindows(net, 2, 1<<16); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(50); err != nil {
		t.Fatal(err)
	}
	tr := network.WindowTrace(net)
	if len(tr) != 2 || len(tr[0]) == 0 || len(tr[0]) != len(tr[1]) {
		t.Fatalf("windows per worker: %d workers traced, %d and %d windows; want 2 workers, the same windows", len(tr), len(tr[0]), len(tr[1]))
	}
	for k, r := range tr {
		if r[0].First != 1 {
			t.Fatalf("worker %d: first window starts at update %d, want 1", k, r[0].First)
		}
		for j, s := range r {
			if s.First != tr[0][j].First || j > 0 && s.First <= r[j-1].First {
				t.Fatalf("worker %d window %d: first update %d (worker 0: %d, before: %d)", k, j, s.First, tr[0][j].First, r[max(j-1, 0)].First)
			}
			if !(s.Start <= s.EndA && s.EndA <= s.Wait && s.Wait <= s.Leave && s.Leave <= s.End) || j > 0 && s.Start < r[j-1].End {
				t.Fatalf("worker %d window %d: stamps out of order: %+v (window before ends %d)", k, j, s, r[max(j-1, 0)].End)
			}
			for o := range tr {
				if s.Leave < tr[o][j].EndA {
					t.Fatalf("window %d: worker %d left the barrier at %d ns, before worker %d arrived (ended phase A) at %d", j, k, s.Leave, o, tr[o][j].EndA)
				}
			}
		}
	}
	last := tr[0][len(tr[0])-1]
	if w := tr[0][1].First - tr[0][0].First; last.First+w-1 != int64(50/net.DT()+0.5) {
		t.Fatalf("the last window (%d updates from %d) does not end the run's %v updates", w, last.First, 50/net.DT())
	}

	net, _, _ = randomNet(3, 2)
	if err := network.TraceWindows(net, 2, 3); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(50); err != nil {
		t.Fatal(err)
	}
	if tr := network.WindowTrace(net); len(tr[0]) != 3 || len(tr[1]) != 3 {
		t.Fatalf("a trace of 3 windows recorded %d and %d", len(tr[0]), len(tr[1]))
	}
}
