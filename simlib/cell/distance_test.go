package cell_test

import (
	"math"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

func distCell() cell.Cell {
	sec := func(name, parent string, px, cx, L float64, nseg int) cell.Section {
		return cell.Section{Name: name, Parent: parent, ParentX: px, ChildX: cx, L: L, Diam: 1, Nseg: nseg, Ra: 100, Cm: 1}
	}
	return cell.Cell{Sections: []cell.Section{
		sec("soma", "", 0, 0, 20, 3), sec("a", "soma", 1, 0, 100, 4), sec("b", "a", 0.3, 1, 50, 3),
		sec("c", "soma", 0, 0, 80, 2), sec("d", "a", 1, 0, 30, 1), sec("e", "a", 0, 0, 40, 5),
	}}
}

// TestDistance pins NEURON 8.2's h.distance on the same tree (soma nseg 3;
// a(0) on soma(1), nseg 4; b by its 1 end on a(0.3), nseg 3; c on soma(0);
// d on a(1); e on a(0), nseg 5): from soma(0.5) to a(0.5), b(0.2), c(1),
// d(0.9), soma(0.1), soma(0), e(0.3), b(0), b(1), a(0.3):
// 72.5, 89.1666666667, 90, 125, 6.6666666667, 10, 22, 97.5, 47.5, 47.5;
// b(0.2)-d(0.9) 119.1666666667, c(0.5)-b(1) 117.5, e(0.9)-b(0.6) 98.5.
func TestDistance(t *testing.T) {
	c := distCell()
	d, err := cell.NewDistances(c, "soma", 0.5)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []struct {
		sec  string
		x    float64
		want float64
	}{{"a", 0.5, 72.5}, {"b", 0.2, 89.166666666667}, {"c", 1, 90}, {"d", 0.9, 125}, {"soma", 0.1, 6.666666666667},
		{"soma", 0, 10}, {"e", 0.3, 22}, {"b", 0, 97.5}, {"b", 1, 47.5}, {"a", 0.3, 47.5}} {
		got, err := d.To(k.sec, k.x)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got-k.want) > 1e-9 {
			t.Errorf("distance to %s(%v) = %v, NEURON %v", k.sec, k.x, got, k.want)
		}
	}
	for _, k := range []struct {
		s1   string
		x1   float64
		s2   string
		x2   float64
		want float64
	}{{"b", 0.2, "d", 0.9, 119.16666666666667}, {"c", 0.5, "b", 1, 117.5}, {"e", 0.9, "b", 0.6, 98.5}} {
		got, err := cell.Distance(c, k.s1, k.x1, k.s2, k.x2)
		if err != nil || math.Abs(got-k.want) > 1e-9 {
			t.Errorf("%s(%v)-%s(%v) = %v (%v), NEURON %v", k.s1, k.x1, k.s2, k.x2, got, err, k.want)
		}
	}
	if _, err := d.To("nosuch", 0.5); err == nil {
		t.Error("unknown section")
	}
	if _, err := cell.NewDistances(c, "soma", 2); err == nil || !strings.Contains(err.Error(), "X = 2") {
		t.Errorf("bad x: %v", err)
	}
}

// TestVary: a distance-dependent density set per segment reaches the
// segments (as NEURON's "for seg in sec: seg.g_pas = f(distance)").
func TestVary(t *testing.T) {
	c := distCell()
	d, err := cell.NewDistances(c, "soma", 0.5)
	if err != nil {
		t.Fatal(err)
	}
	c.Sections[1].Mechs = []mech.Density{mech.Pas{G: 1e-4, E: -65}}
	c.Sections[1].Vary = func(seg int, x float64, m mech.Density) mech.Density {
		p := m.(mech.Pas)
		dist, _ := d.To("a", x)
		p.G *= 1 + dist/100
		return p
	}
	s, err := cell.New(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []float64{0.125, 0.375, 0.625, 0.875} {
		g, err := s.Group().Var(0, "a", x, "g_pas")
		if err != nil {
			t.Fatal(err)
		}
		dist := 10 + 100*x
		if want := 1e-4 * (1 + dist/100); math.Abs(*g-want) > 1e-18 {
			t.Errorf("g_pas at a(%v) = %v, want %v", x, *g, want)
		}
	}
	// a Vary returning another type or a bad value is an error
	c.Sections[1].Vary = func(seg int, x float64, m mech.Density) mech.Density { return mech.DefaultHH() }
	if _, err := cell.New(c, nil); err == nil || !strings.Contains(err.Error(), "Vary") {
		t.Errorf("wrong type: %v", err)
	}
	c.Sections[1].Vary = func(seg int, x float64, m mech.Density) mech.Density {
		return mech.Pas{G: math.NaN(), E: -65}
	}
	if _, err := cell.New(c, nil); err == nil || !strings.Contains(err.Error(), "segment 0") || !strings.Contains(err.Error(), "g = NaN") {
		t.Errorf("NaN from Vary: %v", err)
	}
}
