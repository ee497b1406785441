package hnn

import (
	"fmt"
	"slices"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// ModelCells returns the column's view of a cell type built by build (for
// example L5Pyramidal with its parameters): its synapse kinetics, the
// sections carrying each receptor, its groups, its dipole cosines (for
// pyramidal cells), and At, which builds the cell at each mesh position
// as hnn-core does (the single-precision 3-D points include the cell's
// position, so L differs from cell to cell by rounding). The synapses
// become the network's sites: one Exp2Syn per section and receptor, as
// in hnn-core, that every connection and drive onto it shares.
func ModelCells(typ string, build func(Pos) (*Model, error)) (CellModel, error) {
	m, err := build(Pos{})
	if err != nil {
		return CellModel{}, err
	}
	cm := CellModel{Options: *DefaultOptions(), Synapses: map[string]mech.Exp2Syn{}, Carriers: map[string][]string{}, Groups: m.Groups}
	if typ == L2PyramidalType || typ == L5PyramidalType {
		cm.Dipole = m.CosTheta
	}
	for _, p := range m.Cell.Points {
		for sec, recs := range m.Synapses {
			for _, r := range recs {
				if p.Label != sec+"_"+r {
					continue
				}
				s, ok := p.Mech.(mech.Exp2Syn)
				if !ok {
					return CellModel{}, fmt.Errorf("%s: synapse %s is %T, not an Exp2Syn", typ, p.Label, p.Mech)
				}
				if old, seen := cm.Synapses[r]; seen && old != s {
					return CellModel{}, fmt.Errorf("%s: receptor %s has two kinetics (%v, %v): the column needs one per receptor", typ, r, old, s)
				}
				cm.Synapses[r] = s
				cm.Carriers[r] = append(cm.Carriers[r], sec)
			}
		}
	}
	for r := range cm.Carriers {
		slices.Sort(cm.Carriers[r])
	}
	strip := func(m *Model) cell.Cell {
		c := m.Cell
		c.Points = nil
		for _, p := range m.Cell.Points {
			if _, ok := p.Mech.(mech.Exp2Syn); !ok {
				c.Points = append(c.Points, p)
			}
		}
		return c
	}
	cm.Cell = strip(m)
	cm.At = func(p Pos) (cell.Cell, error) {
		m, err := build(p)
		if err != nil {
			return cell.Cell{}, err
		}
		return strip(m), nil
	}
	return cm, nil
}

// DefaultCells returns hnn-core's four cell types with their default
// parameters (DefaultL2Pyramidal, DefaultL5Pyramidal, DefaultBasket).
func DefaultCells() (map[string]CellModel, error) {
	out := map[string]CellModel{}
	for typ, b := range map[string]func(Pos) (*Model, error){
		L2PyramidalType: func(p Pos) (*Model, error) { return L2Pyramidal(DefaultL2Pyramidal(), p) },
		L5PyramidalType: func(p Pos) (*Model, error) { return L5Pyramidal(DefaultL5Pyramidal(), p) },
		L2BasketType:    func(p Pos) (*Model, error) { return L2Basket(DefaultBasket(), p) },
		L5BasketType:    func(p Pos) (*Model, error) { return L5Basket(DefaultBasket(), p) },
	} {
		m, err := ModelCells(typ, b)
		if err != nil {
			return nil, err
		}
		out[typ] = m
	}
	return out, nil
}
