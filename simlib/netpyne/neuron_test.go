package netpyne_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell/cellcase"
	"github.com/golgi-sim/golgi/simlib/models"
	"github.com/golgi-sim/golgi/simlib/morph"
	"github.com/golgi-sim/golgi/simlib/netpyne"
)

// savedCase is one case of testdata/neuron_cells_morph.json (written by
// compare/neuron_cells_morph.py with NEURON 8.2.2): the case, NEURON's
// traces (samples first, first+stride, ...) and the script's table row.
type savedCase struct {
	cellcase.Case
	Neuron struct {
		TN     int         `json:"t_n"`
		First  int         `json:"first"`
		Stride int         `json:"stride"`
		Traces [][]float64 `json:"traces"`
		Spikes []float64   `json:"spikes"`
	} `json:"neuron"`
	Table struct {
		SeedEPSPNeuron float64 `json:"seed_epsp_neuron"`
	} `json:"table"`
}

func loadSaved(t *testing.T) []savedCase {
	t.Helper()
	b, err := os.ReadFile("testdata/neuron_cells_morph.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []savedCase `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) != 26 {
		t.Fatalf("%d cases, want 26 (18 SWC, 8 Wscale)", len(f.Cases))
	}
	return f.Cases
}

// sections converts a description to the case form, as
// compare/cmd/morphcase does.
func sections(t *testing.T, p netpyne.CellParams) []cellcase.Section {
	t.Helper()
	c, err := p.Cell(netpyne.DefaultRegistry())
	if err != nil {
		t.Fatal(err)
	}
	var out []cellcase.Section
	for _, s := range c.Sections {
		cs := cellcase.Section{Name: s.Name, Parent: s.Parent, ParentX: s.ParentX, Nseg: s.Nseg, Ra: s.Ra, Cm: s.Cm}
		if len(s.Pt3D) == 0 {
			cs.L, cs.Diam = s.L, s.Diam
		}
		for _, q := range s.Pt3D {
			cs.Pt3D = append(cs.Pt3D, [4]float64{q.X, q.Y, q.Z, q.Diam})
		}
		out = append(out, cs)
	}
	return out
}

func same(t *testing.T, name string, got, want []cellcase.Section) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d sections, the saved case has %d", name, len(got), len(want))
	}
	for i := range got {
		w := want[i]
		w.Mechs, w.Ions = nil, nil
		if len(w.Pt3D) > 0 {
			w.L, w.Diam = 0, 0
		}
		if !reflect.DeepEqual(got[i], w) {
			t.Fatalf("%s section %d:\n golgi %+v\n saved %+v", name, i, got[i], w)
		}
	}
}

// Cells from SWC files and the Wscale cell, against NEURON 8.2.2
// (compare/neuron_cells_morph.py): first the sections golgi forms must be
// those of the saved cases (for the SWC cells, the script checked them
// equal to NEURON's Import3d: points, lengths, areas, parents); then the
// traces within 1e-9 mV of NEURON's (the script measured at most 2.5e-11
// mV) and the same spikes within 1e-9 ms.
func TestAgainstNEURON(t *testing.T) {
	cases := loadSaved(t)
	swcMechs := map[string]netpyne.Mechs{"soma": {"hh": {}}, "axon": {"hh": {}},
		"dend": {"pas": {"g": 1e-4, "e": -65}}, "apic": {"pas": {"g": 1e-4, "e": -65}}}
	files := map[string]string{"branched": "branched.swc", "traced": "traced.swc",
		"firstbranch": "branch_at_first.swc", "dendroot": "dend_root.swc"}
	wscale := models.WscaleCell()
	for name, s := range wscale.Secs {
		delete(s.Mechs, "hd")
		wscale.Secs[name] = s
	}
	for _, c := range cases {
		long := c.TStop > 100
		if long && testing.Short() {
			continue
		}
		switch {
		case strings.HasPrefix(c.Name, "swc_"):
			m, err := morph.ReadSWCFile("../morph/testdata/" + files[strings.SplitN(c.Name, "_", 3)[1]])
			if err != nil {
				t.Fatal(err)
			}
			o := netpyne.DefaultMorphOptions()
			o.Ra, o.Mechs = 150, map[string]netpyne.Mechs{}
			for _, s := range m.Sections { // the script's mechanisms, for the kinds present
				stem := morph.TypeName(s.Type)
				o.Mechs[stem] = swcMechs[stem]
			}
			p, err := netpyne.FromMorphology(m, o)
			if err != nil {
				t.Fatal(err)
			}
			same(t, c.Name, sections(t, p), c.Sections)
		case strings.HasPrefix(c.Name, "wscale_nohd_"):
			same(t, c.Name, sections(t, wscale), c.Sections)
		default:
			t.Fatalf("unexpected case %s", c.Name)
		}
		res, err := c.Run()
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if len(res.T) != c.Neuron.TN {
			t.Fatalf("%s: %d samples, NEURON %d", c.Name, len(res.T), c.Neuron.TN)
		}
		for k, nv := range c.Neuron.Traces {
			worst := 0.0
			for j, v := range nv {
				worst = math.Max(worst, math.Abs(res.Traces[k][c.Neuron.First+j*c.Neuron.Stride]-v))
			}
			// NEURON's values are saved with 9 significant digits: 1e-9
			// relative of up to 100 mV is 1e-7 mV.
			if worst > 2e-7 {
				t.Errorf("%s trace %d: max |golgi - NEURON| = %.3g mV", c.Name, k, worst)
			}
		}
		if len(res.Spikes) != len(c.Neuron.Spikes) {
			t.Errorf("%s: %d spikes, NEURON %d", c.Name, len(res.Spikes), len(c.Neuron.Spikes))
			continue
		}
		for i := range res.Spikes {
			if math.Abs(res.Spikes[i]-c.Neuron.Spikes[i]) > 1e-9 {
				t.Errorf("%s spike %d at %v ms, NEURON %v", c.Name, i, res.Spikes[i], c.Neuron.Spikes[i])
			}
		}
	}
}

// models.Wscale's own measurement (the seed's EPSP) on the cell without
// hd, against the seed EPSP the script computed from NEURON's full traces.
func TestWscaleSeedEPSPAgainstNEURON(t *testing.T) {
	if testing.Short() {
		t.Skip("8 runs of 1 s")
	}
	w := models.DefaultWscale()
	for name, s := range w.Cell.Secs {
		delete(s.Mechs, "hd")
		w.Cell.Secs[name] = s
	}
	for _, c := range loadSaved(t) {
		if !strings.HasPrefix(c.Name, "wscale_nohd_") {
			continue
		}
		p, err := w.Simulate(context.Background(), c.Points[0].Sec, c.Points[0].Weight)
		if err != nil {
			t.Fatal(err)
		}
		want := c.Table.SeedEPSPNeuron
		if math.Abs(p.EPSP-want) > 1e-9*math.Abs(want) {
			t.Errorf("%s: seed EPSP %.12g mV, NEURON %.12g", c.Name, p.EPSP, want)
		}
	}
}

// testdata/pt5b_netparams.json (NetPyNE's JSON form) describes exactly
// models.WscaleCell, whose nseg are the d_lambda rule's.
func TestWscaleCellJSON(t *testing.T) {
	cells, err := netpyne.LoadFile("testdata/pt5b_netparams.json")
	if err != nil {
		t.Fatal(err)
	}
	w := models.WscaleCell()
	if !reflect.DeepEqual(cells["PT5B"], w) {
		t.Fatalf("JSON\n%+v\nWscaleCell\n%+v", cells["PT5B"], w)
	}
	d, err := w.DLambda(morph.DefaultDLambda())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, w) {
		t.Fatalf("WscaleCell's nseg are not the d_lambda rule's: %+v", d)
	}
}
