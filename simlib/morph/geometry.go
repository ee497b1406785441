package morph

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/cell"
)

// Segment is the geometry of one segment of a section with 3-D points, as
// NEURON's nrn_area_ri computes it (Area µm², Diam µm, RLeft and RRight MΩ:
// the axial resistances of its two halves). It is simlib/cell's, so that
// the geometry a morphology shows is the one the cell is simulated with.
type Segment = cell.Pt3DSegment

// SegmentGeometry integrates the geometry of nseg equal segments of a
// section with points p (µm) and axial resistivity ra (Ω·cm).
//
// Each segment is split at its centre; over each half the diameter is the
// piecewise-linear interpolation of the points' diameters along the arc.
// A piece of length Δs between diameters d₁ and d₂ adds the frustum's
// lateral area π/2·(d₁+d₂)·√(Δs² + ((d₂-d₁)/2)²), (d₁+d₂)/2·Δs to the
// diameter integral and 4·ra·Δs/(π·d₁·d₂)·1e-2 MΩ to the half's resistance
// (the resistance of a truncated cone). This is the integration NEURON
// performs for sections with pt3d, so areas and resistances agree with it.
func SegmentGeometry(p []Point, nseg int, ra float64) ([]Segment, error) {
	if len(p) < 2 {
		return nil, fmt.Errorf("morph: SegmentGeometry: %d points: need at least 2", len(p))
	}
	if nseg < 1 {
		return nil, fmt.Errorf("morph: SegmentGeometry: nseg = %d: must be >= 1", nseg)
	}
	if !(ra > 0) || math.IsInf(ra, 0) {
		return nil, fmt.Errorf("morph: SegmentGeometry: Ra = %v Ω·cm: must be finite and > 0", ra)
	}
	pts := make([]cell.Pt3D, len(p))
	for i, q := range p {
		if !(q.Diam > 0) || math.IsInf(q.Diam, 0) {
			return nil, fmt.Errorf("morph: SegmentGeometry: point %d: diam = %v µm: must be finite and > 0", i, q.Diam)
		}
		if math.IsNaN(q.X+q.Y+q.Z) || math.IsInf(q.X+q.Y+q.Z, 0) {
			return nil, fmt.Errorf("morph: SegmentGeometry: point %d: (%v, %v, %v) µm: coordinates must be finite", i, q.X, q.Y, q.Z)
		}
		pts[i] = cell.Pt3D{X: q.X, Y: q.Y, Z: q.Z, Diam: q.Diam}
	}
	if !(cell.Pt3DLength(pts) > 0) {
		return nil, fmt.Errorf("morph: SegmentGeometry: the points span zero length")
	}
	return cell.Pt3DSegments(pts, nseg, ra), nil
}

// LambdaF returns the AC length constant (µm) at freq Hz of a section with
// points p, axial resistivity ra (Ω·cm) and specific capacitance cm
// (µF/cm²), as NEURON's lambda_f (fixnseg.hoc) computes it: the section's
// length divided by its electrotonic length, integrated over the points.
func LambdaF(p []Point, freq, ra, cm float64) float64 {
	arc := Arc(p)
	lam := 0.0
	for i := 1; i < len(p); i++ {
		lam += (arc[i] - arc[i-1]) / math.Sqrt(p[i-1].Diam+p[i].Diam)
	}
	lam *= math.Sqrt(2) * 1e-5 * math.Sqrt(4*math.Pi*freq*ra*cm)
	return arc[len(arc)-1] / lam
}

// LambdaFCylinder is lambda_f for a cylinder of diameter diam µm.
func LambdaFCylinder(diam, freq, ra, cm float64) float64 {
	return 1e5 * math.Sqrt(diam/(4*math.Pi*freq*ra*cm))
}

// DLambda is NEURON's d_lambda rule.
type DLambda struct {
	Freq    float64 // Hz, frequency of the AC length constant (NEURON's freq, 100)
	DLambda float64 // largest segment length as a fraction of λ_f (NEURON's d_lambda, 0.1)
}

// DefaultDLambda returns NEURON's defaults: 100 Hz, 0.1.
func DefaultDLambda() DLambda { return DLambda{Freq: 100, DLambda: 0.1} }

// Nseg returns the rule's nseg for a section of length L µm and length
// constant lambda µm: int((L/(d_lambda·λ) + 0.9)/2)·2 + 1, the smallest odd
// number of segments not longer than d_lambda·λ (fixnseg.hoc's formula).
func (r DLambda) Nseg(L, lambda float64) int {
	return int((L/(r.DLambda*lambda)+0.9)/2)*2 + 1
}

// Validate reports a non-positive or non-finite field.
func (r DLambda) Validate() error {
	if !(r.Freq > 0) || math.IsInf(r.Freq, 0) {
		return fmt.Errorf("morph: DLambda.Freq = %v Hz: must be finite and > 0", r.Freq)
	}
	if !(r.DLambda > 0) || math.IsInf(r.DLambda, 0) {
		return fmt.Errorf("morph: DLambda.DLambda = %v: must be finite and > 0", r.DLambda)
	}
	return nil
}
