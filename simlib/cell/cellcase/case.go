package cellcase

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// Case is one cell and run, as compare/neuron_cells.py writes it.
type Case struct {
	Name        string     `json:"name"`
	DT          float64    `json:"dt"`
	SecondOrder int        `json:"secondorder"`
	Celsius     float64    `json:"celsius"`
	VInit       float64    `json:"v_init"`
	TStop       float64    `json:"tstop"`
	Sections    []Section  `json:"sections"`
	Points      []Point    `json:"points"`
	Record      []Location `json:"record"`
	Detector    *Location  `json:"detector,omitempty"`
}

// Section is a section with NEURON's names.
type Section struct {
	Name    string                        `json:"name"`
	Parent  string                        `json:"parent,omitempty"`
	ParentX float64                       `json:"parent_x"`
	ChildX  float64                       `json:"child_x,omitempty"`
	L       float64                       `json:"L"`
	Diam    float64                       `json:"diam"`
	Nseg    int                           `json:"nseg"`
	Ra      float64                       `json:"Ra"`
	Cm      float64                       `json:"cm"`
	Pt3D    [][4]float64                  `json:"pt3d,omitempty"` // x, y, z, diam (µm)
	Mechs   map[string]map[string]float64 `json:"mechs,omitempty"`
	Ions    map[string]float64            `json:"ions,omitempty"` // e.g. {"ena": 50}
}

// Point is a point process with its parameters and the events it gets
// (from a NetCon with zero delay and the given weight).
type Point struct {
	Label  string             `json:"label"`
	Type   string             `json:"type"`
	Sec    string             `json:"sec"`
	X      float64            `json:"x"`
	Params map[string]float64 `json:"params,omitempty"`
	Events []float64          `json:"events,omitempty"`
	Weight float64            `json:"weight,omitempty"`
}

// Location is what to record (or where to detect spikes): a variable at
// (sec, x), or a point process's variable when Point is set.
type Location struct {
	Sec       string  `json:"sec,omitempty"`
	X         float64 `json:"x"`
	Var       string  `json:"var"`
	Point     string  `json:"point,omitempty"`
	Threshold float64 `json:"threshold,omitempty"`
}

// Result is what a run gives: time, one trace per Record entry, spike
// times of the detector.
type Result struct {
	Name   string      `json:"name"`
	T      []float64   `json:"t"`
	Traces [][]float64 `json:"traces"`
	Spikes []float64   `json:"spikes"`
}

// params reads NEURON-named parameters into fields, complaining about
// unknown names.
type params struct {
	obj string
	m   map[string]float64
	err error
}

func (p *params) take(name string, dst *float64) {
	if v, ok := p.m[name]; ok {
		*dst = v
	}
}

func (p *params) done(known ...string) error {
	names := make([]string, 0, len(p.m))
	for k := range p.m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		found := false
		for _, n := range known {
			found = found || n == k
		}
		if !found {
			return fmt.Errorf("%s: unknown parameter %q (have %v)", p.obj, k, known)
		}
	}
	return nil
}

// Densities maps a NEURON suffix to a constructor from NEURON's parameter
// names (missing names take the mechanism's defaults).
var Densities = map[string]func(obj string, m map[string]float64) (mech.Density, error){
	"pas": func(obj string, m map[string]float64) (mech.Density, error) {
		d := mech.DefaultPas()
		p := &params{obj: obj, m: m}
		p.take("g", &d.G)
		p.take("e", &d.E)
		return d, p.done("g", "e")
	},
	"hh": func(obj string, m map[string]float64) (mech.Density, error) {
		d := mech.DefaultHH()
		p := &params{obj: obj, m: m}
		p.take("gnabar", &d.GNaBar)
		p.take("gkbar", &d.GKBar)
		p.take("gl", &d.GL)
		p.take("el", &d.EL)
		return d, p.done("gnabar", "gkbar", "gl", "el")
	},
}

// Points maps a point process name to a constructor.
var Points = map[string]func(obj string, m map[string]float64) (mech.Point, error){
	"ExpSyn": func(obj string, m map[string]float64) (mech.Point, error) {
		d := mech.DefaultExpSyn()
		p := &params{obj: obj, m: m}
		p.take("tau", &d.Tau)
		p.take("e", &d.E)
		return d, p.done("tau", "e")
	},
	"Exp2Syn": func(obj string, m map[string]float64) (mech.Point, error) {
		d := mech.DefaultExp2Syn()
		p := &params{obj: obj, m: m}
		p.take("tau1", &d.Tau1)
		p.take("tau2", &d.Tau2)
		p.take("e", &d.E)
		return d, p.done("tau1", "tau2", "e")
	},
	"SEClamp": func(obj string, m map[string]float64) (mech.Point, error) {
		d := mech.DefaultSEClamp()
		p := &params{obj: obj, m: m}
		for _, f := range []struct {
			name string
			dst  *float64
		}{{"rs", &d.Rs}, {"dur1", &d.Dur1}, {"dur2", &d.Dur2}, {"dur3", &d.Dur3}, {"amp1", &d.Amp1}, {"amp2", &d.Amp2}, {"amp3", &d.Amp3}} {
			p.take(f.name, f.dst)
		}
		return d, p.done("rs", "dur1", "dur2", "dur3", "amp1", "amp2", "amp3")
	},
	"IClamp": func(obj string, m map[string]float64) (mech.Point, error) {
		var d mech.IClamp
		p := &params{obj: obj, m: m}
		p.take("del", &d.Del)
		p.take("dur", &d.Dur)
		p.take("amp", &d.Amp)
		return d, p.done("del", "dur", "amp")
	},
}

// Cell builds the case's cell and options.
func (c *Case) Cell() (cell.Cell, cell.Options, error) {
	var out cell.Cell
	o := cell.Options{DT: c.DT, SecondOrder: c.SecondOrder, Celsius: c.Celsius, VInit: c.VInit}
	for _, s := range c.Sections {
		sec := cell.Section{Name: s.Name, Parent: s.Parent, ParentX: s.ParentX, ChildX: s.ChildX, L: s.L, Diam: s.Diam, Nseg: s.Nseg, Ra: s.Ra, Cm: s.Cm}
		for _, p := range s.Pt3D {
			sec.Pt3D = append(sec.Pt3D, cell.Pt3D{X: p[0], Y: p[1], Z: p[2], Diam: p[3]})
		}
		names := make([]string, 0, len(s.Mechs))
		for k := range s.Mechs {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, name := range names {
			f, ok := Densities[name]
			if !ok {
				return out, o, fmt.Errorf("section %q: unknown mechanism %q", s.Name, name)
			}
			m, err := f(fmt.Sprintf("section %q mechanism %q", s.Name, name), s.Mechs[name])
			if err != nil {
				return out, o, err
			}
			sec.Mechs = append(sec.Mechs, m)
		}
		for k, v := range s.Ions {
			if len(k) < 2 || k[0] != 'e' {
				return out, o, fmt.Errorf("section %q: ion entry %q: use e<ion>, e.g. \"ena\"", s.Name, k)
			}
			if sec.E == nil {
				sec.E = map[string]float64{}
			}
			sec.E[k[1:]] = v
		}
		out.Sections = append(out.Sections, sec)
	}
	for _, p := range c.Points {
		f, ok := Points[p.Type]
		if !ok {
			return out, o, fmt.Errorf("point %q: unknown point process %q", p.Label, p.Type)
		}
		m, err := f(fmt.Sprintf("point %q", p.Label), p.Params)
		if err != nil {
			return out, o, err
		}
		out.Points = append(out.Points, cell.PointProcess{Label: p.Label, Section: p.Sec, X: p.X, Mech: m})
	}
	if d := c.Detector; d != nil {
		out.Detector = &cell.Detector{Section: d.Sec, X: d.X, Threshold: d.Threshold}
	}
	return out, o, nil
}

// Run builds the case, runs it to TStop and returns the recordings.
func (c *Case) Run() (*Result, error) {
	cl, o, err := c.Cell()
	if err != nil {
		return nil, err
	}
	s, err := cell.New(cl, &o)
	if err != nil {
		return nil, err
	}
	for _, p := range c.Points {
		if len(p.Events) > 0 {
			if err := s.Events(p.Label, p.Weight, p.Events...); err != nil {
				return nil, err
			}
		}
	}
	var trs []*cell.Trace
	for _, r := range c.Record {
		var tr *cell.Trace
		if r.Point != "" {
			tr, err = s.RecordPoint(r.Point, r.Var)
		} else {
			tr, err = s.Record(r.Sec, r.X, r.Var)
		}
		if err != nil {
			return nil, err
		}
		trs = append(trs, tr)
	}
	if err := s.Run(c.TStop); err != nil {
		return nil, err
	}
	res := &Result{Name: c.Name, Spikes: append([]float64{}, s.Spikes()...)}
	for i, tr := range trs {
		if i == 0 {
			res.T = tr.T
		}
		res.Traces = append(res.Traces, tr.Y)
	}
	return res, nil
}

// Load reads cases from a JSON file holding one case or a list.
func Load(path string) ([]Case, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// Parse reads one case or a list of cases.
func Parse(b []byte) ([]Case, error) {
	var list []Case
	if err := json.Unmarshal(b, &list); err == nil {
		return list, nil
	}
	var one Case
	if err := json.Unmarshal(b, &one); err != nil {
		return nil, err
	}
	return []Case{one}, nil
}

// MaxAbsDiff is max |a[i] - b[i]| over the common length (NaN if the
// lengths differ).
func MaxAbsDiff(a, b []float64) float64 {
	if len(a) != len(b) {
		return math.NaN()
	}
	m := 0.0
	for i := range a {
		m = math.Max(m, math.Abs(a[i]-b[i]))
	}
	return m
}
