package hnn

import (
	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// standinCells are simplified cells with hnn-core's section names,
// geometry, synapse kinetics and section groups (hnn_column.md §4), but
// NEURON's hh in the soma and pas in the dendrites instead of hnn-core's
// mechanisms: they test the column's wiring, drives and dipole, not the
// cells (those are the hnn cell types' own tests).
func standinCells() map[string]CellModel {
	syn := map[string]mech.Exp2Syn{
		"ampa":  {Tau1: 0.5, Tau2: 5, E: 0},
		"nmda":  {Tau1: 1, Tau2: 20, E: 0},
		"gabaa": {Tau1: 0.5, Tau2: 5, E: -80},
		"gabab": {Tau1: 1, Tau2: 20, E: -80},
	}
	hh := mech.HH{GNaBar: 0.18, GKBar: 0.036, GL: 0.0003, EL: -65}
	pas := mech.Pas{G: 4.26e-5, E: -65}
	nseg := func(L float64) int {
		if L <= 100 {
			return 1
		}
		n := int(L / 50)
		if n%2 == 0 {
			n++
		}
		return n
	}
	sec := func(name, parent string, px, L, d, cm float64, m mech.Density) cell.Section {
		return cell.Section{Name: name, Parent: parent, ParentX: px, L: L, Diam: d, Nseg: nseg(L), Ra: 200, Cm: cm, Mechs: []mech.Density{m}}
	}
	pyr := func(l5 bool) CellModel {
		cm := 0.6195
		s := []cell.Section{
			sec("soma", "", 0, 22.1, 23.4, cm, hh),
			sec("apical_trunk", "soma", 1, 59.5, 4.25, cm, pas),
			sec("apical_1", "apical_trunk", 1, 306, 4.08, cm, pas),
			sec("apical_tuft", "apical_1", 1, 238, 3.4, cm, pas),
			sec("apical_oblique", "apical_trunk", 1, 340, 3.91, cm, pas),
			sec("basal_1", "soma", 0, 85, 4.25, cm, pas),
			sec("basal_2", "basal_1", 1, 255, 2.72, cm, pas),
			sec("basal_3", "basal_1", 1, 255, 2.72, cm, pas),
		}
		cos := map[string]float64{"soma": 1, "apical_trunk": 1, "apical_1": 1, "apical_tuft": 1,
			"apical_oblique": 0, "basal_1": -1, "basal_2": -0.7071067811865475, "basal_3": -0.7071067811865475}
		if l5 {
			cm = 0.85
			s = []cell.Section{
				sec("soma", "", 0, 39, 28.9, cm, hh),
				sec("apical_trunk", "soma", 1, 102, 10.2, cm, pas),
				sec("apical_1", "apical_trunk", 1, 680, 7.48, cm, pas),
				sec("apical_2", "apical_1", 1, 680, 4.93, cm, pas),
				sec("apical_tuft", "apical_2", 1, 425, 3.4, cm, pas),
				sec("apical_oblique", "apical_trunk", 1, 255, 5.1, cm, pas),
				sec("basal_1", "soma", 0, 85, 6.8, cm, pas),
				sec("basal_2", "basal_1", 1, 255, 8.5, cm, pas),
				sec("basal_3", "basal_1", 1, 255, 8.5, cm, pas),
			}
			cos["apical_2"] = 1
		}
		var dend []string
		for _, x := range s[1:] {
			dend = append(dend, x.Name)
		}
		return CellModel{
			Cell:     cell.Cell{Sections: s},
			Options:  cell.Options{Celsius: 6.3, VInit: -65},
			Synapses: syn,
			Carriers: map[string][]string{"ampa": dend, "nmda": dend, "gabaa": append([]string{"soma"}, dend...), "gabab": append([]string{"soma"}, dend...)},
			Groups:   map[string][]string{"proximal": {"apical_oblique", "basal_2", "basal_3"}, "distal": {"apical_tuft"}},
			Dipole:   cos,
		}
	}
	basket := func(l5 bool) CellModel {
		m := CellModel{
			Cell:     cell.Cell{Sections: []cell.Section{sec("soma", "", 0, 39, 20, 0.85, mech.DefaultHH())}},
			Options:  cell.Options{Celsius: 6.3, VInit: -64.9737},
			Synapses: map[string]mech.Exp2Syn{"ampa": syn["ampa"], "nmda": syn["nmda"], "gabaa": syn["gabaa"]},
			Carriers: map[string][]string{"ampa": {"soma"}, "nmda": {"soma"}, "gabaa": {"soma"}},
			Groups:   map[string][]string{"proximal": {"soma"}, "distal": {"soma"}},
		}
		if l5 {
			m.Groups["distal"] = nil
		}
		return m
	}
	return map[string]CellModel{L2BasketType: basket(false), L2PyramidalType: pyr(false), L5BasketType: basket(true), L5PyramidalType: pyr(true)}
}
