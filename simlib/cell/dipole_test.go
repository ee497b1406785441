package cell

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// hnnDipoleCase is testdata/hnn_dipole_terms.json (its provenance field
// says where it comes from: NEURON's values in hnn-core's cells).
type hnnDipoleCase struct {
	Cells map[string][]struct {
		Name, Parent    string
		L, Diam, Ra, Cm float64
		Nseg            int
		ParentX         float64 `json:"parent_x"`
		Pt3D            [][4]float64
		Cos             float64
		Ztan, Ri        []float64
	}
}

func loadHNNDipole(t *testing.T) (map[string]Cell, map[string]Dipole, hnnDipoleCase) {
	b, err := os.ReadFile("testdata/hnn_dipole_terms.json")
	if err != nil {
		t.Fatal(err)
	}
	var hc hnnDipoleCase
	if err := json.Unmarshal(b, &hc); err != nil {
		t.Fatal(err)
	}
	cells, dips := map[string]Cell{}, map[string]Dipole{}
	for typ, secs := range hc.Cells {
		var c Cell
		d := Dipole{Name: "dipole", Cos: map[string]float64{}}
		for _, s := range secs {
			// NEURON's L and diam (as its pt3d left them) as a cylinder
			c.Sections = append(c.Sections, Section{Name: s.Name, Parent: s.Parent, ParentX: s.ParentX, Nseg: s.Nseg,
				L: s.L, Diam: s.Diam, Ra: s.Ra, Cm: s.Cm, Mechs: []mech.Density{mech.Pas{G: 1e-4, E: -65}}})
			d.Cos[s.Name] = s.Cos
		}
		cells[typ], dips[typ] = c, d
	}
	return cells, dips, hc
}

// TestDipoleTermsNEURON: every node's ztan and ri are those hnn-core
// gives dipole.mod and dipole_pp.mod in NEURON (testdata).
func TestDipoleTermsNEURON(t *testing.T) {
	cells, dips, hc := loadHNNDipole(t)
	for typ, c := range cells {
		terms, err := dipoleTerms(c, dips[typ])
		if err != nil {
			t.Fatal(err)
		}
		var l errs
		m := newMorphology(c.Sections, &l)
		byNode := map[int32]dipTerm{}
		for _, tm := range terms {
			byNode[tm.node] = tm
		}
		n := 0
		for i, s := range hc.Cells[typ] {
			sn := m.secs[i]
			for j := 0; j <= s.Nseg; j++ {
				tm, ok := byNode[int32(sn.first+j)]
				if !ok {
					t.Fatalf("%s %s node %d: no term", typ, s.Name, j)
				}
				n++
				if d := math.Abs(tm.ztan - s.Ztan[j]); d > 1e-12*math.Max(1, math.Abs(s.Ztan[j])) {
					t.Errorf("%s %s[%d]: ztan %v, NEURON %v", typ, s.Name, j, tm.ztan, s.Ztan[j])
				}
				if d := math.Abs(tm.ri-s.Ri[j]) / s.Ri[j]; d > 1e-13 {
					t.Errorf("%s %s[%d]: ri %v, NEURON %v (rel %.1e)", typ, s.Name, j, tm.ri, s.Ri[j], d)
				}
			}
		}
		if n != len(terms) {
			t.Errorf("%s: %d terms, %d nodes", typ, len(terms), n)
		}
	}
}

// TestDipoleSum: the dipole of a cell that is not at rest is the sum of
// (v_parent − v)/ri·ztan over its nodes with NEURON's ri and ztan.
func TestDipoleSum(t *testing.T) {
	cells, dips, hc := loadHNNDipole(t)
	c := cells["L5_pyramidal"]
	c.Points = []PointProcess{{Label: "stim", Section: "apical_tuft", X: 0.5, Mech: mech.IClamp{Del: 1, Dur: 5, Amp: 0.5}}}
	s, err := New(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	all := s.RecordAllV()
	if err := s.Run(4); err != nil {
		t.Fatal(err)
	}
	terms, err := dipoleTerms(c, dips["L5_pyramidal"])
	if err != nil {
		t.Fatal(err)
	}
	v := s.Group().V()
	got := dipoleAt(v, 0, terms)
	want := 0.0
	for nd, info := range all.Nodes {
		if nd == 0 {
			continue
		}
		for _, sec := range hc.Cells["L5_pyramidal"] {
			if sec.Name != info.Section {
				continue
			}
			j := sec.Nseg
			if info.X < 1 {
				j = int(info.X * float64(sec.Nseg))
			}
			want += (v[info.Parent] - v[nd]) / sec.Ri[j] * sec.Ztan[j]
		}
	}
	if got == 0 || math.Abs(got-want) > 1e-12*math.Abs(want) {
		t.Errorf("dipole %v fAm, from NEURON's ri and ztan %v", got, want)
	}
	if err := checkDipole(c, Dipole{Name: "d", Cos: map[string]float64{"axon": 1}}); err == nil {
		t.Error("unknown section accepted")
	}
	if err := checkDipole(c, Dipole{Name: "d", Cos: map[string]float64{"soma": 2}}); err == nil {
		t.Error("cos 2 accepted")
	}
}
