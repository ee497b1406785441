package hnn

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// TestBadInput: every bad parameter, position, location or receptor gets
// an error naming the object, the field, the value and what is allowed.
func TestBadInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	pyr := func(mut func(p *Pyramidal)) func() error {
		return func() error {
			p := DefaultL5Pyramidal()
			mut(&p)
			_, err := L5Pyramidal(p, Pos{})
			return err
		}
	}
	l2 := func(mut func(p *Pyramidal)) func() error {
		return func() error {
			p := DefaultL2Pyramidal()
			mut(&p)
			_, err := L2Pyramidal(p, Pos{})
			return err
		}
	}
	bask := func(mut func(p *Basket)) func() error {
		return func() error {
			p := DefaultBasket()
			mut(&p)
			_, err := L2Basket(p, Pos{})
			return err
		}
	}
	site := func(typ, loc, rec string) func() error {
		return func() error {
			m, err := New(typ, Pos{})
			if err != nil {
				return err
			}
			_, err = m.Site(loc, rec)
			return err
		}
	}
	cases := []struct {
		name string
		run  func() error
		want []string
	}{
		{"unknown section", pyr(func(p *Pyramidal) { p.Sections["axon"] = Geometry{100, 1} }),
			[]string{"L5_pyramidal", "Sections", `"axon"`, "no such section", "apical_trunk"}},
		{"apical_2 on L2", l2(func(p *Pyramidal) { p.Sections["apical_2"] = Geometry{100, 1} }),
			[]string{"L2_pyramidal", `"apical_2"`, "no such section"}},
		{"missing section", pyr(func(p *Pyramidal) { delete(p.Sections, "basal_3") }),
			[]string{"L5_pyramidal", "Sections = basal_3", "missing"}},
		{"NaN length", pyr(func(p *Pyramidal) { p.Sections["apical_1"] = Geometry{nan, 7.48} }),
			[]string{`L5_pyramidal section "apical_1"`, "L = NaN µm", "positive and finite"}},
		{"zero diameter", l2(func(p *Pyramidal) { p.Sections["soma"] = Geometry{22.1, 0} }),
			[]string{`L2_pyramidal section "soma"`, "Diam = 0 µm"}},
		{"negative cm", pyr(func(p *Pyramidal) { p.DendCm = -1 }), []string{"L5_pyramidal", "DendCm = -1 µF/cm²"}},
		{"Ra Inf", pyr(func(p *Pyramidal) { p.SomaRa = inf }), []string{"SomaRa = +Inf Ω·cm"}},
		{"NaN gnabar", pyr(func(p *Pyramidal) { p.Soma.GNaBarHH2 = nan }),
			[]string{"L5_pyramidal Soma", "GNaBarHH2 = NaN S/cm²", ">= 0 and finite"}},
		{"negative gbar_km", l2(func(p *Pyramidal) { p.Dend.GBarKm = -250 }),
			[]string{"L2_pyramidal Dend", "GBarKm = -250 pS/µm²"}},
		{"NaN el", pyr(func(p *Pyramidal) { p.Dend.ELHH2 = nan }), []string{"L5_pyramidal Dend", "ELHH2 = NaN mV", "finite"}},
		{"zero taur", pyr(func(p *Pyramidal) { p.Soma.TaurCad = 0 }), []string{"TaurCad = 0 ms", "positive"}},
		{"NaN gbar_ca", pyr(func(p *Pyramidal) { p.Dend.GBarCa = nan }), []string{"GBarCa = NaN pS/µm²"}},
		{"negative gbar_cat", pyr(func(p *Pyramidal) { p.Soma.GBarCaT = -1 }), []string{"GBarCaT = -1 S/cm²"}},
		{"NaN ar rate", pyr(func(p *Pyramidal) { p.ArDistance.Rate = nan }), []string{"ArDistance.Rate = NaN 1/µm"}},
		{"negative ar at zero", pyr(func(p *Pyramidal) { p.ArDistance.AtZero = -1e-6 }), []string{"ArDistance.AtZero = -1e-06 S/cm²"}},
		{"NaN v0", pyr(func(p *Pyramidal) { p.V0["apical_tuft"] = nan }), []string{`V0["apical_tuft"] = NaN mV`}},
		{"unknown v0 section", pyr(func(p *Pyramidal) { p.V0["dend"] = -65 }), []string{`V0 = "dend"`, "no such section"}},
		{"no v0", l2(func(p *Pyramidal) { p.V0 = map[string]float64{"soma": -70} }), []string{"V0 = apical_trunk", `V0["all"]`}},
		{"zero tau1", pyr(func(p *Pyramidal) { p.Synapses.NMDA.Tau1 = 0 }), []string{"Synapses.NMDA.Tau1 = 0 ms", "Exp2Syn"}},
		{"NaN e", l2(func(p *Pyramidal) { p.Synapses.GABAB.E = nan }), []string{"Synapses.GABAB.E = NaN mV"}},
		{"basket NaN gkbar", bask(func(p *Basket) { p.HH2.GKBarHH2 = nan }), []string{"L2_basket", "HH2.GKBarHH2 = NaN S/cm²"}},
		{"basket zero L", bask(func(p *Basket) { p.Soma.L = 0 }), []string{"L2_basket", "Soma.L = 0 µm"}},
		{"basket NaN v0", bask(func(p *Basket) { p.V0 = nan }), []string{"L2_basket", "V0 = NaN mV"}},
		{"basket tau2 huge", bask(func(p *Basket) { p.Synapses.AMPA.Tau2 = 1e10 }), []string{"Synapses.AMPA.Tau2 = 1e+10 ms"}},
		{"NaN position", func() error { _, err := L5Pyramidal(DefaultL5Pyramidal(), Pos{X: nan}); return err },
			[]string{"L5_pyramidal", "Pos", "finite"}},
		{"Inf basket position", func() error { _, err := L5Basket(DefaultBasket(), Pos{Z: inf}); return err },
			[]string{"L5_basket", "Pos", "finite"}},
		{"unknown cell type", func() error { _, err := New("L4_stellate", Pos{}); return err },
			[]string{"cell type", `"L4_stellate"`, "L2_basket, L2_pyramidal, L5_basket, L5_pyramidal"}},
		{"unknown location", site(L5PyramidalType, "apical", "ampa"),
			[]string{"L5_pyramidal", `location = "apical"`, "proximal, distal or a section", "apical_tuft"}},
		{"unknown receptor", site(L2PyramidalType, "distal", "glu"), []string{`receptor = "glu"`, "ampa, nmda, gabaa, gabab"}},
		{"excitation at pyramidal soma", site(L5PyramidalType, "soma", "ampa"),
			[]string{`receptor = "ampa" at "soma"`, "carries gabaa, gabab"}},
		{"distal on L5 basket", site(L5BasketType, "distal", "ampa"), []string{"L5_basket", `location = "distal"`, "empty", "cannot target L5_basket"}},
		{"gabab on basket", site(L5BasketType, "soma", "gabab"), []string{"L5_basket", `"gabab" at "soma"`, "ampa, gabaa, nmda"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.run()
			if err == nil {
				t.Fatal("no error")
			}
			var he *Error
			if !errors.As(err, &he) && !strings.Contains(err.Error(), "errors:") {
				t.Errorf("error %T is not an *hnn.Error", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// TestSites: hnn-core's sect_loc and synapse placement.
func TestSites(t *testing.T) {
	for _, tc := range []struct {
		typ, loc, rec string
		want          string
	}{
		{L5PyramidalType, "proximal", "ampa", "apical_oblique_ampa,basal_2_ampa,basal_3_ampa"},
		{L2PyramidalType, "distal", "nmda", "apical_tuft_nmda"},
		{L5PyramidalType, "soma", "gabab", "soma_gabab"},
		{L5PyramidalType, "apical_2", "gabaa", "apical_2_gabaa"},
		{L2BasketType, "distal", "ampa", "soma_ampa"},
		{L5BasketType, "proximal", "nmda", "soma_nmda"},
	} {
		m, err := New(tc.typ, Pos{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := m.Site(tc.loc, tc.rec)
		if err != nil {
			t.Errorf("%s %s %s: %v", tc.typ, tc.loc, tc.rec, err)
			continue
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("%s %s %s: %v, want %s", tc.typ, tc.loc, tc.rec, got, tc.want)
		}
	}
}

// TestNseg is hnn-core's _get_nseg rule on its boundaries.
func TestNseg(t *testing.T) {
	for L, want := range map[float64]int{22.1: 1, 100: 1, 100.1: 3, 150: 3, 200: 5, 255: 5, 306: 7, 340: 7, 425: 9, 680: 13} {
		if got := nseg(L); got != want {
			t.Errorf("nseg(%v) = %d, want %d", L, got, want)
		}
	}
}

// TestPositionRounding: the single-precision points make a section's
// length depend on the position (hnn-core's pt3dadd of end point + pos):
// the L2 basal_2 is 255 µm at the column's z but not everywhere.
func TestPositionRounding(t *testing.T) {
	a, err := L2Pyramidal(DefaultL2Pyramidal(), Pos{0, 0, 1307.4})
	if err != nil {
		t.Fatal(err)
	}
	// 255 exactly there (cell_structure.json: NEURON's L of basal_2)
	if L := a.Cell.Sections[5].L; a.Cell.Sections[5].Name != "basal_2" || L != 255 {
		t.Errorf("basal_2 at z 1307.4: %s L = %v, NEURON 255", a.Cell.Sections[5].Name, L)
	}
	b, err := L5Pyramidal(DefaultL5Pyramidal(), Pos{})
	if err != nil {
		t.Fatal(err)
	}
	// NEURON: 254.99999999999997 at the origin (cell_structure.json)
	if L := b.Cell.Sections[6].L; L != 254.99999999999997 {
		t.Errorf("L5 basal_2 at the origin: L = %v, NEURON 254.99999999999997", L)
	}
	for _, s := range b.Cell.Sections {
		if math.Abs(s.L-DefaultL5Pyramidal().Sections[s.Name].L) > 1e-12 {
			t.Errorf("L5 %s: L = %v, far from hnn-core's %v", s.Name, s.L, DefaultL5Pyramidal().Sections[s.Name].L)
		}
	}
}

// TestOverride: hnn-core's flat parameter names set the fields; unknown
// names, the other type's names and non-finite values are errors.
func TestOverride(t *testing.T) {
	p := DefaultL5Pyramidal()
	if err := p.Override("L5Pyr", map[string]float64{
		"L5Pyr_soma_gbar_ca": 10, "L5Pyr_dend_gnabar_hh2": 0.02, "L5Pyr_apical1_L": 600,
		"L5Pyr_basal2_diam": 7, "L5Pyr_nmda_tau2": 30, "L5Pyr_dend_Ra": 150,
	}); err != nil {
		t.Fatal(err)
	}
	if p.Soma.GBarCa != 10 || p.Dend.GNaBarHH2 != 0.02 || p.Sections["apical_1"].L != 600 || p.Sections["apical_1"].Diam != 7.48 ||
		p.Sections["basal_2"].Diam != 7 || p.Synapses.NMDA.Tau2 != 30 || p.DendRa != 150 {
		t.Errorf("overrides not applied: %+v", p)
	}
	m, err := L5Pyramidal(p, Pos{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Cell.Sections[1].Name != "apical_1" || m.Cell.Sections[1].Nseg != 13 || m.Cell.Sections[1].L != 600 {
		t.Errorf("apical_1: %+v", m.Cell.Sections[1])
	}
	for _, tc := range []struct {
		prefix string
		params map[string]float64
		want   []string
	}{
		{"L5Pyr", map[string]float64{"L5Pyr_soma_gbar_nap": 1}, []string{`key = "L5Pyr_soma_gbar_nap"`, "no such parameter"}},
		{"L2Pyr", map[string]float64{"L2Pyr_soma_gbar_ca": 60}, []string{`"L2Pyr_soma_gbar_ca"`, "no such parameter"}},
		{"L2Pyr", map[string]float64{"L2Pyr_apical2_L": 60}, []string{`"L2Pyr_apical2_L"`}},
		{"L5Pyr", map[string]float64{"L2Pyr_soma_L": 20}, []string{`"L2Pyr_soma_L"`}},
		{"L5Pyr", map[string]float64{"L5Pyr_dend_gbar_km": math.NaN()}, []string{"L5Pyr_dend_gbar_km = NaN", "finite"}},
		{"L5Pyr", map[string]float64{"L5Pyr_soma_L": math.Inf(-1)}, []string{"L5Pyr_soma_L = -Inf"}},
		{"L3Pyr", nil, []string{`prefix = "L3Pyr"`, `"L2Pyr" or "L5Pyr"`}},
	} {
		q := DefaultL5Pyramidal()
		if tc.prefix == "L2Pyr" {
			q = DefaultL2Pyramidal()
		}
		err := q.Override(tc.prefix, tc.params)
		if err == nil {
			t.Errorf("%v: no error", tc.params)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("error %q lacks %q", err, w)
			}
		}
	}
	// a negative value passes Override (it is finite) and is caught when
	// the cell is built, naming the field
	q := DefaultL2Pyramidal()
	if err := q.Override("L2Pyr", map[string]float64{"L2Pyr_dend_gbar_km": -1}); err != nil {
		t.Fatal(err)
	}
	if _, err := L2Pyramidal(q, Pos{}); err == nil || !strings.Contains(err.Error(), "GBarKm = -1 pS/µm²") {
		t.Errorf("negative gbar_km: %v", err)
	}
}
