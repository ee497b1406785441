package hnn

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/rng"
)

// Column is hnn-core's neocortical column (jones_2009_model): the mesh,
// the four cell types, the connection rules, drives and tonic biases, and
// the run's length and step.
type Column struct {
	Mesh        Mesh
	Cells       map[string]CellModel // the four cell types, by name (CellTypes)
	Connections []Connection
	Drives      []Drive
	Biases      []TonicBias
	Threshold   float64 // spike threshold at soma(0.5) (mV; 0)
	TStop       float64 // run length (ms; 170)
	DT          float64 // step (ms; 0.025)
	Workers     int     // goroutines (0: automatic)
}

// DefaultColumn returns hnn-core's default column (10x10 mesh, the 16
// rules, no drives, 170 ms at 0.025 ms) on the given cell types.
func DefaultColumn(cells map[string]CellModel) Column {
	return Column{Mesh: DefaultMesh(), Cells: cells, Connections: DefaultConnections(),
		Threshold: 0, TStop: 170, DT: 0.025}
}

// Sizes returns the number of cells of each type.
func (c *Column) Sizes() map[string]int {
	out := map[string]int{}
	for t, p := range c.Mesh.Positions() {
		out[t] = len(p)
	}
	return out
}

// Validate checks everything a user can get wrong, all at once.
func (c *Column) Validate() error {
	var e []string
	if err := c.Mesh.Validate(); err != nil {
		e = append(e, err.Error())
	}
	if !finite(c.DT) || c.DT <= 0 || c.DT > cell.MaxDT {
		e = append(e, fmt.Sprintf("column: DT = %v ms: must be in (0, %v]", c.DT, cell.MaxDT))
	}
	if !finite(c.TStop) || c.TStop <= 0 || (c.DT > 0 && c.TStop/c.DT > 1e8) {
		e = append(e, fmt.Sprintf("column: TStop = %v ms: must be positive, finite and at most 1e8 steps", c.TStop))
	}
	if !finite(c.Threshold) {
		e = append(e, fmt.Sprintf("column: Threshold = %v mV: must be finite", c.Threshold))
	}
	for _, t := range CellTypes {
		m, ok := c.Cells[t]
		if !ok {
			e = append(e, fmt.Sprintf("column: Cells has no %q: give all of %s", t, strings.Join(CellTypes, ", ")))
			continue
		}
		if !slices.ContainsFunc(m.Cell.Sections, func(s cell.Section) bool { return s.Name == "soma" }) {
			e = append(e, fmt.Sprintf("column: cell type %q has no section \"soma\" (spikes are detected at soma(0.5))", t))
		}
	}
	for typ := range c.Cells {
		if !slices.Contains(CellTypes, typ) {
			e = append(e, fmt.Sprintf("column: Cells[%q]: unknown cell type (the column has %s)", typ, strings.Join(CellTypes, ", ")))
		}
	}
	if len(e) > 0 {
		return errors.New(strings.Join(e, "\n"))
	}
	for k, r := range c.Connections {
		obj := fmt.Sprintf("connection %d (%s → %s, %s %s)", k, r.Src, r.Target, r.Loc, r.Receptor)
		if !slices.Contains(CellTypes, r.Src) {
			bad(&e, obj, "Src %q: unknown cell type (the column has %s)", r.Src, strings.Join(CellTypes, ", "))
		}
		if !slices.Contains(CellTypes, r.Target) {
			bad(&e, obj, "Target %q: unknown cell type (the column has %s)", r.Target, strings.Join(CellTypes, ", "))
		} else if _, err := c.Cells[r.Target].sections(r.Target, r.Loc, r.Receptor); err != nil {
			bad(&e, obj, "%v", err)
		}
		if !finite(r.Weight) || r.Weight < 0 {
			bad(&e, obj, "Weight = %v µS: must be finite and >= 0", r.Weight)
		}
		if !finite(r.Delay) || r.Delay <= 0 {
			bad(&e, obj, "Delay = %v ms: must be positive and finite", r.Delay)
		}
		if !finite(r.Lamtha) || r.Lamtha <= 0 {
			bad(&e, obj, "Lamtha = %v: must be positive and finite", r.Lamtha)
		}
		if p := r.Probability; !finite(p) || p < 0 || p > 1 {
			bad(&e, obj, "Probability = %v: must be in (0, 1] (0 means 1)", p)
		}
	}
	sizes := c.Sizes()
	names := map[string]bool{}
	for k, d := range c.Drives {
		if names[d.Name] {
			bad(&e, fmt.Sprintf("drive %d (%q)", k, d.Name), "the name is used twice: names must be unique")
		}
		names[d.Name] = true
		d.validate(k, c, sizes, &e)
	}
	for k, b := range c.Biases {
		obj := fmt.Sprintf("tonic bias %d (%s)", k, b.Type)
		m, ok := c.Cells[b.Type]
		if !ok {
			bad(&e, obj, "Type %q: unknown cell type (the column has %s)", b.Type, strings.Join(CellTypes, ", "))
		} else if !slices.ContainsFunc(m.Cell.Sections, func(s cell.Section) bool { return s.Name == b.Section }) {
			bad(&e, obj, "Section %q: %s has no such section", b.Section, b.Type)
		}
		if !finite(b.Amp) {
			bad(&e, obj, "Amp = %v nA: must be finite", b.Amp)
		}
		if !finite(b.T0) || b.T0 < 0 {
			bad(&e, obj, "T0 = %v ms: must be >= 0 and finite", b.T0)
		}
		if !finite(b.TStop) || b.TStop < 0 || b.TStop > c.TStop || (b.TStop != 0 && b.TStop < b.T0) {
			bad(&e, obj, "TStop = %v ms: must be in [T0 = %v, tstop = %v] ms (0: tstop)", b.TStop, b.T0, c.TStop)
		}
	}
	if len(e) > 0 {
		return errors.New(strings.Join(e, "\n"))
	}
	return nil
}

// Steps is the number of updates of a run: NEURON's "while t < tstop -
// dt/2" with its accumulated t.
func (c *Column) Steps() int64 {
	t := neuronTimes(c.DT, int64(math.Ceil(c.TStop/c.DT))+2)
	n := int64(0)
	for t[n] < c.TStop-float64(c.DT/2) {
		n++
	}
	return n
}

// neuronTimes returns NEURON's fixed-step t after n = 0..steps steps: two
// half steps per step, accumulated (22.200000000099273, not 22.2).
func neuronTimes(dt float64, steps int64) []float64 {
	t := make([]float64, steps+1)
	for n := int64(1); n <= steps; n++ {
		x := t[n-1]
		x += float64(0.5 * dt)
		x += float64(0.5 * dt)
		t[n] = x
	}
	return t
}

// Net is a column built for one trial: the golgi network and its
// recorders.
type Net struct {
	Network *network.Network
	Column  Column
	Trial   int
	Events  map[string][][]float64 // per drive, its event times per drive cell (ms)
	spikes  map[string]*record.Spikes
	dipole  *dipoleRecorder
	times   []float64
	steps   int64
}

// Build builds the column for trial (0, 1, ...): populations of golgi's
// compartmental cells (cell.Population), one projection per connection
// rule and target section, the drives' event sources, and the recorders
// of spikes and dipoles.
func (c Column) Build(trial int) (*Net, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if trial < 0 {
		return nil, fmt.Errorf("column: trial = %d: must be >= 0", trial)
	}
	steps := c.Steps()
	net := network.New(network.Options{DT: c.DT, Workers: c.Workers, Label: "hnn column"})
	pos := c.Mesh.Positions()
	tmpl := map[string]cell.Cell{}
	for _, typ := range CellTypes {
		m := c.Cells[typ]
		cl := m.Cell
		cl.Sections = slices.Clone(cl.Sections)
		cl.Points = slices.Clone(cl.Points)
		cl.Detector = &cell.Detector{Section: "soma", X: 0.5, Threshold: c.Threshold}
		for _, b := range c.Biases {
			if b.Type != typ {
				continue
			}
			stop := b.TStop
			if stop == 0 {
				stop = c.TStop
			}
			cl.Points = append(cl.Points, cell.PointProcess{Label: fmt.Sprintf("tonic bias %d", len(cl.Points)),
				Section: b.Section, X: 0.5, Mech: mech.IClamp{Del: b.T0, Dur: stop - b.T0, Amp: b.Amp}})
		}
		tmpl[typ] = cl
		o := m.Options
		o.DT = 0
		p := cell.Population{Cell: cl, Options: &o}
		if m.At != nil {
			for _, ps := range pos[typ] {
				ck, err := m.At(ps)
				if err != nil {
					return nil, fmt.Errorf("column: %s at %v: %w", typ, ps, err)
				}
				ck.Sections = slices.Clone(ck.Sections)
				ck.Points = append(slices.Clone(ck.Points), cl.Points[len(m.Cell.Points):]...)
				ck.Detector = cl.Detector
				p.Cells = append(p.Cells, ck)
			}
		}
		if m.Dipole != nil {
			p.Dipoles = []cell.Dipole{{Name: "dipole", Cos: m.Dipole}}
		}
		net.AddPopulation(typ, len(pos[typ]), p)
	}
	// the column's connections
	for k, r := range c.Connections {
		m := c.Cells[r.Target]
		secs, _ := m.sections(r.Target, r.Loc, r.Receptor)
		l := c.pairs(k, r, pos)
		// a connection whose delay exceeds the run cannot deliver within
		// it (hnn-core's delays grow as exp(d²/λ²): 6.5e7 ms across a
		// 10x10 mesh); leaving it out keeps the delay ring as long as the
		// run and changes nothing the run can see
		var kept connect.List
		for i, d := range l.Delays {
			if d <= c.TStop+c.DT {
				kept.Pre, kept.Post = append(kept.Pre, l.Pre[i]), append(kept.Post, l.Post[i])
				kept.Weights, kept.Delays = append(kept.Weights, l.Weights[i]), append(kept.Delays, d)
			}
		}
		syn := m.Synapses[r.Receptor]
		for _, s := range secs {
			net.Connect(net.Population(r.Src), net.Population(r.Target), kept, network.Synapse{Site: &neuron.Site{Section: s, X: 0.5, Synapse: syn}})
		}
	}
	// drives
	tn := neuronTimes(c.DT, steps+1)
	sizes := c.Sizes()
	events := map[string][][]float64{}
	var errs []string
	for _, d := range c.Drives {
		ev := d.EventTimes(trial, sizes, c.TStop)
		events[d.Name] = ev
		if err := c.addDrive(net, d, ev, pos, tn, steps); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "\n"))
	}
	n := &Net{Network: net, Column: c, Trial: trial, Events: events, spikes: map[string]*record.Spikes{},
		times: tn[:steps+1], steps: steps}
	for _, typ := range CellTypes {
		n.spikes[typ] = record.NewSpikes(net.Population(typ))
		net.Record(n.spikes[typ])
	}
	var pyr []string
	for _, typ := range CellTypes {
		if c.Cells[typ].Dipole != nil {
			pyr = append(pyr, typ)
		}
	}
	n.dipole = newDipoleRecorder(pyr)
	net.Record(n.dipole)
	if err := net.Build(); err != nil {
		return nil, err
	}
	return n, nil
}

// pairs returns connection rule k's pairs (all of them, as hnn-core
// makes them: every source to every target, no autapse unless allowed,
// then round(n·p) kept when Probability < 1) with their weights (µS) and
// delays (ms).
func (c *Column) pairs(k int, r Connection, pos map[string][]Pos) connect.List {
	var l connect.List
	for i, ps := range pos[r.Src] {
		for j, pt := range pos[r.Target] {
			if r.Src == r.Target && i == j && !r.Autapses {
				continue
			}
			w, d := Gaussian(ps, pt, r.Weight, r.Delay, r.Lamtha, c.Mesh.InplaneDistance)
			l.Pre, l.Post = append(l.Pre, i), append(l.Post, j)
			l.Weights, l.Delays = append(l.Weights, w), append(l.Delays, d)
		}
	}
	if p := r.Probability; p > 0 && p < 1 {
		l = keep(l, p, rng.New(r.Seed, rng.Key("hnn connection"), uint64(k)))
	}
	return l
}

// keep returns round(n·p) of the list's pairs (numpy's round, half to
// even), drawn without replacement from r, in list order.
func keep(l connect.List, p float64, r interface{ Perm(int) []int }) connect.List {
	n := len(l.Pre)
	k := int(math.RoundToEven(float64(n) * p))
	idx := r.Perm(n)[:k]
	slices.Sort(idx)
	var o connect.List
	for _, i := range idx {
		o.Pre, o.Post = append(o.Pre, l.Pre[i]), append(o.Post, l.Post[i])
		o.Weights, o.Delays = append(o.Weights, l.Weights[i]), append(o.Delays, l.Delays[i])
	}
	return o
}

// drivePair is one drive cell → target cell connection.
type drivePair struct {
	src, tgt int
	delay    float64 // ms, after the gaussian
	w        map[string]float64
}

// addDrive adds a drive's sources and projections. Each drive→cell pair
// gets its own SpikeTimes source (more when two of its events arrive in
// one step) whose spikes are the pair's events shifted so that, after the
// projection's delay of D steps, each event reaches the cell at the
// update NEURON delivers it: the first n with te + delay <= t_n + dt/2
// (t_n NEURON's accumulated time). So replayed events arrive exactly as
// in NEURON, whatever the rounding of the delay.
func (c *Column) addDrive(net *network.Network, d Drive, ev [][]float64, pos map[string][]Pos, tn []float64, steps int64) error {
	origin := c.Mesh.Origin()
	src := 0
	for ti, typ := range d.targets() {
		m := c.Cells[typ]
		var pairs []drivePair
		n := len(pos[typ])
		addPair := func(s, j int) {
			pr := drivePair{src: s, tgt: j, w: map[string]float64{}}
			for _, rec := range []string{"ampa", "nmda"} {
				ws := d.WeightsAMPA
				if rec == "nmda" {
					ws = d.WeightsNMDA
				}
				if w0, ok := ws[typ]; ok {
					w, dl := Gaussian(origin, pos[typ][j], w0, d.delay(typ), d.Space, c.Mesh.InplaneDistance)
					pr.w[rec], pr.delay = w, dl
				}
			}
			pairs = append(pairs, pr)
		}
		if d.CellSpecific {
			for j := 0; j < n; j++ {
				addPair(src+j, j)
			}
			src += n
		} else {
			for s := 0; s < d.NDriveCells; s++ {
				for j := 0; j < n; j++ {
					addPair(s, j)
				}
			}
		}
		if p := d.probability(); p < 1 {
			r := rng.New(d.ConnSeed, rng.Key("hnn drive pairs "+d.Name), uint64(ti))
			k := int(math.RoundToEven(float64(len(pairs)) * p))
			idx := r.Perm(len(pairs))[:k]
			slices.Sort(idx)
			kept := make([]drivePair, 0, k)
			for _, i := range idx {
				kept = append(kept, pairs[i])
			}
			pairs = kept
		}
		if len(pairs) == 0 {
			continue
		}
		// arrival updates per pair and event
		arr := make([][]int64, len(pairs))
		first := int64(math.MaxInt64)
		for k, pr := range pairs {
			for _, te := range ev[pr.src] {
				at := te + pr.delay
				nd := int64(math.Ceil(at/c.DT - 0.5))
				nd = max(nd-2, 0)
				for nd < int64(len(tn)) && !(at <= tn[nd]+float64(0.5*c.DT)) {
					nd++
				}
				if nd > steps {
					continue // after the run
				}
				if nd < 2 {
					return fmt.Errorf("drive %q: an event at %v ms with delay %v ms reaches %s cell %d in the first step: golgi delivers drive events from the second step (t >= %v ms)", d.Name, te, pr.delay, typ, pr.tgt, 2*c.DT)
				}
				arr[k] = append(arr[k], nd)
				first = min(first, nd)
			}
		}
		D := int64(1)
		if first != math.MaxInt64 {
			D = max(1, min(first-1, 64))
		}
		layers := 1
		for k := range arr {
			slices.Sort(arr[k])
			run := 1
			for i := 1; i < len(arr[k]); i++ {
				if arr[k][i] == arr[k][i-1] {
					run++
					layers = max(layers, run)
				} else {
					run = 1
				}
			}
		}
		times := make([][]float64, layers*len(pairs))
		for k := range arr {
			l := 0
			for i, a := range arr[k] {
				if i > 0 && a == arr[k][i-1] {
					l++
				} else {
					l = 0
				}
				times[l*len(pairs)+k] = append(times[l*len(pairs)+k], float64(a-D)*c.DT)
			}
		}
		name := d.Name + "/" + typ
		net.AddPopulation(name, len(times), neuron.SpikeTimes{Times: times})
		for _, rec := range []string{"ampa", "nmda"} {
			if _, ok := pairs[0].w[rec]; !ok {
				continue
			}
			var l connect.List
			for layer := 0; layer < layers; layer++ {
				for k, pr := range pairs {
					l.Pre, l.Post = append(l.Pre, layer*len(pairs)+k), append(l.Post, pr.tgt)
					l.Weights, l.Delays = append(l.Weights, pr.w[rec]), append(l.Delays, float64(D)*c.DT)
				}
			}
			secs, err := m.sections(typ, d.Location, rec)
			if err != nil {
				return fmt.Errorf("drive %q: %w", d.Name, err)
			}
			for _, s := range secs {
				net.Connect(net.Population(name), net.Population(typ), l, network.Synapse{Site: &neuron.Site{Section: s, X: 0.5, Synapse: m.Synapses[rec]}})
			}
		}
	}
	return nil
}
