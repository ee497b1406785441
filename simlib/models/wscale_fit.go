package models

import (
	"fmt"
	"math"
	"sort"
)

// WscaleWeight is the weight that gives a section its target EPSP, by
// linear interpolation of the grid (Wscale's weight scaling: the synaptic
// weight that normalises the somatic EPSP from each location).
type WscaleWeight struct {
	Sec    string
	Weight float64 // µS; NaN when the target is not bracketed
	// Reason says why Weight is NaN ("" otherwise).
	Reason string
}

// WscaleWeights interpolates, for every section of the results, the weight
// whose EPSP equals the section's target: linearly between the two
// neighbouring grid weights whose EPSPs bracket it, the origin (no weight,
// no EPSP) counting as a grid point, and only over points without a
// spike (an action potential is not an EPSP). Sections come in the order
// of w.Sections.
func (w Wscale) WscaleWeights(r WscaleResults) ([]WscaleWeight, error) {
	if err := w.validate(); err != nil {
		return nil, err
	}
	type pt struct{ w, e float64 }
	bySec := map[string][]pt{}
	for _, x := range r.Results {
		if x.PT5B > 0 {
			continue // spiked
		}
		bySec[x.Sec] = append(bySec[x.Sec], pt{x.Weight, x.EPSP})
	}
	var out []WscaleWeight
	for _, sec := range w.Sections {
		target := w.Target[sec]
		pts := append([]pt{{0, 0}}, bySec[sec]...)
		sort.Slice(pts, func(a, b int) bool { return pts[a].w < pts[b].w })
		res := WscaleWeight{Sec: sec, Weight: math.NaN()}
		for i := 1; i < len(pts); i++ {
			a, b := pts[i-1], pts[i]
			if a.e <= target && target <= b.e && b.e > a.e {
				res.Weight = a.w + (target-a.e)*(b.w-a.w)/(b.e-a.e)
				break
			}
		}
		if math.IsNaN(res.Weight) {
			max := pts[len(pts)-1]
			res.Reason = fmt.Sprintf("the target %g mV is not between two sub-threshold EPSPs of the grid (largest %.4g mV at %g µS)", target, max.e, max.w)
			if len(pts) == 1 {
				res.Reason = fmt.Sprintf("no sub-threshold point for section %q", sec)
			}
		}
		out = append(out, res)
	}
	return out, nil
}
