package cell_test

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// goodCell is a valid soma + dendrite cell with a synapse and a clamp.
func goodCell() cell.Cell {
	return cell.Cell{
		Sections: []cell.Section{
			{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1, Mechs: []mech.Density{mech.DefaultHH()}},
			{Name: "dend", Parent: "soma", ParentX: 1, L: 300, Diam: 1, Nseg: 9, Ra: 100, Cm: 1,
				Mechs: []mech.Density{mech.Pas{G: 1e-4, E: -65}}},
		},
		Points: []cell.PointProcess{
			{Label: "syn", Section: "dend", X: 0.5, Mech: mech.Exp2Syn{Tau1: 0.5, Tau2: 5}},
			{Label: "stim", Section: "soma", X: 0.5, Mech: mech.IClamp{Del: 1, Dur: 1, Amp: 0.1}},
		},
		Detector: &cell.Detector{Section: "soma", X: 0.5, Threshold: 0},
	}
}

func TestBadInput(t *testing.T) {
	nan := math.NaN()
	type tc struct {
		name   string
		mutate func(c *cell.Cell, o *cell.Options)
		want   []string // substrings of the error
	}
	cases := []tc{
		{"cycle", func(c *cell.Cell, o *cell.Options) {
			c.Sections[0].Parent = "dend"
		}, []string{`section "soma"`, "Parent", "cycle"}},
		{"self parent", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Parent = "dend" }, []string{`section "dend"`, "own parent"}},
		{"missing parent", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Parent = "axon" }, []string{`section "dend"`, `Parent = "axon"`, "no section has that name"}},
		{"two roots", func(c *cell.Cell, o *cell.Options) {
			c.Sections = append(c.Sections, cell.Section{Name: "x", L: 1, Diam: 1, Nseg: 1, Ra: 1, Cm: 1})
		}, []string{"root sections", "exactly one"}},
		{"no sections", func(c *cell.Cell, o *cell.Options) { c.Sections = nil; c.Points = nil; c.Detector = nil }, []string{"at least one section"}},
		{"duplicate name", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Name = "soma" }, []string{`Name = "soma"`, "unique"}},
		{"empty name", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Name = ""; c.Points = c.Points[1:] }, []string{"section #1", "Name", "unique name"}},
		{"zero L", func(c *cell.Cell, o *cell.Options) { c.Sections[1].L = 0 }, []string{`section "dend"`, "L = 0", "positive"}},
		{"negative L", func(c *cell.Cell, o *cell.Options) { c.Sections[1].L = -5 }, []string{"L = -5", "positive"}},
		{"NaN L", func(c *cell.Cell, o *cell.Options) { c.Sections[1].L = nan }, []string{"L = NaN"}},
		{"zero diam", func(c *cell.Cell, o *cell.Options) { c.Sections[0].Diam = 0 }, []string{`section "soma"`, "Diam = 0", "positive"}},
		{"negative diam", func(c *cell.Cell, o *cell.Options) { c.Sections[0].Diam = -1 }, []string{"Diam = -1"}},
		{"NaN diam", func(c *cell.Cell, o *cell.Options) { c.Sections[0].Diam = nan }, []string{"Diam = NaN"}},
		{"nseg 0", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Nseg = 0 }, []string{"Nseg = 0", "[1, 32767]"}},
		{"nseg negative", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Nseg = -3 }, []string{"Nseg = -3"}},
		{"Ra zero", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Ra = 0 }, []string{"Ra = 0", "Ω·cm"}},
		{"Cm NaN", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Cm = nan }, []string{"Cm = NaN"}},
		{"ParentX > 1", func(c *cell.Cell, o *cell.Options) { c.Sections[1].ParentX = 1.5 }, []string{"ParentX = 1.5", "[0, 1]"}},
		{"ParentX NaN", func(c *cell.Cell, o *cell.Options) { c.Sections[1].ParentX = nan }, []string{"ParentX = NaN"}},
		{"V0 NaN", func(c *cell.Cell, o *cell.Options) { v := nan; c.Sections[1].V0 = &v }, []string{`section "dend"`, "V0 = NaN", "finite"}},
		{"V0 Inf", func(c *cell.Cell, o *cell.Options) { v := math.Inf(1); c.Sections[0].V0 = &v }, []string{`section "soma"`, "V0 = +Inf"}},
		{"hh2 gnabar negative", func(c *cell.Cell, o *cell.Options) {
			c.Sections[1].Mechs = []mech.Density{mech.HH2{GNaBar: -1}}
		}, []string{`section "dend" mechanism "hh2"`, "gnabar = -1 S/cm²", ">= 0"}},
		{"km gbar NaN", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Mechs = []mech.Density{mech.Km{GBar: nan}} }, []string{`mechanism "km"`, "gbar = NaN pS/µm²"}},
		{"ca gbar Inf", func(c *cell.Cell, o *cell.Options) {
			c.Sections[1].Mechs = []mech.Density{mech.Ca{GBar: math.Inf(1)}}
			c.Sections[1].E = map[string]float64{"ca": 130}
		}, []string{`mechanism "ca"`, "gbar = +Inf"}},
		{"cad taur 0", func(c *cell.Cell, o *cell.Options) {
			c.Sections[1].Mechs = []mech.Density{mech.Cad{Taur: 0, Depth: 0.1, CaInf: 1e-4}}
			c.Sections[1].E = map[string]float64{"ca": 130}
		}, []string{`mechanism "cad"`, "taur = 0 ms", "positive"}},
		{"cad depth negative", func(c *cell.Cell, o *cell.Options) {
			c.Sections[1].Mechs = []mech.Density{mech.Cad{Taur: 20, Depth: -0.1, CaInf: 1e-4}}
			c.Sections[1].E = map[string]float64{"ca": 130}
		}, []string{`mechanism "cad"`, "depth = -0.1 µm"}},
		{"kca gbar negative", func(c *cell.Cell, o *cell.Options) {
			c.Sections[1].Mechs = []mech.Density{mech.KCa{GBar: -2}}
			c.Sections[1].E = map[string]float64{"ca": 130}
		}, []string{`mechanism "kca"`, "gbar = -2 pS/µm²"}},
		{"cat gbar NaN", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Mechs = []mech.Density{mech.CaT{GBar: nan}} }, []string{`mechanism "cat"`, "gbar = NaN S/cm²"}},
		{"ar erev NaN", func(c *cell.Cell, o *cell.Options) {
			c.Sections[1].Mechs = []mech.Density{mech.Ar{GBar: 1e-6, Erev: nan}}
		}, []string{`mechanism "ar"`, "erev = NaN mV"}},
		{"ChildX 0.5", func(c *cell.Cell, o *cell.Options) { c.Sections[1].ChildX = 0.5 }, []string{`section "dend"`, "ChildX = 0.5", "0 or its 1 end"}},
		{"ChildX on root", func(c *cell.Cell, o *cell.Options) { c.Sections[0].ChildX = 1 }, []string{`section "soma"`, "ChildX = 1", "root must use 0"}},
		{"ChildX with pt3d", func(c *cell.Cell, o *cell.Options) {
			c.Sections[1].ChildX = 1
			c.Sections[1].Pt3D = []cell.Pt3D{{0, 0, 0, 1}, {10, 0, 0, 1}}
		}, []string{"ChildX = 1", "Pt3D"}},
		{"pt3d one point", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Pt3D = []cell.Pt3D{{0, 0, 0, 1}} }, []string{"Pt3D", "at least 2 points"}},
		{"pt3d zero diam", func(c *cell.Cell, o *cell.Options) {
			c.Sections[1].Pt3D = []cell.Pt3D{{0, 0, 0, 1}, {10, 0, 0, 0}}
		}, []string{"Pt3D[1].Diam = 0"}},
		{"pt3d NaN", func(c *cell.Cell, o *cell.Options) {
			c.Sections[1].Pt3D = []cell.Pt3D{{0, 0, 0, 1}, {nan, 0, 0, 1}}
		}, []string{"Pt3D[1]", "finite"}},
		{"pt3d zero length", func(c *cell.Cell, o *cell.Options) {
			c.Sections[1].Pt3D = []cell.Pt3D{{0, 0, 0, 1}, {0, 0, 0, 1}}
		}, []string{"Pt3D", "coincide"}},
		{"point x > 1", func(c *cell.Cell, o *cell.Options) { c.Points[0].X = 1.2 }, []string{`point "syn" (Exp2Syn)`, "X = 1.2", "[0, 1]"}},
		{"point x < 0", func(c *cell.Cell, o *cell.Options) { c.Points[0].X = -0.1 }, []string{"X = -0.1"}},
		{"point x NaN", func(c *cell.Cell, o *cell.Options) { c.Points[0].X = nan }, []string{"X = NaN"}},
		{"point unknown section", func(c *cell.Cell, o *cell.Options) { c.Points[0].Section = "apical" }, []string{`point "syn"`, `Section = "apical"`, "no section"}},
		{"point nil mech", func(c *cell.Cell, o *cell.Options) { c.Points[0].Mech = nil }, []string{`point "syn"`, "needs a mechanism"}},
		{"duplicate label", func(c *cell.Cell, o *cell.Options) { c.Points[1].Label = "syn" }, []string{`Label = "syn"`, "unique"}},
		{"detector unknown section", func(c *cell.Cell, o *cell.Options) { c.Detector.Section = "axon" }, []string{"detector", `"axon"`}},
		{"detector NaN threshold", func(c *cell.Cell, o *cell.Options) { c.Detector.Threshold = nan }, []string{"detector", "Threshold = NaN"}},
		{"nil mechanism", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Mechs = append(c.Sections[1].Mechs, nil) }, []string{`section "dend"`, "must not be nil"}},
		{"mechanism twice", func(c *cell.Cell, o *cell.Options) {
			c.Sections[1].Mechs = append(c.Sections[1].Mechs, mech.DefaultPas())
		}, []string{`mechanism "pas"`, "once per section"}},
		{"hh NaN gnabar", func(c *cell.Cell, o *cell.Options) {
			h := mech.DefaultHH()
			h.GNaBar = nan
			c.Sections[0].Mechs = []mech.Density{h}
		}, []string{`section "soma" mechanism "hh"`, "gnabar = NaN S/cm²", ">= 0"}},
		{"hh negative gkbar", func(c *cell.Cell, o *cell.Options) {
			h := mech.DefaultHH()
			h.GKBar = -1
			c.Sections[0].Mechs = []mech.Density{h}
		}, []string{"gkbar = -1 S/cm²"}},
		{"pas NaN e", func(c *cell.Cell, o *cell.Options) { c.Sections[1].Mechs = []mech.Density{mech.Pas{G: 1e-4, E: nan}} }, []string{`mechanism "pas"`, "e = NaN mV"}},
		{"Exp2Syn NaN tau2", func(c *cell.Cell, o *cell.Options) { c.Points[0].Mech = mech.Exp2Syn{Tau1: 1, Tau2: nan} }, []string{`point "syn" (Exp2Syn)`, "tau2 = NaN ms"}},
		{"ExpSyn zero tau", func(c *cell.Cell, o *cell.Options) { c.Points[0].Mech = mech.ExpSyn{Tau: 0} }, []string{"tau = 0 ms", "1e-9"}},
		{"IClamp negative dur", func(c *cell.Cell, o *cell.Options) { c.Points[1].Mech = mech.IClamp{Del: 1, Dur: -1, Amp: 1} }, []string{`point "stim" (IClamp)`, "dur = -1 ms"}},
		{"IClamp NaN amp", func(c *cell.Cell, o *cell.Options) { c.Points[1].Mech = mech.IClamp{Del: 1, Dur: 1, Amp: nan} }, []string{"amp = NaN nA"}},
		{"ion E NaN", func(c *cell.Cell, o *cell.Options) { c.Sections[0].E = map[string]float64{"na": nan} }, []string{`section "soma"`, `E["na"] = NaN`}},
		{"dt zero", func(c *cell.Cell, o *cell.Options) { o.DT = 0 }, []string{"options", "DT = 0", "(0, 1]"}},
		{"dt negative", func(c *cell.Cell, o *cell.Options) { o.DT = -0.025 }, []string{"DT = -0.025"}},
		{"dt NaN", func(c *cell.Cell, o *cell.Options) { o.DT = nan }, []string{"DT = NaN"}},
		{"dt too large", func(c *cell.Cell, o *cell.Options) { o.DT = 5 }, []string{"DT = 5"}},
		{"dt too large for hh", func(c *cell.Cell, o *cell.Options) { o.Celsius = 37; o.DT = 0.2 }, []string{`mechanism "hh"`, "dt = 0.2 ms", "too large for hh at 37 °C"}},
		{"secondorder 1", func(c *cell.Cell, o *cell.Options) { o.SecondOrder = 1 }, []string{"SecondOrder = 1", "0 (backward Euler) or 2"}},
		{"celsius NaN", func(c *cell.Cell, o *cell.Options) { o.Celsius = nan }, []string{"Celsius = NaN"}},
		{"v_init Inf", func(c *cell.Cell, o *cell.Options) { o.VInit = math.Inf(1) }, []string{"VInit = +Inf"}},
	}
	for _, k := range cases {
		t.Run(k.name, func(t *testing.T) {
			c := goodCell()
			o := cell.DefaultOptions()
			k.mutate(&c, &o)
			_, err := cell.New(c, &o)
			if err == nil {
				t.Fatal("no error")
			}
			var ce *cell.Error
			if !errors.As(err, &ce) {
				t.Errorf("error %q is not a *cell.Error", err)
			}
			for _, w := range k.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// TestBadUse covers mistakes after the build: unknown locations, variables
// and labels, bad event times, a bad tstop.
func TestBadUse(t *testing.T) {
	s, err := cell.New(goodCell(), nil)
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, err error, want ...string) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", name)
			return
		}
		var ce *cell.Error
		if !errors.As(err, &ce) {
			t.Errorf("%s: %q is not a *cell.Error", name, err)
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", name, err, w)
			}
		}
	}
	_, err = s.Record("apical", 0.5, "v")
	check("unknown section", err, `Section = "apical"`)
	_, err = s.Record("soma", 1.5, "v")
	check("x outside", err, "X = 1.5", "[0, 1]")
	_, err = s.Record("soma", 0.5, "m_kdr")
	check("unknown mechanism", err, `mechanism = "kdr"`, "no mechanism of that name")
	_, err = s.Record("dend", 0.5, "m_hh")
	check("mechanism not in section", err, `section "dend"`, `"hh"`, "not inserted")
	_, err = s.Record("soma", 0.5, "q_hh")
	check("unknown variable", err, `variable = "q"`, "have m, h, n")
	_, err = s.Record("soma", 0.5, "m")
	check("no suffix", err, `variable = "m"`, "name_suffix")
	_, err = s.RecordPoint("nosuch", "g")
	check("unknown label", err, `point = "nosuch"`, "have syn, stim")
	_, err = s.RecordPoint("syn", "q")
	check("unknown point variable", err, `variable = "q"`, "have g, i, A, B")
	check("event NaN", s.Events("syn", 0.001, 1, math.NaN()), "times[1] = NaN")
	check("event negative", s.Events("syn", 0.001, -1), "times[0] = -1")
	check("weight NaN", s.Events("syn", math.NaN(), 1), "weight = NaN")
	check("events to IClamp", s.Events("stim", 0.001, 1), "takes no events", "IClamp")
	check("events unknown", s.Events("nosuch", 0.001, 1), `"nosuch"`)
	check("tstop NaN", s.Run(math.NaN()), "tstop = NaN")
	if err := s.Run(1); err != nil {
		t.Errorf("a good run failed after the bad calls: %v", err)
	}
}

// TestGroupBadInput: a group's cells must share one topology.
func TestGroupBadInput(t *testing.T) {
	a, b := goodCell(), goodCell()
	b.Sections[1].Nseg = 5
	_, err := cell.NewGroup([]cell.Cell{a, b}, cell.DefaultOptions())
	if err == nil || !strings.Contains(err.Error(), "cell 1") || !strings.Contains(err.Error(), "topology") {
		t.Errorf("different nseg: %v", err)
	}
	_, err = cell.NewGroup(nil, cell.DefaultOptions())
	if err == nil || !strings.Contains(err.Error(), "at least one cell") {
		t.Errorf("no cells: %v", err)
	}
	b = goodCell()
	h := mech.DefaultHH()
	h.GL = math.NaN()
	b.Sections[0].Mechs = []mech.Density{h}
	_, err = cell.NewGroup([]cell.Cell{a, b}, cell.DefaultOptions())
	if err == nil || !strings.Contains(err.Error(), `cell 1 section "soma" mechanism "hh"`) || !strings.Contains(err.Error(), "gl = NaN") {
		t.Errorf("NaN parameter in cell 1: %v", err)
	}
}

// TestFault: a state that becomes NaN stops the run with an error naming
// the place and time; recordings keep every step up to it and the
// simulation refuses to go on.
func TestFault(t *testing.T) {
	c := goodCell()
	c.Points[1].Mech = mech.IClamp{Del: 1, Dur: 1, Amp: 1e308} // overflows v
	s, err := cell.New(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := s.Record("soma", 0.5, "v")
	err = s.Run(5)
	if err == nil || !strings.Contains(err.Error(), "non-finite") || !strings.Contains(err.Error(), "t = ") {
		t.Fatalf("err = %v", err)
	}
	n := len(v.Y)
	if n < 40 || s.T() >= 5 {
		t.Errorf("recorded %d samples up to t = %v", n, s.T())
	}
	if err2 := s.Run(10); err2 == nil || len(v.Y) != n {
		t.Errorf("ran on after the fault: %v, %d samples", err2, len(v.Y))
	}
	if err := s.Events("syn", 0.001, 0.1); err == nil || !strings.Contains(err.Error(), "in the past") {
		t.Errorf("event in the past: %v", err)
	}
}

// TestGroupTooBig: node indices are int32; a group beyond 2^31-1 nodes is
// refused before anything is allocated.
func TestGroupTooBig(t *testing.T) {
	c := goodCell()
	for i := 0; i < 70; i++ {
		c.Sections = append(c.Sections, cell.Section{Name: "big" + strconv.Itoa(i), Parent: "soma", ParentX: 1,
			L: 1000, Diam: 1, Nseg: 32767, Ra: 100, Cm: 1})
	}
	cells := make([]cell.Cell, 1000)
	for i := range cells {
		cells[i] = c
	}
	_, err := cell.NewGroup(cells, cell.DefaultOptions())
	if err == nil || !strings.Contains(err.Error(), "cells × nodes") {
		t.Errorf("err = %v", err)
	}
}
