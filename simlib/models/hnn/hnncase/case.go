package hnncase

import (
	"encoding/json"
	"fmt"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/models/hnn"
)

// Case is one run of one cell type.
type Case struct {
	Name   string     `json:"name"`
	Type   string     `json:"type"`  // hnn cell type, e.g. "L5_pyramidal"
	Pos    [3]float64 `json:"pos"`   // µm
	TStop  float64    `json:"tstop"` // ms
	IClamp []IClamp   `json:"iclamp"`
	Events []Events   `json:"events"`
	Record []Probe    `json:"record"`
	Every  int        `json:"every"` // keep every Every-th sample (1 if 0)
}

// IClamp is a current step at (Section, X).
type IClamp struct {
	Section string  `json:"section"`
	X       float64 `json:"x"`
	Del     float64 `json:"del"` // ms
	Dur     float64 `json:"dur"` // ms
	Amp     float64 `json:"amp"` // nA
}

// Events are events of weight Weight (µS) at Times (ms) on every synapse
// of Receptor at Loc (a group or a section), as hnn-core connects a drive.
type Events struct {
	Loc      string    `json:"loc"`
	Receptor string    `json:"receptor"`
	Weight   float64   `json:"weight"`
	Times    []float64 `json:"times"`
}

// Probe is a recorded variable ("v", "cai", "m_hh2", ...).
type Probe struct {
	Section string  `json:"section"`
	X       float64 `json:"x"`
	Var     string  `json:"var"`
}

// Result is a run's samples and spikes (soma(0.5) crossing 0 mV).
type Result struct {
	Name   string      `json:"name"`
	T      []float64   `json:"t"`
	Traces [][]float64 `json:"traces"`
	Spikes []float64   `json:"spikes"`
}

// Parse reads one case or a list.
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

// Run builds the cell with hnn-core's defaults and runs it at hnn.DefaultOptions().
func (c Case) Run() (*Result, error) {
	m, err := hnn.New(c.Type, hnn.Pos{X: c.Pos[0], Y: c.Pos[1], Z: c.Pos[2]})
	if err != nil {
		return nil, err
	}
	for i, ic := range c.IClamp {
		m.Cell.Points = append(m.Cell.Points, cell.PointProcess{Label: fmt.Sprintf("iclamp%d", i), Section: ic.Section, X: ic.X,
			Mech: mech.IClamp{Del: ic.Del, Dur: ic.Dur, Amp: ic.Amp}})
	}
	s, err := cell.New(m.Cell, hnn.DefaultOptions())
	if err != nil {
		return nil, err
	}
	for _, ev := range c.Events {
		labels, err := m.Site(ev.Loc, ev.Receptor)
		if err != nil {
			return nil, err
		}
		for _, l := range labels {
			if err := s.Events(l, ev.Weight, ev.Times...); err != nil {
				return nil, err
			}
		}
	}
	var traces []*cell.Trace
	for _, p := range c.Record {
		tr, err := s.Record(p.Section, p.X, p.Var)
		if err != nil {
			return nil, err
		}
		traces = append(traces, tr)
	}
	if err := s.Run(c.TStop); err != nil {
		return nil, err
	}
	every := c.Every
	if every < 1 {
		every = 1
	}
	r := &Result{Name: c.Name, Spikes: append([]float64{}, s.Spikes()...)}
	if len(traces) > 0 {
		for i := 0; i < len(traces[0].T); i += every {
			r.T = append(r.T, traces[0].T[i])
		}
	}
	for _, tr := range traces {
		var y []float64
		for i := 0; i < len(tr.Y); i += every {
			y = append(y, tr.Y[i])
		}
		r.Traces = append(r.Traces, y)
	}
	return r, nil
}
