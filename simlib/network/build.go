package network

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/rng"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// maxDelaySteps bounds delays so that rings stay small.
const maxDelaySteps = 1 << 16

// Build validates the whole network and allocates it. Every error found is
// reported, joined; nothing is allocated when there is one. Run calls Build
// when needed.
func (n *Network) Build() error {
	if n.e != nil {
		return n.pending()
	}
	if err := n.validate(); err != nil {
		return err
	}
	e, err := n.allocate()
	if err != nil {
		return err
	}
	n.e = e
	n.fp = sha256.New()
	for _, r := range n.recs {
		if err := r.Attach(view{n}); err != nil {
			n.errorf("recorder: %v", err)
		}
	}
	n.fresh = n.recs
	return n.pending()
}

func (n *Network) pending() error {
	if len(n.errs) == 0 {
		return nil
	}
	err := errors.Join(n.errs...)
	n.errs = nil
	return err
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// validate checks every parameter; it returns all problems joined.
func (n *Network) validate() error {
	errs := append([]error(nil), n.errs...)
	n.errs = nil
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	dt := n.DT()
	if !finite(dt) || dt <= 0 || dt > 10 {
		add("network: DT = %v ms: must be positive, finite and at most 10 ms", n.opt.DT)
		return errors.Join(errs...)
	}
	if n.opt.Workers < 0 {
		add("network: Workers = %d: must be >= 0 (0: all cores)", n.opt.Workers)
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
			add("%s: %v", where, err)
		}
		if sc, ok := p.model.(neuron.SizeChecker); ok && p.size > 0 {
			if err := sc.CheckSize(p.size); err != nil {
				add("%s: %v", where, err)
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
				add("%s: receptor %q: %v", where, r.name, err)
			}
		}
		for k, s := range p.stims {
			if s.s == nil {
				add("%s: stimulus %d is nil", where, k)
				continue
			}
			if err := s.s.Validate(dt); err != nil {
				add("%s: stimulus %d (%s): %v", where, k, s.s.Kind(), err)
			}
			for _, i := range s.neurons {
				if i < 0 || i >= p.size {
					add("%s: stimulus %d (%s): neuron %d: must be in [0, %d)", where, k, s.s.Kind(), i, p.size)
					break
				}
			}
		}
		for _, in := range p.inits {
			if in.d != nil {
				if err := in.d.Validate(); err != nil {
					add("%s: initial %s: %v", where, in.variable, err)
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
		pre, post := n.byName[pr.pre], n.byName[pr.post]
		if pre == nil {
			add("%v: unknown source population %q (have %s)", pr, pr.pre, n.popNames())
		}
		if post == nil {
			add("%v: unknown target population %q (have %s)", pr, pr.post, n.popNames())
		}
		if pr.rule == nil {
			add("%v: rule is nil", pr)
		}
		if pre == nil || post == nil || pr.rule == nil || pre.size <= 0 || post.size <= 0 {
			continue
		}
		if err := pr.rule.Validate(pre.size, post.size, pre == post); err != nil {
			add("%v: %v", pr, err)
		}
		var rec synapse.Receptor
		ok := false
		if pr.toSites() {
			errs = append(errs, checkSites(pr, post, dt)...)
		} else if rec, ok = post.receptor(pr.syn.Receptor); !ok {
			add("%v: population %q has no receptor %q (has %s)", pr, pr.post, pr.syn.Receptor, post.receptorNames())
		}
		if pr.syn.Weight != nil {
			if err := pr.syn.Weight.Validate(); err != nil {
				add("%v: weight: %v", pr, err)
			} else if lo, _ := pr.syn.Weight.Bounds(); ok && rec.Conductance && lo < 0 {
				add("%v: weight %v can be negative (%v nS): conductances must be >= 0; use an inhibitory receptor's reversal potential", pr, pr.syn.Weight, lo)
			} else if pr.toSites() && lo < 0 {
				add("%v: weight %v can be negative (%v): synapse weights (NetCon weights, µS) must be >= 0; for inhibition use a synapse with an inhibitory reversal potential", pr, pr.syn.Weight, lo)
			}
		}
		if pr.syn.Delay != nil {
			if err := pr.syn.Delay.Validate(); err != nil {
				add("%v: delay: %v", pr, err)
			} else if lo, hi := pr.syn.Delay.Bounds(); lo < 0 || hi/dt > maxDelaySteps {
				add("%v: delay %v: must lie in [0, %v] ms", pr, pr.syn.Delay, maxDelaySteps*dt)
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

// checkMemory estimates the bytes the network needs before allocating.
func (n *Network) checkMemory() error {
	limit := n.opt.MaxMemory
	if limit == 0 {
		limit = physicalMemory() / 4 * 3
	}
	var total float64
	var big *Projection
	var bigBytes float64
	for _, p := range n.pops {
		// state, inputs, receptor states and rings (assume 32-slot rings).
		total += float64(p.size) * 8 * float64(8+len(p.receptors)*(2+32))
		if f, ok := p.model.(neuron.Footprint); ok {
			total += float64(p.size) * f.BytesPerNeuron()
		}
	}
	for _, pr := range n.projs {
		pre, post := n.byName[pr.pre], n.byName[pr.post]
		b := pr.rule.Expected(pre.size, post.size, pre == post)*(4+8+4) + float64(pre.size+1)*8
		total += b
		if b > bigBytes {
			big, bigBytes = pr, b
		}
	}
	if total > float64(limit) {
		msg := fmt.Sprintf("network: needs about %.3g GB but MaxMemory allows %.3g GB", total/1e9, float64(limit)/1e9)
		if big != nil {
			msg += fmt.Sprintf("; the largest part is %v with about %.3g synapses (%.3g GB)", big, bigBytes/16, bigBytes/1e9)
		}
		return errors.New(msg + ": make the network smaller or raise Options.MaxMemory")
	}
	return nil
}

// allocate builds the runtime structures; the network has been validated.
func (n *Network) allocate() (*engine, error) {
	dt := n.DT()
	e := &engine{dt: dt}
	for _, p := range n.pops {
		m := p.method.Resolve(p.model.DefaultMethod())
		ctx := neuron.Context{N: p.size, DT: dt, Method: m, Seed: n.opt.Seed, Key: rng.Key("population:" + p.name)}
		rt := &popRT{p: p, n: p.size, dyn: p.model.New(ctx)}
		rt.fused, _ = rt.dyn.(neuron.AdvanceSpiker)
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
			default:
				rt.hasCur = true
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
			rt.stims = append(rt.stims, st)
		}
		for _, v := range rt.dyn.Vars() {
			rt.check = append(rt.check, rt.dyn.Var(v))
		}
		// Receptor states are not checked every step: a NaN there reaches
		// the membrane at the next update, where it is caught and named.
		p.rt = rt
		e.pops = append(e.pops, rt)
	}
	var errs []error
	// Initial conditions.
	for _, p := range n.pops {
		for _, in := range p.inits {
			dst := p.rt.variable(in.variable)
			if dst == nil {
				errs = append(errs, fmt.Errorf("population %q (%s): initial %s: no such variable (has %s)", p.name, p.model.Kind(), in.variable, strings.Join(p.rt.varNames(), ", ")))
				continue
			}
			if in.values != nil {
				copy(dst, in.values)
				continue
			}
			r := rng.New(n.opt.Seed, rng.Key("init:"+p.name), rng.Key(in.variable))
			for i := range dst {
				dst[i] = in.d.Draw(r)
			}
		}
	}
	// Projections.
	pairCount := map[[2]string]uint64{}
	for _, pr := range n.projs {
		pre, post := n.byName[pr.pre], n.byName[pr.post]
		pair := [2]string{pr.pre, pr.post}
		key := rng.Derive(n.opt.Seed, rng.Key("projection:"+pr.pre), rng.Key(pr.post), pairCount[pair])
		pairCount[pair]++
		t, err := pr.rule.Build(pre.size, post.size, pre == post, key)
		if err == nil {
			err = t.Check()
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%v: %w", pr, err))
			continue
		}
		pr.table = t
		rt := &projRT{pre: pre.rt, post: post.rt, ptr: t.Ptr, tgt: t.Post}
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
			rt.w = make([]float64, len(t.Post))
			if c, ok := pr.syn.Weight.(interface{ Bounds() (float64, float64) }); ok {
				if lo, hi := c.Bounds(); lo == hi {
					for i := range rt.w {
						rt.w[i] = lo
					}
					break
				}
			}
			r := rng.New(key, rng.Key("weight"))
			for i := range rt.w {
				rt.w[i] = pr.syn.Weight.Draw(r)
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
		steps := func(ms float64) int32 { return int32(max(1, math.Round(ms/dt))) }
		switch {
		case pr.syn.Delay != nil:
			lo, hi := pr.syn.Delay.Bounds()
			if lo == hi {
				rt.d0 = steps(lo)
				break
			}
			rt.d = make([]int32, len(t.Post))
			r := rng.New(key, rng.Key("delay"))
			for i := range rt.d {
				rt.d[i] = steps(pr.syn.Delay.Draw(r))
			}
		case t.Delay != nil:
			rt.d = make([]int32, len(t.Post))
			for i, ms := range t.Delay {
				rt.d[i] = steps(ms)
			}
		default:
			rt.d0 = 1
		}
		maxD := rt.d0
		for _, d := range rt.d {
			maxD = max(maxD, d)
		}
		if rt.toSite {
			post.rt.evD = max(post.rt.evD, int64(maxD)+1)
		} else {
			rt.rec.D = max(rt.rec.D, int64(maxD)+1)
		}
		pr.rt = rt
		post.rt.in_ = append(post.rt.in_, rt)
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
	for _, p := range e.pops {
		for _, r := range p.rec {
			r.ring = make([]float64, r.D*int64(p.n))
		}
		if p.host != nil {
			p.ev = make([][][]neuron.SiteEvent, p.evD)
		}
	}
	return e, nil
}

// workerCount picks the number of workers for a run.
func (n *Network) workerCount() int {
	if n.opt.Workers > 0 {
		return n.opt.Workers
	}
	w := runtime.GOMAXPROCS(0)
	total := 0
	for _, p := range n.pops {
		if c, ok := p.model.(neuron.Cost); ok && c.UpdateCost() > 1 {
			total += int(min(float64(p.size)*c.UpdateCost(), math.MaxInt32))
			continue
		}
		total += p.size
	}
	// Workers meet once per window of updates (the shortest delay); below
	// about 12000 neurons per worker that costs more than it saves on the
	// project's 2-core machines (COBA, 200 ms simulated: 4000 cells 72 ms
	// with 1 worker, 81 ms with 2; 16000 cells 338 ms and 312 ms; 64000
	// cells 1.54 s and 0.93 s; docs/performance.md).
	return max(1, min(w, total/12000))
}
