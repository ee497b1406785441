package network

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/internal/hugepage"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/param"
	"github.com/golgi-sim/golgi/simlib/rng"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// maxDelaySteps bounds delays so that rings stay small.
const maxDelaySteps = 1 << 16

// MaxWorkers bounds Options.Workers (and SetWorkers). Workers beyond the
// size of the largest population would have no neurons: a run uses at most
// that many.
const MaxWorkers = 1024

// Build validates the whole network and allocates it. Every error found is
// reported, joined; nothing is allocated when there is one. Errors stay: a
// network whose Build failed, or to which a bad part was added (a recorder
// that does not fit, a population added after the build, ...), returns the
// same error from every later Build and Run, and never runs without the
// rejected part: make it again with network.New. Run calls Build when
// needed.
func (n *Network) Build() error {
	if n.broken != nil {
		return n.broken
	}
	if n.e != nil {
		return n.pending()
	}
	if err := n.validate(); err != nil {
		return n.breakWith(err)
	}
	e, err := n.allocate()
	if err != nil {
		return n.breakWith(err)
	}
	n.e = e
	n.fp = sha256.New()
	for k, r := range n.recs {
		if err := r.Attach(view{n}); err != nil {
			n.errorf("recorder %d (%T): %w", k, r, err)
		}
		n.noteRecorder(k, r)
	}
	n.fresh = n.recs
	return n.pending()
}

// pending turns errors recorded since the build into the network's
// permanent error.
func (n *Network) pending() error {
	if len(n.errs) == 0 {
		return nil
	}
	err := errors.Join(n.errs...)
	n.errs = nil
	return n.breakWith(err)
}

// breakWith makes err the network's permanent error.
func (n *Network) breakWith(err error) error {
	n.broken = fmt.Errorf("%w\n(the network will not build or run: make it again with network.New, without these problems)", err)
	return n.broken
}

// Err returns the error that stops the network for good (a failed Build,
// a rejected part, or a fault during a run), or nil.
func (n *Network) Err() error {
	if n.broken != nil {
		return n.broken
	}
	return n.fault
}

// checkWorkers checks a number of workers (Options.Workers, SetWorkers).
func checkWorkers(w int) error {
	if w < 0 || w > MaxWorkers {
		return &param.Error{Object: "network", Field: "Workers", Value: w, Allowed: fmt.Sprintf("must be in [0, %d] (0: automatic)", MaxWorkers)}
	}
	return nil
}

// delaySteps converts a delay (ms) to steps: rounded, at least one, at
// most maxDelaySteps. Every delay goes through it: the bounds of
// Synapse.Delay, each drawn delay and each explicit delay of a rule's
// table (connect.List).
func delaySteps(field string, ms, dt float64) (int32, error) {
	s, err := param.Steps(field, ms, dt, maxDelaySteps)
	return int32(max(1, s)), err
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// validate checks every parameter; it returns all problems joined.
func (n *Network) validate() error {
	errs := append([]error(nil), n.errs...)
	n.errs = nil
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	dt := n.DT()
	if !finite(dt) || dt < MinDT || dt > 10 {
		add("network: DT = %v ms: must be positive, finite, at least MinDT = %v ms and at most 10 ms", n.opt.DT, MinDT)
		return errors.Join(errs...)
	}
	if err := checkWorkers(n.opt.Workers); err != nil {
		errs = append(errs, err)
	}
	if n.opt.MaxMemory < 0 {
		add("network: MaxMemory = %d bytes: must be >= 0 (0: 3/4 of physical memory)", n.opt.MaxMemory)
	}
	if len(n.pops) == 0 {
		add("network: no populations: add one with AddPopulation")
	}
	for _, p := range n.pops {
		where := fmt.Sprintf("population %q", p.name)
		if p.name == "" {
			add("population %d: the name is empty", p.index)
		}
		if p.size <= 0 {
			add("%s: size = %d: must be at least 1", where, p.size)
		}
		if p.size > math.MaxInt32 {
			add("%s: size = %d: must be below 2^31", where, p.size)
		}
		if p.model == nil {
			add("%s: model is nil", where)
			continue
		}
		where = fmt.Sprintf("population %q (%s)", p.name, p.model.Kind())
		if !p.method.Valid() {
			add("%s: method = %v: use scheme.Default, Exact, ExpEuler or Euler", where, p.method)
			continue
		}
		if err := p.model.Validate(dt, p.method.Resolve(p.model.DefaultMethod())); err != nil {
			add("%s: %w", where, err)
		}
		if sc, ok := p.model.(neuron.SizeChecker); ok && p.size > 0 {
			if err := sc.CheckSize(p.size); err != nil {
				add("%s: %w", where, err)
			}
		}
		if _, host := p.model.(neuron.SiteChecker); host {
			if len(p.receptors) > 0 {
				add("%s: receptor %q: this model owns its synapses and takes no receptors: give the projections onto it a Synapse.Site (section, position, synapse type)", where, p.receptors[0].name)
			}
			if len(p.stims) > 0 && p.stims[0].s != nil {
				add("%s: stimulus 0 (%s): this model takes no injected current from the network: place a current clamp on the cell itself (its own point processes)", where, p.stims[0].s.Kind())
			}
		}
		seen := map[string]bool{}
		for _, r := range p.receptors {
			if r.name == "" || seen[r.name] {
				add("%s: receptor name %q is empty or used twice", where, r.name)
			}
			seen[r.name] = true
			if err := r.r.Validate(dt); err != nil {
				add("%s: receptor %q: %w", where, r.name, err)
			}
		}
		for k, s := range p.stims {
			if s.s == nil {
				add("%s: stimulus %d is nil", where, k)
				continue
			}
			if err := s.s.Validate(dt); err != nil {
				add("%s: stimulus %d (%s): %w", where, k, s.s.Kind(), err)
			}
		}
		for _, in := range p.inits {
			if in.fromDist && in.d == nil {
				add("%s: initial %s: the distribution is nil: use e.g. dist.Const or dist.Uniform", where, in.variable)
			} else if in.d != nil {
				if err := in.d.Validate(); err != nil {
					add("%s: initial %s: %w", where, in.variable, err)
				}
			} else if len(in.values) != p.size {
				add("%s: initial %s: %d values for %d neurons", where, in.variable, len(in.values), p.size)
			} else {
				for i, v := range in.values {
					if !finite(v) {
						add("%s: initial %s[%d] = %v: must be finite", where, in.variable, i, v)
						break
					}
				}
			}
		}
	}
	for _, pr := range n.projs {
		post := pr.post.p
		if pr.rule == nil {
			add("%v: rule is nil", pr)
		}
		if pr.rule == nil || pr.pre.p.size <= 0 || post.size <= 0 {
			continue
		}
		if err := pr.rule.Validate(pr.pre.size(), pr.post.size(), pr.same()); err != nil {
			add("%v: %w", pr, err)
		}
		var rec synapse.Receptor
		ok := false
		if pr.toSites() {
			errs = append(errs, checkSites(pr, post, dt)...)
		} else if rec, ok = post.receptor(pr.syn.Receptor); !ok {
			add("%v: population %q has no receptor %q (has %s)", pr, post.name, pr.syn.Receptor, post.receptorNames())
		}
		if pr.syn.Weight != nil {
			if err := pr.syn.Weight.Validate(); err != nil {
				add("%v: weight: %w", pr, err)
			} else if lo, _ := pr.syn.Weight.Bounds(); ok && rec.Conductance && lo < 0 {
				add("%v: weight %v can be negative (%v nS): conductances must be >= 0; use an inhibitory receptor's reversal potential", pr, pr.syn.Weight, lo)
			} else if pr.toSites() && lo < 0 {
				add("%v: weight %v can be negative (%v): synapse weights (NetCon weights, µS) must be >= 0; for inhibition use a synapse with an inhibitory reversal potential", pr, pr.syn.Weight, lo)
			}
		}
		errs = append(errs, checkPlasticity(pr, post, dt)...)
		if pr.syn.Delay != nil {
			if err := pr.syn.Delay.Validate(); err != nil {
				add("%v: delay: %w", pr, err)
			} else {
				lo, hi := pr.syn.Delay.Bounds()
				for _, x := range []float64{lo, hi} {
					if _, err := delaySteps(fmt.Sprintf("Synapse.Delay %v: bound", pr.syn.Delay), x, dt); err != nil {
						add("%v: %w", pr, err)
						break
					}
				}
			}
		}
	}
	if len(errs) == 0 {
		if err := n.checkMemory(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (n *Network) popNames() string {
	var s []string
	for _, p := range n.pops {
		s = append(s, strconv.Quote(p.name))
	}
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

func (p *Population) receptor(name string) (synapse.Receptor, bool) {
	for _, r := range p.receptors {
		if r.name == name {
			return r.r, true
		}
	}
	return synapse.Receptor{}, false
}

func (p *Population) receptorNames() string {
	var s []string
	for _, r := range p.receptors {
		s = append(s, strconv.Quote(r.name))
	}
	if len(s) == 0 {
		if _, host := p.model.(neuron.SiteChecker); host {
			return "none: its model owns its synapses: give Synapse.Site or Synapse.Spread instead of a receptor"
		}
		return "none: add one with Population.Receptor"
	}
	return strings.Join(s, ", ")
}

// physicalMemory returns the machine's memory in bytes (16 GiB if unknown).
func physicalMemory() int64 {
	f, err := os.Open("/proc/meminfo")
	if err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fs := strings.Fields(sc.Text())
			if len(fs) >= 2 && fs[0] == "MemTotal:" {
				if kb, err := strconv.ParseInt(fs[1], 10, 64); err == nil {
					return kb * 1024
				}
			}
		}
	}
	return 16 << 30
}

// memoryLimit is MaxMemory, or 3/4 of physical memory.
func (n *Network) memoryLimit() int64 {
	if n.opt.MaxMemory == 0 {
		return physicalMemory() / 4 * 3
	}
	return n.opt.MaxMemory
}

// ringSlots estimates the ring slots of every receptor before the build:
// the longest delay onto it in steps, plus one (at least 2), from the
// bounds of Synapse.Delay or of explicit delays (connect.DelayRanger).
func (n *Network) ringSlots() map[*Population]map[string]int64 {
	dt := n.DT()
	slots := map[*Population]map[string]int64{}
	for _, p := range n.pops {
		slots[p] = map[string]int64{}
		for _, r := range p.receptors {
			slots[p][r.name] = 2
		}
	}
	for _, pr := range n.projs {
		post := pr.post.p
		hi := dt
		switch dr, ok := pr.rule.(connect.DelayRanger); {
		case pr.syn.Delay != nil:
			_, hi = pr.syn.Delay.Bounds()
		case ok:
			if _, h, ok := dr.DelayRange(); ok {
				hi = h
			}
		}
		d, _ := delaySteps("delay", hi, dt) // validated; explicit ones are checked at allocation
		slots[post][pr.syn.Receptor] = max(slots[post][pr.syn.Receptor], int64(d)+1)
	}
	return slots
}

// checkMemory estimates the bytes the network needs before allocating:
// state, receptor states and delay rings of every population, the
// per-neuron data of models that have some (neuron.MemoryUser), and the
// synapse tables.
func (n *Network) checkMemory() error {
	limit := n.memoryLimit()
	var total float64
	var big string
	var bigBytes float64
	part := func(name string, b float64) {
		total += b
		if b > bigBytes {
			big, bigBytes = name, b
		}
	}
	slots := n.ringSlots()
	for _, p := range n.pops {
		// state and inputs (about 8 variables), receptor states (2)
		b := float64(float64(p.size) * 8 * float64(8+2*len(p.receptors)))
		if mu, ok := p.model.(neuron.MemoryUser); ok {
			b += mu.Bytes(p.size)
		}
		if f, ok := p.model.(neuron.Footprint); ok {
			b += float64(float64(p.size) * f.BytesPerNeuron())
		}
		part(fmt.Sprintf("population %q (%s)", p.name, p.model.Kind()), b)
		for _, r := range p.receptors {
			d := slots[p][r.name]
			part(fmt.Sprintf("the delay ring of receptor %q of population %q (%d slots of %v ms for the longest delay, %d neurons each)", r.name, p.name, d, n.DT(), p.size), float64(float64(d)*float64(p.size)*8))
		}
	}
	for _, pr := range n.projs {
		np, nq, same := pr.pre.size(), pr.post.size(), pr.same()
		syn := pr.rule.Expected(np, nq, same)
		b := float64(syn*(4+n.synapseBytes(pr))) + rowIndexBytes(pr.pre.p.size, syn, n.workerCount())
		if !pr.pre.whole() || !pr.post.whole() {
			b += float64(syn*(4+8+4)) + float64(float64(np+1)*8) // the view's table, mapped
		}
		if bm, ok := pr.rule.(connect.BuildMemory); ok {
			b += bm.BuildBytes(np, nq, same)
		}
		if pr.syn.Plasticity != nil {
			b += float64(syn * plasticBytes)
		}
		part(fmt.Sprintf("%v with about %.3g synapses", pr, syn), b)
	}
	if total > float64(limit) {
		return fmt.Errorf("network: needs about %.3g GB but MaxMemory allows %.3g GB; the largest part is %s (%.3g GB): make the network smaller or raise Options.MaxMemory", total/1e9, float64(limit)/1e9, big, bigBytes/1e9)
	}
	n.memEstimate = total
	return nil
}

// rowIndexBytes estimates the row index of a projection of npre sources
// and about syn synapses run by w workers (synstore.go): an entry per
// source and segment, 4 bytes each below ptr32Limit synapses, else 8.
func rowIndexBytes(npre int, syn float64, w int) float64 {
	b := 4.0
	if syn >= float64(ptr32Limit) {
		b = 8
	}
	segs := 1
	if segmentable(w, npre, int64(syn)) {
		segs = w
	}
	return float64(float64(npre*segs+1) * b)
}

// synapseBytes returns the bytes per synapse of a projection's weights and
// delays as allocate stores them (synstore.go), besides its targets: 8 for
// per-synapse weights, none for one constant weight of a static
// projection; 2 or 4 for per-synapse delays (uint16 when the longest fits;
// 4 for explicit ones, converted through int32), none for a constant one.
func (n *Network) synapseBytes(pr *Projection) float64 {
	b := 8.0
	if pr.syn.Weight != nil && pr.syn.Plasticity == nil {
		if c, ok := pr.syn.Weight.(interface{ Bounds() (float64, float64) }); ok {
			if lo, hi := c.Bounds(); lo == hi {
				b = 0
			}
		}
	}
	switch {
	case pr.syn.Delay != nil:
		lo, hi := pr.syn.Delay.Bounds()
		if top, _ := delaySteps("Synapse.Delay", hi, n.DT()); lo != hi {
			b += 4
			if top <= math.MaxUint16 {
				b -= 2
			}
		}
	default:
		b += 4
	}
	return b
}

// allocate builds the runtime structures; the network has been validated.
func (n *Network) allocate() (*engine, error) {
	dt := n.DT()
	e := &engine{dt: dt}
	var errs []error
	// fail reports a part that broke its interface's contract (a model,
	// kinetics or stimulus written outside simlib): nothing is kept.
	fail := func(err error) (*engine, error) {
		for _, p := range n.pops {
			p.rt = nil
		}
		for _, pr := range n.projs {
			pr.table, pr.rt = nil, nil
		}
		return nil, err
	}
	for _, p := range n.pops {
		m := p.method.Resolve(p.model.DefaultMethod())
		ctx := neuron.Context{N: p.size, DT: dt, Method: m, Seed: n.opt.Seed, Key: rng.Key("population:" + p.name)}
		dyn := p.model.New(ctx)
		if dyn == nil || reflect.ValueOf(dyn).Kind() == reflect.Pointer && reflect.ValueOf(dyn).IsNil() {
			return fail(fmt.Errorf("population %q (%s): the model's New returned nil Dynamics", p.name, p.model.Kind()))
		}
		for _, v := range dyn.Vars() {
			if x := dyn.Var(v); len(x) != p.size {
				return fail(fmt.Errorf("population %q (%s): variable %q has %d values for %d neurons: the model's New must allocate one per neuron", p.name, p.model.Kind(), v, len(x), p.size))
			}
		}
		rt := &popRT{p: p, n: p.size, dyn: dyn}
		rt.fused, _ = rt.dyn.(neuron.AdvanceSpiker)
		rt.faulter, _ = rt.dyn.(neuron.Faulter)
		if h, ok := rt.dyn.(neuron.SynapseHost); ok {
			// events reach a host between Advance and Spike: not fused
			rt.host, rt.fused, rt.evD = h, nil, 2
		}
		rt.in.I = make([]float64, p.size)
		tauM := 0.0
		if mem, ok := rt.dyn.(neuron.Membrane); ok && m == scheme.Exact {
			tauM = mem.MembraneTau()
		}
		for _, r := range p.receptors {
			lin := r.r.Kinetics.Linear(dt, m)
			if !validLinear(lin) {
				return fail(fmt.Errorf("population %q (%s): receptor %q: %s kinetics gives the linear form %+v: it needs 0 to 2 states, its output among them, and finite propagators", p.name, p.model.Kind(), r.name, r.r.Kinetics.Kind(), lin))
			}
			rr := &receptorRT{name: r.name, r: r.r, lin: lin, delta: lin.N == 0, D: 2}
			rr.c[lin.Out] = 1
			if !r.r.Conductance && tauM > 0 && lin.N > 0 {
				rr.c = r.r.Kinetics.Effective(dt, tauM)
			}
			for k := 0; k < lin.N; k++ {
				rr.s[k] = make([]float64, p.size)
			}
			switch {
			case rr.delta:
				rt.hasDelta = true
			case r.r.Conductance:
				rt.hasCond = true
			}
			rt.rec = append(rt.rec, rr)
		}
		if rt.hasCond {
			rt.in.G, rt.in.GE = make([]float64, p.size), make([]float64, p.size)
			var open *receptorRT
			for _, r := range rt.rec {
				if r.r.Conductance && r.lin.N == 1 {
					if open == nil {
						open = r
					} else {
						open.pair, r.paired, open = r, true, nil
					}
				}
			}
		}
		if rt.hasDelta {
			rt.in.Jump = make([]float64, p.size)
		}
		for k, s := range p.stims {
			sc := stimulus.Context{DT: dt, Seed: n.opt.Seed, Key: rng.Derive(rng.Key("stimulus:"+p.name), uint64(k))}
			st := stimRT{}
			if len(s.neurons) > 0 {
				st.targets = make([]int32, len(s.neurons))
				for i, v := range s.neurons {
					st.targets[i] = int32(v)
				}
				slices.Sort(st.targets)
				st.targets = slices.Compact(st.targets)
				st.scratch = make([]float64, len(st.targets))
				sc.N, sc.Targets = len(st.targets), st.targets
			} else {
				sc.N = p.size
			}
			st.src = s.s.New(sc)
			if st.src == nil || reflect.ValueOf(st.src).Kind() == reflect.Pointer && reflect.ValueOf(st.src).IsNil() {
				return fail(fmt.Errorf("population %q (%s): stimulus %d (%s): its New returned a nil Source", p.name, p.model.Kind(), k, s.s.Kind()))
			}
			rt.stims = append(rt.stims, st)
		}
		rt.fuse = rt.fuser()
		for _, v := range rt.dyn.Vars() {
			rt.check = append(rt.check, rt.dyn.Var(v))
		}
		seen := map[string]bool{}
		for _, v := range rt.varNames() {
			if seen[v] {
				errs = append(errs, fmt.Errorf("population %q (%s): variable name %q is used twice (a receptor named like a model variable, or like another receptor's state): rename the receptor", p.name, p.model.Kind(), v))
				break
			}
			seen[v] = true
		}
		// Receptor states are not checked every step: a NaN there reaches
		// the membrane at the next update, where it is caught and named.
		p.rt = rt
		e.pops = append(e.pops, rt)
	}
	// Initial conditions.
	for _, p := range n.pops {
		for _, in := range p.inits {
			dst := p.rt.variable(in.variable)
			if dst == nil {
				has := strings.Join(p.rt.varNames(), ", ")
				if has == "" {
					has = "none: it has no state"
				}
				errs = append(errs, fmt.Errorf("population %q (%s): initial %s: no such variable (has %s)", p.name, p.model.Kind(), in.variable, has))
				continue
			}
			if in.values != nil {
				copy(dst, in.values)
			} else {
				r := rng.New(n.opt.Seed, rng.Key("init:"+p.name), rng.Key(in.variable))
				for i := range dst {
					dst[i] = in.d.Draw(r)
				}
				if i := firstNonFinite(dst); i >= 0 {
					errs = append(errs, fmt.Errorf("population %q (%s): initial %s %v drew %v for neuron %d: the distribution must give finite values (narrow it)", p.name, p.model.Kind(), in.variable, in.d, dst[i], i))
					continue
				}
			}
			if vr, ok := p.rt.dyn.(neuron.VarRanger); ok {
				if lo, hi, ok := vr.VarRange(in.variable); ok {
					for i, v := range dst {
						if v < lo || v > hi {
							errs = append(errs, fmt.Errorf("population %q (%s): initial %s[%d] = %v: must be in [%v, %v]", p.name, p.model.Kind(), in.variable, i, v, lo, hi))
							break
						}
					}
				}
			}
		}
		// a conductance receptor's states (the conductance and, for two-state
		// kinetics, its rise variable) cannot start negative
		for _, r := range p.rt.rec {
			if !r.r.Conductance {
				continue
			}
			for k := 0; k < r.lin.N; k++ {
				for i, v := range r.s[k] {
					if v < 0 {
						errs = append(errs, fmt.Errorf("population %q (%s): initial %s[%d] = %v nS: the state of conductance receptor %q must be >= 0", p.name, p.model.Kind(), r.name+r.lin.Suffix[k], i, v, r.name))
						break
					}
				}
			}
		}
	}
	// Projections.
	keys := projectionKeys(n.opt.Seed, n.projs)
	for k, pr := range n.projs {
		pre, post := pr.pre.p, pr.post.p
		key := keys[k]
		np, nq := pr.pre.size(), pr.post.size()
		t, err := pr.rule.Build(np, nq, pr.same(), key)
		switch {
		case err != nil:
		case t == nil:
			err = fmt.Errorf("the %s rule's Build returned no table and no error", pr.rule.Kind())
		case t.NPre != np || t.NPost != nq:
			err = fmt.Errorf("the %s rule built a table of %d sources and %d targets for %d and %d", pr.rule.Kind(), t.NPre, t.NPost, np, nq)
		default:
			err = t.Check()
		}
		if err == nil {
			t = mapTable(t, pr.pre, pr.post)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%v: %w", pr, err))
			continue
		}
		if pr.syn.Weight != nil && t.Weight != nil {
			errs = append(errs, fmt.Errorf("%v: Synapse.Weight is %v but the %s rule gives each synapse its weight: leave Synapse.Weight nil, or drop the rule's weights", pr, pr.syn.Weight, pr.rule.Kind()))
			continue
		}
		if pr.syn.Delay != nil && t.Delay != nil {
			errs = append(errs, fmt.Errorf("%v: Synapse.Delay is %v but the %s rule gives each synapse its delay: leave Synapse.Delay nil, or drop the rule's delays", pr, pr.syn.Delay, pr.rule.Kind()))
			continue
		}
		// the table without its row pointer: the run keeps a row index
		// (32-bit when it fits) and Table rebuilds Ptr from it if asked
		pr.table = &connect.Table{NPre: t.NPre, NPost: t.NPost, Post: t.Post, Weight: t.Weight, Delay: t.Delay}
		rt := &projRT{pre: pre.rt, post: post.rt, rows: newRowIndex(t.Ptr), tgt: t.Post}
		for _, r := range post.rt.rec {
			if r.name == pr.syn.Receptor && !pr.toSites() {
				rt.rec = r
			}
		}
		if pr.toSites() {
			if err := placeSites(pr, rt, t, key); err != nil {
				errs = append(errs, err)
				continue
			}
		}
		switch {
		case pr.syn.Weight != nil:
			if c, ok := pr.syn.Weight.(interface{ Bounds() (float64, float64) }); ok {
				if lo, hi := c.Bounds(); lo == hi {
					// one weight for every synapse: stored once (a
					// plastic projection's allocPlastic gives it its own)
					rt.w0 = lo
					break
				}
			}
			rt.w = hugepage.Advise(make([]float64, len(t.Post)))
			r := rng.New(key, rng.Key("weight"))
			for i := range rt.w {
				rt.w[i] = pr.syn.Weight.Draw(r)
			}
			if i := firstNonFinite(rt.w); i >= 0 {
				errs = append(errs, fmt.Errorf("%v: Synapse.Weight %v drew %v for synapse %d: the distribution must give finite weights (narrow it)", pr, pr.syn.Weight, rt.w[i], i))
				continue
			}
		case t.Weight != nil:
			rt.w = t.Weight
			if rt.toSite || rt.rec.r.Conductance {
				for i, w := range rt.w {
					if w < 0 {
						errs = append(errs, fmt.Errorf("%v: explicit weight %d = %v nS: conductances must be >= 0", pr, i, w))
						break
					}
				}
			}
		default:
			errs = append(errs, fmt.Errorf("%v: Synapse.Weight is nil and the %s rule gives no weights: set Weight", pr, pr.rule.Kind()))
			continue
		}
		var derr error
		steps := func(field string, ms float64) int32 {
			d, err := delaySteps(field, ms, dt)
			if err != nil && derr == nil {
				derr = fmt.Errorf("%v: %w", pr, err)
			}
			return d
		}
		switch {
		case pr.syn.Delay != nil:
			lo, hi := pr.syn.Delay.Bounds()
			if lo == hi {
				rt.d0 = steps("Synapse.Delay", lo)
				break
			}
			r := rng.New(key, rng.Key("delay"))
			if top, _ := delaySteps("Synapse.Delay", hi, dt); top <= math.MaxUint16 {
				// the longest fits 16 bits: drawn straight into them
				rt.d16 = hugepage.Advise(make([]uint16, len(t.Post)))
				for i := range rt.d16 {
					x := steps("drawn delay", pr.syn.Delay.Draw(r))
					if x > top && derr == nil {
						derr = fmt.Errorf("%v: Synapse.Delay %v drew a delay of %d steps for synapse %d, above its bound %v ms (%d steps): the distribution breaks its Bounds", pr, pr.syn.Delay, x, i, hi, top)
					}
					rt.d16[i] = uint16(x)
				}
				break
			}
			rt.d = hugepage.Advise(make([]int32, len(t.Post)))
			for i := range rt.d {
				rt.d[i] = steps("drawn delay", pr.syn.Delay.Draw(r))
			}
		case t.Delay != nil:
			d := make([]int32, len(t.Post))
			for i := 0; i < t.NPre && derr == nil; i++ {
				for k := t.Ptr[i]; k < t.Ptr[i+1]; k++ {
					d[k] = steps(fmt.Sprintf("explicit delay of synapse %d -> %d", i, t.Post[k]), t.Delay[k])
				}
			}
			rt.setDelays(d)
		default:
			rt.d0 = 1
		}
		if derr != nil {
			errs = append(errs, derr)
			continue
		}
		if pr.syn.Plasticity != nil {
			if err := allocPlastic(pr, rt, t, dt); err != nil {
				errs = append(errs, err)
				continue
			}
		}
		maxD := rt.maxDelay()
		if rt.toSite {
			post.rt.evD = max(post.rt.evD, int64(maxD)+1)
		} else {
			rt.rec.D = max(rt.rec.D, int64(maxD)+1)
		}
		pr.rt = rt
		post.rt.in_ = append(post.rt.in_, rt)
		if rt.plast != nil {
			post.rt.plastic = append(post.rt.plastic, rt)
			if rt.plast.post != nil {
				post.rt.plasticPost = append(post.rt.plasticPost, rt)
			}
		}
		e.projs = append(e.projs, rt)
	}
	if len(errs) == 0 {
		for _, p := range e.pops {
			if p.host == nil {
				continue
			}
			if err := p.host.SitesDone(); err != nil {
				errs = append(errs, fmt.Errorf("population %q (%s): %w", p.p.name, p.p.model.Kind(), err))
			}
		}
	}
	if len(errs) > 0 {
		for _, p := range n.pops {
			p.rt = nil
		}
		for _, pr := range n.projs {
			pr.table, pr.rt = nil, nil
		}
		return nil, errors.Join(errs...)
	}
	// Rings: the explicit delays and the projections onto each receptor
	// are known now; check the exact size.
	ring := 0.0
	e.countBlock, e.counted = countBlock, false
	for _, p := range e.pops {
		p.useCounts()
		e.counted = e.counted || p.fuse != nil && p.fuse.counts
		p.setBlock()
		for _, r := range p.rec {
			ring += r.ringBytes(p.n)
		}
	}
	if limit := n.memoryLimit(); n.memEstimate+ring > float64(limit) {
		for _, p := range n.pops {
			p.rt = nil
		}
		for _, pr := range n.projs {
			pr.table, pr.rt = nil, nil
		}
		return nil, fmt.Errorf("network: the delay rings need %.3g GB (the longest explicit delays set their length): with the rest that is above MaxMemory = %.3g GB: shorten the delays, make the network smaller or raise Options.MaxMemory", ring/1e9, float64(limit)/1e9)
	}
	for _, p := range e.pops {
		for _, r := range p.rec {
			if len(r.counts) > 0 {
				for k := range r.counts {
					r.counts[k].cnt = make([]uint8, r.D*int64(p.n))
				}
			} else {
				r.ring = make([]float64, r.D*int64(p.n))
			}
		}
		if p.host != nil {
			p.ev = make([][][]neuron.SiteEvent, p.evD)
		}
	}
	return e, nil
}

// workerCount picks the number of workers for a run.
// Workers beyond the largest population's size would have no neurons: a
// run uses at most that many.
func (n *Network) workerCount() int {
	total, largest := 0, 1
	for _, p := range n.pops {
		largest = max(largest, p.size)
		if c, ok := p.model.(neuron.Cost); ok && c.UpdateCost() > 1 {
			total += int(min(float64(p.size)*c.UpdateCost(), math.MaxInt32))
			continue
		}
		total += p.size
	}
	if n.opt.Workers > 0 {
		return min(n.opt.Workers, largest)
	}
	w := runtime.GOMAXPROCS(0)
	// Workers meet once per window of updates (the shortest delay); below
	// about 8000 neurons per worker that costs more than it saves on the
	// project's 2-core machines (compare/bench.sh, 2026-12-02 07:10, wall
	// time with 2 workers against 1, VA scaled: 4000 cells 1.07 COBA
	// exponential Euler, 0.70 COBA Euler, 0.83 CUBA; 16000 cells 1.67,
	// 1.19, 1.41; docs/performance.md).
	return max(1, min(w, total/8000, largest))
}

// firstNonFinite returns the index of the first NaN or ±Inf in x, or -1.
func firstNonFinite(x []float64) int {
	for i, v := range x {
		if !finite(v) {
			return i
		}
	}
	return -1
}

// validLinear checks a kinetics' linear form (the engine indexes its
// states by it).
func validLinear(l synapse.Linear) bool {
	if l.N < 0 || l.N > 2 || (l.N > 0 && (l.Out < 0 || l.Out >= l.N)) {
		return false
	}
	for i := 0; i < l.N; i++ {
		if !finite(l.B[i]) {
			return false
		}
		for j := 0; j < l.N; j++ {
			if !finite(l.P[i][j]) {
				return false
			}
		}
	}
	return true
}
