package netpyne

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// Cell converts the description to a cell.Cell: sections in Order (or by
// name), mechanisms built through r, reversal potentials from Ions, and a
// spike detector at the section with SpikeGenLoc (else "soma", else the
// root) at 0.5 with the sections' threshold (else DefaultThreshold).
// Every problem found is returned together, each naming the section and
// the key.
func (p CellParams) Cell(r Registry) (cell.Cell, error) {
	var c cell.Cell
	var errs []error
	bad := func(sec, format string, a ...any) {
		errs = append(errs, fmt.Errorf("netpyne: section %q: %s", sec, fmt.Sprintf(format, a...)))
	}
	order, err := p.order()
	if err != nil {
		return c, err
	}
	var det *cell.Detector
	var threshold *float64
	var thresholdSec string
	for _, name := range order {
		s := p.Secs[name]
		g := s.Geom
		sec := cell.Section{
			Name: name, Parent: s.Topol.ParentSec, ParentX: s.Topol.ParentX,
			L: orDefault(g.L, DefaultL), Diam: orDefault(g.Diam, DefaultDiam),
			Nseg: g.Nseg, Ra: orDefault(g.Ra, DefaultRa), Cm: orDefault(g.Cm, DefaultCm),
		}
		if sec.Nseg == 0 {
			sec.Nseg = 1
		}
		if s.Topol.ParentSec == "" {
			sec.ParentX = 0
		}
		if s.Topol.ChildX != 0 {
			bad(name, "topol childX = %v: golgi attaches a child by its 0 end (childX 0) only", s.Topol.ChildX)
		}
		switch len(g.Pt3d) {
		case 0:
		case 1:
			bad(name, "geom pt3d has 1 point: NEURON needs at least 2 to define a shape (give L and diam instead)")
		default:
			for i, q := range g.Pt3d {
				for k, x := range q {
					if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e15 {
						bad(name, "geom pt3d[%d][%d] = %v: coordinates and diameters must be finite (µm)", i, k, x)
					}
				}
				sec.Pt3D = append(sec.Pt3D, cell.Pt3D{X: q[0], Y: q[1], Z: q[2], Diam: q[3]})
			}
		}
		names := map[string]bool{}
		for k := range s.Mechs {
			names[k] = true
		}
		for k := range s.SegMechs {
			names[k] = true
		}
		perSeg := map[string][]mech.Density{}
		for _, mname := range sortedKeys(names) {
			d, err := r.New(mname, s.Mechs[mname])
			if err != nil {
				bad(name, "mechs: %v", err)
				continue
			}
			sec.Mechs = append(sec.Mechs, d)
			lists := s.SegMechs[mname]
			if len(lists) == 0 {
				continue
			}
			segs := make([]mech.Density, sec.Nseg)
			for k := range segs {
				params := map[string]float64{}
				for pk, pv := range s.Mechs[mname] {
					params[pk] = pv
				}
				for pk, list := range lists {
					if len(list) != sec.Nseg {
						err = fmt.Errorf("mechs %q %s: %d per-segment values for nseg = %d", mname, pk, len(list), sec.Nseg)
						break
					}
					params[pk] = list[k]
				}
				if err != nil {
					break
				}
				if segs[k], err = r.New(mname, params); err != nil {
					break
				}
			}
			if err != nil {
				bad(name, "%v", err)
				continue
			}
			perSeg[d.Name()] = segs
		}
		if len(perSeg) > 0 {
			sec.Vary = func(seg int, x float64, m mech.Density) mech.Density {
				if ps, ok := perSeg[m.Name()]; ok {
					return ps[seg]
				}
				return m
			}
		}
		if len(s.Ions) > 0 {
			sec.E = map[string]float64{}
			for ion, v := range s.Ions {
				if math.IsNaN(v.E) || math.IsInf(v.E, 0) {
					bad(name, "ions %q e = %v mV: must be finite", ion, v.E)
				}
				sec.E[ion] = v.E
			}
		}
		if s.Threshold != nil {
			if threshold != nil && *threshold != *s.Threshold {
				bad(name, "threshold = %v mV differs from section %q's %v mV: a cell has one spike detector", *s.Threshold, thresholdSec, *threshold)
			}
			threshold, thresholdSec = s.Threshold, name
		}
		if s.SpikeGenLoc != nil {
			if det != nil {
				bad(name, "spikeGenLoc set here and on section %q: a cell has one spike detector", det.Section)
			}
			det = &cell.Detector{Section: name, X: *s.SpikeGenLoc}
		}
		c.Sections = append(c.Sections, sec)
	}
	if _, err := p.VInit(); err != nil {
		errs = append(errs, err)
	}
	if det == nil {
		where := ""
		if _, ok := p.Secs["soma"]; ok {
			where = "soma"
		} else {
			for _, name := range order {
				if p.Secs[name].Topol.ParentSec == "" {
					where = name
					break
				}
			}
		}
		if where != "" {
			det = &cell.Detector{Section: where, X: 0.5}
		}
	}
	if det != nil {
		det.Threshold = DefaultThreshold
		if threshold != nil {
			det.Threshold = *threshold
		}
		c.Detector = det
	}
	if len(errs) > 0 {
		return c, errors.Join(errs...)
	}
	return c, nil
}

// VInit returns the sections' common vinit (mV) and ok = false when no
// section sets one (use cell.Options' VInit then).
func (p CellParams) VInit() (v float64, err error) {
	v = math.NaN()
	from := ""
	order, err := p.order()
	if err != nil {
		return v, err
	}
	for _, name := range order {
		s := p.Secs[name]
		if s.Vinit == nil {
			continue
		}
		if from != "" && *s.Vinit != v {
			return math.NaN(), fmt.Errorf("netpyne: section %q: vinit = %v mV differs from section %q's %v mV: golgi initialises a cell to one potential", name, *s.Vinit, from, v)
		}
		v, from = *s.Vinit, name
	}
	return v, nil
}

// Options returns base with VInit set from the sections' vinit, if any.
func (p CellParams) Options(base cell.Options) (cell.Options, error) {
	v, err := p.VInit()
	if err != nil {
		return base, err
	}
	if !math.IsNaN(v) {
		base.VInit = v
	}
	return base, nil
}

func (p CellParams) order() ([]string, error) {
	if len(p.Secs) == 0 {
		return nil, fmt.Errorf("netpyne: the cell has no sections (secs is empty)")
	}
	if p.Order == nil {
		return sortedKeys(p.Secs), nil
	}
	seen := map[string]bool{}
	for _, n := range p.Order {
		if _, ok := p.Secs[n]; !ok {
			return nil, fmt.Errorf("netpyne: Order names section %q, which is not in Secs", n)
		}
		if seen[n] {
			return nil, fmt.Errorf("netpyne: Order names section %q twice", n)
		}
		seen[n] = true
	}
	if len(seen) != len(p.Secs) {
		for _, n := range sortedKeys(p.Secs) {
			if !seen[n] {
				return nil, fmt.Errorf("netpyne: section %q is missing from Order", n)
			}
		}
	}
	return p.Order, nil
}

func orDefault(v, d float64) float64 {
	if v == 0 {
		return d
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// mechanism types are plain values; make sure the defaults satisfy the
// interface at compile time.
var _ = []mech.Density{mech.Pas{}, mech.HH{}, mech.HD{}}
