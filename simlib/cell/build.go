package cell

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"

	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// checkOptions validates the settings.
func checkOptions(o Options, l *errs) {
	if !finite(o.DT) || o.DT <= 0 || o.DT > MaxDT {
		l.add("options", "DT", o.DT, fmt.Sprintf("the step (ms) must be in (0, %v]; NEURON's default is 0.025", MaxDT))
	}
	if o.SecondOrder != 0 && o.SecondOrder != 2 {
		l.add("options", "SecondOrder", o.SecondOrder, "must be 0 (backward Euler) or 2 (Crank-Nicolson)")
	}
	if !finite(o.Celsius) || o.Celsius < -273.15 {
		l.add("options", "Celsius", o.Celsius, "temperature (°C) must be finite and >= -273.15")
	}
	if !finite(o.VInit) {
		l.add("options", "VInit", o.VInit, "initial potential (mV) must be finite")
	}
}

func mechObj(sec string, m mech.Density) string {
	return fmt.Sprintf("section %q mechanism %q", sec, m.Name())
}

func pointObj(label string, m mech.Point) string {
	if m == nil {
		return fmt.Sprintf("point %q", label)
	}
	return fmt.Sprintf("point %q (%s)", label, m.Name())
}

// wrap turns a mechanism's error into an *Error of object obj.
func wrap(obj string, err error) error {
	var pe *mech.ParamError
	if errors.As(err, &pe) {
		return &Error{Object: obj, Field: pe.Field, Value: fmt.Sprint(pe.Value) + pe.Unit, Allowed: pe.Allowed}
	}
	return &Error{Object: obj, Allowed: err.Error()}
}

// sameTopology reports the first structural difference between two cells.
func sameTopology(a, b Cell) string {
	if len(a.Sections) != len(b.Sections) {
		return fmt.Sprintf("%d sections, not %d", len(b.Sections), len(a.Sections))
	}
	for i := range a.Sections {
		s, t := a.Sections[i], b.Sections[i]
		if s.Name != t.Name || s.Parent != t.Parent || s.ParentX != t.ParentX || s.ChildX != t.ChildX || s.Nseg != t.Nseg {
			return fmt.Sprintf("section #%d is %q (parent %q at %v, nseg %d), not %q (parent %q at %v, nseg %d)",
				i, t.Name, t.Parent, t.ParentX, t.Nseg, s.Name, s.Parent, s.ParentX, s.Nseg)
		}
		if len(s.Mechs) != len(t.Mechs) {
			return fmt.Sprintf("section %q has %d mechanisms, not %d", s.Name, len(t.Mechs), len(s.Mechs))
		}
		for j := range s.Mechs {
			if s.Mechs[j] == nil || t.Mechs[j] == nil || reflect.TypeOf(s.Mechs[j]) != reflect.TypeOf(t.Mechs[j]) {
				return fmt.Sprintf("section %q mechanism #%d differs in type", s.Name, j)
			}
		}
	}
	if len(a.Points) != len(b.Points) {
		return fmt.Sprintf("%d point processes, not %d", len(b.Points), len(a.Points))
	}
	for i := range a.Points {
		p, q := a.Points[i], b.Points[i]
		if p.Label != q.Label || p.Section != q.Section || p.X != q.X || p.Mech == nil || q.Mech == nil || reflect.TypeOf(p.Mech) != reflect.TypeOf(q.Mech) {
			return fmt.Sprintf("point process #%d differs in label, location or type", i)
		}
	}
	if (a.Detector == nil) != (b.Detector == nil) || (a.Detector != nil && (a.Detector.Section != b.Detector.Section || a.Detector.X != b.Detector.X)) {
		return "the detector differs in location"
	}
	return ""
}

func newGroup(cells []Cell, o Options) (*Group, error) {
	var l errs
	checkOptions(o, &l)
	if len(cells) == 0 {
		l.add("group", "cells", 0, "needs at least one cell")
		return nil, l.err()
	}
	c0 := cells[0]
	m := newMorphology(c0.Sections, &l)
	for k := 1; k < len(cells); k++ {
		if d := sameTopology(c0, cells[k]); d != "" {
			l.add("cell "+strconv.Itoa(k), "topology", d, "every cell of a group must have the first cell's topology")
		}
	}
	if len(l) == 0 && int64(len(cells))*int64(m.nn) > math.MaxInt32 {
		l.add("group", "cells × nodes", fmt.Sprintf("%d × %d", len(cells), m.nn),
			fmt.Sprintf("at most %d nodes in one group: use fewer cells per group", math.MaxInt32))
	}
	if len(l) > 0 {
		return nil, l.err()
	}
	env := mech.Env{DT: o.DT, Celsius: o.Celsius, SecondOrder: o.SecondOrder}
	n, nn := len(cells), m.nn
	g := &Group{opt: o, n: n, nn: nn, morph: m, parent: m.parent}
	N := n * nn
	g.v, g.rhs, g.d = make([]float64, N), make([]float64, N), make([]float64, N)
	g.a, g.b, g.cm, g.area = make([]float64, N), make([]float64, N), make([]float64, N), make([]float64, N)
	for k, c := range cells {
		mk := m
		if k > 0 {
			var lk errs
			mk = newMorphology(c.Sections, &lk) // geometry may differ
			for _, e := range lk {
				l = append(l, fmt.Errorf("cell %d: %w", k, e))
			}
			if mk == nil {
				continue
			}
		}
		copy(g.a[k*nn:], mk.a)
		copy(g.b[k*nn:], mk.b)
		copy(g.cm[k*nn:], mk.cm)
		copy(g.area[k*nn:], mk.area)
	}

	// density mechanisms: one set per name, in order of first appearance
	type dset struct {
		name   string
		typ    reflect.Type
		params []mech.Density
		nodes  []int32 // within cell 0
		ions   []string
	}
	var dsets []*dset
	dByName := map[string]*dset{}
	ionsUsed := map[string]bool{}
	for _, i := range m.order {
		s := c0.Sections[i]
		seen := map[string]bool{}
		for _, dm := range s.Mechs {
			if dm == nil {
				l.add(fmt.Sprintf("section %q", s.Name), "Mechs", "nil", "a mechanism must not be nil")
				continue
			}
			name := dm.Name()
			if seen[name] {
				l.add(mechObj(s.Name, dm), "Mechs", name, "a mechanism can be inserted once per section")
				continue
			}
			seen[name] = true
			ds := dByName[name]
			if ds == nil {
				ds = &dset{name: name, typ: reflect.TypeOf(dm)}
				if iu, ok := dm.(mech.IonUser); ok {
					ds.ions = iu.Ions()
				}
				dByName[name] = ds
				dsets = append(dsets, ds)
			} else if ds.typ != reflect.TypeOf(dm) {
				l.add(mechObj(s.Name, dm), "Mechs", ds.typ.String()+" and "+reflect.TypeOf(dm).String(), "two mechanism types have the same name")
				continue
			}
			for _, ion := range ds.ions {
				ionsUsed[ion] = true
			}
			sn := m.secs[i]
			for j := 0; j < sn.nseg; j++ {
				ds.nodes = append(ds.nodes, int32(sn.first+j))
			}
		}
	}
	// parameters of every cell, validated
	for _, ds := range dsets {
		ds.params = make([]mech.Density, 0, n*len(ds.nodes))
	}
	for k, c := range cells {
		for _, i := range m.order {
			s := c.Sections[i]
			for _, dm := range s.Mechs {
				if dm == nil {
					continue
				}
				ds := dByName[dm.Name()]
				if ds == nil || ds.typ != reflect.TypeOf(dm) {
					continue
				}
				obj := mechObj(s.Name, dm)
				if n > 1 {
					obj = fmt.Sprintf("cell %d %s", k, obj)
				}
				if err := dm.Validate(env); err != nil {
					l = append(l, wrap(obj, err))
				}
				for j := 0; j < s.Nseg; j++ {
					p := dm
					if s.Vary != nil {
						x := m.info[m.secs[i].first+j].X
						p = s.Vary(j, x, dm)
						if p == nil || reflect.TypeOf(p) != ds.typ {
							l.add(obj, "Vary", fmt.Sprintf("segment %d (x = %g) -> %T", j, x, p), "Vary must return a parameter set of the mechanism's own type")
							p = dm
						} else {
							if err := p.Validate(env); err != nil {
								l = append(l, wrap(fmt.Sprintf("%s segment %d (x = %g)", obj, j, x), err))
							}
						}
					}
					ds.params = append(ds.params, p)
				}
			}
		}
	}
	// point processes
	type pset struct {
		index  int // in psets, as in Group.points
		name   string
		typ    reflect.Type
		params []mech.Point
		nodes  []int32
		ions   []string
	}
	var psets []*pset
	pByName := map[string]*pset{}
	labels := map[string]bool{}
	for pi, p := range c0.Points {
		label := c0.pointLabel(pi)
		if p.Mech == nil {
			l.add(pointObj(label, nil), "Mech", "nil", "a point process needs a mechanism (ExpSyn, Exp2Syn, IClamp, ...)")
			continue
		}
		obj := pointObj(label, p.Mech)
		if labels[label] {
			l.add(obj, "Label", strconv.Quote(label), "labels must be unique within a cell")
			continue
		}
		labels[label] = true
		nd, err := m.node(p.Section, p.X)
		if err != nil {
			var e *Error
			if errors.As(err, &e) {
				e.Object = obj
			}
			l = append(l, err)
			continue
		}
		name := p.Mech.Name()
		ps := pByName[name]
		if ps == nil {
			ps = &pset{name: name, typ: reflect.TypeOf(p.Mech), index: len(psets)}
			if iu, ok := p.Mech.(mech.IonUser); ok {
				ps.ions = iu.Ions()
			}
			pByName[name] = ps
			psets = append(psets, ps)
		} else if ps.typ != reflect.TypeOf(p.Mech) {
			l.add(obj, "Mech", ps.typ.String()+" and "+reflect.TypeOf(p.Mech).String(), "two point process types have the same name")
			continue
		}
		for _, ion := range ps.ions {
			ionsUsed[ion] = true
		}
		g.pts = append(g.pts, pointRef{label: label, set: ps.index, loc: len(ps.nodes)})
		ps.nodes = append(ps.nodes, int32(nd))
	}
	if len(l) > 0 {
		return nil, l.err()
	}
	for k, c := range cells {
		for pi, p := range c.Points {
			if err := p.Mech.Validate(env); err != nil {
				obj := pointObj(c.pointLabel(pi), p.Mech)
				if n > 1 {
					obj = fmt.Sprintf("cell %d %s", k, obj)
				}
				l = append(l, wrap(obj, err))
			}
			pByName[p.Mech.Name()].params = append(pByName[p.Mech.Name()].params, p.Mech)
		}
	}
	// ions: per node, the owning section's E or the default
	g.ions = map[string]*mech.Ion{}
	for ion := range ionsUsed {
		io := &mech.Ion{Name: ion, E: make([]float64, N), I: make([]float64, N), DIDV: make([]float64, N),
			Ci: make([]float64, N), Co: make([]float64, N)}
		conc := DefaultConc[ion]
		for i := range io.Ci {
			io.Ci[i], io.Co[i] = conc[0], conc[1]
		}
		g.ions[ion] = io
		for k, c := range cells {
			for nd := 0; nd < nn; nd++ {
				si := m.byName[m.info[nd].Section]
				e, ok := c.Sections[si].E[ion]
				if !ok {
					e, ok = DefaultE[ion]
				}
				if !ok {
					l.add(fmt.Sprintf("section %q", c.Sections[si].Name), "E", ion, "ion "+strconv.Quote(ion)+" has no default reversal potential: set Section.E["+strconv.Quote(ion)+"]")
					break
				}
				if !finite(e) {
					l.add(fmt.Sprintf("section %q", c.Sections[si].Name), "E["+strconv.Quote(ion)+"]", e, "a reversal potential (mV) must be finite")
					break
				}
				io.E[k*nn+nd] = e
			}
		}
	}
	for _, io := range g.ions {
		g.ionList = append(g.ionList, io)
	}
	sort.Slice(g.ionList, func(i, j int) bool { return g.ionList[i].Name < g.ionList[j].Name })
	// initial potential per node: the owning section's V0 or Options.VInit
	g.v0 = make([]float64, N)
	for k, c := range cells {
		for nd := 0; nd < nn; nd++ {
			si := m.byName[m.info[nd].Section]
			v0 := o.VInit
			if p := c.Sections[si].V0; p != nil {
				v0 = *p
				if !finite(v0) {
					l.add(fmt.Sprintf("section %q", c.Sections[si].Name), "V0", v0, "the initial potential (mV) must be finite")
				}
			}
			g.v0[k*nn+nd] = v0
		}
	}
	if c0.Detector != nil {
		nd, err := m.node(c0.Detector.Section, c0.Detector.X)
		if err != nil {
			var e *Error
			if errors.As(err, &e) {
				e.Object = "detector"
			}
			l = append(l, err)
		}
		g.detNode = nd
		g.detTh = make([]float64, n)
		for k, c := range cells {
			th := c.Detector.Threshold
			if !finite(th) {
				l.add("detector", "Threshold", th, "must be finite (mV)")
			}
			g.detTh[k] = th
		}
		g.detFlag = make([]bool, n)
	}
	if len(l) > 0 {
		return nil, l.err()
	}
	// instances
	ctx := func(nodes []int32) mech.Context {
		c := mech.Context{Env: env, Cells: n, PerCell: len(nodes), Ions: g.ions}
		c.Node = make([]int32, 0, n*len(nodes))
		c.Area = make([]float64, 0, n*len(nodes))
		for k := 0; k < n; k++ {
			for _, nd := range nodes {
				c.Node = append(c.Node, int32(k*nn)+nd)
				c.Area = append(c.Area, g.area[k*nn+int(nd)])
			}
		}
		return c
	}
	for _, ds := range dsets {
		c := ctx(ds.nodes)
		inst := ds.params[0].New(ds.params, c)
		g.dens = append(g.dens, mechSet{name: ds.name, inst: inst, perCell: len(ds.nodes), node: ds.nodes})
	}
	for _, ps := range psets {
		c := ctx(ps.nodes)
		inst := ps.params[0].New(ps.params, c)
		r, _ := inst.(mech.Receiver)
		g.points = append(g.points, mechSet{name: ps.name, inst: inst, recv: r, perCell: len(ps.nodes), node: ps.nodes})
	}
	g.init()
	return g, nil
}
