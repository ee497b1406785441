package hnn

import (
	"compress/gzip"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell"
)

// neuronStructure is testdata/cell_structure.json.gz (see its README):
// NEURON's values for hnn-core's cells.
type neuronStructure struct {
	Cells map[string]struct {
		Sections map[string]struct {
			L, Diam, Ra, Cm float64
			Nseg            int
			Parent          *struct {
				Section  string
				X        float64
				ChildEnd float64 `json:"child_end"`
			}
			Pt3D       [][4]float64 `json:"pt3d"`
			Mechanisms []string
			RiAt1      float64 `json:"ri_at_1"`
			Segments   []map[string]float64
		}
		Synapses map[string]struct {
			Type, Section    string
			X, E, Tau1, Tau2 float64
		}
		SectLoc map[string][]string `json:"sect_loc"`
		Dipole  []struct {
			Section     string
			X, Ztan, Ri float64
		} `json:"dipole_point_processes"`
	}
}

func loadStructure(t *testing.T) neuronStructure {
	t.Helper()
	f, err := os.Open("testdata/cell_structure.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var s neuronStructure
	if err := json.NewDecoder(z).Decode(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// the positions the reference cells were built at (their pt3d points)
var refPos = map[string]Pos{
	L2PyramidalType: {0, 0, 1307.4},
	L5PyramidalType: {0, 0, 0},
	L2BasketType:    {0, 0, 0.8 * 1307.4},
	L5BasketType:    {0, 0, 0.2 * 1307.4},
}

// relTol is the tolerance of the geometric values (areas, resistances):
// golgi integrates the cylinder as π·d·L/nseg and 4·Ra·(L/2nseg)/(π·d²)
// while NEURON sums the same over the pt3d frusta of each half segment, a
// different order of the same operations (a few units in the last place).
const relTol = 1e-12

// arTol is the tolerance of the L5 dendrites' ar density (see its use).
const arTol = 1e-15

func relDiff(a, b float64) float64 {
	if a == b {
		return 0
	}
	return math.Abs(a-b) / math.Max(math.Abs(a), math.Abs(b))
}

// TestStructureMatchesNEURON compares every section and segment of the
// four cell types with NEURON's values (testdata/cell_structure.json.gz):
// L, nseg, parent, Ra, cm and the state after finitialize exactly (v,
// gating states, parameters, ena/ek/eca/cai/cao); area, ri and the dipole
// ztan to relTol.
func TestStructureMatchesNEURON(t *testing.T) {
	ref := loadStructure(t)
	worst := map[string]float64{}
	for typ, rc := range ref.Cells {
		m, err := New(typ, refPos[typ])
		if err != nil {
			t.Fatal(err)
		}
		s, err := cell.New(m.Cell, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		g := s.Group()
		info := g.NodeInfo()
		secs := map[string]cell.Section{}
		for _, sec := range m.Cell.Sections {
			secs[sec.Name] = sec
		}
		if len(secs) != len(rc.Sections) {
			t.Errorf("%s: %d sections, NEURON %d", typ, len(secs), len(rc.Sections))
		}
		for name, rs := range rc.Sections {
			sec, ok := secs[name]
			if !ok {
				t.Errorf("%s: no section %q", typ, name)
				continue
			}
			if sec.L != rs.L || sec.Nseg != rs.Nseg || sec.Ra != rs.Ra || sec.Cm != rs.Cm {
				t.Errorf("%s %s: L %v nseg %d Ra %v cm %v; NEURON %v %d %v %v", typ, name, sec.L, sec.Nseg, sec.Ra, sec.Cm, rs.L, rs.Nseg, rs.Ra, rs.Cm)
			}
			if sec.Diam != rs.Pt3D[0][3] {
				t.Errorf("%s %s: diam %v, NEURON's pt3d diam %v", typ, name, sec.Diam, rs.Pt3D[0][3])
			}
			if (rs.Parent == nil) != (sec.Parent == "") || (rs.Parent != nil && (rs.Parent.Section != sec.Parent || rs.Parent.X != sec.ParentX || rs.Parent.ChildEnd != sec.ChildX)) {
				t.Errorf("%s %s: parent %q(%v), NEURON %+v", typ, name, sec.Parent, sec.ParentX, rs.Parent)
			}
			// mechanisms (NEURON also lists hnn-core's dipole, the network's)
			var want []string
			for _, mn := range rs.Mechanisms {
				if mn != "dipole" {
					want = append(want, mn)
				}
			}
			var have []string
			for _, dm := range sec.Mechs {
				have = append(have, dm.Name())
			}
			if strings.Join(have, ",") != strings.Join(want, ",") {
				t.Errorf("%s %s: mechanisms %v, NEURON %v", typ, name, have, want)
			}
			end, _ := g.Node(name, 1)
			if d := relDiff(info[end].Ri, rs.RiAt1); d > relTol {
				t.Errorf("%s %s: ri(1) %v, NEURON %v (rel %g)", typ, name, info[end].Ri, rs.RiAt1, d)
			}
			worst["ri"] = math.Max(worst["ri"], relDiff(info[end].Ri, rs.RiAt1))
			prevX := 0.0
			for j, seg := range rs.Segments {
				x := seg["x"]
				if want := (float64(j) + 0.5) / float64(sec.Nseg); x != want {
					t.Errorf("%s %s seg %d: x %v, golgi %v", typ, name, j, x, want)
				}
				nd, _ := g.Node(name, x)
				if d := relDiff(info[nd].Area, seg["area_um2"]); d > relTol {
					t.Errorf("%s %s(%v): area %v, NEURON %v (rel %g)", typ, name, x, info[nd].Area, seg["area_um2"], d)
				}
				worst["area"] = math.Max(worst["area"], relDiff(info[nd].Area, seg["area_um2"]))
				if d := relDiff(info[nd].Ri, seg["ri_Mohm"]); d > relTol {
					t.Errorf("%s %s(%v): ri %v, NEURON %v (rel %g)", typ, name, x, info[nd].Ri, seg["ri_Mohm"], d)
				}
				worst["ri"] = math.Max(worst["ri"], relDiff(info[nd].Ri, seg["ri_Mohm"]))
				if zt, ok := seg["ztan_dipole"]; ok {
					mine := (x - prevX) * sec.L * m.CosTheta[name]
					if d := math.Abs(mine - zt); d > relTol*math.Max(1, math.Abs(zt)) {
						t.Errorf("%s %s(%v): ztan %v, NEURON %v", typ, name, x, mine, zt)
					}
					worst["ztan"] = math.Max(worst["ztan"], math.Abs(mine-zt)/math.Max(1, math.Abs(zt)))
				}
				prevX = x
				for key, want := range seg {
					switch key {
					case "x", "area_um2", "ri_Mohm", "ztan_dipole", "ri_dipole":
						continue
					}
					name2 := key
					if key == "v_init" {
						name2 = "v"
					}
					p, err := g.Var(0, name, x, name2)
					if err != nil {
						t.Errorf("%s %s(%v): %s: %v", typ, name, x, key, err)
						continue
					}
					d := relDiff(*p, want)
					tol := 0.0
					if key == "gbar_ar" {
						// hnn-core computes the ar density with numpy's exp
						// (its own SIMD code), golgi with pmath.Exp (math.Exp's
						// amd64 values on a CPU with FMA):
						// each within about an ulp of e^x
						tol = arTol
						worst["gbar_ar"] = math.Max(worst["gbar_ar"], d)
					} else {
						worst["state"] = math.Max(worst["state"], d)
					}
					if d > tol {
						t.Errorf("%s %s(%v): %s = %v, NEURON %v (rel %g)", typ, name, x, key, *p, want, d)
					}
				}
			}
		}
		// synapses
		for label, rsyn := range rc.Synapses {
			var found bool
			for _, pp := range m.Cell.Points {
				if pp.Label != label {
					continue
				}
				found = true
				if pp.Section != rsyn.Section || pp.X != rsyn.X || pp.Mech.Name() != rsyn.Type {
					t.Errorf("%s %s: at %s(%v) %s, NEURON %s(%v) %s", typ, label, pp.Section, pp.X, pp.Mech.Name(), rsyn.Section, rsyn.X, rsyn.Type)
				}
				for _, v := range []struct {
					n    string
					want float64
				}{{"e", rsyn.E}, {"tau1", rsyn.Tau1}, {"tau2", rsyn.Tau2}} {
					p, err := g.PointVar(0, label, v.n)
					if err != nil || *p != v.want {
						t.Errorf("%s %s: %s = %v (%v), NEURON %v", typ, label, v.n, p, err, v.want)
					}
				}
			}
			if !found {
				t.Errorf("%s: no synapse %s", typ, label)
			}
		}
		nsyn := 0
		for _, pp := range m.Cell.Points {
			if pp.Mech.Name() == "Exp2Syn" {
				nsyn++
			}
		}
		if nsyn != len(rc.Synapses) {
			t.Errorf("%s: %d synapses, NEURON %d", typ, nsyn, len(rc.Synapses))
		}
		for grp, lists := range rc.SectLoc {
			got := strings.Join(m.Groups[grp], ",")
			if got != strings.Join(lists, ",") {
				t.Errorf("%s group %s: %v, hnn-core %v", typ, grp, m.Groups[grp], lists)
			}
		}
		// the dipole point process at each section's 1 end
		for _, dp := range rc.Dipole {
			name := dp.Section[strings.Index(dp.Section, "_")+1:]
			sec := secs[name]
			mine := 0.5 / float64(sec.Nseg) * sec.L * m.CosTheta[name]
			if d := math.Abs(mine - dp.Ztan); d > relTol*math.Max(1, math.Abs(dp.Ztan)) {
				t.Errorf("%s %s: dipole ztan %v, NEURON %v", typ, name, mine, dp.Ztan)
			}
		}
	}
	t.Logf("largest relative differences from NEURON: %v", worst)
}
