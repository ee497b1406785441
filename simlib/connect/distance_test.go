package connect

import (
	"math"
	"reflect"
	"testing"
)

// grid returns the x, y positions (µm) of an n x n grid of spacing h.
func grid(n int, h float64) []float64 {
	pos := make([]float64, 0, 2*n*n)
	for i := 0; i < n*n; i++ {
		pos = append(pos, float64(i%n)*h, float64(i/n)*h)
	}
	return pos
}

// On a 30 x 30 grid of 10 µm with p(d) = 0.8·exp(-d/50 µm), pairs are
// independent Bernoulli draws: the count in any set of pairs has mean Σp
// and variance Σp(1-p). Checked for all pairs and for pairs binned by
// distance (10 µm bins up to 190 µm, then one bin), each within 5 standard deviations:
// the kernel's shape, not only its integral.
func TestDistanceStatistics(t *testing.T) {
	const side, h, p0, lambda = 30, 10.0, 0.8, 50.0
	n := side * side
	pos := grid(side, h)
	r := Distance{P0: p0, Lambda: lambda, PrePos: pos}
	tab := build(t, r, n, n, true, 31)
	if a := autapses(tab); a != 0 {
		t.Fatalf("%d autapses", a)
	}
	connected := make([]bool, n*n)
	for i := 0; i < n; i++ {
		for _, j := range tab.Row(i) {
			connected[i*n+int(j)] = true
		}
	}
	const bins, width = 20, 10.0
	// Bins 0..18: [10b, 10b+10) µm; bin 19: d >= 190 µm; bin 20: all pairs.
	var count, mean, variance [bins + 1]float64
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if i == j {
				continue
			}
			d := math.Hypot(pos[2*i]-pos[2*j], pos[2*i+1]-pos[2*j+1])
			p := p0 * math.Exp(-d/lambda)
			for _, b := range []int{min(int(d/width), bins-1), bins} {
				mean[b] += p
				variance[b] += p * (1 - p)
				if connected[i*n+j] {
					count[b]++
				}
			}
		}
	}
	if e := r.Expected(n, n, true); math.Abs(e-mean[bins]) > 1e-6*mean[bins] {
		t.Errorf("Expected %v, want Σp = %v", e, mean[bins])
	}
	t.Logf("%v synapses, Σp = %.1f, sd %.1f", count[bins], mean[bins], math.Sqrt(variance[bins]))
	for b := 0; b <= bins; b++ {
		if mean[b] == 0 {
			continue
		}
		if sd := math.Sqrt(variance[b]); math.Abs(count[b]-mean[b]) > 5*sd {
			t.Errorf("bin %d (%v µm): %v synapses, want %.1f ± 5·%.1f", b, float64(b)*width, count[b], mean[b], sd)
		}
	}
}

// Edge cases: P0 = 0 makes nothing; neurons at one point with P0 = 1
// connect all pairs (autapses only when asked); distinct populations use
// their own positions; same seed, same table.
func TestDistanceEdges(t *testing.T) {
	origin := make([]float64, 2*20)
	if tab := build(t, Distance{P0: 0, Lambda: 10, PrePos: origin}, 20, 20, true, 1); tab.Len() != 0 {
		t.Errorf("P0 = 0: %d synapses", tab.Len())
	}
	all := build(t, Distance{P0: 1, Lambda: 10, PrePos: origin}, 20, 20, true, 1)
	if want := build(t, AllToAll{}, 20, 20, true, 0); !reflect.DeepEqual(all.Post, want.Post) {
		t.Errorf("P0 = 1 at one point: %d synapses, want all-to-all without autapses (%d)", all.Len(), want.Len())
	}
	if tab := build(t, Distance{P0: 1, Lambda: 10, PrePos: origin, Autapses: true}, 20, 20, true, 1); tab.Len() != 400 {
		t.Errorf("P0 = 1 with autapses: %d synapses, want 400", tab.Len())
	}
	// Two populations: 3 sources at x = 0, 5 targets at x = 1e6 µm (p =
	// e^-1e5, zero in float64) except target 4 at the origin (p = 1).
	pre := []float64{0, 0, 0, 0, 0, 0}
	post := []float64{1e6, 0, 1e6, 0, 1e6, 0, 1e6, 0, 0, 0}
	tab := build(t, Distance{P0: 1, Lambda: 10, PrePos: pre, PostPos: post}, 3, 5, false, 1)
	for i := 0; i < 3; i++ {
		if row := tab.Row(i); len(row) != 1 || row[0] != 4 {
			t.Errorf("row %d = %v, want [4]", i, row)
		}
	}
	// Determinism, and the autapse draw is made and discarded, so that
	// allowing autapses adds the diagonal without moving other pairs.
	pos := grid(10, 5)
	r := Distance{P0: 0.5, Lambda: 20, PrePos: pos}
	a, b, c := build(t, r, 100, 100, true, 5), build(t, r, 100, 100, true, 5), build(t, r, 100, 100, true, 6)
	if !reflect.DeepEqual(a, b) || reflect.DeepEqual(a.Post, c.Post) {
		t.Error("same seed must give the same table and another seed another one")
	}
	r.Autapses = true
	withSelf := build(t, r, 100, 100, true, 5)
	for i := 0; i < 100; i++ {
		var off []int32
		for _, j := range withSelf.Row(i) {
			if int(j) != i {
				off = append(off, j)
			}
		}
		if !reflect.DeepEqual(off, nonNil(a.Row(i))) {
			t.Fatalf("row %d: %v with autapses allowed, %v without", i, off, a.Row(i))
		}
	}
}

func nonNil(s []int32) []int32 {
	if len(s) == 0 {
		return nil
	}
	return s
}
