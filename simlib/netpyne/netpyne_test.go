package netpyne

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/morph"
)

func f(x float64) *float64 { return &x }

// The PT5B cell of testdata/pt5b_netparams.json written as a Go value.
func pt5bLiteral() CellParams {
	hh := map[string]float64{"gnabar": 0.12, "gkbar": 0.036, "gl": 0.0003, "el": -54.3}
	return CellParams{
		Order: []string{"soma", "dendrite", "axon_0", "axon_1"},
		Secs: map[string]SecParams{
			"soma":     {Geom: Geom{L: 20, Diam: 20, Ra: 100, Cm: 1, Nseg: 1}, Mechs: Mechs{"hh": hh, "hd": {"gbar": 0.0001}}, Threshold: f(0)},
			"dendrite": {Geom: Geom{L: 200, Diam: 2, Ra: 150, Cm: 1, Nseg: 7}, Topol: Topol{ParentSec: "soma", ParentX: 1}, Mechs: Mechs{"pas": {"g": 0.001, "e": -70}}},
			"axon_0":   {Geom: Geom{L: 30, Diam: 1.5, Ra: 100, Cm: 1, Nseg: 1}, Topol: Topol{ParentSec: "soma", ParentX: 0}, Mechs: Mechs{"hh": hh}},
			"axon_1":   {Geom: Geom{L: 500, Diam: 1, Ra: 100, Cm: 1, Nseg: 19}, Topol: Topol{ParentSec: "axon_0", ParentX: 1}, Mechs: Mechs{"hh": hh}},
		},
		SecLists: map[string][]string{"alldend": {"dendrite"}, "apical_dendrites": {}, "perisom": {"soma", "axon_0", "axon_1"}, "spiny": {"dendrite"}},
	}
}

func TestLoadNetPyNEOutput(t *testing.T) {
	cells, err := LoadFile("testdata/pt5b_netparams.json")
	if err != nil {
		t.Fatal(err)
	}
	got, ok := cells["PT5B"]
	if !ok || len(cells) != 1 {
		t.Fatalf("cells %v: want exactly PT5B", cells)
	}
	if want := pt5bLiteral(); !reflect.DeepEqual(got, want) {
		t.Fatalf("loaded\n%+v\nwant\n%+v", got, want)
	}
	c, err := got.Cell(DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	// The conversion: names, parents, geometry, mechanisms with defaults
	// for what the description leaves out, the detector at the soma.
	soma := c.Sections[0]
	if soma.Name != "soma" || soma.Parent != "" || soma.L != 20 || soma.Diam != 20 || soma.Nseg != 1 || soma.Ra != 100 {
		t.Errorf("soma = %+v", soma)
	}
	wantHD := mech.DefaultHD()
	if len(soma.Mechs) != 2 || soma.Mechs[0] != mech.Density(wantHD) {
		t.Errorf("soma mechanisms %+v, want hd (defaults, gbar 1e-4) then hh", soma.Mechs)
	}
	if hh, ok := soma.Mechs[1].(mech.HH); !ok || hh.GNaBar != 0.12 || hh.EL != -54.3 {
		t.Errorf("soma hh = %+v", soma.Mechs[1])
	}
	if d := c.Sections[1]; d.Parent != "soma" || d.ParentX != 1 || d.Nseg != 7 || d.Mechs[0] != mech.Density(mech.Pas{G: 0.001, E: -70}) {
		t.Errorf("dendrite = %+v", d)
	}
	if c.Detector == nil || *c.Detector != (cell.Detector{Section: "soma", X: 0.5, Threshold: 0}) {
		t.Errorf("detector %+v, want soma(0.5) at 0 mV", c.Detector)
	}
	if _, err := cell.New(c, nil); err != nil {
		t.Fatalf("cell.New: %v", err)
	}
}

func TestLoadForms(t *testing.T) {
	one := `{"secs": {"soma": {"geom": {"L": 10, "diam": 10}, "mechs": {"pas": {}}}}}`
	forms := map[string]string{
		"one cell":   one,
		"by name":    `{"A": ` + one + `}`,
		"netParams":  `{"cellParams": {"A": ` + one + `}}`,
		"sim output": `{"net": {"params": {"cellParams": {"A": ` + one + `, "__dict__": {}}}}}`,
	}
	for name, js := range forms {
		cells, err := Load(strings.NewReader(js))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(cells) != 1 {
			t.Errorf("%s: %d cells", name, len(cells))
		}
		for _, c := range cells {
			cc, err := c.Cell(DefaultRegistry())
			if err != nil || cc.Sections[0].Mechs[0] != mech.Density(mech.DefaultPas()) || cc.Sections[0].Ra != DefaultRa {
				t.Errorf("%s: %+v, %v: want pas with defaults, NEURON's Ra", name, cc, err)
			}
		}
	}
}

// Sections keep the file's order, whatever Go's map order.
func TestLoadKeepsOrder(t *testing.T) {
	js := `{"secs": {"z": {}, "a": {"topol": {"parentSec": "z"}}, "m": {"topol": {"parentSec": "a"}}}}`
	cells, err := Load(strings.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	if o := cells[""].Order; !reflect.DeepEqual(o, []string{"z", "a", "m"}) {
		t.Fatalf("order %v", o)
	}
	c, err := cells[""].Cell(DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	// NEURON's defaults for absent geometry; parentX defaults to 1 as in NetPyNE.
	if s := c.Sections[1]; s.L != 100 || s.Diam != 500 || s.Nseg != 1 || s.Cm != 1 || s.ParentX != 1 {
		t.Fatalf("section a = %+v", s)
	}
}

func TestBadInput(t *testing.T) {
	load := []struct{ name, js, want string }{
		{"not json", `{`, "not a JSON object"},
		{"no secs", `{"cellParams": {"A": {"secLists": {}}}}`, `cell "A": no "secs"`},
		{"unknown cell key", `{"secs": {}, "sex": 1}`, `unknown key "sex"`},
		{"unknown sec key", `{"secs": {"soma": {"gemo": {}}}}`, `section "soma": unknown key "gemo"`},
		{"unknown geom key", `{"secs": {"soma": {"geom": {"len": 3}}}}`, `unknown key "len"`},
		{"list of strings", `{"secs": {"soma": {"mechs": {"pas": {"g": [1, "x"]}}}}}`, `g[1] = "x": want a number`},
		{"empty list", `{"secs": {"soma": {"mechs": {"pas": {"g": []}}}}}`, "non-empty list"},
		{"nested list", `{"secs": {"soma": {"mechs": {"pas": {"g": [[1]]}}}}}`, "a list is not allowed here"},
		{"string value", `{"secs": {"soma": {"mechs": {"pas": {"g": "x"}}}}}`, `g = "x": want a number`},
		{"null value", `{"secs": {"soma": {"mechs": {"pas": {"g": null}}}}}`, `g = null: want a number`},
		{"pointps", `{"secs": {"soma": {"pointps": {"Izhi": {"mod": "Izhi2007b"}}}}}`, "pointps"},
		{"zero diam", `{"secs": {"soma": {"geom": {"diam": 0}}}}`, "diam = 0: must be positive"},
		{"negative L", `{"secs": {"soma": {"geom": {"L": -5}}}}`, "L = -5"},
		{"fractional nseg", `{"secs": {"soma": {"geom": {"nseg": 2.5}}}}`, "nseg = 2.5"},
		{"bad pt3d", `{"secs": {"soma": {"geom": {"pt3d": [[1, 2, 3]]}}}}`, "pt3d[0] has 3 numbers"},
		{"ion without e", `{"secs": {"soma": {"ions": {"na": {"i": 10}}}}}`, `ions "na": no reversal potential`},
		{"globals", `{"secs": {"soma": {}}, "globals": {"celsius": 34}}`, `globals: "celsius"`},
		{"net without params", `{"net": {"cells": []}}`, `"net" has no "params"`},
	}
	for _, c := range load {
		_, err := Load(strings.NewReader(c.js))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
	}
	convert := []struct {
		name string
		p    CellParams
		want string
	}{
		{"empty", CellParams{}, "no sections"},
		{"unknown mechanism", CellParams{Secs: map[string]SecParams{"soma": {Mechs: Mechs{"kdr": {}}}}}, `section "soma": mechs: unknown mechanism "kdr"`},
		{"unknown parameter", CellParams{Secs: map[string]SecParams{"soma": {Mechs: Mechs{"hh": {"gnabar": 0.1, "gcabar": 1}}}}}, `unknown parameter "gcabar" (allowed: el, gkbar, gl, gnabar)`},
		{"childX 1", CellParams{Secs: map[string]SecParams{"soma": {}, "d": {Topol: Topol{ParentSec: "soma", ParentX: 1, ChildX: 1}}}}, "childX = 1"},
		{"vinit mismatch", CellParams{Secs: map[string]SecParams{"a": {Vinit: f(-65)}, "b": {Vinit: f(-70), Topol: Topol{ParentSec: "a"}}}}, "vinit = -70 mV differs"},
		{"two spikeGenLocs", CellParams{Secs: map[string]SecParams{"a": {SpikeGenLoc: f(0.5)}, "b": {SpikeGenLoc: f(0.5), Topol: Topol{ParentSec: "a"}}}}, "spikeGenLoc set here and on section"},
		{"order missing", CellParams{Order: []string{"a"}, Secs: map[string]SecParams{"a": {}, "b": {}}}, `section "b" is missing from Order`},
		{"order unknown", CellParams{Order: []string{"a", "c"}, Secs: map[string]SecParams{"a": {}}}, `Order names section "c"`},
		{"per-segment length", CellParams{Secs: map[string]SecParams{"a": {SegMechs: map[string]map[string][]float64{"pas": {"g": {1, 2}}}}}}, `mechs "pas" g: 2 per-segment values for nseg = 1`},
		{"per-segment parameter", CellParams{Secs: map[string]SecParams{"a": {SegMechs: map[string]map[string][]float64{"pas": {"gg": {1}}}}}}, `unknown parameter "gg"`},
	}
	for _, c := range convert {
		_, err := c.p.Cell(DefaultRegistry())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
	}
	// The seed's placeholder axon: one 3-D point at 1e30 µm.
	cells, err := LoadFile("testdata/seed_dummy_axon.json")
	if err != nil {
		t.Fatal(err)
	}
	_, err = cells[""].Cell(DefaultRegistry())
	if err == nil || !strings.Contains(err.Error(), `section "axon_0": geom pt3d has 1 point`) {
		t.Errorf("seed placeholder axon: err = %v", err)
	}
	// Missing parents and cycles are the cell package's to report.
	c, err := CellParams{Secs: map[string]SecParams{"a": {}, "b": {Topol: Topol{ParentSec: "nope"}}}}.Cell(DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cell.New(c, nil); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("missing parent: cell.New err = %v", err)
	}
}

// A user's channel registers under its suffix; its fields take NetPyNE's
// names case-insensitively or by tag.
type myChan struct {
	mech.Pas
	Gbar float64
	Vh   float64 `nrn:"vhalf"`
}

func (myChan) Name() string { return "mychan" }

func TestRegistryUserMechanism(t *testing.T) {
	r := DefaultRegistry()
	r.Add(myChan{Gbar: 1, Vh: -10})
	d, err := r.New("mychan", map[string]float64{"GBAR": 2, "vhalf": -20})
	if err != nil {
		t.Fatal(err)
	}
	if m := d.(myChan); m.Gbar != 2 || m.Vh != -20 {
		t.Fatalf("got %+v", m)
	}
}

func TestFromMorphology(t *testing.T) {
	m, err := morph.ReadSWCFile("../morph/testdata/branched.swc")
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultMorphOptions()
	o.Ra = 150
	o.Mechs = map[string]Mechs{"soma": {"hh": {}}, "dend": {"pas": {"g": 1e-4, "e": -65}}, "apic": {"pas": {"g": 1e-4, "e": -65}}, "axon": {"hh": {}}}
	p, err := FromMorphology(m, o)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Order, []string{"soma_0", "apic_0", "apic_1", "apic_2", "dend_0", "axon_0"}) {
		t.Fatalf("order %v", p.Order)
	}
	if !reflect.DeepEqual(p.SecLists["apical"], []string{"apic_0", "apic_1", "apic_2"}) || len(p.SecLists["all"]) != 6 {
		t.Fatalf("secLists %v", p.SecLists)
	}
	// d_lambda by hand (fixnseg.hoc's lambda_f): axon_0 runs 42 µm from
	// diam 1 to 0.8 and 150 µm at 0.8; Σ Δs/√(d₁+d₂) = 42/√1.8 + 150/√1.6
	// = 149.89, times √2·1e-5·√(4π·100·150) = 0.9203, so λ = 192/0.9203
	// = 208.6 µm; L/(0.1 λ) = 9.20 → int((9.20+0.9)/2)·2+1 = 11.
	if n := p.Secs["axon_0"].Geom.Nseg; n != 11 {
		t.Errorf("axon_0 nseg = %d, want 11", n)
	}
	c, err := p.Cell(DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	sim, err := cell.New(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The cell's total membrane area is the sum of the frusta of every
	// section (morph.SegmentGeometry integrates them as NEURON does).
	want := 0.0
	for _, s := range m.Sections {
		seg, _ := morph.SegmentGeometry(s.Points, 1, 150)
		want += seg[0].Area
	}
	got := 0.0
	for _, n := range sim.RecordAllV().Nodes {
		got += n.Area
	}
	if math.Abs(got-want) > 1e-9*want {
		t.Errorf("total area %v µm², want %v", got, want)
	}
	if _, err := FromMorphology(m, MorphOptions{Mechs: map[string]Mechs{"basal": {}}, DLambda: morph.DefaultDLambda()}); err == nil || !strings.Contains(err.Error(), `Mechs["basal"]`) {
		t.Errorf("unknown stem: err = %v", err)
	}
}

// The d_lambda rule on the Wscale cell's sections, by hand
// (λ100 = 1e5·√(diam/(4π·100·Ra·cm)) µm, nseg = int((L/(0.1·λ)+0.9)/2)·2+1):
// soma 20 µm, λ 399 → 1; dendrite 200 µm, diam 2, Ra 150: λ 325.7 → 7;
// axon_0 30 µm, diam 1.5: λ 345.5 → 1; axon_1 500 µm, diam 1: λ 282.1 → 19.
func TestDLambda(t *testing.T) {
	p := pt5bLiteral()
	for name, s := range p.Secs {
		s.Geom.Nseg = 0
		p.Secs[name] = s
	}
	q, err := p.DLambda(morph.DefaultDLambda())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"soma": 1, "dendrite": 7, "axon_0": 1, "axon_1": 19}
	for name, n := range want {
		if got := q.Secs[name].Geom.Nseg; got != n {
			t.Errorf("%s: nseg %d, want %d", name, got, n)
		}
	}
	if p.Secs["axon_1"].Geom.Nseg != 0 {
		t.Error("DLambda changed its receiver")
	}
	if _, err := p.DLambda(morph.DLambda{Freq: 100}); err == nil {
		t.Error("d_lambda 0 accepted")
	}
}

// NetPyNE writes a parameter that varies along a section as a list, one
// value per segment: each segment gets its value (recorded back from the
// running cell), the section's scalar values apply to the rest.
func TestPerSegmentValues(t *testing.T) {
	js := `{"secs": {"soma": {"geom": {"L": 30, "diam": 10, "nseg": 3}, "mechs": {"pas": {"g": [1e-4, 2e-4, 3e-4], "e": -70}, "hd": {"gbar": [0, 1e-4, 2e-4]}}}}}`
	cells, err := Load(strings.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	p := cells[""]
	if got := p.Secs["soma"].SegMechs["pas"]["g"]; !reflect.DeepEqual(got, []float64{1e-4, 2e-4, 3e-4}) {
		t.Fatalf("SegMechs %v", p.Secs["soma"].SegMechs)
	}
	c, err := p.Cell(DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	sim, err := cell.New(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, x := range []float64{1.0 / 6, 0.5, 5.0 / 6} {
		for _, v := range []struct {
			name string
			want float64
		}{{"g_pas", []float64{1e-4, 2e-4, 3e-4}[k]}, {"e_pas", -70}, {"gbar_hd", []float64{0, 1e-4, 2e-4}[k]}} {
			tr, err := sim.Record("soma", x, v.name)
			if err != nil {
				t.Fatal(err)
			}
			if tr.Y[0] != v.want {
				t.Errorf("%s at %v = %v, want %v", v.name, x, tr.Y[0], v.want)
			}
		}
	}
}
