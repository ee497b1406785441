package cell

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

func (g *Group) stepState(t float64) mech.Step {
	return mech.Step{V: g.v, RHS: g.rhs, D: g.d, T: t, DT: g.opt.DT}
}

// init is NEURON's finitialize for every cell: v = v_init (or the
// section's V0) at every node,
// then every mechanism's INITIAL block, detectors re-armed from v.
func (g *Group) init() {
	copy(g.v, g.v0)
	s := g.stepState(0)
	for _, ms := range g.dens {
		ms.inst.Init(s, 0, g.n*ms.perCell)
	}
	for _, ms := range g.points {
		ms.inst.Init(s, 0, g.n*ms.perCell)
	}
	// as finitialize, compute the currents once at t = 0 so that assigned
	// variables (ina, a synapse's i, ...) are right at t = 0
	g.currents(0, g.n, 0)
	// NEURON's PreSyn starts with its flag false: a detector already above
	// threshold fires at t = 0 when Spikes is called after Init
	clear(g.detFlag)
}

// currents clears rhs, d and the ion currents of cells [lo, hi) and has
// every mechanism add its current at time t (nrn_rhs without the axial
// part).
func (g *Group) currents(lo, hi int, t float64) {
	n0, n1 := lo*g.nn, hi*g.nn
	clear(g.rhs[n0:n1])
	clear(g.d[n0:n1])
	for _, io := range g.ionList {
		clear(io.I[n0:n1])
		clear(io.DIDV[n0:n1])
	}
	s := g.stepState(t)
	for _, ms := range g.dens {
		ms.inst.Current(s, lo*ms.perCell, hi*ms.perCell)
	}
	for _, ms := range g.points {
		ms.inst.Current(s, lo*ms.perCell, hi*ms.perCell)
	}
}

// step is nrn_fixed_step for cells [lo, hi) from time t.
func (g *Group) step(lo, hi int, t float64) {
	nn := g.nn
	n0, n1 := lo*nn, hi*nn
	v, rhs, d := g.v[n0:n1], g.rhs[n0:n1], g.d[n0:n1]
	// currents at v(t), time t + dt/2 (nrn_rhs: mechanisms, then axial)
	g.currents(lo, hi, t+0.5*g.opt.DT)
	s := g.stepState(t + g.opt.DT)
	a, b, cm := g.a[n0:n1], g.b[n0:n1], g.cm[n0:n1]
	par := g.parent
	// NEURON's cj: 1/dt (backward Euler) or 2/dt (Crank-Nicolson); cm in µF/cm²
	cj := 1 / g.opt.DT
	if g.opt.SecondOrder == 2 {
		cj = 2 / g.opt.DT
	}
	cfac := 0.001 * cj
	for k := 0; k < hi-lo; k++ {
		o := k * nn
		vk, rk, dk := v[o:o+nn], rhs[o:o+nn], d[o:o+nn]
		ak, bk, ck := a[o:o+nn], b[o:o+nn], cm[o:o+nn]
		for i := 1; i < nn; i++ {
			p := par[i]
			dv := vk[p] - vk[i]
			rk[i] -= bk[i] * dv
			rk[p] += ak[i] * dv
		}
		// nrn_lhs: mechanism conductances are in d; capacitance, then axial
		for i := 0; i < nn; i++ {
			dk[i] += cfac * ck[i]
		}
		for i := 1; i < nn; i++ {
			dk[i] -= bk[i]
			dk[par[i]] -= ak[i]
		}
		// Hines: triangularise from the leaves, back-substitute from the root
		for i := nn - 1; i >= 1; i-- {
			f := ak[i] / dk[i]
			p := par[i]
			dk[p] -= f * bk[i]
			rk[p] -= f * rk[i]
		}
		rk[0] /= dk[0]
		for i := 1; i < nn; i++ {
			rk[i] -= bk[i] * rk[par[i]]
			rk[i] /= dk[i]
		}
		if g.opt.SecondOrder == 2 {
			// NEURON's second_order_cur: ion currents to the middle of the step
			for _, io := range g.ionList {
				ik, dk := io.I[n0+o:n0+o+nn], io.DIDV[n0+o:n0+o+nn]
				for i := range ik {
					ik[i] += dk[i] * rk[i]
				}
			}
			for i := range vk {
				vk[i] += 2 * rk[i]
			}
		} else {
			for i := range vk {
				vk[i] += rk[i]
			}
		}
	}
	// states with the new v, at time t + dt
	for _, ms := range g.dens {
		ms.inst.Advance(s, lo*ms.perCell, hi*ms.perCell)
	}
	for _, ms := range g.points {
		ms.inst.Advance(s, lo*ms.perCell, hi*ms.perCell)
	}
}

func (g *Group) spikes(lo, hi int, dst []int32) []int32 {
	if g.detTh == nil {
		return dst
	}
	for k := lo; k < hi; k++ {
		above := g.v[k*g.nn+g.detNode] > g.detTh[k]
		if above && !g.detFlag[k] {
			dst = append(dst, int32(k))
		}
		g.detFlag[k] = above
	}
	return dst
}

func (g *Group) deliver(k, p int, w, t float64) {
	ref := g.pts[p]
	ms := g.points[ref.set]
	if ms.recv == nil {
		panic(fmt.Sprintf("cell: point process %q (%s) takes no events", ref.label, ms.name))
	}
	ms.recv.Receive(k*ms.perCell+ref.loc, w, t)
}

func (g *Group) pointIndex(label string) (int, error) {
	for i, p := range g.pts {
		if p.label == label {
			return i, nil
		}
	}
	return 0, &Error{Object: "cell", Field: "point", Value: strconv.Quote(label), Allowed: "no point process has that label (have " + strings.Join(g.Points(), ", ") + ")"}
}

func (g *Group) checkCell(k int) error {
	if k < 0 || k >= g.n {
		return &Error{Object: "group", Field: "cell", Value: k, Allowed: fmt.Sprintf("must be in [0, %d)", g.n)}
	}
	return nil
}

func (g *Group) varAt(k int, section string, x float64, name string) (*float64, error) {
	if err := g.checkCell(k); err != nil {
		return nil, err
	}
	if name == "v" {
		nd, err := g.morph.node(section, x)
		if err != nil {
			return nil, err
		}
		return &g.v[k*g.nn+nd], nil
	}
	nd, err := g.morph.segmentNode(section, x)
	if err != nil {
		return nil, err
	}
	for ion, io := range g.ions {
		switch name {
		case "e" + ion:
			return &io.E[k*g.nn+nd], nil
		case "i" + ion:
			return &io.I[k*g.nn+nd], nil
		case ion + "i":
			return &io.Ci[k*g.nn+nd], nil
		case ion + "o":
			return &io.Co[k*g.nn+nd], nil
		}
	}
	base, suffix, ok := strings.Cut(name, "_")
	// a variable name may itself contain '_': the suffix is after the last
	if i := strings.LastIndex(name, "_"); i >= 0 {
		base, suffix, ok = name[:i], name[i+1:], true
	}
	if !ok {
		return nil, &Error{Object: fmt.Sprintf("section %q", section), Field: "variable", Value: strconv.Quote(name), Allowed: `use "v", an ion's "ena"/"ina", or name_suffix such as "m_hh"`}
	}
	for _, ms := range g.dens {
		if ms.name != suffix {
			continue
		}
		for j, mn := range ms.node {
			if int(mn) == nd {
				sl := ms.inst.Var(base)
				if sl == nil {
					return nil, &Error{Object: fmt.Sprintf("mechanism %q", suffix), Field: "variable", Value: strconv.Quote(base), Allowed: "have " + strings.Join(ms.inst.Vars(), ", ")}
				}
				return &sl[k*ms.perCell+j], nil
			}
		}
		return nil, &Error{Object: fmt.Sprintf("section %q", section), Field: "mechanism", Value: strconv.Quote(suffix), Allowed: "not inserted in this section"}
	}
	return nil, &Error{Object: fmt.Sprintf("section %q", section), Field: "mechanism", Value: strconv.Quote(suffix), Allowed: "no mechanism of that name in the cell"}
}

func (g *Group) pointVar(k int, label, name string) (*float64, error) {
	if err := g.checkCell(k); err != nil {
		return nil, err
	}
	p, err := g.pointIndex(label)
	if err != nil {
		return nil, err
	}
	ref := g.pts[p]
	ms := g.points[ref.set]
	sl := ms.inst.Var(name)
	if sl == nil {
		return nil, &Error{Object: pointObj(label, nil), Field: "variable", Value: strconv.Quote(name), Allowed: "have " + strings.Join(ms.inst.Vars(), ", ")}
	}
	return &sl[k*ms.perCell+ref.loc], nil
}
