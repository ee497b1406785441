package hnn

import "math"

// Pos is a cell's position (µm): hnn-core's cell.pos, added to every end
// point before NEURON stores it.
type Pos struct{ X, Y, Z float64 }

// treeNode is (section, end) of hnn-core's cell_tree.
type treeNode struct {
	sec string
	end int
}

// shape holds a cell's end points as hnn-core computes them (in double)
// and its cell_tree.
type shape struct {
	pts  map[string]*[2][3]float64
	L    map[string]float64
	tree map[treeNode][]treeNode
}

// newShape builds the cell_tree of cells_default.py (each section's 0 end
// to its 1 end; a child's 0 end under its parent's attachment end) and
// places the end points as Cell._update_end_pts does: the soma's 0 end at
// the origin (cell templates are made at pos (0, 0, 0)), then
// define_shape(("soma", 0)).
func newShape(specs []secSpec, L map[string]float64) *shape {
	s := &shape{pts: map[string]*[2][3]float64{}, L: L, tree: map[treeNode][]treeNode{}}
	for _, sp := range specs {
		e := sp.end
		s.pts[sp.name] = &e
	}
	// cell_tree in cells_default.py's order: within-section edges first
	// (dendrites in section order), then soma(0) -> [soma(1), basal_1(0)],
	// and the children of each attachment end in section order
	for _, sp := range specs {
		if sp.name == "soma" {
			continue
		}
		s.tree[treeNode{sp.name, 0}] = []treeNode{{sp.name, 1}}
	}
	s.tree[treeNode{"soma", 0}] = []treeNode{{"soma", 1}}
	for _, sp := range specs {
		if sp.parent == "" {
			continue
		}
		k := treeNode{sp.parent, int(sp.parentX)}
		s.tree[k] = append(s.tree[k], treeNode{sp.name, 0})
	}
	d := s.pts["soma"][0]
	for _, p := range s.pts {
		for j := 0; j < 2; j++ {
			for c := 0; c < 3; c++ {
				p[j][c] = p[j][c] + (0 - d[c])
			}
		}
	}
	s.defineShape(treeNode{"soma", 0})
	return s
}

func norm3(a [3]float64) float64 {
	return math.Sqrt(float64(a[0]*a[0]) + float64(a[1]*a[1]) + float64(a[2]*a[2]))
}

// update is Cell._update_section_end_pts_L: move a node and its subtree.
func (s *shape) update(n treeNode, dpt [3]float64) {
	p := s.pts[n.sec]
	for c := 0; c < 3; c++ {
		p[n.end][c] = p[n.end][c] + dpt[c]
	}
	for _, ch := range s.tree[n] {
		s.update(ch, dpt)
	}
}

// defineShape is Cell.define_shape: scale each section to its L from the
// node's end and move everything beyond the other end with it.
func (s *shape) defineShape(n treeNode) {
	opp := 1
	if n.end == 1 {
		opp = 0
	}
	p := s.pts[n.sec]
	e0, e1 := p[n.end], p[opp]
	oldLen := norm3([3]float64{e0[0] - e1[0], e0[1] - e1[1], e0[2] - e1[2]})
	fac := s.L[n.sec] / oldLen
	var dpt [3]float64
	for c := 0; c < 3; c++ {
		dpt[c] = (e0[c] + float64((e1[c]-e0[c])*fac)) - e1[c]
	}
	s.update(treeNode{n.sec, opp}, dpt)
	for _, ch := range s.tree[n] {
		s.defineShape(ch)
	}
}

// neuronL is the length NEURON gives a section hnn-core built from two
// 3-D points at pos then assigned length L: the points are stored in
// single precision, their path length l taken from single-precision
// differences, and setting L rescales by L/l, leaving l·(L/l).
func neuronL(e [2][3]float64, pos Pos, L float64) float64 {
	p := [3]float64{pos.X, pos.Y, pos.Z}
	var sq float64
	var d [3]float64
	for c := 0; c < 3; c++ {
		a := float32(e[0][c] + p[c])
		b := float32(e[1][c] + p[c])
		d[c] = float64(b - a)
	}
	sq = float64(d[0]*d[0]) + float64(d[1]*d[1]) + float64(d[2]*d[2])
	l := math.Sqrt(sq)
	return l * (L / l)
}

// cosTheta is hnn-core's _get_cos_theta: the cosine between a section's
// end-point vector and the apical trunk's.
func (s *shape) cosTheta(sec, ref string) float64 {
	a, b := s.pts[ref], s.pts[sec]
	va := [3]float64{a[1][0] - a[0][0], a[1][1] - a[0][1], a[1][2] - a[0][2]}
	vb := [3]float64{b[1][0] - b[0][0], b[1][1] - b[0][1], b[1][2] - b[0][2]}
	dot := float64(va[0]*vb[0]) + float64(va[1]*vb[1]) + float64(va[2]*vb[2])
	return dot / (norm3(va) * norm3(vb))
}

// nseg is hnn-core's _get_nseg (cell.py:160-167): 1 up to 100 µm, else
// int(L/50) made odd.
func nseg(L float64) int {
	n := 1
	if L > 100 {
		n = int(L / 50)
		if n%2 == 0 {
			n++
		}
	}
	return n
}
