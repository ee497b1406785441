package morph

import (
	"math"
	"strings"
	"testing"
)

func load(t *testing.T) *Morphology {
	t.Helper()
	m, err := ReadSWCFile("testdata/branched.swc")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func dist(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

// The topology of testdata/branched.swc, worked out by hand from the file.
func TestBranchedTopology(t *testing.T) {
	m := load(t)
	want := []struct {
		name    string
		parent  string
		x       float64
		samples []int
	}{
		// Import3d's order: by the id of each section's first own sample.
		{"soma_0", "", 0, []int{-1, 1, -1}},
		{"apic_0", "soma_0", 0.5, []int{4, 5, 6}},
		{"apic_1", "apic_0", 1, []int{-1, 7, 8}},
		{"apic_2", "apic_0", 1, []int{-1, 9, 10}},
		{"dend_0", "soma_0", 0.5, []int{11, 12, 13}},
		{"axon_0", "soma_0", 0.5, []int{14, 15, 16}},
	}
	if len(m.Sections) != len(want) {
		t.Fatalf("%d sections, want %d: %+v", len(m.Sections), len(want), m.Sections)
	}
	for i, w := range want {
		s := m.Sections[i]
		parent := ""
		if s.Parent >= 0 {
			parent = m.Sections[s.Parent].Name
		}
		if s.Name != w.name || parent != w.parent || s.ParentX != w.x || !equalInts(s.Samples, w.samples) {
			t.Errorf("section %d: %s on %q(%v) from samples %v, want %s on %q(%v) from %v", i, s.Name, parent, s.ParentX, s.Samples, w.name, w.parent, w.x, w.samples)
		}
		if s.Parent >= i {
			t.Errorf("section %s comes before its parent", s.Name)
		}
	}
	// A branch begins with a copy of its parent's last point.
	if m.Sections[2].Points[0] != m.Sections[1].Points[2] {
		t.Errorf("apic_1 starts at %+v, want apic_0's end %+v", m.Sections[2].Points[0], m.Sections[1].Points[2])
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Lengths: sums of the distances between the samples of each section.
func TestBranchedLengths(t *testing.T) {
	m := load(t)
	want := map[string]float64{
		"soma_0": 10,
		"axon_0": 42 + 150, // a child of a three-point soma starts at its own first sample (y = -8)
		"apic_0": 50,
		"dend_0": dist([3]float64{-8, -2, 0}, [3]float64{-40, -10, 0}) + dist([3]float64{-40, -10, 0}, [3]float64{-70, -20, 3}),
		"apic_1": dist([3]float64{0, 60, 0}, [3]float64{-20, 80, 0}) + 25,
		"apic_2": dist([3]float64{0, 60, 0}, [3]float64{20, 85, 0}) + dist([3]float64{20, 85, 0}, [3]float64{30, 110, 5}),
	}
	for i, s := range m.Sections {
		// Points are float32 like NEURON's: lengths agree to ~1e-7 relative.
		if got := m.Length(i); math.Abs(got-want[s.Name]) > 1e-5*want[s.Name] {
			t.Errorf("%s: L = %v µm, want %v", s.Name, got, want[s.Name])
		}
	}
}

// frusta returns the exact lateral area (µm²) and axial resistance (MΩ) of
// a chain of truncated cones: Σ π/2·(d₁+d₂)·√(Δs²+((d₂-d₁)/2)²) and
// Σ 4·Ra·Δs/(π·d₁·d₂)·1e-2 (closed forms; both are additive when a cone is
// cut, so any split into segments must sum to them).
func frusta(p []Point, ra float64) (area, r float64) {
	arc := Arc(p)
	for i := 1; i < len(p); i++ {
		ds, d1, d2 := arc[i]-arc[i-1], p[i-1].Diam, p[i].Diam
		area += math.Pi / 2 * (d1 + d2) * math.Sqrt(ds*ds+(d2-d1)*(d2-d1)/4)
		r += 4 * ra * ds / (math.Pi * d1 * d2) * 1e-2
	}
	return area, r
}

func TestSegmentGeometrySums(t *testing.T) {
	m := load(t)
	for _, s := range m.Sections {
		wa, wr := frusta(s.Points, 150)
		for _, nseg := range []int{1, 2, 3, 7, 20} {
			seg, err := SegmentGeometry(s.Points, nseg, 150)
			if err != nil {
				t.Fatal(err)
			}
			var a, r float64
			for _, g := range seg {
				a += g.Area
				r += g.RLeft + g.RRight
			}
			if math.Abs(a-wa) > 1e-9*wa || math.Abs(r-wr) > 1e-9*wr {
				t.Errorf("%s nseg %d: area %v µm² (want %v), resistance %v MΩ (want %v)", s.Name, nseg, a, wa, r, wr)
			}
		}
	}
}

// A cylinder: every segment has area π·d·L/nseg and half resistances
// 4·Ra·(L/2nseg)/(π·d²)·1e-2 MΩ, as NEURON's formulas without pt3d give.
func TestSegmentGeometryCylinder(t *testing.T) {
	const L, d, ra, nseg = 120.0, 2.0, 100.0, 5
	seg, err := SegmentGeometry([]Point{P(0, 0, 0, d), P(L, 0, 0, d)}, nseg, ra)
	if err != nil {
		t.Fatal(err)
	}
	area := math.Pi * d * L / nseg
	half := 1e-2 * ra * (L / nseg / 2) / (math.Pi * d * d / 4)
	for i, g := range seg {
		if math.Abs(g.Area-area) > 1e-12*area || math.Abs(g.RLeft-half) > 1e-12*half || math.Abs(g.RRight-half) > 1e-12*half || math.Abs(g.Diam-d) > 1e-12 {
			t.Errorf("segment %d: %+v, want area %v, halves %v, diam %v", i, g, area, half, d)
		}
	}
}

// The three-point and the single-point soma are the same cylinder,
// L = diam = 2r, whose area 4πr² is the sphere's.
func TestSomaConventions(t *testing.T) {
	one, err := ReadSWC(strings.NewReader("1 1 3 4 5 6 -1\n2 3 3 20 5 1 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	three, err := ReadSWC(strings.NewReader("1 1 3 4 5 6 -1\n2 1 3 -2 5 6 1\n3 1 3 10 5 6 1\n4 3 3 20 5 1 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]*Morphology{"single point": one, "three point": three} {
		s := m.Sections[0]
		seg, _ := SegmentGeometry(s.Points, 1, 100)
		if m.Length(0) != 12 || math.Abs(seg[0].Area-4*math.Pi*36) > 1e-9 {
			t.Errorf("%s soma: L = %v, area = %v, want 12 and %v", name, m.Length(0), seg[0].Area, 4*math.Pi*36)
		}
		// A one-sample child: the soma point with the child's diameter, then the sample.
		if d := m.Sections[1]; d.ParentX != 0.5 || d.Parent != 0 || len(d.Points) != 2 || d.Points[0] != P(3, 4, 5, 2) {
			t.Errorf("%s: dendrite %+v: want [soma centre with diam 2, its sample] at soma(0.5)", name, d)
		}
		if p := s.Points; p[0] != P(-3, 4, 5, 12) || p[2] != P(9, 4, 5, 12) {
			t.Errorf("%s soma points %v: want a cylinder along x (NEURON's sphere_rep)", name, p)
		}
	}
}

func TestDLambda(t *testing.T) {
	r := DefaultDLambda()
	// λ(100 Hz) of a 1 µm cylinder, Ra 100 Ω·cm, cm 1 µF/cm²:
	// 1e5·√(1/(4π·100·100·1)) = 282.0948 µm; L = 1000: 1000/28.209 = 35.45,
	// int((35.45+0.9)/2)·2+1 = 37 (fixnseg.hoc's formula by hand).
	lam := LambdaFCylinder(1, r.Freq, 100, 1)
	if math.Abs(lam-282.0948) > 1e-3 {
		t.Fatalf("λ = %v µm, want 282.0948", lam)
	}
	if n := r.Nseg(1000, lam); n != 37 {
		t.Fatalf("nseg = %d, want 37", n)
	}
	// The 3-D form agrees with the cylinder form on a cylinder.
	if l3 := LambdaF([]Point{P(0, 0, 0, 1), P(500, 0, 0, 1), P(1000, 0, 0, 1)}, 100, 100, 1); math.Abs(l3-lam) > 1e-9*lam {
		t.Fatalf("3-D λ = %v, cylinder λ = %v", l3, lam)
	}
	if n := r.Nseg(10, lam); n != 1 {
		t.Fatalf("short section: nseg = %d, want 1", n)
	}
	if err := (DLambda{Freq: 0, DLambda: 0.1}).Validate(); err == nil {
		t.Fatal("Freq 0 accepted")
	}
}

func TestSWCBadInput(t *testing.T) {
	cases := []struct{ name, swc, want string }{
		{"empty", "# nothing\n", "no samples"},
		{"short line", "1 1 0 0 0 5\n", "6 fields, want 7"},
		{"bad number", "1 1 0 x 0 5 -1\n", `y "x"`},
		{"NaN", "1 1 0 0 NaN 5 -1\n", `z "NaN"`},
		{"bad id", "a 1 0 0 0 5 -1\n", `id "a"`},
		{"zero radius", "1 1 0 0 0 0 -1\n", "radius 0"},
		{"negative radius", "1 1 0 0 0 5 -1\n2 3 0 1 0 -1 1\n", "radius -1"},
		{"self parent", "1 1 0 0 0 5 1\n", "parent 1"},
		{"missing parent", "1 1 0 0 0 5 -1\n2 3 0 9 0 1 7\n", "parent 7 does not exist"},
		{"duplicate id", "1 1 0 0 0 5 -1\n2 3 0 9 0 1 1\n2 3 0 9 0 1 1\n", "id already used"},
		{"two roots", "1 1 0 0 0 5 -1\n2 3 0 9 0 1 -1\n", "two roots"},
		{"cycle", "1 1 0 0 0 5 -1\n2 3 0 9 0 1 3\n3 3 0 9 0 1 2\n", "cycle"},
		{"all cycle", "1 3 0 0 0 5 2\n2 3 0 9 0 1 1\n", "no root"},
		{"branched soma", "1 1 0 0 0 5 -1\n2 1 0 1 0 5 1\n3 1 0 2 0 5 2\n4 1 1 2 0 5 2\n", "soma branches"},
		{"two soma arms", "1 1 0 0 0 5 -1\n2 1 0 -5 0 5 1\n3 1 0 5 0 5 1\n4 3 0 9 0 1 3\n", "not a NeuroMorpho three-point soma"},
		{"three points not 2nd and 3rd", "1 1 0 0 0 5 -1\n2 3 9 0 0 1 1\n3 1 0 -5 0 5 1\n4 1 0 5 0 5 1\n", "not a NeuroMorpho three-point soma"},
		{"contour", "1 1 0 0 0 1 -1\n2 1 1 0 0 1 1\n3 1 1 1 0 1 2\n4 1 0 1 0 1 3\n5 1 0 0 0 1 4\n", "closed contour"},
		{"negative type", "1 -1 0 0 0 5 -1\n", "type -1"},
	}
	for _, c := range cases {
		_, err := ReadSWC(strings.NewReader(c.swc))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
	}
}

func TestSegmentGeometryBadInput(t *testing.T) {
	ok := []Point{P(0, 0, 0, 1), P(10, 0, 0, 1)}
	cases := []struct {
		name string
		p    []Point
		nseg int
		ra   float64
		want string
	}{
		{"one point", ok[:1], 1, 100, "1 points"},
		{"nseg 0", ok, 0, 100, "nseg = 0"},
		{"Ra NaN", ok, 1, math.NaN(), "Ra = NaN"},
		{"diam 0", []Point{P(0, 0, 0, 0), P(1, 0, 0, 1)}, 1, 100, "diam = 0"},
		{"zero length", []Point{P(0, 0, 0, 1), P(0, 0, 0, 1)}, 1, 100, "zero length"},
	}
	for _, c := range cases {
		_, err := SegmentGeometry(c.p, c.nseg, c.ra)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
	}
}

// NEURON's Import3d rules for children of a traced soma (read_swc.hoc's
// mksection), worked out by hand for testdata/traced.swc: at the first
// sample x = 0 with a copy of it at the child's diameter, at an interior
// sample x = 0.5 by a wire (the child's own samples only), at the last
// sample x = 1 with a copy.
func TestTracedSoma(t *testing.T) {
	m, err := ReadSWCFile("testdata/traced.swc")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		x     float64
		first Point
	}{
		"dend_0": {0, P(0, 0, 0, 2)},      // child of the root sample 1
		"dend_1": {0.5, P(5, 1, 0, 1.8)},  // one-sample child of interior sample 2: the soma sample (child diam), then its own
		"apic_0": {0.5, P(8, 10, 0, 2.4)}, // child of interior sample 3: wire
		"axon_0": {1, P(15, 0, 0, 1.2)},   // child of the last sample 4
	}
	if s := m.Sections[0]; s.Name != "soma_0" || len(s.Points) != 4 {
		t.Fatalf("soma %+v", s)
	}
	for name, w := range want {
		i := m.Index(name)
		if i < 0 {
			t.Fatalf("no section %s in %v", name, m.Sections)
		}
		s := m.Sections[i]
		if s.Parent != 0 || s.ParentX != w.x || s.Points[0] != w.first {
			t.Errorf("%s: parent %d at %v, first point %+v; want soma at %v, %+v", name, s.Parent, s.ParentX, s.Points[0], w.x, w.first)
		}
	}
}

// Two more of Import3d's rules, by hand from NEURON 8.2's output on these
// files (compare/neuron_cells_morph.py checks them against NEURON): a
// dendrite branching at the sample wired to a point soma becomes a
// two-point section [soma centre at the dendrite's diameter, sample] with
// both branches at its 1 end; a non-soma root runs on into its first
// child and its other child hangs at the root section's 0 end.
func TestImport3dEdgeRules(t *testing.T) {
	m, err := ReadSWCFile("testdata/branch_at_first.swc")
	if err != nil {
		t.Fatal(err)
	}
	if d := m.Sections[1]; d.Name != "dend_0" || len(d.Points) != 2 || d.Points[0] != P(0, 0, 0, 2) || d.ParentX != 0.5 {
		t.Errorf("branch_at_first dend_0 = %+v", d)
	}
	for _, i := range []int{2, 3} {
		if s := m.Sections[i]; s.Parent != 1 || s.ParentX != 1 || s.Points[0] != P(10, 0, 0, 2) {
			t.Errorf("branch_at_first %s = %+v", s.Name, s)
		}
	}
	m, err = ReadSWCFile("testdata/dend_root.swc")
	if err != nil {
		t.Fatal(err)
	}
	root := m.Sections[0]
	if root.Name != "dend_0" || !equalInts(root.Samples, []int{1, 2}) {
		t.Errorf("dend_root root = %+v", root)
	}
	last := m.Sections[len(m.Sections)-1]
	if last.Name != "dend_3" || last.Parent != 0 || last.ParentX != 0 || last.Points[0] != P(0, 0, 0, 2) {
		t.Errorf("dend_root dend_3 = %+v: want at dend_0(0), starting with a copy of the root", last)
	}
}

// Other SWC types are named as Import3d's type2name names them.
func TestOtherTypes(t *testing.T) {
	m, err := ReadSWC(strings.NewReader("1 1 0 0 0 5 -1\n2 7 0 10 0 1 1\n3 7 0 20 0 1 2\n"))
	if err != nil {
		t.Fatal(err)
	}
	if n := m.Sections[1].Name; n != "dend_7_0" {
		t.Fatalf("type 7 section %q, want dend_7_0 (NEURON's dend_7[0])", n)
	}
}
