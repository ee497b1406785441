package hnn

import (
	"fmt"
	"sort"
	"strings"
)

// Override sets parameters by hnn-core's flat names (the keys of
// params_default.py and of cells_default's override_params), e.g.
// "L5Pyr_soma_gbar_ca", "L2Pyr_apical1_L", "L5Pyr_nmda_tau2",
// "L5Pyr_dend_gnabar_hh2". The prefix names the cell type the parameters
// belong to: "L2Pyr" or "L5Pyr". hnn-core copies unknown keys in and
// ignores them; here an unknown key, a key of the other cell type (an L2
// cell has no ca, cad, kca, cat or ar) or a non-finite value is an error,
// and the values are checked again when the cell is built.
func (p *Pyramidal) Override(prefix string, params map[string]float64) error {
	var l5 bool
	switch prefix {
	case "L2Pyr":
	case "L5Pyr":
		l5 = true
	default:
		return &Error{Object: "hnn parameters", Field: "prefix", Value: fmt.Sprintf("%q", prefix), Allowed: `must be "L2Pyr" or "L5Pyr"`}
	}
	fields := p.fields(l5)
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var l errs
	for _, k := range keys {
		v := params[k]
		rest, ok := strings.CutPrefix(k, prefix+"_")
		f, known := fields[rest]
		sec, isGeom := geomKey(rest, l5)
		if !ok || (!known && isGeom == "") {
			l.add(prefix+" parameters", "key", fmt.Sprintf("%q", k), "no such parameter (hnn-core's names, e.g. "+prefix+"_soma_gkbar_hh2, "+prefix+"_apical1_L, "+prefix+"_ampa_tau1)")
			continue
		}
		if !finite(v) {
			l.add(prefix+" parameters", k, v, "must be finite")
			continue
		}
		if isGeom != "" {
			if p.Sections == nil {
				p.Sections = map[string]Geometry{}
			}
			g := p.Sections[sec]
			if isGeom == "L" {
				g.L = v
			} else {
				g.Diam = v
			}
			p.Sections[sec] = g
			continue
		}
		*f = v
	}
	return l.err()
}

// geomKey recognises "apical1_L", "soma_diam", ...: the section and "L"
// or "diam" ("" if rest is not a geometry key of the type).
func geomKey(rest string, l5 bool) (string, string) {
	specs := l2Specs
	if l5 {
		specs = l5Specs
	}
	for _, sp := range specs {
		key := strings.ReplaceAll(sp.name, "_", "")
		switch rest {
		case key + "_L":
			return sp.name, "L"
		case key + "_diam":
			return sp.name, "diam"
		}
	}
	return "", ""
}

// fields maps hnn-core's names (without the prefix) to the fields.
func (p *Pyramidal) fields(l5 bool) map[string]*float64 {
	m := map[string]*float64{
		"soma_cm": &p.SomaCm, "soma_Ra": &p.SomaRa, "dend_cm": &p.DendCm, "dend_Ra": &p.DendRa,
	}
	for _, part := range []struct {
		name string
		b    *Biophysics
	}{{"soma", &p.Soma}, {"dend", &p.Dend}} {
		m[part.name+"_gkbar_hh2"] = &part.b.GKBarHH2
		m[part.name+"_gnabar_hh2"] = &part.b.GNaBarHH2
		m[part.name+"_el_hh2"] = &part.b.ELHH2
		m[part.name+"_gl_hh2"] = &part.b.GLHH2
		m[part.name+"_gbar_km"] = &part.b.GBarKm
		if l5 {
			m[part.name+"_gbar_ca"] = &part.b.GBarCa
			m[part.name+"_taur_cad"] = &part.b.TaurCad
			m[part.name+"_gbar_kca"] = &part.b.GBarKCa
			m[part.name+"_gbar_cat"] = &part.b.GBarCaT
			m[part.name+"_gbar_ar"] = &part.b.GBarAr
		}
	}
	for _, r := range []struct {
		name string
		s    *Synapse
	}{{"ampa", &p.Synapses.AMPA}, {"nmda", &p.Synapses.NMDA}, {"gabaa", &p.Synapses.GABAA}, {"gabab", &p.Synapses.GABAB}} {
		m[r.name+"_e"], m[r.name+"_tau1"], m[r.name+"_tau2"] = &r.s.E, &r.s.Tau1, &r.s.Tau2
	}
	return m
}
