package cell

import (
	"fmt"
	"math"
	"strconv"
)

// Dipole exposes, under Name, the current dipole moment of each cell of a
// Population along an axis (fAm = nA·µm), from its axial currents, as
// HNN's dipole.mod and dipole_pp.mod compute it after every step: each
// node i of a listed section (its segment centres, then its 1-end node)
// contributes
//
//	ia·ztan,  ia = (v_prev − v_i)/ri_i,  ztan = (x_i − x_prev)·L·cos θ,
//
// where prev is the previous node along the section (its 0 end, the
// parent's node, for the first centre), ri_i is NEURON's ri(x_i) (MΩ,
// the resistance to that node) and cos θ is the section's direction
// cosine to the axis. Sections not in Cos contribute nothing. The sum
// runs over the centre nodes in node order, then the 1-end nodes (the
// order of NEURON's density mechanism, then its point processes).
type Dipole struct {
	Name string             // variable name in the network, e.g. "dipole"; not "v"
	Cos  map[string]float64 // section name → cos θ of its direction to the axis, in [-1, 1]
}

// dipTerm is one node's contribution: coef·(v[prev] − v[node]), coef =
// ztan/ri.
type dipTerm struct {
	node, prev int32
	ztan, ri   float64
}

// dipoleTerms returns a cell's terms for d (node indices within the cell).
func dipoleTerms(c Cell, d Dipole) ([]dipTerm, error) {
	var l errs
	m := newMorphology(c.Sections, &l)
	if len(l) > 0 || m == nil {
		return nil, l.err()
	}
	var centres, ends []dipTerm
	for _, i := range m.order {
		s := c.Sections[i]
		cos, ok := d.Cos[s.Name]
		if !ok {
			continue
		}
		L := s.L // NEURON's sec.L: the length it was given, also with 3-D points
		if L <= 0 && len(s.Pt3D) > 1 {
			L = Pt3DLength(s.Pt3D)
		}
		sn := m.secs[i]
		n := sn.nseg
		prevX, prev := 0.0, sn.parentNode
		for j := 0; j <= n; j++ {
			x := 1.0
			if j < n {
				x = (float64(j) + 0.5) / float64(n)
			}
			nd := sn.first + j
			t := dipTerm{node: int32(nd), prev: int32(prev), ztan: (x - prevX) * L * cos, ri: 1 / m.rinv[nd]}
			if j < n {
				centres = append(centres, t)
			} else {
				ends = append(ends, t)
			}
			prevX, prev = x, nd
		}
	}
	return append(centres, ends...), nil
}

// checkDipole checks a dipole probe against the cell's sections.
func checkDipole(c Cell, d Dipole) error {
	names := map[string]bool{}
	for _, s := range c.Sections {
		names[s.Name] = true
	}
	if len(d.Cos) == 0 {
		return fmt.Errorf("Cos is empty: give the direction cosine of at least one section")
	}
	for sec, cos := range d.Cos {
		if !names[sec] {
			return netWithSections(&Error{Object: "dipole", Field: "Section", Value: strconv.Quote(sec), Allowed: "no section has that name"}, c)
		}
		if math.IsNaN(cos) || cos < -1 || cos > 1 {
			return fmt.Errorf("Cos[%q] = %v: a direction cosine must be in [-1, 1]", sec, cos)
		}
	}
	return nil
}

// dipoleAt sums cell k's terms over the live voltages (fAm).
func dipoleAt(v []float64, base int, terms []dipTerm) float64 {
	q := 0.0
	for _, t := range terms {
		ia := (v[base+int(t.prev)] - v[base+int(t.node)]) / t.ri
		q += float64(ia * t.ztan)
	}
	return q
}
