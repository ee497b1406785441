package netpyne

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/morph"
)

// DLambda returns a copy of the description with every section's nseg set
// by NEURON's d_lambda rule (fixnseg.hoc's geom_nseg: the smallest odd
// nseg whose segments are at most d_lambda of the section's AC length
// constant at the rule's frequency), from its pt3d points or its L and
// diam, Ra and cm (NEURON's defaults for zero fields).
func (p CellParams) DLambda(r morph.DLambda) (CellParams, error) {
	if err := r.Validate(); err != nil {
		return p, err
	}
	out := p
	out.Secs = make(map[string]SecParams, len(p.Secs))
	for name, s := range p.Secs {
		g := s.Geom
		ra, cm := orDefault(g.Ra, DefaultRa), orDefault(g.Cm, DefaultCm)
		var L, lam float64
		if len(g.Pt3d) >= 2 {
			pts := make([]morph.Point, len(g.Pt3d))
			for i, q := range g.Pt3d {
				pts[i] = morph.P(q[0], q[1], q[2], q[3])
			}
			arc := morph.Arc(pts)
			L, lam = arc[len(arc)-1], morph.LambdaF(pts, r.Freq, ra, cm)
		} else {
			L = orDefault(g.L, DefaultL)
			lam = morph.LambdaFCylinder(orDefault(g.Diam, DefaultDiam), r.Freq, ra, cm)
		}
		if !(L > 0) || !(lam > 0) {
			return p, fmt.Errorf("netpyne: section %q: d_lambda rule: length %v µm, λ %v µm: need a positive geometry", name, L, lam)
		}
		s.Geom.Nseg = r.Nseg(L, lam)
		out.Secs[name] = s
	}
	return out, nil
}
