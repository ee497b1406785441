package network

import (
	"math"
	"testing"
)

// rebalance moves the shares halfway to those that would have equalised
// the measured times, only past balanceTol and after balanceMin of work
// (doubled after each change, up to balanceMax), never below the floor;
// the ranges follow the shares.
func TestRebalance(t *testing.T) {
	net := rowsNet(4)
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	e := net.e
	e.partition(2)
	e.stat = make([]workerStat, 2)
	work := func(a, b float64) {
		e.stat[0].a += int64(a * 1e6)
		e.stat[1].b += int64(b * 1e6)
	}
	near := func(what string, want float64) {
		t.Helper()
		if math.Abs(e.share[0]-want) > 1e-12 || math.Abs(e.share[0]+e.share[1]-1) > 1e-12 {
			t.Fatalf("%s: shares %v, want [%v %v]", what, e.share, want, 1-want)
		}
	}
	work(50, 25) // below balanceMin (100 ms)
	e.rebalance()
	near("50 and 25 ms", 0.5)
	work(150, 75) // 200 and 100 ms: speeds 0.5/200, 0.5/100: 1/3, 2/3
	e.rebalance()
	near("200 and 100 ms", (0.5+1.0/3)/2)
	b := net.Population("b").rt // 517 cells
	if lo, hi := b.lo[1], b.hi[0]; lo != hi || lo != 216 {
		// 517·0.41667 = 215.4, to the nearest multiple of 8
		t.Fatalf("population b of 517 cells cut at %d/%d, want 216", hi, lo)
	}
	work(150, 100) // below the doubled minimum, 200 ms
	e.rebalance()
	near("150 and 100 ms after a change", (0.5+1.0/3)/2)
	work(1860, 1900) // 2010 and 2000 ms: 0.25 % apart, within balanceTol
	e.rebalance()
	near("2010 and 2000 ms", (0.5+1.0/3)/2)
	// worker 0 always far slower: its share halves each time down
	// to the floor, 0.1/w = 0.05 before the shares are renormalised (their
	// sum is then at most 1.05)
	for range 10 {
		work(100000, balanceMax/1e6)
		e.rebalance()
	}
	if e.balanceAfter != balanceMax {
		t.Fatalf("after 11 changes: %v ns of work before the next, want balanceMax", e.balanceAfter)
	}
	if s := e.share[0]; s < 0.05/1.05 || s > 0.05 {
		t.Fatalf("worker 0 always far slower: share %v, want the floor (0.05, renormalised)", s)
	}
}
