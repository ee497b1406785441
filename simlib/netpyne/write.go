package netpyne

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes cells as NetPyNE's netParams JSON ({"cellParams":
// {name: {"secs": ..., "secLists": ...}}}), cells and keys sorted, sections
// in each cell's order; Load reads it back to the same values. Geometry
// left at NEURON's defaults (zero fields) is written out with the default
// values, so that NetPyNE builds the same cell.
func WriteJSON(w io.Writer, cells map[string]CellParams) error {
	var buf bytes.Buffer
	buf.WriteString("{\"cellParams\": {")
	for k, name := range sortedKeys(cells) {
		if k > 0 {
			buf.WriteString(", ")
		}
		b, err := cells[name].MarshalJSON()
		if err != nil {
			return fmt.Errorf("netpyne: cell %q: %w", name, err)
		}
		fmt.Fprintf(&buf, "%s: %s", quote(name), b)
	}
	buf.WriteString("}}\n")
	_, err := w.Write(buf.Bytes())
	return err
}

// MarshalJSON writes the cell in NetPyNE's form (see WriteJSON).
func (p CellParams) MarshalJSON() ([]byte, error) {
	order, err := p.order()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("{\"secs\": {")
	for k, name := range order {
		if k > 0 {
			buf.WriteString(", ")
		}
		b, err := p.Secs[name].json()
		if err != nil {
			return nil, fmt.Errorf("section %q: %w", name, err)
		}
		fmt.Fprintf(&buf, "%s: %s", quote(name), b)
	}
	buf.WriteString("}")
	if len(p.SecLists) > 0 {
		b, err := json.Marshal(p.SecLists)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&buf, ", \"secLists\": %s", b)
	}
	buf.WriteString("}")
	return buf.Bytes(), nil
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (s SecParams) json() ([]byte, error) {
	g := s.Geom
	geom := map[string]any{
		"L": orDefault(g.L, DefaultL), "diam": orDefault(g.Diam, DefaultDiam),
		"Ra": orDefault(g.Ra, DefaultRa), "cm": orDefault(g.Cm, DefaultCm),
	}
	n := g.Nseg
	if n == 0 {
		n = 1
	}
	geom["nseg"] = n
	if len(g.Pt3d) > 0 {
		pts := make([][]float64, len(g.Pt3d))
		for i, q := range g.Pt3d {
			pts[i] = []float64{q[0], q[1], q[2], q[3]}
		}
		geom["pt3d"] = pts
	}
	m := map[string]any{"geom": geom}
	if s.Topol.ParentSec != "" {
		m["topol"] = map[string]any{"parentSec": s.Topol.ParentSec, "parentX": s.Topol.ParentX, "childX": s.Topol.ChildX}
	}
	if s.Mechs != nil || s.SegMechs != nil {
		mechs := map[string]map[string]any{}
		for k, params := range s.Mechs {
			mechs[k] = map[string]any{}
			for pk, pv := range params {
				mechs[k][pk] = pv
			}
		}
		for k, params := range s.SegMechs {
			if mechs[k] == nil {
				mechs[k] = map[string]any{}
			}
			for pk, list := range params {
				mechs[k][pk] = list
			}
		}
		m["mechs"] = mechs
	}
	if len(s.Ions) > 0 {
		ions := map[string]map[string]float64{}
		for k, v := range s.Ions {
			ions[k] = map[string]float64{"e": v.E, "i": v.I, "o": v.O}
		}
		m["ions"] = ions
	}
	for key, v := range map[string]*float64{"vinit": s.Vinit, "threshold": s.Threshold, "spikeGenLoc": s.SpikeGenLoc} {
		if v != nil {
			m[key] = *v
		}
	}
	if s.WeightNorm != nil {
		m["weightNorm"] = s.WeightNorm
	}
	return json.Marshal(m) // a NaN or Inf anywhere is an error (JSON has none)
}
