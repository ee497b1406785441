package cell_test

import (
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// TestSectionV0: a section's V0 starts every node it owns (its centres and
// its 1 end; the root section also its 0 end), as NEURON's "sec.v = v0"
// before finitialize() without a value. NEURON 8.2 with hnn-core's L5
// pyramidal cell (compare/hnn_cells.py's builders, printed once): after
// finitialize, apical_2(0).v = -71.32 (apical_1's v0, its parent's 1 end),
// apical_2(0.5).v = apical_2(1).v = -69.08 (its own), soma(0).v = -72.
func TestSectionV0(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	c := cell.Cell{Sections: []cell.Section{
		{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1, V0: v(-72), Mechs: []mech.Density{mech.DefaultHH2()}},
		{Name: "a1", Parent: "soma", ParentX: 1, L: 100, Diam: 2, Nseg: 3, Ra: 100, Cm: 1, V0: v(-71.32)},
		{Name: "a2", Parent: "a1", ParentX: 1, L: 100, Diam: 2, Nseg: 3, Ra: 100, Cm: 1, V0: v(-69.08)},
		{Name: "b", Parent: "soma", ParentX: 0, L: 50, Diam: 2, Nseg: 1, Ra: 100, Cm: 1}, // Options.VInit
	}}
	o := cell.DefaultOptions()
	o.VInit = -60
	s, err := cell.New(c, &o)
	if err != nil {
		t.Fatal(err)
	}
	g := s.Group()
	for _, tc := range []struct {
		sec  string
		x, v float64
	}{
		{"soma", 0, -72}, {"soma", 0.5, -72}, {"soma", 1, -72},
		{"a1", 0, -72}, {"a1", 0.5, -71.32}, {"a1", 1, -71.32},
		{"a2", 0, -71.32}, {"a2", 0.5, -69.08}, {"a2", 1, -69.08},
		{"b", 0, -72}, {"b", 0.5, -60}, {"b", 1, -60},
	} {
		p, err := g.Var(0, tc.sec, tc.x, "v")
		if err != nil {
			t.Fatal(err)
		}
		if *p != tc.v {
			t.Errorf("%s(%v).v = %v, want %v", tc.sec, tc.x, *p, tc.v)
		}
	}
	// the soma's hh2 gates start from its own v0
	m, _ := g.Var(0, "soma", 0.5, "m_hh2")
	ref := cell.Cell{Sections: []cell.Section{{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1, Mechs: []mech.Density{mech.DefaultHH2()}}}}
	o.VInit = -72
	s2, err := cell.New(ref, &o)
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := s2.Group().Var(0, "soma", 0.5, "m_hh2")
	if *m != *m2 {
		t.Errorf("m_hh2 from V0 -72: %v, from VInit -72: %v", *m, *m2)
	}
}
