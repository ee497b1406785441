package hnn

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestDriveEvents(t *testing.T) {
	sizes := map[string]int{L2BasketType: 3, L2PyramidalType: 9, L5BasketType: 3, L5PyramidalType: 9}
	// Poisson: 1000 drive cells' worth of a 20 Hz train over 1 s: mean count 20 per cell
	p := PoissonDrive("p", 20, "proximal")
	p.CellSpecific, p.NDriveCells = false, 1000
	p.WeightsAMPA = map[string]float64{L2PyramidalType: 1}
	ev := p.EventTimes(0, sizes, 1000)
	n := 0
	for _, tr := range ev {
		n += len(tr)
		if !slices.IsSorted(tr) || (len(tr) > 0 && (tr[0] <= 0 || tr[len(tr)-1] >= 1000)) {
			t.Fatalf("poisson train not sorted in (0, 1000): %v", tr)
		}
	}
	// 20000 expected, sd sqrt(20000) = 141
	if mean := float64(n) / 1000; math.Abs(mean-20) > 0.7 {
		t.Errorf("poisson: %v events per cell, want 20 ± 0.7", mean)
	}
	// bursty: doublets 10 ms apart every 100 ms from 50 ms, no jitter
	b := BurstyDrive("b", 10, "distal")
	b.TStart = 50
	b.WeightsAMPA = map[string]float64{L2PyramidalType: 1}
	ev = b.EventTimes(0, sizes, 400)
	want := []float64{45, 55, 145, 155, 245, 255, 345, 355}
	if !slices.Equal(ev[0], want) {
		t.Errorf("bursty: %v, want %v", ev[0], want)
	}
	// evoked: cell specific over L2 pyramidal and L5 basket: 12 drive cells; trials differ
	e := EvokedDrive("e", 40, 5, "proximal")
	e.WeightsAMPA = map[string]float64{L2PyramidalType: 1, L5BasketType: 1}
	e0, e1 := e.EventTimes(0, sizes, 170), e.EventTimes(1, sizes, 170)
	if len(e0) != 12 || slices.Equal(e0[0], e1[0]) {
		t.Errorf("evoked: %d drive cells; trial 0 %v, trial 1 %v", len(e0), e0[0], e1[0])
	}
	if again := e.EventTimes(0, sizes, 170); !slices.EqualFunc(again, e0, slices.Equal) {
		t.Error("evoked: the same trial gives other events")
	}
}

// TestDriveProbability: round(n·p) pairs per target type (numpy's round,
// half to even), the same for AMPA and NMDA.
func TestDriveProbability(t *testing.T) {
	c := smallColumn()
	d := evprox1()
	d.Probability = 0.5
	d.WeightsNMDA = map[string]float64{L2PyramidalType: 0.001}
	c.Drives = []Drive{d}
	n, err := c.Build(0)
	if err != nil {
		t.Fatal(err)
	}
	// 3 → round(1.5) = 2, 9 → round(4.5) = 4
	want := map[string]int{L2BasketType: 2, L2PyramidalType: 4, L5BasketType: 2, L5PyramidalType: 4}
	for typ, k := range want {
		if src := n.Network.Population("evprox1/" + typ); src == nil || src.Size() != k {
			t.Errorf("%s: drive sources %v, want %d", typ, src, k)
		}
	}
	var posts [][]int32
	for _, pr := range n.Network.Projections() {
		if strings.Contains(pr.String(), `"evprox1/L2_pyramidal" -> "L2_pyramidal"`) {
			posts = append(posts, pr.Table().Post)
		}
	}
	if len(posts) != 6 {
		t.Fatalf("%d projections onto L2 pyramidal cells, want 6 (ampa and nmda on 3 proximal sections)", len(posts))
	}
	for _, p := range posts[1:] {
		if !slices.Equal(p, posts[0]) || len(p) != 4 {
			t.Errorf("targets %v, want the same 4 as %v", p, posts[0])
		}
	}
}
