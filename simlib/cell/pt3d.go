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
		a[i] = a[i-1] + math.Sqrt(float64(dx*dx)+float64(dy*dy)+float64(dz*dz))
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

// Pt3DSegment is the geometry of one segment of a section given by 3-D
// points, as NEURON's nrn_area_ri computes it.
type Pt3DSegment struct {
	Area   float64 // µm², lateral membrane area of the frusta inside the segment
	Diam   float64 // µm, mean diameter over the segment's length
	RLeft  float64 // MΩ, axial resistance of the segment's proximal half (0 end side)
	RRight float64 // MΩ, axial resistance of its distal half
}

// Pt3DSegments integrates the geometry of the nseg equal segments of a
// section with 3-D points pts and axial resistivity ra (Ω·cm), as NEURON's
// nrn_area_ri does with a shape: each segment is cut in two halves and the
// points are walked in order; over each piece between consecutive
// breakpoints (the points, and the half-segment ends, where the diameter is
// interpolated linearly) the membrane area adds the frustum's lateral area
// π(d1+d2)/2·sqrt(Δs² + ((d2-d1)/2)²) (so two points at one position with
// different diameters add the annulus between them) and the axial
// resistance adds 4·Ra·Δs/(π·d1·d2). A point exactly at a half-segment end
// belongs to the half before it; the last point is reached by
// interpolation. Points are taken in single precision, as NEURON stores
// them. pts must be valid (at least 2 points of positive finite diameter,
// not all at one position) and nseg >= 1: the cell's validation checks
// both; package morph checks them for its own callers.
func Pt3DSegments(pts []Pt3D, nseg int, ra float64) []Pt3DSegment {
	arc := arcs(pts)
	npt := len(pts)
	ds := arc[npt-1] / float64(nseg)
	seg := make([]Pt3DSegment, nseg)
	j := 0
	x1, y1 := arc[0], diam32(pts[0])
	for inode := range seg {
		si := float64(float64(inode) * ds)
		var area, diam float64
		for half := 0; half < 2; half++ {
			ri := 0.0
			sip := si + float64(ds/2)
			for {
				jp := j + 1
				xj, xjp := arc[j], arc[jp]
				var x2, y2 float64
				next := jp
				if xjp > sip || jp == npt-1 {
					frac := 1.0
					if math.Abs(xjp-xj) >= 1e-10 {
						frac = (sip - xj) / (xjp - xj)
					}
					x2 = sip
					y2 = float64((1-frac)*diam32(pts[j])) + float64(frac*diam32(pts[jp]))
					next = j
				} else {
					x2, y2 = xjp, diam32(pts[jp])
				}
				delta := x2 - x1
				diam += float64((y2 + y1) * delta)
				if delta < 1e-15 {
					delta = 1e-15
				}
				t := y2 * y1 / delta
				if t == 0 {
					t = 1e-15
				}
				ri += 1 / t
				h := 0.5 * (y2 - y1)
				area += float64((y2 + y1) * math.Sqrt(float64(delta*delta)+float64(h*h)))
				x1, y1 = x2, y2
				if next == j {
					break
				}
				j = next
			}
			r := float64(ri * ra / math.Pi * (4 * 0.01))
			if half == 0 {
				seg[inode].RLeft = r
			} else {
				seg[inode].RRight = r
			}
			si = sip
		}
		seg[inode].Area = area * 0.5 * math.Pi
		seg[inode].Diam = diam * 0.5 / ds
	}
	return seg
}

// pt3dGeometry fills the areas and axial conductances of a section's
// centre nodes from its 3-D points (Pt3DSegments). It returns the
// resistance of the last half segment (MΩ).
func (m *morphology) pt3dGeometry(s Section, sn secNodes) float64 {
	var rright float64
	for inode, g := range Pt3DSegments(s.Pt3D, sn.nseg, s.Ra) {
		nd := sn.first + inode
		m.rinv[nd] = 1 / (rright + g.RLeft)
		m.area[nd] = g.Area
		rright = g.RRight
	}
	return rright
}
