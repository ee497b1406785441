package network

import (
	"fmt"
	"hash"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// DefaultDT is the step used when Options.DT is zero (ms).
const DefaultDT = 0.1

// MinDT is the smallest step (ms): 1 ns. Below it, times of a few ms are
// already billions of steps.
const MinDT = 1e-6

// Options configure a network. The zero value is usable: dt 0.1 ms, seed 0,
// all cores.
type Options struct {
	DT        float64        // step (ms), in [MinDT, 10]; 0 means DefaultDT
	Seed      uint64         // master seed of every random stream
	Workers   int            // goroutines stepping the network, at most MaxWorkers; 0: automatic (one per 8000 neurons, at most GOMAXPROCS); a run uses at most as many as the largest population has neurons
	MaxMemory int64          // bytes the network may use; 0: 3/4 of physical memory
	Label     string         // optional name, reported in summaries
	Progress  func(Progress) // optional, called about every 100 ms of wall time and at the end of a run
}

// Progress reports how far a run is.
type Progress struct {
	Step, Steps int64         // updates done in this run, and its total
	T, TEnd     float64       // simulated time now and at the end of the run (ms)
	Wall        time.Duration // wall time since the run started
	Spikes      int64         // spikes since the network was built
}

// Network is a spiking network: populations, projections, stimuli and
// recorders, and its state once built.
type Network struct {
	opt       Options
	pops      []*Population
	byName    map[string]*Population
	projs     []*Projection
	recs      []Recorder
	fresh     []Recorder // attached at Build, not yet sampled
	sampledAt int64      // the step whose state recorders last got at a run's end
	errs      []error    // parts refused since the last Build
	broken    error      // a failed Build or a refused part: stops the network for good

	e       *engine // nil until built
	fault   error   // a run error that stops the network for good
	steps   int64   // updates done
	spikes  int64
	fp      hash.Hash
	fpBuf   []byte
	last    runSummary
	workers int

	cacheDir, cacheFile string
	cacheHit, stateless bool
	cacheWhy            string
	cachedWall          float64
	memEstimate         float64 // bytes, from checkMemory
	id                  uint64
	running             atomic.Bool // a Run is in progress
	closed              bool        // Close was called
	flushers            []int       // indices of the recorders that are Flushers
	chunkers            []Chunker   // the recorders that bound chunks
}

// networks counts the networks made, to give each an ID (View.ID).
var networks atomic.Uint64

// New returns an empty network.
func New(opt Options) *Network {
	return &Network{opt: opt, byName: map[string]*Population{}, id: networks.Add(1)}
}

// DT returns the step (ms).
func (n *Network) DT() float64 {
	if n.opt.DT == 0 {
		return DefaultDT
	}
	return n.opt.DT
}

// Seed returns the master seed.
func (n *Network) Seed() uint64 { return n.opt.Seed }

// Time returns the simulated time (ms) reached.
func (n *Network) Time() float64 { return float64(float64(n.steps) * n.DT()) }

// Steps returns the number of updates made.
func (n *Network) Steps() int64 { return n.steps }

// SetProgress sets the progress callback (see Options.Progress).
func (n *Network) SetProgress(f func(Progress)) { n.opt.Progress = f }

// Workers returns the number of workers asked for (Options.Workers or
// SetWorkers; 0: automatic).
func (n *Network) Workers() int { return n.opt.Workers }

// SetWorkers sets the number of workers for the next runs (0: automatic;
// at most MaxWorkers, else the next Run returns an error).
func (n *Network) SetWorkers(w int) { n.opt.Workers = w }

func (n *Network) errorf(format string, args ...any) {
	n.errs = append(n.errs, fmt.Errorf(format, args...))
}

func (n *Network) mutable(what string) bool {
	if n.e != nil {
		n.errorf("network: cannot %s: the network is already built (Build or Run was called); make a new network", what)
		return false
	}
	return true
}

// Population is a group of neurons of one model.
type Population struct {
	net       *Network
	name      string
	size      int
	model     neuron.Model
	method    scheme.Method
	receptors []namedReceptor
	inits     []initSpec
	stims     []stimSpec
	index     int
	rt        *popRT // after build
	missing   bool   // a stand-in for a name the network does not have (Network.Population)
}

type namedReceptor struct {
	name string
	r    synapse.Receptor
}

type initSpec struct {
	variable string
	d        dist.Dist
	values   []float64
	fromDist bool // Init (d), not InitValues (values)
}

type stimSpec struct {
	s       stimulus.Stimulus
	neurons []int
}

// AddPopulation adds a population of size neurons of model. Names must be
// unique. Errors are reported by Build.
func (n *Network) AddPopulation(name string, size int, model neuron.Model) *Population {
	p := &Population{net: n, name: name, size: size, model: model, index: len(n.pops)}
	if !n.mutable(fmt.Sprintf("add population %q", name)) {
		return p
	}
	if _, dup := n.byName[name]; dup {
		n.errorf("population %q: the name is already used: names must be unique", name)
		return p
	}
	n.pops = append(n.pops, p)
	n.byName[name] = p
	return p
}

// Population returns the population called name. For a name the network
// does not have it returns a stand-in, never nil: every use of it
// (Connect, Inject, a recorder, Receptor, Init, ...) is an error naming
// the name and the network's populations, which Build and Run return.
// Has tells whether a name is used.
func (n *Network) Population(name string) *Population {
	if p := n.byName[name]; p != nil {
		return p
	}
	return &Population{net: n, name: name, index: -1, missing: true}
}

// Has reports whether the network has a population called name.
func (n *Network) Has(name string) bool { return n.byName[name] != nil }

// unknown is the error of using the stand-in of a population the network
// does not have.
func (p *Population) unknown() error {
	return fmt.Errorf("unknown population %q (the network has %s)", p.name, p.net.popNames())
}

// editable reports whether p may be changed (what: the change, for the
// message): it must be a population of the network, not yet built.
func (p *Population) editable(what string) bool {
	if p.missing {
		p.net.errorf("network: cannot %s: %w", what, p.unknown())
		return false
	}
	return p.net.mutable(what)
}

// Populations returns the populations in the order they were added.
func (n *Network) Populations() []*Population { return n.pops }

// Name returns the population's name.
func (p *Population) Name() string {
	if p == nil {
		return ""
	}
	return p.name
}

// describe names the population and its model in messages.
func (p *Population) describe() string {
	if p.model == nil {
		return fmt.Sprintf("population %q", p.name)
	}
	return fmt.Sprintf("population %q (%s)", p.name, p.model.Kind())
}

func stimKind(s stimulus.Stimulus) string {
	if s == nil {
		return "nil"
	}
	return s.Kind()
}

// Network returns the network the population was added to.
func (p *Population) Network() *Network {
	if p == nil {
		return nil
	}
	return p.net
}

// Size returns the number of neurons.
func (p *Population) Size() int {
	if p == nil {
		return 0
	}
	return p.size
}

// Model returns the population's model.
func (p *Population) Model() neuron.Model { return p.model }

// Receptor adds a receptor type called name: projections onto the
// population name it in Synapse.Receptor.
func (p *Population) Receptor(name string, r synapse.Receptor) *Population {
	if p.editable(fmt.Sprintf("add receptor %q to population %q", name, p.name)) {
		p.receptors = append(p.receptors, namedReceptor{name, r})
	}
	return p
}

// Method sets the integration method (default: the model's).
func (p *Population) Method(m scheme.Method) *Population {
	if p.editable(fmt.Sprintf("set the method of population %q", p.name)) {
		p.method = m
	}
	return p
}

// Init draws the initial value of a state variable (of the model, or a
// receptor's state by the receptor's name) for every neuron from d. Without
// Init a variable starts at the model's rest. Init and InitValues apply in
// the order called: a later one replaces an earlier one for the same
// variable (so a network from a model builder can be adjusted).
func (p *Population) Init(variable string, d dist.Dist) *Population {
	if p.editable(fmt.Sprintf("set the initial %s of population %q", variable, p.name)) {
		p.inits = append(p.inits, initSpec{variable: variable, d: d, fromDist: true})
	}
	return p
}

// InitValues sets the initial value of a variable neuron by neuron.
func (p *Population) InitValues(variable string, values []float64) *Population {
	if p.editable(fmt.Sprintf("set the initial %s of population %q", variable, p.name)) {
		p.inits = append(p.inits, initSpec{variable: variable, values: append([]float64(nil), values...)})
	}
	return p
}

// Inject attaches an injected current to every neuron of the population;
// inject into some of them through a view: p.Slice(0, 10).Inject(s).
func (p *Population) Inject(s stimulus.Stimulus) *Population {
	if p != nil {
		p.inject(s, p)
	}
	return p
}

// inject attaches s to the neurons of g (p or a view of p).
func (p *Population) inject(s stimulus.Stimulus, g Group) {
	if !p.editable(fmt.Sprintf("inject into %s", strconv.Quote(g.String()))) {
		return
	}
	m, err := p.net.resolve(g)
	if err != nil {
		p.net.errorf("%s: stimulus %d (%s): %w", p.describe(), len(p.stims), stimKind(s), err)
		return
	}
	spec := stimSpec{s: s}
	if !m.whole() {
		spec.neurons = make([]int, m.size())
		for k := range spec.neurons {
			spec.neurons[k] = m.at(k)
		}
	}
	p.stims = append(p.stims, spec)
}

// Var returns the live state slice of a variable (model variable or
// receptor state) once the network is built, or nil.
func (p *Population) Var(name string) []float64 {
	if p.rt == nil {
		return nil
	}
	return p.rt.variable(name)
}

// Vars returns the names of the population's variables once built.
func (p *Population) Vars() []string {
	if p.rt == nil {
		return nil
	}
	return p.rt.varNames()
}

// Synapse describes the synapses of a projection: the receptor of the
// target population they act on, and the distributions of their weights
// (pA, nS, or mV for delta receptors) and delays (ms).
//
// Onto a population whose model owns its synapses (neuron.SiteChecker:
// compartmental cells), Site or Spread replaces Receptor: they name the
// section, the position and the synapse type of the synapse instances the
// projection drives (see SiteSpread and docs/architecture.md).
//
// Plasticity makes the synapses change with spikes (package plasticity:
// STDP, short-term plasticity); nil keeps the weights static. Delay is then
// NEST's total delay, axonal plus the rule's dendritic part.
type Synapse struct {
	Receptor   string
	Weight     dist.Dist       // nil: the rule's explicit weights (List, Matrix)
	Delay      dist.Dist       // nil: one step; rounded to steps, at least one
	Site       *neuron.Site    // every synapse at this site of its target neuron
	Spread     *SiteSpread     // or: each synapse at a site drawn from a distribution
	Plasticity plasticity.Rule // nil: static weights; else the synapse model (plasticity.Pair, Triplet, TsodyksMarkram)
}

// Projection is a set of synapses from a group of neurons to another (a
// population or a view of one: Group).
type Projection struct {
	pre, post members // resolved at Connect (zero on error)
	preName   string  // the groups as given, for messages
	postName  string
	rule      connect.Rule
	syn       Synapse
	index     int
	table     *connect.Table // without Ptr until Table builds it (ptrOnce)
	ptrOnce   sync.Once
	rt        *projRT
}

// Connect adds a projection from the neurons of pre to those of post:
// populations (the handles AddPopulation returns) or views of them
// (Population.Slice, Population.Select). The rule sees the views' sizes
// and numbers their neurons 0..Size()-1; the projection's table maps them
// onto the populations' neurons (docs/architecture.md). A nil group, a bad
// view or a population of another network is an error reported by Build.
func (n *Network) Connect(pre, post Group, rule connect.Rule, syn Synapse) *Projection {
	pr := &Projection{preName: groupName(pre), postName: groupName(post), rule: rule, syn: syn, index: len(n.projs)}
	if !n.mutable(fmt.Sprintf("connect %q to %q", pr.preName, pr.postName)) {
		return pr
	}
	var err error
	if pr.pre, err = n.resolve(pre); err != nil {
		n.errorf("%v: source: %w", pr, err)
		return pr
	}
	if pr.post, err = n.resolve(post); err != nil {
		n.errorf("%v: target: %w", pr, err)
		return pr
	}
	n.projs = append(n.projs, pr)
	return pr
}

func groupName(g Group) string {
	if isNil(g) {
		return "<nil>"
	}
	return g.String()
}

// Pre returns the name of the projection's source group ("exc",
// "exc[0:3200]").
func (pr *Projection) Pre() string { return pr.preName }

// Post returns the name of the projection's target group.
func (pr *Projection) Post() string { return pr.postName }

// Projections returns the projections in the order they were added.
func (n *Network) Projections() []*Projection { return n.projs }

func (pr *Projection) String() string {
	if r := pr.syn.Plasticity; r != nil && pr.syn.Site == nil && pr.syn.Spread == nil {
		return fmt.Sprintf("projection %d %q -> %q (%s, receptor %q, %s)", pr.index, pr.preName, pr.postName, kindOf(pr.rule), pr.syn.Receptor, r.Kind())
	}
	if pr.syn.Site != nil || pr.syn.Spread != nil {
		return fmt.Sprintf("projection %d %q -> %q (%s, synapse sites)", pr.index, pr.preName, pr.postName, kindOf(pr.rule))
	}
	return fmt.Sprintf("projection %d %q -> %q (%s, receptor %q)", pr.index, pr.preName, pr.postName, kindOf(pr.rule), pr.syn.Receptor)
}

// Table returns the projection's synapses once built (targets of each
// source; weights in Weights, delays in steps in DelaySteps), in the
// populations' neuron indices: a projection between views has the rows
// and columns of the whole populations, empty outside the views. The run
// keeps its own row index (docs/architecture.md, "Data layout and parallel
// step"): the table's row pointer Ptr is built from it by the first call
// (8 bytes per source), Post is the network's own.
func (pr *Projection) Table() *connect.Table {
	if pr.table == nil || pr.rt == nil {
		return nil
	}
	pr.ptrOnce.Do(func() { pr.table.Ptr = pr.rt.rows.ptr() })
	return pr.table
}

// Weights returns each synapse's weight in table order, once built: the
// live values, which a plastic projection's runs change (copy them to keep
// them). A static projection whose Synapse.Weight is constant stores its
// weight once: Weights then returns a new slice of that value on each
// call, and writing into it changes nothing.
func (pr *Projection) Weights() []float64 {
	if pr.rt == nil {
		return nil
	}
	return pr.rt.weights()
}

// PostPopulation returns the name of the population the projection's
// targets belong to (Post may name a view of it), or "" when the target
// was refused.
func (pr *Projection) PostPopulation() string {
	if pr.post.p == nil {
		return ""
	}
	return pr.post.p.name
}

// Index returns the projection's position among the network's projections.
func (pr *Projection) Index() int { return pr.index }

// Plasticity returns the synapse model of a plastic projection, or nil.
func (pr *Projection) Plasticity() plasticity.Rule { return pr.syn.Plasticity }

// Var returns, once built, the live values of a per-synapse variable in
// table order: "w" (the weights) for every projection, and the rule's
// variables for a plastic one (plasticity.Pair: apre, apost; Triplet: r1,
// r2, o1, o2; TsodyksMarkram: u, x); nil for an unknown name.
func (pr *Projection) Var(name string) []float64 {
	if pr.rt == nil {
		return nil
	}
	if pr.rt.plast != nil {
		return pr.rt.plast.syn.Var(name)
	}
	if name == "w" {
		return pr.rt.weights()
	}
	return nil
}

// Vars lists the per-synapse variables of Var once built.
func (pr *Projection) Vars() []string {
	if pr.rt == nil {
		return nil
	}
	if pr.rt.plast != nil {
		return pr.rt.plast.syn.Vars()
	}
	return []string{"w"}
}

// DelaySteps returns each synapse's delay in steps in table order, once
// built.
func (pr *Projection) DelaySteps() []int32 {
	if pr.rt == nil {
		return nil
	}
	return pr.rt.delaySteps()
}

// Sites returns, once built, the synapse instance (the index its target
// host gave with neuron.SynapseHost.AddSite) of each synapse in table order,
// for a projection onto synapse sites; nil otherwise.
func (pr *Projection) Sites() []int32 {
	if pr.rt == nil || !pr.rt.toSite {
		return nil
	}
	if pr.rt.site != nil {
		return pr.rt.site
	}
	s := make([]int32, len(pr.rt.tgt))
	for i := range s {
		s[i] = pr.rt.site0
	}
	return s
}

// Len returns the number of synapses once built.
func (pr *Projection) Len() int64 {
	if pr.table == nil {
		return 0
	}
	return pr.table.Len()
}

func kindOf(r connect.Rule) string {
	if r == nil {
		return "nil rule"
	}
	return r.Kind()
}

// Reject records a problem found by code that assembles the network (such
// as models.RSFSNetwork checking its parameters): Build and Run return it,
// and the network never runs.
func (n *Network) Reject(err error) {
	if err != nil {
		n.errs = append(n.errs, err)
	}
}

// Record adds a recorder (see package record). A nil recorder, one added
// twice, or one that does not fit the network (Attach fails) is an error
// that the next Build or Run returns, and every one after it.
func (n *Network) Record(r Recorder) {
	if r == nil || (reflect.ValueOf(r).Kind() == reflect.Pointer && reflect.ValueOf(r).IsNil()) {
		n.errorf("network: Record(nil): give a recorder (see package record)")
		return
	}
	for k, old := range n.recs {
		if sameRecorder(old, r) {
			n.errorf("network: recorder %d (%T) is added twice: it would record everything twice; make a second recorder instead", k, r)
			return
		}
	}
	if n.e != nil {
		if err := r.Attach(view{n}); err != nil {
			n.errorf("recorder %d (%T): %w", len(n.recs), r, err)
			return
		}
		n.sampleAll([]Recorder{r})
		n.noteRecorder(len(n.recs), r)
	}
	n.recs = append(n.recs, r)
}

// sameRecorder reports whether a and b are the same recorder (comparable
// values that are equal: in practice the same pointer).
func sameRecorder(a, b Recorder) bool {
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta == tb && ta.Comparable() && a == b
}
