package cell

// Distances measures path lengths (µm) along a cell from one origin, as
// NEURON's distance() does: locations are mapped to their nodes (the
// centre of the segment holding x, or an end node at x = 0 and 1) and the
// length is the path between the nodes, a centre lying (i+0.5)/nseg·L from
// its section's attached end. Build it with NewDistances.
type Distances struct {
	m    *morphology
	dist []float64 // per node, from the root node
	from int
}

// NewDistances prepares distances from (section, x) in cell c (NEURON's
// distance(0, section(x))).
func NewDistances(c Cell, section string, x float64) (*Distances, error) {
	var l errs
	m := newMorphology(c.Sections, &l)
	if len(l) > 0 {
		return nil, l.err()
	}
	d := &Distances{m: m, dist: make([]float64, m.nn)}
	for _, i := range m.order {
		sn := m.secs[i]
		dx := secLength(c.Sections[i]) / float64(sn.nseg)
		for j := 0; j <= sn.nseg; j++ {
			nd := sn.first + j
			step := dx // between centres
			if j == 0 || j == sn.nseg {
				step = dx / 2 // from the attached end to the first centre; from the last to the far end
			}
			d.dist[nd] = d.dist[m.parent[nd]] + step
		}
	}
	from, err := m.node(section, x)
	if err != nil {
		return nil, err
	}
	d.from = from
	return d, nil
}

// To returns the path length from the origin to (section, x).
func (d *Distances) To(section string, x float64) (float64, error) {
	b, err := d.m.node(section, x)
	if err != nil {
		return 0, err
	}
	a := d.from
	p, q := a, b
	for p != q { // the common ancestor: parents have smaller indices
		if p > q {
			p = int(d.m.parent[p])
		} else {
			q = int(d.m.parent[q])
		}
	}
	return d.dist[a] + d.dist[b] - 2*d.dist[p], nil
}

// Distance is the path length (µm) between two locations of a cell, as
// NEURON's distance(); see Distances.
func Distance(c Cell, fromSec string, fromX float64, toSec string, toX float64) (float64, error) {
	d, err := NewDistances(c, fromSec, fromX)
	if err != nil {
		return 0, err
	}
	return d.To(toSec, toX)
}

// secLength is a section's length: L, or its 3-D points' path length.
func secLength(s Section) float64 {
	if len(s.Pt3D) > 1 {
		return Pt3DLength(s.Pt3D)
	}
	return s.L
}
