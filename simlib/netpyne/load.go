package netpyne

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
)

// LoadFile reads cell descriptions from a JSON file; see Load.
func LoadFile(path string) (map[string]CellParams, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("netpyne: %w", err)
	}
	defer f.Close()
	cells, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, path)
	}
	return cells, nil
}

// Load reads cell descriptions from JSON as NetPyNE writes it and returns
// them by cell name: from a netParams object ({"cellParams": {...}}), a
// NetPyNE output ({"net": {"params": {"cellParams": ...}}}), a map of
// names to cells ({"PT5B": {"secs": ...}}) or one cell ({"secs": ...},
// returned under the name "").
func Load(r io.Reader) (map[string]CellParams, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("netpyne: %w", err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, fmt.Errorf("netpyne: not a JSON object: %w", err)
	}
	if net, ok := top["net"]; ok {
		var n struct {
			Params map[string]json.RawMessage `json:"params"`
		}
		if err := json.Unmarshal(net, &n); err != nil || n.Params == nil {
			return nil, fmt.Errorf("netpyne: \"net\" has no \"params\" object: not a NetPyNE output file")
		}
		top = n.Params
	}
	if cp, ok := top["cellParams"]; ok {
		return loadCells(cp, "cellParams")
	}
	if _, ok := top["secs"]; ok {
		c, err := loadCell(data, "cell")
		if err != nil {
			return nil, err
		}
		return map[string]CellParams{"": c}, nil
	}
	return loadCells(data, "top level")
}

func loadCells(data json.RawMessage, where string) (map[string]CellParams, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("netpyne: %s: want an object of cell names to cell descriptions: %w", where, err)
	}
	out := map[string]CellParams{}
	for name, raw := range m {
		if name == "__dict__" {
			continue
		}
		c, err := loadCell(raw, fmt.Sprintf("cell %q", name))
		if err != nil {
			return nil, err
		}
		out[name] = c
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("netpyne: %s: no cell descriptions (want {\"secs\": ...} objects)", where)
	}
	return out, nil
}

var cellKeys = []string{"secs", "secLists", "globals", "conds", "cellModel", "cellType", "diversity", "__dict__"}
var secKeys = []string{"geom", "topol", "mechs", "ions", "pointps", "vinit", "threshold", "spikeGenLoc", "weightNorm", "__dict__"}
var geomKeys = []string{"L", "diam", "nseg", "Ra", "cm", "pt3d", "__dict__"}
var topolKeys = []string{"parentSec", "parentX", "childX", "__dict__"}

func checkKeys(obj string, m map[string]json.RawMessage, allowed []string) error {
	var bad []string
	for k := range m {
		if !contains(allowed, k) {
			bad = append(bad, k)
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return fmt.Errorf("netpyne: %s: unknown key %q (allowed: %s)", obj, bad[0], strings.Join(allowed[:len(allowed)-1], ", "))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func loadCell(data json.RawMessage, obj string) (CellParams, error) {
	var c CellParams
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return c, fmt.Errorf("netpyne: %s: want an object: %w", obj, err)
	}
	if err := checkKeys(obj, m, cellKeys); err != nil {
		return c, err
	}
	raw, ok := m["secs"]
	if !ok {
		return c, fmt.Errorf("netpyne: %s: no \"secs\"", obj)
	}
	order, err := objectKeys(raw)
	if err != nil {
		return c, fmt.Errorf("netpyne: %s: secs: %w", obj, err)
	}
	var secs map[string]json.RawMessage
	if err := json.Unmarshal(raw, &secs); err != nil {
		return c, fmt.Errorf("netpyne: %s: secs: want an object of section names: %w", obj, err)
	}
	c.Secs = map[string]SecParams{}
	for _, name := range order {
		if name == "__dict__" {
			continue
		}
		s, err := loadSec(secs[name], fmt.Sprintf("%s section %q", obj, name))
		if err != nil {
			return c, err
		}
		c.Secs[name] = s
		c.Order = append(c.Order, name)
	}
	if raw, ok := m["secLists"]; ok {
		if err := json.Unmarshal(raw, &c.SecLists); err != nil {
			return c, fmt.Errorf("netpyne: %s: secLists: want lists of section names: %w", obj, err)
		}
		delete(c.SecLists, "__dict__")
	}
	if raw, ok := m["globals"]; ok {
		var g map[string]json.RawMessage
		if err := json.Unmarshal(raw, &g); err != nil {
			return c, fmt.Errorf("netpyne: %s: globals: want an object: %w", obj, err)
		}
		delete(g, "__dict__")
		for k := range g {
			return c, fmt.Errorf("netpyne: %s: globals: %q: NEURON globals are not supported in cell descriptions; set temperature and v_init in cell.Options and mechanism parameters per section", obj, k)
		}
	}
	return c, nil
}

// objectKeys returns the keys of a JSON object in file order.
func objectKeys(data json.RawMessage) ([]string, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	t, err := d.Token()
	if err != nil {
		return nil, err
	}
	if t != json.Delim('{') {
		return nil, fmt.Errorf("want an object")
	}
	var keys []string
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return nil, err
		}
		keys = append(keys, t.(string))
		var skip json.RawMessage
		if err := d.Decode(&skip); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

func number(obj, field string, raw json.RawMessage) (float64, error) {
	var v float64
	if strings.TrimSpace(string(raw)) == "null" {
		return 0, fmt.Errorf("netpyne: %s: %s = null: want a number", obj, field)
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		s := strings.TrimSpace(string(raw))
		if strings.HasPrefix(s, "[") {
			return 0, fmt.Errorf("netpyne: %s: %s = %s: a list is not allowed here, give one number", obj, field, short(s))
		}
		return 0, fmt.Errorf("netpyne: %s: %s = %s: want a number", obj, field, short(s))
	}
	return v, nil
}

// numbers reads a per-segment list of numbers.
func numbers(obj, field string, raw json.RawMessage) ([]float64, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil || len(list) == 0 {
		return nil, fmt.Errorf("netpyne: %s: %s = %s: want a number or a non-empty list of numbers (one per segment)", obj, field, short(string(raw)))
	}
	out := make([]float64, len(list))
	for i, r := range list {
		v, err := number(obj, fmt.Sprintf("%s[%d]", field, i), r)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func short(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

func loadSec(data json.RawMessage, obj string) (SecParams, error) {
	var s SecParams
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return s, fmt.Errorf("netpyne: %s: want an object: %w", obj, err)
	}
	if err := checkKeys(obj, m, secKeys); err != nil {
		return s, err
	}
	if raw, ok := m["pointps"]; ok && !emptyObject(raw) {
		return s, fmt.Errorf("netpyne: %s: pointps: point-process cell models (e.g. Izhi) inside sections are not supported; put synapses and clamps on the cell.Cell", obj)
	}
	if raw, ok := m["geom"]; ok {
		g, err := loadGeom(raw, obj+" geom")
		if err != nil {
			return s, err
		}
		s.Geom = g
	}
	if raw, ok := m["topol"]; ok && !emptyObject(raw) {
		var t map[string]json.RawMessage
		if err := json.Unmarshal(raw, &t); err != nil {
			return s, fmt.Errorf("netpyne: %s: topol: want an object: %w", obj, err)
		}
		if err := checkKeys(obj+" topol", t, topolKeys); err != nil {
			return s, err
		}
		if p, ok := t["parentSec"]; ok {
			if err := json.Unmarshal(p, &s.Topol.ParentSec); err != nil {
				return s, fmt.Errorf("netpyne: %s: topol: parentSec = %s: want a section name", obj, short(string(p)))
			}
		}
		s.Topol.ParentX = 1 // NetPyNE's default
		for _, f := range []struct {
			key string
			dst *float64
		}{{"parentX", &s.Topol.ParentX}, {"childX", &s.Topol.ChildX}} {
			if raw, ok := t[f.key]; ok {
				v, err := number(obj+" topol", f.key, raw)
				if err != nil {
					return s, err
				}
				*f.dst = v
			}
		}
	}
	if raw, ok := m["mechs"]; ok {
		var mm map[string]map[string]json.RawMessage
		if err := json.Unmarshal(raw, &mm); err != nil {
			return s, fmt.Errorf("netpyne: %s: mechs: want {suffix: {parameter: value}}: %w", obj, err)
		}
		delete(mm, "__dict__")
		s.Mechs = Mechs{}
		for name, params := range mm {
			delete(params, "__dict__")
			p := map[string]float64{}
			where := fmt.Sprintf("%s mechs %q", obj, name)
			for k, raw := range params {
				if strings.HasPrefix(strings.TrimSpace(string(raw)), "[") {
					list, err := numbers(where, k, raw)
					if err != nil {
						return s, err
					}
					if s.SegMechs == nil {
						s.SegMechs = map[string]map[string][]float64{}
					}
					if s.SegMechs[name] == nil {
						s.SegMechs[name] = map[string][]float64{}
					}
					s.SegMechs[name][k] = list
					continue
				}
				v, err := number(where, k, raw)
				if err != nil {
					return s, err
				}
				p[k] = v
			}
			s.Mechs[name] = p
		}
	}
	if raw, ok := m["ions"]; ok {
		var im map[string]map[string]json.RawMessage
		if err := json.Unmarshal(raw, &im); err != nil {
			return s, fmt.Errorf("netpyne: %s: ions: want {ion: {e, i, o}}: %w", obj, err)
		}
		delete(im, "__dict__")
		s.Ions = map[string]Ion{}
		for name, f := range im {
			var ion Ion
			for k, raw := range f {
				v, err := number(fmt.Sprintf("%s ions %q", obj, name), k, raw)
				if err != nil {
					return s, err
				}
				switch k {
				case "e":
					ion.E = v
				case "i":
					ion.I = v
				case "o":
					ion.O = v
				case "__dict__":
				default:
					return s, fmt.Errorf("netpyne: %s: ions %q: unknown key %q (allowed: e, i, o)", obj, name, k)
				}
			}
			if _, ok := f["e"]; !ok {
				return s, fmt.Errorf("netpyne: %s: ions %q: no reversal potential \"e\"", obj, name)
			}
			s.Ions[name] = ion
		}
	}
	for _, f := range []struct {
		key string
		dst **float64
	}{{"vinit", &s.Vinit}, {"threshold", &s.Threshold}, {"spikeGenLoc", &s.SpikeGenLoc}} {
		if raw, ok := m[f.key]; ok {
			v, err := number(obj, f.key, raw)
			if err != nil {
				return s, err
			}
			*f.dst = &v
		}
	}
	if raw, ok := m["weightNorm"]; ok {
		if err := json.Unmarshal(raw, &s.WeightNorm); err != nil {
			return s, fmt.Errorf("netpyne: %s: weightNorm: want a list of numbers: %w", obj, err)
		}
	}
	return s, nil
}

func emptyObject(raw json.RawMessage) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return false
	}
	delete(m, "__dict__")
	return len(m) == 0
}

func loadGeom(data json.RawMessage, obj string) (Geom, error) {
	var g Geom
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return g, fmt.Errorf("netpyne: %s: want an object: %w", obj, err)
	}
	if err := checkKeys(obj, m, geomKeys); err != nil {
		return g, err
	}
	for _, f := range []struct {
		key string
		dst *float64
	}{{"L", &g.L}, {"diam", &g.Diam}, {"Ra", &g.Ra}, {"cm", &g.Cm}} {
		if raw, ok := m[f.key]; ok {
			v, err := number(obj, f.key, raw)
			if err != nil {
				return g, err
			}
			if !(v > 0) || math.IsInf(v, 0) {
				// Zero means "NEURON's default" in Geom, so an explicit
				// zero or negative value cannot be represented: refuse it.
				return g, fmt.Errorf("netpyne: %s: %s = %v: must be positive and finite", obj, f.key, v)
			}
			*f.dst = v
		}
	}
	if raw, ok := m["nseg"]; ok {
		v, err := number(obj, "nseg", raw)
		if err != nil {
			return g, err
		}
		if v != math.Trunc(v) || v < 1 || v > 32767 {
			return g, fmt.Errorf("netpyne: %s: nseg = %v: must be a whole number in [1, 32767]", obj, v)
		}
		g.Nseg = int(v)
	}
	if raw, ok := m["pt3d"]; ok {
		var pts [][]float64
		if err := json.Unmarshal(raw, &pts); err != nil {
			return g, fmt.Errorf("netpyne: %s: pt3d: want [[x, y, z, diam], ...]: %w", obj, err)
		}
		for i, p := range pts {
			if len(p) != 4 {
				return g, fmt.Errorf("netpyne: %s: pt3d[%d] has %d numbers: want [x, y, z, diam]", obj, i, len(p))
			}
			g.Pt3d = append(g.Pt3d, [4]float64{p[0], p[1], p[2], p[3]})
		}
	}
	return g, nil
}
