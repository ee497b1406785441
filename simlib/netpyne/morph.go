package netpyne

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/morph"
)

// MorphOptions say how sections read from a morphology get their
// electrical properties.
type MorphOptions struct {
	Ra float64 // Ω·cm, axial resistivity of every section (0: NEURON's 35.4)
	Cm float64 // µF/cm², specific capacitance of every section (0: 1)
	// Nseg, when > 0, is every section's nseg; 0 applies DLambda.
	Nseg    int
	DLambda morph.DLambda
	// Mechs are the mechanisms of each kind of section, by the stem of its
	// name: "soma", "axon", "dend" (basal), "apic" (apical), "dend_<type>"
	// for other SWC types.
	Mechs map[string]Mechs
}

// DefaultMorphOptions returns Ra 35.4 Ω·cm, cm 1 µF/cm², nseg by NEURON's
// d_lambda rule at 100 Hz with d_lambda 0.1, and no mechanisms.
func DefaultMorphOptions() MorphOptions {
	return MorphOptions{Ra: DefaultRa, Cm: DefaultCm, DLambda: morph.DefaultDLambda()}
}

// FromMorphology describes the sections of a morphology (read by
// morph.ReadSWC) as NetPyNE does after importing it: sections soma_0,
// dend_k, apic_k, axon_k with their 3-D points, and section lists
// somatic, axonal, basal, apical and all, as NEURON's Import3d makes them.
func FromMorphology(m *morph.Morphology, o MorphOptions) (CellParams, error) {
	var p CellParams
	ra, cm := orDefault(o.Ra, DefaultRa), orDefault(o.Cm, DefaultCm)
	if !(ra > 0) || math.IsInf(ra, 0) || !(cm > 0) || math.IsInf(cm, 0) {
		return p, fmt.Errorf("netpyne: MorphOptions Ra = %v Ω·cm, Cm = %v µF/cm²: must be positive and finite", o.Ra, o.Cm)
	}
	if o.Nseg < 0 {
		return p, fmt.Errorf("netpyne: MorphOptions.Nseg = %d: must be >= 1, or 0 for the d_lambda rule", o.Nseg)
	}
	if o.Nseg == 0 {
		if err := o.DLambda.Validate(); err != nil {
			return p, err
		}
	}
	if m == nil || len(m.Sections) == 0 {
		return p, fmt.Errorf("netpyne: FromMorphology: no sections")
	}
	p.Secs = map[string]SecParams{}
	p.SecLists = map[string][]string{}
	lists := map[int]string{morph.Soma: "somatic", morph.Axon: "axonal", morph.Basal: "basal", morph.Apical: "apical"}
	for i, s := range m.Sections {
		sp := SecParams{Geom: Geom{Ra: ra, Cm: cm}}
		for _, q := range s.Points {
			sp.Geom.Pt3d = append(sp.Geom.Pt3d, [4]float64{q.X, q.Y, q.Z, q.Diam})
		}
		sp.Geom.Nseg = o.Nseg
		if o.Nseg == 0 {
			sp.Geom.Nseg = o.DLambda.Nseg(m.Length(i), morph.LambdaF(s.Points, o.DLambda.Freq, ra, cm))
		}
		if s.Parent >= 0 {
			sp.Topol = Topol{ParentSec: m.Sections[s.Parent].Name, ParentX: s.ParentX}
		}
		stem := morph.TypeName(s.Type)
		if mm, ok := o.Mechs[stem]; ok {
			sp.Mechs = Mechs{}
			for k, v := range mm {
				cp := map[string]float64{}
				for pk, pv := range v {
					cp[pk] = pv
				}
				sp.Mechs[k] = cp
			}
		}
		p.Secs[s.Name] = sp
		p.Order = append(p.Order, s.Name)
		if l, ok := lists[s.Type]; ok {
			p.SecLists[l] = append(p.SecLists[l], s.Name)
		}
		p.SecLists["all"] = append(p.SecLists["all"], s.Name)
	}
	for stem := range o.Mechs {
		found := false
		for _, s := range m.Sections {
			if morph.TypeName(s.Type) == stem {
				found = true
			}
		}
		if !found {
			return p, fmt.Errorf("netpyne: MorphOptions.Mechs[%q]: the morphology has no such sections (it has: %v)", stem, stems(m))
		}
	}
	return p, nil
}

func stems(m *morph.Morphology) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range m.Sections {
		n := morph.TypeName(s.Type)
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
