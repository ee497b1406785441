package cell

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// Population is a network population of compartmental cells: a
// neuron.Model for network.AddPopulation, next to point populations. Its
// neurons own their synapses (neuron.SiteChecker): a projection onto it
// names a section, a position and a synapse type (network.Synapse.Site, a
// neuron.Site whose Synapse is a point process that takes events, such as
// ExpSyn or Exp2Syn), and each spike reaches that synapse as a NetCon event
// of the projection's weight (µS) after its delay.
//
// Every cell's spikes are detected as NEURON's NetCon does, by its
// Detector (default: v at the first root section's 0.5 going above 10 mV,
// NEURON's default NetCon threshold). The network's dt is the cells' dt
// (0.025 ms is NEURON's default; set network.Options.DT). Population.Init
// and injected currents do not apply: set Options.VInit, and put IClamp
// point processes in the Cell.
//
// The network's state recorders see "v", the membrane potential at the
// detector's location, and every Probe by its name.
type Population struct {
	Cell  Cell   // the cell of every neuron (used when Cells is nil)
	Cells []Cell // or: one cell per neuron, all of one topology (parameters and geometry may vary)
	// Options: Celsius, SecondOrder, VInit as for a standalone cell; nil
	// means NEURON's defaults (DefaultOptions). DT 0 means the network's
	// step, otherwise it must equal it.
	Options *Options
	Probes  []Probe  // more variables for state recorders
	Dipoles []Dipole // current dipole moments along an axis, as variables (dipole.go)
}

// Probe exposes one variable of every cell of a Population to the network's
// state recorders, under Name: a mechanism's or ion's variable at a
// location ("v", "m_hh", "ina"), or, with Point set, a variable of one of
// the cell's point processes ("g", "i", "A", "B").
type Probe struct {
	Name    string  // variable name in the network, e.g. "v_dend"; not "v"
	Section string  // location (unless Point is set)
	X       float64 // position in [0, 1]
	Var     string  // "v", "m_hh", "ina", ... or the point process's variable
	Point   string  // optional: a point process label of the cell
}

// DefaultPopulation returns a population of identical cells c with
// NEURON's default options and the network's step.
func DefaultPopulation(c Cell) Population { return Population{Cell: c} }

// Kind is "cell".
func (Population) Kind() string { return "cell" }

// DefaultMethod: the cable equation's scheme is Options.SecondOrder, not a
// scheme.Method; the population accepts only the default.
func (Population) DefaultMethod() scheme.Method { return scheme.Exact }

// CheckSize requires one cell per neuron when Cells is given.
func (p Population) CheckSize(n int) error {
	if p.Cells != nil && len(p.Cells) != n {
		return fmt.Errorf("Cells has %d cells for %d neurons: give one per neuron, or set Cell for identical cells", len(p.Cells), n)
	}
	return nil
}

// BytesPerNeuron estimates a cell's memory (node arrays and mechanism
// states) for the network's memory check.
func (p Population) BytesPerNeuron() float64 {
	c := p.template()
	nodes, mechs := 0, 0
	for _, s := range c.Sections {
		nodes += max(1, s.Nseg) + 1
		mechs += max(1, s.Nseg) * len(s.Mechs)
	}
	return float64(float64(nodes)*8*12) + float64(float64(mechs)*8*8) + float64(float64(len(c.Points))*8*8)
}

// UpdateCost is a cell's update in point-neuron updates for the
// network's automatic number of workers: about 8 per segment (an hh
// compartment-step takes about 90 ns, a COBA LIF update about 11 ns).
func (p Population) UpdateCost() float64 {
	segs := 0
	for _, s := range p.template().Sections {
		segs += max(1, s.Nseg)
	}
	return 8 * float64(segs)
}

func (p Population) template() Cell {
	if p.Cells != nil && len(p.Cells) > 0 {
		return p.Cells[0]
	}
	return p.Cell
}

// options returns the cells' options for the network's step dt.
func (p Population) options(dt float64) Options {
	o := DefaultOptions()
	if p.Options != nil {
		o = *p.Options
	}
	o.DT = dt
	return o
}

// cells returns copies of the n cells, each with the default detector
// when it has none (the slices the population appends to are its own).
func (p Population) cells(n int) []Cell {
	out := make([]Cell, n)
	for k := range out {
		c := p.Cell
		if p.Cells != nil {
			c = p.Cells[k]
		}
		c.Points = append([]PointProcess(nil), c.Points...)
		if c.Detector == nil {
			for _, s := range c.Sections {
				if s.Parent == "" {
					c.Detector = &Detector{Section: s.Name, X: 0.5, Threshold: 10}
					break
				}
			}
		}
		out[k] = c
	}
	return out
}

// Validate checks the cells (every one of Cells), the options against the
// network's step dt, and the probes.
func (p Population) Validate(dt float64, m scheme.Method) error {
	if m != scheme.Exact {
		return fmt.Errorf("method = %v: a cell population integrates the cable equation with backward Euler or Crank-Nicolson (Options.SecondOrder); leave the method at its default", m)
	}
	if p.Options != nil && p.Options.DT != 0 && p.Options.DT != dt {
		return fmt.Errorf("Options.DT = %v ms: the cells step with the network's dt = %v ms; set Options.DT to 0 (or to the network's dt)", p.Options.DT, dt)
	}
	if dt > MaxDT {
		return fmt.Errorf("network dt = %v ms: compartmental cells need dt <= %v ms (NEURON's default is 0.025 ms)", dt, MaxDT)
	}
	n := 1
	if p.Cells != nil {
		if len(p.Cells) == 0 {
			return errors.New("Cells is empty: give one cell per neuron, or set Cell")
		}
		n = len(p.Cells)
	}
	cells := p.cells(n)
	g, err := NewGroup(cells, p.options(dt))
	if err != nil {
		return err
	}
	seen := map[string]bool{"v": true}
	for k, pr := range p.Probes {
		obj := fmt.Sprintf("Probes[%d] (%q)", k, pr.Name)
		if pr.Name == "" || seen[pr.Name] {
			return fmt.Errorf("%s: Name %q is empty, \"v\" or used twice: give each probe its own name", obj, pr.Name)
		}
		seen[pr.Name] = true
		if _, err := p.probe(g, 0, pr); err != nil {
			return fmt.Errorf("%s: %w", obj, netWithSections(err, cells[0]))
		}
	}
	for k, dp := range p.Dipoles {
		obj := fmt.Sprintf("Dipoles[%d] (%q)", k, dp.Name)
		if dp.Name == "" || seen[dp.Name] {
			return fmt.Errorf("%s: Name %q is empty, \"v\" or used twice: give each probe its own name", obj, dp.Name)
		}
		seen[dp.Name] = true
		if err := checkDipole(cells[0], dp); err != nil {
			return fmt.Errorf("%s: %w", obj, err)
		}
	}
	return nil
}

func (p Population) probe(g *Group, k int, pr Probe) (*float64, error) {
	if pr.Point != "" {
		return g.PointVar(k, pr.Point, pr.Var)
	}
	return g.Var(k, pr.Section, pr.X, pr.Var)
}

// netWithSections adds the cell's section names to an unknown-section error.
func netWithSections(err error, c Cell) error {
	var e *Error
	if errors.As(err, &e) && e.Field == "Section" {
		names := make([]string, len(c.Sections))
		for i, s := range c.Sections {
			names[i] = strconv.Quote(s.Name)
		}
		return fmt.Errorf("%w (the cell has %s)", err, strings.Join(names, ", "))
	}
	return err
}

// CheckSite checks a projection's site: the section and position exist,
// and the synapse is a valid point process that takes events.
func (p Population) CheckSite(s neuron.Site, dt float64) error {
	pt, ok := s.Synapse.(mech.Point)
	if !ok || pt == nil {
		return fmt.Errorf("synapse %T (%v): a site's synapse must be a point process of package cell that takes events, such as ExpSyn or Exp2Syn", s.Synapse, s.Synapse)
	}
	c := p.cells(1)[0]
	c.Points = append(c.Points, PointProcess{Label: "site", Section: s.Section, X: s.X, Mech: pt})
	g, err := NewGroup([]Cell{c}, p.options(dt))
	if err != nil {
		return netWithSections(err, c)
	}
	k, err := g.Point("site")
	if err != nil {
		return err
	}
	if !g.CanReceive(k) {
		return fmt.Errorf("synapse %s: this point process takes no events; a site needs one that does, such as ExpSyn or Exp2Syn", pt.Name())
	}
	return nil
}

// New allocates the population's dynamics; the cells are built when the
// sites are known (SitesDone).
func (p Population) New(c neuron.Context) neuron.Dynamics {
	d := &cellDyn{p: p, n: c.N, dt: c.DT, cells: p.cells(c.N)}
	tmpl, err := NewGroup(d.cells[:1], p.options(c.DT))
	if err != nil {
		panic("cell: Population.New after a failed Validate: " + err.Error())
	}
	d.tmpl = tmpl
	d.vars = map[string][]float64{}
	d.names = []string{"v"}
	for _, pr := range p.Probes {
		d.names = append(d.names, pr.Name)
	}
	for _, dp := range p.Dipoles {
		d.names = append(d.names, dp.Name)
	}
	for _, name := range d.names {
		d.vars[name] = netFill(make([]float64, c.N), math.NaN())
	}
	return d
}

// cellDyn is a Population at run time: a Group of its cells with the
// projections' synapses added as point processes.
type cellDyn struct {
	p     Population
	n     int
	dt    float64
	cells []Cell
	tmpl  *Group // one cell, to resolve sites before the group is built
	g     *Group
	sites []netSite
	point []int // per site, the point process index in g
	names []string
	vars  map[string][]float64
	src   [][]*float64  // per name, per cell: the live state
	dip   [][][]dipTerm // per dipole, per cell: its terms
	clk   netClock
}

type netSite struct {
	node int
	syn  mech.Point
}

func (d *cellDyn) Vars() []string            { return d.names }
func (d *cellDyn) Var(name string) []float64 { return d.vars[name] }

// AddSite resolves a site to its node; sites of the same node and the same
// synapse parameters are one instance (the synapses are linear).
func (d *cellDyn) AddSite(s neuron.Site) (int, error) {
	if d.g != nil {
		panic("cell: AddSite after SitesDone")
	}
	pt, ok := s.Synapse.(mech.Point)
	if !ok {
		return 0, fmt.Errorf("synapse %T: not a point process of package cell", s.Synapse)
	}
	nd, err := d.tmpl.Node(s.Section, s.X)
	if err != nil {
		return 0, netWithSections(err, d.cells[0])
	}
	for k, r := range d.sites {
		if r.node == nd && reflect.DeepEqual(r.syn, pt) {
			return k, nil
		}
	}
	label := "network site " + strconv.Itoa(len(d.sites))
	for k := range d.cells {
		d.cells[k].Points = append(d.cells[k].Points, PointProcess{Label: label, Section: s.Section, X: s.X, Mech: pt})
	}
	d.sites = append(d.sites, netSite{nd, pt})
	return len(d.sites) - 1, nil
}

// SitesDone builds the cells with their synapses (NEURON's finitialize).
func (d *cellDyn) SitesDone() error {
	for _, name := range d.names {
		for _, x := range d.vars[name] {
			if !math.IsNaN(x) {
				return fmt.Errorf("initial %s: a cell population's variables report the cells' state and cannot be set; set Options.VInit (NEURON's v_init) instead", name)
			}
		}
	}
	g, err := NewGroup(d.cells, d.p.options(d.dt))
	if err != nil {
		return err
	}
	d.g = g
	d.point = make([]int, len(d.sites))
	for k := range d.sites {
		if d.point[k], err = g.Point("network site " + strconv.Itoa(k)); err != nil {
			return err
		}
	}
	c0 := d.cells[0]
	det := c0.Detector
	np := 1 + len(d.p.Probes)
	d.src = make([][]*float64, np)
	for j := range d.src {
		d.src[j] = make([]*float64, d.n)
		for k := 0; k < d.n; k++ {
			var x *float64
			if j == 0 {
				x, err = g.Var(k, det.Section, det.X, "v")
			} else {
				x, err = d.p.probe(g, k, d.p.Probes[j-1])
			}
			if err != nil {
				return err
			}
			d.src[j][k] = x
		}
	}
	d.dip = make([][][]dipTerm, len(d.p.Dipoles))
	for j, dp := range d.p.Dipoles {
		d.dip[j] = make([][]dipTerm, d.n)
		for k := range d.cells {
			if d.dip[j][k], err = dipoleTerms(d.cells[k], dp); err != nil {
				return err
			}
		}
	}
	d.clk.dt = d.dt
	d.sample(0, d.n)
	return nil
}

func (d *cellDyn) sample(lo, hi int) {
	for j, src := range d.src {
		dst := d.vars[d.names[j]]
		for k := lo; k < hi; k++ {
			dst[k] = *src[k]
		}
	}
	if len(d.dip) > 0 {
		v, nn := d.g.V(), d.g.Nodes()
		for j, terms := range d.dip {
			dst := d.vars[d.names[len(d.src)+j]]
			for k := lo; k < hi; k++ {
				dst[k] = dipoleAt(v, k*nn, terms[k])
			}
		}
	}
}

// Advance makes one step of cells [lo, hi) (nrn_fixed_step), from the
// time a standalone Sim would have after as many steps.
func (d *cellDyn) Advance(lo, hi int, in neuron.Input) {
	d.g.Step(lo, hi, d.clk.at(in.Step-1))
	d.sample(lo, hi)
}

// Receive delivers the events due at update step (NET_RECEIVE at
// t = step·dt): they act from the next step, as a standalone Sim's events
// delivered at that step boundary.
func (d *cellDyn) Receive(step int64, lo, hi int, ev []neuron.SiteEvent) {
	t := float64(step) * d.dt
	for _, e := range ev {
		d.g.Deliver(int(e.Neuron), d.point[e.Site], e.Weight, t)
	}
}

// Spike applies the cells' detectors.
func (d *cellDyn) Spike(lo, hi int, step int64, dst []int32) []int32 {
	return d.g.Spikes(lo, hi, dst)
}

// netClock gives the time at the start of update n+1 as a standalone Sim has
// it after n steps: NEURON's t, advanced by two half steps per step, so
// that time-dependent point processes see the same bits. Workers ask for
// steps at most two windows apart; a ring of the latest times, extended
// in order under a mutex, serves them.
type netClock struct {
	mu   sync.Mutex
	dt   float64
	last int64 // the latest step with a time; -1 before the first
	t    [netRing]float64
	init bool
}

const netRing = 1024

func (c *netClock) at(n int64) float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.init {
		c.init, c.last, c.t[0] = true, 0, 0
	}
	for c.last < n {
		t := c.t[c.last%netRing]
		t += float64(0.5 * c.dt)
		t += float64(0.5 * c.dt)
		c.last++
		c.t[c.last%netRing] = t
	}
	if n <= c.last-netRing {
		panic(fmt.Sprintf("cell: time of step %d asked after step %d", n, c.last))
	}
	return c.t[n%netRing]
}

func netFill(s []float64, v float64) []float64 {
	for i := range s {
		s[i] = v
	}
	return s
}
