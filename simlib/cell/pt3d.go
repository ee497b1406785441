package cell

import "math"

// checkPt3D validates a section's 3-D points.
func checkPt3D(obj string, pts []Pt3D, l *errs) {
	if len(pts) < 2 {
		l.add(obj, "Pt3D", len(pts), "a section's shape needs at least 2 points (or none: then L and Diam are used)")
		return
	}
	for i, p := range pts {
		if !finite(p.X) || !finite(p.Y) || !finite(p.Z) {
			l.add(obj, "Pt3D["+itoa(i)+"]", p, "coordinates must be finite")
		}
		if !finite(p.Diam) || p.Diam <= 0 {
			l.add(obj, "Pt3D["+itoa(i)+"].Diam", p.Diam, "diameter (µm) must be positive and finite")
		}
	}
	if arcs(pts)[len(pts)-1] <= 0 {
		l.add(obj, "Pt3D", "zero length", "the points must not all coincide")
	}
}

// arcs returns the path length from the first point to each point (µm).
// As NEURON, which stores 3-D points in single precision, the coordinates
// are rounded to float32 and their differences taken in float32.
func arcs(pts []Pt3D) []float64 {
	a := make([]float64, len(pts))
	for i := 1; i < len(pts); i++ {
		dx := float64(float32(pts[i].X) - float32(pts[i-1].X))
		dy := float64(float32(pts[i].Y) - float32(pts[i-1].Y))
		dz := float64(float32(pts[i].Z) - float32(pts[i-1].Z))
		a[i] = a[i-1] + math.Sqrt(dx*dx+dy*dy+dz*dz)
	}
	return a
}

// diam32 is a point's diameter as NEURON stores it (float32).
func diam32(p Pt3D) float64 { return float64(float32(p.Diam)) }

// Pt3DLength is the path length of a section's 3-D points (µm): the L
// NEURON gives a section with a shape.
func Pt3DLength(pts []Pt3D) float64 {
	if len(pts) == 0 {
		return 0
	}
	return arcs(pts)[len(pts)-1]
}

// pt3dGeometry fills the areas and axial conductances of a section's
// centre nodes from its 3-D points, as NEURON does: each segment is cut in
// two halves; over each half, the diameter is the piecewise-linear
// interpolation of the points' diameters, the membrane area the sum of the
// frusta's lateral areas π(d1+d2)/2·sqrt(Δs² + ((d2-d1)/2)²) and the axial
// resistance the sum of 4·Ra·Δs/(π·d1·d2). It returns the resistance of
// the last half segment (MΩ).
func (m *morphology) pt3dGeometry(s Section, sn secNodes) float64 {
	pts := s.Pt3D
	arc := arcs(pts)
	total := arc[len(arc)-1]
	ds := total / float64(sn.nseg)
	diamAt := func(x float64) float64 {
		// piecewise linear in arc length; the last piece extends beyond
		k := 0
		for k < len(arc)-2 && arc[k+1] <= x {
			k++
		}
		span := arc[k+1] - arc[k]
		if span < 1e-10 {
			return diam32(pts[k+1])
		}
		f := (x - arc[k]) / span
		return (1-f)*diam32(pts[k]) + f*diam32(pts[k+1])
	}
	// integrate over [s0, s1]: returns Σ(y1+y2)·slant and Σ Δs/(y1·y2)
	integrate := func(s0, s1 float64) (areaSum, riSum float64) {
		x1, y1 := s0, diamAt(s0)
		step := func(x2, y2 float64) {
			delta := x2 - x1
			if delta < 1e-15 {
				delta = 1e-15
			}
			t := y2 * y1 / delta
			if t == 0 {
				t = 1e-15
			}
			riSum += 1 / t
			h := 0.5 * (y2 - y1)
			areaSum += (y2 + y1) * math.Sqrt(delta*delta+h*h)
			x1, y1 = x2, y2
		}
		for k := range arc {
			if arc[k] > s0 && arc[k] < s1 {
				step(arc[k], diam32(pts[k]))
			}
		}
		step(s1, diamAt(s1))
		return
	}
	var rright float64
	for j := 0; j < sn.nseg; j++ {
		nd := sn.first + j
		s0 := float64(j) * ds
		aL, rL := integrate(s0, s0+ds/2)
		aR, rR := integrate(s0+ds/2, s0+ds)
		rleft := rL * s.Ra / math.Pi * (4 * 0.01)
		m.rinv[nd] = 1 / (rright + rleft)
		m.area[nd] = (aL + aR) * 0.5 * math.Pi
		rright = rR * s.Ra / math.Pi * (4 * 0.01)
	}
	return rright
}
