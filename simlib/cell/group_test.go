package cell_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// variedCells returns n cells of goodCell's topology with different
// parameters and geometry.
func variedCells(n int) []cell.Cell {
	out := make([]cell.Cell, n)
	for k := range out {
		c := goodCell()
		h := mech.DefaultHH()
		h.GNaBar = 0.12 + 0.01*float64(k)
		c.Sections[0].Mechs = []mech.Density{h}
		c.Sections[1].L = 300 + 50*float64(k)
		c.Points[1].Mech = mech.IClamp{Del: 1, Dur: 20, Amp: 0.1 + 0.05*float64(k)}
		out[k] = c
	}
	return out
}

// TestGroupMatchesStandalone: a group of varied cells, stepped in two
// ranges, gives every cell the bits of the cell run alone.
func TestGroupMatchesStandalone(t *testing.T) {
	const n, steps = 4, 1200
	cells := variedCells(n)
	o := cell.DefaultOptions()
	g, err := cell.NewGroup(cells, o)
	if err != nil {
		t.Fatal(err)
	}
	syn, err := g.Point("syn")
	if err != nil {
		t.Fatal(err)
	}
	if !g.CanReceive(syn) {
		t.Fatal("Exp2Syn should take events")
	}
	sims := make([]*cell.Sim, n)
	for k := range sims {
		if sims[k], err = cell.New(cells[k], &o); err != nil {
			t.Fatal(err)
		}
		if err := sims[k].Events("syn", 0.001*float64(k+1), 5); err != nil {
			t.Fatal(err)
		}
	}
	var spikes []int32
	gSpikes := make([][]float64, n)
	tt := 0.0
	for i := 0; i < steps; i++ {
		if math.Abs(tt-5) < o.DT/2 {
			for k := 0; k < n; k++ {
				g.Deliver(k, syn, 0.001*float64(k+1), tt)
			}
		}
		g.Step(0, 1, tt)
		g.Step(1, n, tt)
		tt += 0.5 * o.DT
		tt += 0.5 * o.DT
		spikes = g.Spikes(0, n, spikes[:0])
		for _, k := range spikes {
			gSpikes[k] = append(gSpikes[k], tt)
		}
	}
	nn := g.Nodes()
	for k := 0; k < n; k++ {
		if err := sims[k].Run(float64(steps) * o.DT); err != nil {
			t.Fatal(err)
		}
		want := sims[k].Group().V()
		got := g.V()[k*nn : (k+1)*nn]
		for j := range want {
			if got[j] != want[j] {
				t.Fatalf("cell %d node %d: group %v, alone %v", k, j, got[j], want[j])
			}
		}
		if len(gSpikes[k]) != len(sims[k].Spikes()) || len(gSpikes[k]) == 0 {
			t.Errorf("cell %d: group spikes %v, alone %v (want some)", k, gSpikes[k], sims[k].Spikes())
		}
		m, err := g.Var(k, "soma", 0.5, "m_hh")
		if err != nil {
			t.Fatal(err)
		}
		m1, _ := sims[k].Group().Var(0, "soma", 0.5, "m_hh")
		if *m != *m1 {
			t.Errorf("cell %d: m_hh %v, alone %v", k, *m, *m1)
		}
	}
}

// TestStepAllocatesNothing: a group's step allocates nothing.
func TestStepAllocatesNothing(t *testing.T) {
	g, err := cell.NewGroup(variedCells(3), cell.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var dst []int32
	tt := 0.0
	allocs := testing.AllocsPerRun(200, func() {
		g.Step(0, 3, tt)
		dst = g.Spikes(0, 3, dst[:0])
		tt += 0.025
	})
	if allocs != 0 {
		t.Errorf("%v allocations per step", allocs)
	}
}

// TestLocations checks where NEURON puts points and children: the segment
// containing x, the end nodes at 0 and 1, and a child at its parent's 0
// end sharing the parent's own parent node.
func TestLocations(t *testing.T) {
	c := cell.Cell{Sections: []cell.Section{
		{Name: "soma", L: 20, Diam: 20, Nseg: 3, Ra: 100, Cm: 1},
		{Name: "a", Parent: "soma", ParentX: 0, L: 100, Diam: 1, Nseg: 4, Ra: 100, Cm: 1},
		{Name: "b", Parent: "soma", ParentX: 0.5, L: 100, Diam: 1, Nseg: 2, Ra: 100, Cm: 1},
		{Name: "c", Parent: "a", ParentX: 0, L: 100, Diam: 1, Nseg: 1, Ra: 100, Cm: 1},
	}}
	s, err := cell.New(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	g := s.Group()
	// nodes: 0 root; soma 1,2,3 centres, 4 its 1 end; a 5..8, 9; b 10,11, 12; c 13, 14
	if g.Nodes() != 15 {
		t.Fatalf("%d nodes, want 15", g.Nodes())
	}
	for _, k := range []struct {
		sec  string
		x    float64
		want int
	}{
		{"soma", 0, 0}, {"soma", 1e-9, 1}, {"soma", 1.0 / 3, 2}, {"soma", 0.5, 2}, {"soma", 0.99, 3}, {"soma", 1, 4},
		{"a", 0, 0}, {"a", 0.25, 6}, {"a", 0.5, 7}, {"a", 1, 9},
		{"b", 0, 2}, {"b", 0.5, 11}, {"b", 1, 12},
		{"c", 0, 0}, {"c", 0.5, 13}, {"c", 1, 14},
	} {
		nd, err := g.Node(k.sec, k.x)
		if err != nil {
			t.Fatal(err)
		}
		if nd != k.want {
			t.Errorf("%s(%v): node %d, want %d", k.sec, k.x, nd, k.want)
		}
	}
	all := s.RecordAllV()
	if len(all.Nodes) != 15 || all.Nodes[10].Parent != 2 || all.Nodes[13].Parent != 0 || all.Nodes[5].Parent != 0 {
		t.Errorf("node table %+v", all.Nodes)
	}
	if all.Nodes[4].Area != 0 || all.Nodes[0].Area != 0 || math.Abs(all.Nodes[1].Area-math.Pi*20*20/3) > 1e-9 {
		t.Errorf("areas %v %v %v", all.Nodes[0].Area, all.Nodes[4].Area, all.Nodes[1].Area)
	}
}

// TestPt3DCylinder: a straight cylinder given by 3-D points has the areas
// and resistances of the plain cylinder (values exact in float32).
func TestPt3DCylinder(t *testing.T) {
	mk := func(pts []cell.Pt3D) *cell.Sim {
		c := cell.Cell{Sections: []cell.Section{
			{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1, Mechs: []mech.Density{mech.DefaultHH()}},
			{Name: "d", Parent: "soma", ParentX: 1, L: 256, Diam: 2, Nseg: 8, Ra: 100, Cm: 1, Pt3D: pts,
				Mechs: []mech.Density{mech.DefaultPas()}},
		}, Points: []cell.PointProcess{{Section: "d", X: 1, Mech: mech.IClamp{Del: 1, Dur: 5, Amp: 0.2}}}}
		s, err := cell.New(c, nil)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	a := mk(nil)
	b := mk([]cell.Pt3D{{0, 0, 0, 2}, {64, 0, 0, 2}, {100, 0, 0, 2}, {256, 0, 0, 2}})
	ta := a.RecordAllV()
	tb := b.RecordAllV()
	for i := range ta.Nodes {
		if d := math.Abs(ta.Nodes[i].Area - tb.Nodes[i].Area); d > 1e-9 {
			t.Errorf("node %d: area %v vs %v", i, ta.Nodes[i].Area, tb.Nodes[i].Area)
		}
	}
	if err := a.Run(10); err != nil {
		t.Fatal(err)
	}
	if err := b.Run(10); err != nil {
		t.Fatal(err)
	}
	if d := maxDiffV(ta.V, tb.V); d > 1e-9 {
		t.Errorf("pt3d cylinder differs from cylinder by %g mV", d)
	}
	if cell.Pt3DLength([]cell.Pt3D{{0, 0, 0, 1}, {3, 4, 0, 1}, {3, 4, 12, 1}}) != 17 {
		t.Error("Pt3DLength")
	}
}

func maxDiffV(a, b [][]float64) float64 {
	m := 0.0
	for i := range a {
		for j := range a[i] {
			m = math.Max(m, math.Abs(a[i][j]-b[i][j]))
		}
	}
	return m
}

// TestGroupConcurrent: disjoint ranges stepped by concurrent goroutines
// give the bits of one sequential pass (run with -race to check the
// ranges share nothing writable).
func TestGroupConcurrent(t *testing.T) {
	const n = 6
	o := cell.DefaultOptions()
	o.SecondOrder = 2
	a, err := cell.NewGroup(variedCells(n), o)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := cell.NewGroup(variedCells(n), o)
	syn, _ := a.Point("syn")
	tt := 0.0
	for i := 0; i < 400; i++ {
		if i == 100 {
			for k := 0; k < n; k++ {
				a.Deliver(k, syn, 0.003, tt)
				b.Deliver(k, syn, 0.003, tt)
			}
		}
		a.Step(0, n, tt)
		done := make(chan bool)
		for _, r := range [][2]int{{0, 2}, {2, 3}, {3, 6}} {
			go func() { b.Step(r[0], r[1], tt); b.Spikes(r[0], r[1], nil); done <- true }()
		}
		for range 3 {
			<-done
		}
		a.Spikes(0, n, nil)
		tt += 0.025
	}
	for i, v := range a.V() {
		if b.V()[i] != v {
			t.Fatalf("node %d: concurrent %v, sequential %v", i, b.V()[i], v)
		}
	}
}

// TestReversedLocations: a section attached by its 1 end (ChildX = 1) has
// its parent node at x = 1, its centres counted from there, and its last
// node at x = 0 (NEURON's node_index and node_exact with orientation).
func TestReversedLocations(t *testing.T) {
	c := cell.Cell{Sections: []cell.Section{
		{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1},
		{Name: "d", Parent: "soma", ParentX: 1, ChildX: 1, L: 100, Diam: 1, Nseg: 4, Ra: 100, Cm: 1},
		{Name: "e", Parent: "d", ParentX: 1, L: 100, Diam: 1, Nseg: 1, Ra: 100, Cm: 1},
		{Name: "f", Parent: "d", ParentX: 0, L: 100, Diam: 1, Nseg: 1, Ra: 100, Cm: 1},
	}}
	s, err := cell.New(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	g := s.Group()
	// nodes: 0 root, soma 1, 2 (its 1 end); d 3..6 (x = 0.875 .. 0.125), 7 (x = 0); e 8, 9; f 10, 11
	for _, k := range []struct {
		sec  string
		x    float64
		want int
	}{{"d", 1, 2}, {"d", 0.9, 3}, {"d", 0.6, 4}, {"d", 0.1, 6}, {"d", 0, 7}, {"e", 0, 2}, {"f", 0, 7}} {
		nd, err := g.Node(k.sec, k.x)
		if err != nil {
			t.Fatal(err)
		}
		if nd != k.want {
			t.Errorf("%s(%v): node %d, want %d", k.sec, k.x, nd, k.want)
		}
	}
	info := g.NodeInfo()
	if info[3].X != 0.875 || info[7].X != 0 || info[10].Parent != 7 || info[8].Parent != 2 {
		t.Errorf("node table %+v", info)
	}
}
