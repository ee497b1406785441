package cell

import (
	"fmt"
	"math"
	"strconv"
)

// maxNseg is NEURON's largest nseg.
const maxNseg = 32767

// morphology is a cell's node tree: which node is where, areas and axial
// resistances, computed as NEURON's nrn_area_ri and connection_coef do.
type morphology struct {
	secs   []secNodes // by Cell.Sections index
	byName map[string]int
	order  []int // sections, parents before children
	nn     int
	parent []int32   // per node; -1 for the root
	area   []float64 // µm² (100 at zero-area nodes, NEURON's convention)
	rinv   []float64 // 1/(resistance to the parent node) (µS)
	cm     []float64 // µF/cm², 0 at zero-area nodes
	a, b   []float64 // NEURON's NODEA, NODEB
	info   []NodeInfo
}

// secNodes locates a section's nodes: its Nseg centre nodes are
// first..first+nseg-1, its 1-end node first+nseg; its 0 end is node
// parentNode (the parent's node at ParentX, or the root node).
type secNodes struct {
	first, nseg, parentNode int
	rev                     bool // attached by its 1 end (ChildX = 1): nodes run from x = 1 to 0
}

func secObj(s Section, i int) string {
	if s.Name == "" {
		return "section #" + strconv.Itoa(i)
	}
	return fmt.Sprintf("section %q", s.Name)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// newMorphology checks the sections and lays out the nodes.
func newMorphology(secs []Section, l *errs) *morphology {
	m := &morphology{byName: map[string]int{}}
	n0 := len(*l)
	if len(secs) == 0 {
		l.add("cell", "Sections", "[]", "a cell needs at least one section")
		return nil
	}
	for i, s := range secs {
		obj := secObj(s, i)
		if s.Name == "" {
			l.add(obj, "Name", `""`, "every section needs a unique name")
		} else if j, dup := m.byName[s.Name]; dup {
			l.add(obj, "Name", strconv.Quote(s.Name), fmt.Sprintf("names must be unique (also section #%d)", j))
		} else {
			m.byName[s.Name] = i
		}
		if len(s.Pt3D) == 0 {
			if !finite(s.L) || s.L <= 0 {
				l.add(obj, "L", s.L, "length (µm) must be positive and finite")
			}
			if !finite(s.Diam) || s.Diam <= 0 {
				l.add(obj, "Diam", s.Diam, "diameter (µm) must be positive and finite")
			}
		} else {
			checkPt3D(obj, s.Pt3D, l)
		}
		if s.Nseg < 1 || s.Nseg > maxNseg {
			l.add(obj, "Nseg", s.Nseg, fmt.Sprintf("must be in [1, %d]", maxNseg))
		}
		if !finite(s.Ra) || s.Ra <= 0 {
			l.add(obj, "Ra", s.Ra, "axial resistivity (Ω·cm) must be positive and finite")
		}
		if !finite(s.Cm) || s.Cm < 0 {
			l.add(obj, "Cm", s.Cm, "capacitance (µF/cm²) must be >= 0 and finite")
		}
		if s.Parent != "" && (!finite(s.ParentX) || s.ParentX < 0 || s.ParentX > 1) {
			l.add(obj, "ParentX", s.ParentX, "a position on the parent must be in [0, 1]")
		}
		switch {
		case s.ChildX != 0 && s.ChildX != 1:
			l.add(obj, "ChildX", s.ChildX, "a section attaches by its 0 or its 1 end")
		case s.ChildX == 1 && s.Parent == "":
			l.add(obj, "ChildX", s.ChildX, "only a section with a Parent attaches by an end; a root must use 0")
		case s.ChildX == 1 && len(s.Pt3D) > 0:
			l.add(obj, "ChildX", s.ChildX, "a section with Pt3D points must attach by its 0 end")
		}
	}
	// parents and cycles
	roots := []int{}
	par := make([]int, len(secs))
	for i, s := range secs {
		par[i] = -1
		if s.Parent == "" {
			roots = append(roots, i)
			continue
		}
		j, ok := m.byName[s.Parent]
		if !ok {
			l.add(secObj(s, i), "Parent", strconv.Quote(s.Parent), "no section has that name")
			continue
		}
		if j == i {
			l.add(secObj(s, i), "Parent", strconv.Quote(s.Parent), "a section cannot be its own parent")
			continue
		}
		par[i] = j
	}
	for i := range secs {
		// walk up; a walk longer than the number of sections is a cycle
		j, steps := i, 0
		for j >= 0 && steps <= len(secs) {
			j = par[j]
			steps++
		}
		if j >= 0 {
			l.add(secObj(secs[i], i), "Parent", strconv.Quote(secs[i].Parent), "the parents form a cycle")
		}
	}
	if len(roots) != 1 {
		names := []string{}
		for _, r := range roots {
			names = append(names, strconv.Quote(secs[r].Name))
		}
		l.add("cell", "root sections", names, "a cell needs exactly one section without Parent")
	}
	if len(*l) > n0 {
		return nil
	}
	// order: breadth first from the root, children in declaration order
	children := make([][]int, len(secs))
	for i := range secs {
		if par[i] >= 0 {
			children[par[i]] = append(children[par[i]], i)
		}
	}
	m.order = []int{roots[0]}
	for k := 0; k < len(m.order); k++ {
		m.order = append(m.order, children[m.order[k]]...)
	}
	// nodes: the root node, then each section's centres and its 1 end
	m.secs = make([]secNodes, len(secs))
	m.nn = 1
	for _, i := range m.order {
		m.secs[i].first = m.nn
		m.secs[i].nseg = secs[i].Nseg
		m.secs[i].rev = secs[i].ChildX == 1
		m.nn += secs[i].Nseg + 1
	}
	m.parent = make([]int32, m.nn)
	m.info = make([]NodeInfo, m.nn)
	m.parent[0] = -1
	r := secs[roots[0]]
	m.info[0] = NodeInfo{Section: r.Name, X: 0, Parent: -1}
	for _, i := range m.order {
		sn := &m.secs[i]
		if par[i] < 0 {
			sn.parentNode = 0
		} else {
			sn.parentNode = m.attach(par[i], secs[i].ParentX)
		}
		for j := 0; j <= sn.nseg; j++ {
			nd := sn.first + j
			if j == 0 {
				m.parent[nd] = int32(sn.parentNode)
			} else {
				m.parent[nd] = int32(nd - 1)
			}
			x := 1.0
			if j < sn.nseg {
				x = (float64(j) + 0.5) / float64(sn.nseg)
			}
			if sn.rev {
				x = 1 - x
			}
			m.info[nd] = NodeInfo{Section: secs[i].Name, X: x, Parent: int(m.parent[nd])}
		}
	}
	m.geometry(secs)
	return m
}

// attach returns the node of section i at x where a child's 0 end
// connects (NEURON's nrn_parent_info): x = 0 is the section's own 0 end
// (its parent node), x = 1 its 1-end node, else the centre of the segment
// containing x.
//
// A section attached by its 1 end (rev) has its parent node at x = 1 and
// its last node at x = 0.
func (m *morphology) attach(i int, x float64) int {
	sn := m.secs[i]
	end := x
	if sn.rev && (x == 0 || x == 1) {
		end = 1 - x
	}
	switch {
	case end == 0:
		return sn.parentNode
	case end == 1:
		return sn.first + sn.nseg
	default:
		return sn.first + nodeIndex(sn, x)
	}
}

// nodeIndex is NEURON's node_index: the segment containing x in (0, 1),
// counted from the attached end.
func nodeIndex(sn secNodes, x float64) int {
	n := float64(sn.nseg)
	i := int(n * x)
	if i == sn.nseg {
		i = sn.nseg - 1
	}
	if sn.rev {
		i = sn.nseg - i - 1
	}
	return i
}

// node returns the node of a point process at (section, x), NEURON's
// node_exact: the 0-end node for x = 0, the 1-end node for x = 1, else the
// centre of the segment containing x.
func (m *morphology) node(section string, x float64) (int, error) {
	i, ok := m.byName[section]
	if !ok {
		return 0, &Error{Object: "location", Field: "Section", Value: strconv.Quote(section), Allowed: "no section has that name"}
	}
	if !finite(x) || x < 0 || x > 1 {
		return 0, &Error{Object: fmt.Sprintf("location on section %q", section), Field: "X", Value: x, Allowed: "a position must be in [0, 1]"}
	}
	return m.attach(i, x), nil
}

// segmentNode returns the centre node of the segment of section holding x
// (density mechanisms live there; x = 0 and 1 map to the end segments).
func (m *morphology) segmentNode(section string, x float64) (int, error) {
	i, ok := m.byName[section]
	if !ok {
		return 0, &Error{Object: "location", Field: "Section", Value: strconv.Quote(section), Allowed: "no section has that name"}
	}
	if !finite(x) || x < 0 || x > 1 {
		return 0, &Error{Object: fmt.Sprintf("location on section %q", section), Field: "X", Value: x, Allowed: "a position must be in [0, 1]"}
	}
	return m.secs[i].first + nodeIndex(m.secs[i], x), nil
}

// geometry computes areas, axial conductances and the matrix coefficients
// (NEURON's nrn_area_ri and connection_coef).
func (m *morphology) geometry(secs []Section) {
	m.area = make([]float64, m.nn)
	m.rinv = make([]float64, m.nn)
	m.cm = make([]float64, m.nn)
	m.a = make([]float64, m.nn)
	m.b = make([]float64, m.nn)
	m.area[0] = 100 // the root node: NEURON's default node area
	for _, i := range m.order {
		s := secs[i]
		sn := m.secs[i]
		var rright float64
		if len(s.Pt3D) > 1 {
			rright = m.pt3dGeometry(s, sn)
		} else {
			dx := s.L / float64(sn.nseg)
			rright = 0
			for j := 0; j < sn.nseg; j++ {
				nd := sn.first + j
				m.area[nd] = math.Pi * s.Diam * dx
				rleft := 1e-2 * s.Ra * (dx / 2) / (math.Pi * s.Diam * s.Diam / 4)
				m.rinv[nd] = 1 / (rleft + rright)
				rright = rleft
			}
		}
		end := sn.first + sn.nseg
		m.area[end] = 100
		m.rinv[end] = 1 / rright
		for j := 0; j < sn.nseg; j++ {
			m.cm[sn.first+j] = s.Cm
			m.info[sn.first+j].Area = m.area[sn.first+j]
		}
	}
	for nd := 1; nd < m.nn; nd++ {
		p := m.parent[nd]
		m.info[nd].Ri = 1 / m.rinv[nd]
		m.a[nd] = -1e2 * m.rinv[nd] / m.area[p]
		m.b[nd] = -1e2 * m.rinv[nd] / m.area[nd]
	}
}
