package cell

import (
	"fmt"
	"math"
	"strconv"
)

func newSim(c Cell, o *Options) (*Sim, error) {
	opt := DefaultOptions()
	if o != nil {
		opt = *o
	}
	g, err := newGroup([]Cell{c}, opt)
	if err != nil {
		return nil, err
	}
	s := &Sim{g: g}
	// finitialize ends with a threshold check at t = 0
	if spk := g.spikes(0, 1, nil); len(spk) > 0 {
		s.spikes = append(s.spikes, 0)
	}
	return s, nil
}

func (s *Sim) events(label string, w float64, times []float64) error {
	p, err := s.g.pointIndex(label)
	if err != nil {
		return err
	}
	if !s.g.CanReceive(p) {
		return &Error{Object: pointObj(label, nil), Field: "events", Value: len(times), Allowed: "this point process takes no events (" + s.g.points[s.g.pts[p].set].name + ")"}
	}
	if !finite(w) {
		return &Error{Object: pointObj(label, nil), Field: "weight", Value: w, Allowed: "must be finite"}
	}
	for i, t := range times {
		if !finite(t) || t < 0 {
			return &Error{Object: pointObj(label, nil), Field: "times[" + strconv.Itoa(i) + "]", Value: t, Allowed: "event times (ms) must be finite and >= 0"}
		}
		if t < s.t-0.5*s.g.opt.DT {
			return &Error{Object: pointObj(label, nil), Field: "times[" + strconv.Itoa(i) + "]", Value: t, Allowed: fmt.Sprintf("is in the past: the simulation is at t = %g ms", s.t)}
		}
	}
	for _, t := range times {
		s.queue.add(t, p, w)
	}
	return nil
}

func (s *Sim) newTrace(name string, src *float64) *Trace {
	tr := &Trace{Name: name, src: src, T: []float64{s.t}, Y: []float64{*src}}
	s.traces = append(s.traces, tr)
	return tr
}

func (s *Sim) record(section string, x float64, name string) (*Trace, error) {
	p, err := s.g.varAt(0, section, x, name)
	if err != nil {
		return nil, err
	}
	return s.newTrace(fmt.Sprintf("%s(%g).%s", section, x, name), p), nil
}

func (s *Sim) recordPoint(label, name string) (*Trace, error) {
	p, err := s.g.pointVar(0, label, name)
	if err != nil {
		return nil, err
	}
	return s.newTrace(label+"."+name, p), nil
}

func (s *Sim) recordAll() *AllV {
	if s.all == nil {
		s.all = &AllV{Nodes: s.g.NodeInfo()}
		s.sampleAll()
	}
	return s.all
}

func (s *Sim) sampleAll() {
	s.all.T = append(s.all.T, s.t)
	s.all.V = append(s.all.V, append([]float64(nil), s.g.v[:s.g.nn]...))
}

func (s *Sim) deliverDue() {
	tm := s.t + 0.5*s.g.opt.DT
	s.queue.due(tm, func(e event) { s.g.deliver(0, e.point, e.w, e.t) })
}

func (s *Sim) run(tstop float64) error {
	if math.IsNaN(tstop) || math.IsInf(tstop, 0) {
		return &Error{Object: "run", Field: "tstop", Value: tstop, Allowed: "must be finite (ms)"}
	}
	if s.fault != nil {
		return s.fault
	}
	dt := s.g.opt.DT
	var spk []int32
	for s.t < tstop-0.5*dt {
		// nrn_fixed_step: deliver_net_events, the step (t advances by two
		// half steps, as NEURON's does), record, then threshold detection
		// and delivery of the events due by t + dt/2
		s.deliverDue()
		t0 := s.t
		s.g.step(0, 1, t0)
		s.t += 0.5 * dt
		s.t += 0.5 * dt
		s.steps++
		for _, tr := range s.traces {
			tr.T = append(tr.T, s.t)
			tr.Y = append(tr.Y, *tr.src)
		}
		if s.all != nil {
			s.sampleAll()
		}
		spk = s.g.spikes(0, 1, spk[:0])
		if len(spk) > 0 {
			s.spikes = append(s.spikes, s.t)
		}
		s.deliverDue()
		for i, v := range s.g.v {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				info := s.g.morph.info[i]
				s.fault = &Error{Object: "run", Field: fmt.Sprintf("v at %s(%g)", info.Section, info.X), Value: v, Allowed: fmt.Sprintf("the state became non-finite at t = %g ms (dt too large for a mechanism, or bad parameters); the simulation cannot continue", s.t)}
				return s.fault
			}
		}
	}
	return nil
}
