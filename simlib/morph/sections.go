package morph

import (
	"fmt"
	"math"
	"sort"

	"github.com/golgi-sim/golgi/simlib/pmath"
)

// Point is a 3-D point of a section: position and diameter in µm, rounded
// to single precision as NEURON stores them.
type Point struct {
	X, Y, Z, Diam float64
}

// P returns a point with its fields rounded to float32, as NEURON's pt3dadd
// stores them.
func P(x, y, z, diam float64) Point {
	return Point{float64(float32(x)), float64(float32(y)), float64(float32(z)), float64(float32(diam))}
}

// Section is an unbranched cable: its 3-D points from the 0 end to the 1
// end, and where it attaches (its 0 end) to its parent.
type Section struct {
	Name    string  // soma_0, dend_<k>, apic_<k>, axon_<k>, dend_<type>_<k> (NEURON's names, as NetPyNE writes them after import)
	Type    int     // SWC type of its samples
	Points  []Point // at least 2
	Parent  int     // index of the parent section in Morphology.Sections, -1 for the root
	ParentX float64 // position on the parent, 0..1
	Samples []int   // SWC ids of the samples that made the points (-1 for a copied or synthesised point)
}

// Morphology is a tree of sections; the root comes first and every parent
// comes before its children.
type Morphology struct {
	Sections []Section
}

// Length returns the arc length of section i (µm): the sum of the
// distances between its consecutive points, as NEURON computes L.
func (m *Morphology) Length(i int) float64 {
	return Arc(m.Sections[i].Points)[len(m.Sections[i].Points)-1]
}

// Index returns the index of the section called name, or -1.
func (m *Morphology) Index(name string) int {
	for i, s := range m.Sections {
		if s.Name == name {
			return i
		}
	}
	return -1
}

// Arc returns the cumulated arc length at each point (µm), 0 at the first.
func Arc(p []Point) []float64 {
	a := make([]float64, len(p))
	for i := 1; i < len(p); i++ {
		dx, dy, dz := p[i].X-p[i-1].X, p[i].Y-p[i-1].Y, p[i].Z-p[i-1].Z
		a[i] = a[i-1] + math.Sqrt(float64(dx*dx)+float64(dy*dy)+float64(dz*dz))
	}
	return a
}

// TypeName is the NEURON/NetPyNE stem of an SWC type.
func TypeName(t int) string {
	switch t {
	case Soma:
		return "soma"
	case Axon:
		return "axon"
	case Basal:
		return "dend"
	case Apical:
		return "apic"
	}
	return fmt.Sprintf("dend_%d", t) // Import3d's type2name
}

// FromSamples checks an SWC tree and forms its sections.
func FromSamples(samples []Sample) (*Morphology, error) {
	byID := make(map[int]int, len(samples))
	for i, s := range samples {
		if j, dup := byID[s.ID]; dup {
			return nil, fmt.Errorf("morph: SWC sample %d (line %d): id already used on line %d", s.ID, s.Line, samples[j].Line)
		}
		byID[s.ID] = i
	}
	children := make([][]int, len(samples))
	root := -1
	for i, s := range samples {
		if s.Parent == -1 {
			if root >= 0 {
				return nil, fmt.Errorf("morph: SWC: two roots (parent -1): sample %d (line %d) and sample %d (line %d); a cell has one", samples[root].ID, samples[root].Line, s.ID, s.Line)
			}
			root = i
			continue
		}
		p, ok := byID[s.Parent]
		if !ok {
			return nil, fmt.Errorf("morph: SWC sample %d (line %d): parent %d does not exist", s.ID, s.Line, s.Parent)
		}
		children[p] = append(children[p], i)
	}
	if root < 0 {
		return nil, fmt.Errorf("morph: SWC: no root (no sample with parent -1): the tree has a cycle")
	}
	// Every sample must be reachable from the root; with one root and
	// existing parents, an unreachable sample lies on a cycle.
	seen := make([]bool, len(samples))
	stack := []int{root}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		seen[i] = true
		stack = append(stack, children[i]...)
	}
	for i, ok := range seen {
		if !ok {
			return nil, fmt.Errorf("morph: SWC sample %d (line %d): not reachable from the root: its parents form a cycle", samples[i].ID, samples[i].Line)
		}
	}
	for i := range children {
		sort.Slice(children[i], func(a, c int) bool { return samples[children[i][a]].ID < samples[children[i][c]].ID })
	}
	b := &builder{s: samples, byID: byID, children: children, count: map[int]int{}, somaAt: map[int]float64{}}
	if samples[root].Type == Soma {
		if err := b.soma(root); err != nil {
			return nil, err
		}
	} else {
		b.section(root, -1, 0)
	}
	for len(b.todo) > 0 {
		t := b.todo[0]
		b.todo = b.todo[1:]
		b.section(t.sample, t.parent, t.x)
	}
	b.renumber()
	return &b.m, nil
}

// renumber orders the sections as NEURON's Import3d lists them, by the id
// of their first own sample (parents still before children), and names
// them in that order per type (soma_0, dend_0, dend_1, ...), so that a
// section has the name NEURON (and NetPyNE after importing) gives it.
func (b *builder) renumber() {
	secs := b.m.Sections
	firstID := func(s Section) int {
		for _, id := range s.Samples {
			if id >= 0 {
				return id
			}
		}
		return math.MaxInt
	}
	idx := make([]int, len(secs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx[1:], func(a, c int) bool { return firstID(secs[idx[1+a]]) < firstID(secs[idx[1+c]]) })
	// Parents first: emit, in that order, every section whose parent is out.
	done := make([]bool, len(secs))
	order := make([]int, 0, len(secs))
	for len(order) < len(secs) {
		for _, i := range idx {
			if !done[i] && (secs[i].Parent < 0 || done[secs[i].Parent]) {
				done[i] = true
				order = append(order, i)
			}
		}
	}
	newIndex := make([]int, len(secs))
	for k, i := range order {
		newIndex[i] = k
	}
	count := map[int]int{}
	out := make([]Section, len(secs))
	for k, i := range order {
		s := secs[i]
		if s.Parent >= 0 {
			s.Parent = newIndex[s.Parent]
		}
		s.Name = fmt.Sprintf("%s_%d", TypeName(s.Type), count[s.Type])
		count[s.Type]++
		out[k] = s
	}
	b.m.Sections = out
}

type pending struct {
	sample, parent int
	x              float64
}

type builder struct {
	s        []Sample
	byID     map[int]int
	children [][]int
	m        Morphology
	count    map[int]int
	somaAt   map[int]float64 // soma sample index -> arc position on the soma
	todo     []pending
}

func (b *builder) name(t int) string {
	k := b.count[t]
	b.count[t]++
	return fmt.Sprintf("%s_%d", TypeName(t), k)
}

func (b *builder) point(i int) Point {
	s := b.s[i]
	return P(s.X, s.Y, s.Z, 2*s.Radius)
}

// soma forms the soma section from the type-1 samples connected to the
// root, with NEURON's Import3d rules, and queues the sections that hang
// from it.
func (b *builder) soma(root int) error {
	var somaKids []int
	for _, c := range b.children[root] {
		if b.s[c].Type == Soma {
			somaKids = append(somaKids, c)
		}
	}
	r := b.s[root]
	sec := Section{Name: b.name(Soma), Type: Soma, Parent: -1}
	// sphere is NEURON's sphere_rep: a single-point soma becomes a cylinder
	// along x with L = diam = 2r centred on the point.
	sphere := func() {
		d := 2 * r.Radius
		sec.Points = []Point{P(r.X-r.Radius, r.Y, r.Z, d), P(r.X, r.Y, r.Z, d), P(r.X+r.Radius, r.Y, r.Z, d)}
		sec.Samples = []int{-1, r.ID, -1}
	}
	// wired children hang at soma(0.5) and begin with their own first
	// sample (Import3d's "wire"); a child of a single sample begins at the
	// soma point with its own diameter.
	var path []int
	switch {
	case len(somaKids) == 0:
		sphere()
		b.m.Sections = append(b.m.Sections, sec)
		for _, c := range b.children[root] {
			b.todo = append(b.todo, pending{c, 0, 0.5})
		}
		return nil
	case len(somaKids) == 2 && b.threePoint(root, somaKids):
		sphere()
		b.m.Sections = append(b.m.Sections, sec)
		for _, c := range b.children[root] {
			if b.s[c].Type != Soma {
				b.todo = append(b.todo, pending{c, 0, 0.5})
			}
		}
		return nil
	case len(somaKids) == 1:
		for i := somaKids[0]; ; {
			path = append(path, i)
			var next []int
			for _, c := range b.children[i] {
				if b.s[c].Type == Soma {
					next = append(next, c)
				}
			}
			if len(next) == 0 {
				break
			}
			if len(next) > 1 {
				return fmt.Errorf("morph: SWC sample %d (line %d): the soma branches (soma samples %d and %d both hang from it); golgi supports a single-point, a three-point (NeuroMorpho) or an unbranched traced soma", b.s[i].ID, b.s[i].Line, b.s[next[0]].ID, b.s[next[1]].ID)
			}
			i = next[0]
		}
		path = append([]int{root}, path...)
	default:
		return fmt.Errorf("morph: SWC sample %d (line %d): %d soma samples hang from the root and they are not a NeuroMorpho three-point soma (two leaves of the root's radius at a total distance of one diameter): golgi supports a single-point, a three-point or an unbranched traced soma starting at the root", r.ID, r.Line, len(somaKids))
	}
	first, last := b.s[path[0]], b.s[path[len(path)-1]]
	if len(path) > 3 && pmath.Hypot(pmath.Hypot(first.X-last.X, first.Y-last.Y), first.Z-last.Z) < 1e-3*first.Radius {
		return fmt.Errorf("morph: SWC samples %d..%d: the soma is a closed contour; golgi supports a single-point, a three-point or an unbranched traced soma, not outlines", first.ID, last.ID)
	}
	for _, i := range path {
		sec.Points = append(sec.Points, b.point(i))
		sec.Samples = append(sec.Samples, b.s[i].ID)
	}
	if L := Arc(sec.Points)[len(path)-1]; !(L > 0) {
		return fmt.Errorf("morph: SWC samples %d..%d: the soma has zero length (all its samples at one place)", first.ID, last.ID)
	}
	b.m.Sections = append(b.m.Sections, sec)
	// Import3d's rules for the children of a traced soma: at its first
	// sample, x = 0 with a copy of that sample (the child's diameter); at
	// an interior sample, x = 0.5 by a wire (the child begins with its own
	// sample, wherever the sample is along the soma); at its last sample,
	// x = 1 with a copy of that sample (the child's diameter).
	for k, i := range path {
		for _, c := range b.children[i] {
			if b.s[c].Type == Soma {
				continue
			}
			switch k {
			case 0:
				b.todo = append(b.todo, pending{c, 0, 0})
			case len(path) - 1:
				b.todo = append(b.todo, pending{c, 0, 1})
			default:
				b.todo = append(b.todo, pending{c, 0, 0.5})
			}
		}
	}
	return nil
}

// threePoint reports NeuroMorpho's three-point soma as NEURON's Import3d
// recognises it: the root's two soma children have no children, the
// root's diameter, and lie one diameter apart in total (within 1 %).
func (b *builder) threePoint(root int, kids []int) bool {
	r := b.s[root]
	// Import3d looks at the second and third samples in id order: they must
	// be the root's soma children, and the root the first sample.
	ids := make([]int, 0, len(b.s))
	for _, s := range b.s {
		ids = append(ids, s.ID)
	}
	sort.Ints(ids)
	if len(ids) < 3 || ids[0] != r.ID || !((b.s[kids[0]].ID == ids[1] && b.s[kids[1]].ID == ids[2]) || (b.s[kids[0]].ID == ids[2] && b.s[kids[1]].ID == ids[1])) {
		return false
	}
	length := 0.0
	for _, k := range kids {
		s := b.s[k]
		if len(b.children[k]) > 0 || s.Radius != r.Radius {
			return false
		}
		length += math.Sqrt(float64((s.X-r.X)*(s.X-r.X)) + float64((s.Y-r.Y)*(s.Y-r.Y)) + float64((s.Z-r.Z)*(s.Z-r.Z)))
	}
	return math.Abs(length/(2*r.Radius)-1) < 0.01
}

// section forms the section that starts at sample i, attached to section
// parent at x, and queues its children.
func (b *builder) section(i, parent int, x float64) {
	t := b.s[i].Type
	sec := Section{Name: b.name(t), Type: t, Parent: parent, ParentX: x}
	if parent >= 0 {
		pp := b.point(b.byID[b.s[i].Parent])
		switch {
		case b.m.Sections[parent].Type != Soma:
			// A branch begins with a copy of its parent sample.
			sec.Points = append(sec.Points, pp)
			sec.Samples = append(sec.Samples, -1)
		case x != 0.5 || b.lone(i):
			// At an end of a traced soma, or a one-sample child of a
			// point soma: the soma sample with the child's diameter.
			pp.Diam = b.point(i).Diam
			sec.Points = append(sec.Points, pp)
			sec.Samples = append(sec.Samples, -1)
		}
	}
	var rootKids []int // a non-soma root's other children hang at its 0 end
	for first := parent < 0; ; first = false {
		sec.Points = append(sec.Points, b.point(i))
		sec.Samples = append(sec.Samples, b.s[i].ID)
		k := b.children[i]
		if len(k) == 1 && b.s[k[0]].Type == t {
			i = k[0]
			continue
		}
		if first && len(k) > 1 && b.s[k[0]].Type == t {
			// Import3d: the root section runs on into the root's first
			// child (lowest id) even at a branch.
			rootKids = k[1:]
			i = k[0]
			continue
		}
		break
	}
	if len(sec.Points) == 1 {
		// A lone root sample: NEURON's sphere_rep, a cylinder along x
		// with L = diam = 2r.
		s := b.s[i]
		d := 2 * s.Radius
		sec.Points = []Point{P(s.X-s.Radius, s.Y, s.Z, d), P(s.X, s.Y, s.Z, d), P(s.X+s.Radius, s.Y, s.Z, d)}
		sec.Samples = []int{-1, s.ID, -1}
	}
	b.m.Sections = append(b.m.Sections, sec)
	me := len(b.m.Sections) - 1
	for _, c := range rootKids {
		b.todo = append(b.todo, pending{c, me, 0})
	}
	for _, c := range b.children[i] {
		b.todo = append(b.todo, pending{c, me, 1})
	}
}

// lone reports whether the section starting at sample i has one sample
// only (i has no child of its type that continues it).
func (b *builder) lone(i int) bool {
	k := b.children[i]
	return !(len(k) == 1 && b.s[k[0]].Type == b.s[i].Type)
}
