package network

import (
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// engine holds a built network's runtime state.
type engine struct {
	dt    float64
	pops  []*popRT
	projs []*projRT
	recs  []Recorder

	w      int // workers of the current run
	bar    *barrier
	stopAt atomic.Int64 // step of the first fault, 0 if none
	mu     sync.Mutex
	fault  error
	// faultAt orders the faults of a window (see noteFault): step,
	// population, variable (-1: the population's own), neuron; popFault:
	// the populations whose Faulter's fault was noted
	faultAt  [4]int64
	popFault map[*popRT]bool
	first    int64 // first update of the current run
	acct     func(step int64, buf int)
	window   int // updates between two exchanges of spikes
	// stat: per worker, the time of the current run spent in each phase
	// (measured only with more than one worker)
	stat []workerStat
	// share: each worker's fraction of every population (balance.go);
	// mark: each worker's working time at the last change of shares
	share        []float64
	mark         []int64
	scratch      []*countScratch // per worker: count rings' expanded slots
	countBlock   int             // their length (countBlock at build)
	counted      bool            // some population has count rings: phaseB's ownChunk has work
	balanceAfter float64         // ns of work per worker before the next change
	balanceHook  func(w int) []float64
	trace        *windowTrace // tests: each window's clock per worker (wintrace.go)
}

// statNow is the clock of workerStat; with statThread (tests: the
// thread's CPU time) the workers are locked to their threads and one
// worker is timed too.
var (
	statNow    = time.Now
	statThread = false
)

// workerStat is one worker's time (ns) in phase A, phase B, worker 0's
// bookkeeping and waiting at the barrier; padded to its own cache lines.
type workerStat struct {
	a, b, acct, wait int64
	_                [96]byte
}

// popRT is a population at run time.
type popRT struct {
	p                    *Population
	n                    int
	dyn                  neuron.Dynamics
	fused                neuron.AdvanceSpiker // dyn, when it can advance and threshold in one pass
	fuse                 *fusedRT             // the receptor pass inside AdvanceSpike, or nil (input.go)
	faulter              neuron.Faulter       // dyn, when it can fault outside its variables
	in                   neuron.Input
	rec                  []*receptorRT
	stims                []stimRT
	in_                  []*projRT   // projections onto this population
	plastic, plasticPost []*projRT   // plastic ones among them, and those that need the population's spikes
	check                [][]float64 // variables checked for NaN/Inf
	hasCond, hasDelta    bool
	lo, hi               []int       // per worker
	spk                  [][][]int32 // [buffer of the update][worker] (see engine.buf)
	// host is dyn when its neurons own their synapses: spikes reach it as
	// events, ev[(arrival update) mod evD][worker] (see site.go).
	host neuron.SynapseHost
	ev   [][][]neuron.SiteEvent
	evD  int64
	// block: phaseA runs the population block neurons at a time through a
	// window's updates; 0: update by update (setBlock)
	block int
}

type receptorRT struct {
	name  string
	r     synapse.Receptor
	lin   synapse.Linear
	c     [2]float64 // output weights into the membrane input
	delta bool
	s     [2][]float64
	ring  []float64 // D slots of n
	D     int64
	// counts: the ring as count rings instead of ring, one per weight
	// (counts.go)
	counts []countRing
	// pair is the next single-state conductance receptor of the population,
	// processed in the same pass as this one; paired marks that partner.
	pair   *receptorRT
	paired bool
}

type stimRT struct {
	src     stimulus.Source
	targets []int32   // nil: all neurons
	scratch []float64 // per target
	klo     []int     // per worker: first target in the worker's range
	khi     []int
}

type projRT struct {
	pre, post *popRT
	rec       *receptorRT
	rows      rowIndex // where each source's synapses are (synstore.go)
	tgt       []int32
	// w: per-synapse weights, nil when every synapse has w0 (a static
	// projection whose Synapse.Weight is constant: stored once).
	w  []float64
	w0 float64
	// d16, d: per-synapse delays in steps, uint16 when the longest fits
	// (d nil) else int32 (d16 nil); both nil when all are d0.
	d16 []uint16
	d   []int32
	d0  int32
	// toSite: the synapses are events to the target's synapse instances
	// (site per synapse, nil when all are site0) instead of a receptor.
	toSite bool
	site   []int32
	site0  int32
	// plast: the synapses are plastic (plastic.go); nil: static
	plast *plasticRT
	// cring: the receptor's count ring this projection adds to, when it
	// has count rings
	cring int
}

func (p *popRT) variable(name string) []float64 {
	if v := p.dyn.Var(name); v != nil {
		return v
	}
	for _, r := range p.rec {
		for k := 0; k < r.lin.N; k++ {
			if r.name+r.lin.Suffix[k] == name {
				return r.s[k]
			}
		}
	}
	return nil
}

func (p *popRT) varNames() []string {
	names := append([]string(nil), p.dyn.Vars()...)
	for _, r := range p.rec {
		for k := 0; k < r.lin.N; k++ {
			names = append(names, r.name+r.lin.Suffix[k])
		}
	}
	return names
}

// partition gives worker ranges for w workers: each population is cut in
// w ranges of about equal shares (see ranges).
func (e *engine) partition(w int) {
	e.w = w
	// Workers exchange spikes once per window of updates: as many as the
	// shortest delay (in steps) of any projection, at most maxWindow. A
	// spike of update n arrives at n+d >= n+window, after the window.
	e.window = maxWindow
	for _, pr := range e.projs {
		e.window = min(e.window, int(pr.minDelay()))
	}
	e.window = max(e.window, 1)
	for _, p := range e.pops {
		old := p.spk
		p.spk = make([][][]int32, 2*e.window)
		for k := range p.spk {
			p.spk[k] = make([][]int32, w)
			for j := range p.spk[k] {
				if k < len(old) && j < len(old[k]) {
					p.spk[k][j] = old[k][j][:0]
				}
			}
		}
	}
	counts := slices.ContainsFunc(e.pops, func(p *popRT) bool { return p.fuse != nil && p.fuse.counts })
	for len(e.scratch) < w {
		var s *countScratch // nil without count rings
		if counts {
			s = newCountScratch(e.countBlock)
		}
		e.scratch = append(e.scratch, s)
	}
	e.share = make([]float64, w)
	for k := range e.share {
		e.share[k] = 1 / float64(w)
	}
	e.mark, e.balanceAfter = nil, balanceMin
	e.ranges(e.share)
}

// rangeAlign: worker ranges of a population of at least 64 cells per
// worker start at multiples of rangeAlign cells, so that no two workers
// write into one cache line (64 bytes: 8 float64) of a state array or a
// ring slot.
const rangeAlign = 8

// ranges cuts every population into len(share) contiguous ranges, worker
// k's holding a fraction share[k] of its cells (the shares sum to 1),
// aligned to rangeAlign, and sets what depends on the ranges: the
// stimuli's target ranges, the pending events of synapse hosts and plastic
// projections (dealt to their targets' new owners), and the row indexes
// cut at the new ranges. Spikes are delivered in neuron order whatever the
// ranges, so the results do not depend on them.
func (e *engine) ranges(share []float64) {
	w := len(share)
	lo, hi := make([][]int, len(e.pops)), make([][]int, len(e.pops))
	same := true
	for i, p := range e.pops {
		lo[i], hi[i] = make([]int, w), make([]int, w)
		cum := 0.0
		for k := 0; k < w; k++ {
			if k > 0 {
				lo[i][k] = hi[i][k-1]
			}
			cum += share[k]
			c := p.n
			if k < w-1 {
				c = int(math.Round(cum * float64(p.n)))
				if p.n >= 64*w {
					c = (c + rangeAlign/2) / rangeAlign * rangeAlign
				}
				c = min(max(c, lo[i][k]), p.n)
			}
			hi[i][k] = c
		}
		same = same && slices.Equal(lo[i], p.lo) && slices.Equal(hi[i], p.hi)
	}
	if same {
		return
	}
	for i, p := range e.pops {
		p.lo, p.hi = lo[i], hi[i]
		p.resetPending(w)
		p.splitEvents(w)
		for i := range p.stims {
			s := &p.stims[i]
			s.klo, s.khi = make([]int, w), make([]int, w)
			for k := 0; k < w; k++ {
				if s.targets == nil {
					s.klo[k], s.khi[k] = p.lo[k], p.hi[k]
					continue
				}
				s.klo[k], _ = slices.BinarySearch(s.targets, int32(p.lo[k]))
				s.khi[k], _ = slices.BinarySearch(s.targets, int32(p.hi[k]))
			}
		}
	}
	for _, pr := range e.projs {
		if pr.plast != nil {
			pr.splitPlastic(w)
		}
		pr.cutRows(w)
	}
}

// cutRows cuts the projection's row index at its targets' worker ranges
// when that pays and fits (segmentable), else keeps it whole.
func (pr *projRT) cutRows(w int) {
	if !segmentable(w, pr.rows.npre, int64(len(pr.tgt))) {
		if pr.rows.w != 1 {
			pr.rows = pr.rows.split(pr.tgt, nil)
		}
		return
	}
	cut := make([]int32, w-1)
	for k := range cut {
		cut[k] = int32(pr.post.lo[k+1])
	}
	pr.rows = pr.rows.split(pr.tgt, cut)
}

// phaseA advances, receives and thresholds worker w's neurons for the
// updates first..last of one window. Within a window no population's
// update reads another's (every delay spans at least the window), so each
// population runs its updates on its own; a population that can
// (setBlock) runs them timeBlock neurons at a time, every update of the
// window on one block before the next block, so that the block's state
// stays in cache between its updates instead of being streamed from
// memory once per update: the same operations on the same values as
// update by update over the whole range, as with more workers. The others
// run update by update over the worker's range. Faults are reported by
// noteFault.
func (e *engine) phaseA(w int, first, last int64) {
	for _, p := range e.pops {
		lo, hi := p.lo[w], p.hi[w]
		if p.block == 0 || first == last || hi-lo <= p.block {
			for step := first; step <= last; step++ {
				e.advance(w, p, step, lo, hi, true)
			}
			continue
		}
		for a := lo; a < hi; a += p.block {
			b := min(a+p.block, hi)
			for step := first; step <= last; step++ {
				e.advance(w, p, step, a, b, a == lo)
			}
		}
	}
}

// timeBlock is the neurons of a population with blocks that phaseA runs
// through every update of a window before the next ones: with a LIF's
// state and two receptors (about 60 bytes per neuron) about 1 MB, an L2.
// 0 turns the blocks off. GOLGI_BLOCKS=off in the environment sets it to
// 0 (to time update by update in a whole run), GOLGI_BLOCKS=N (a
// positive number) to N, to time other sizes; the tests set it with
// SetBlocks. Read when a network is built (setBlock).
var timeBlock = blockSize(os.Getenv("GOLGI_BLOCKS"))

// blockSize is timeBlock for the setting env of GOLGI_BLOCKS: 16384
// unless it is "off" (0) or a positive number.
func blockSize(env string) int {
	if env == "off" {
		return 0
	}
	if n, err := strconv.Atoi(env); err == nil && n > 0 {
		return n
	}
	return 16384
}

// setBlock gives p blocks of timeBlock neurons when its update of a
// block of neurons reads and writes only those neurons' state and rings:
// a fused pass (no stimulus, no synapse host, the receptors inside the
// loop), no plastic projection onto it (their updates run over the
// worker's whole range) and no Faulter (a fault of the population, not of
// neurons). Called once the projections are known.
func (p *popRT) setBlock() {
	p.block = 0
	if p.fuse != nil && p.faulter == nil && len(p.plastic) == 0 && len(p.plasticPost) == 0 {
		p.block = timeBlock
	}
}

// advance advances, receives and thresholds population p's neurons [lo,
// hi) of worker w's range for update step; fresh when they are the first
// of that range this update (its spike list starts empty), else their
// spikes are appended to the list of the neurons before them.
func (e *engine) advance(w int, p *popRT, step int64, lo, hi int, fresh bool) {
	par := e.buf(step)
	spk := p.spk[par][w]
	if fresh {
		spk = spk[:0]
	}
	if lo == hi {
		p.spk[par][w] = spk
		return
	}
	t := float64(step-1) * e.dt
	if e.first != step {
		for _, r := range e.recs {
			r.Sample(step-1, p.p.index, lo, hi)
		}
	}
	for _, pr := range p.plastic {
		pr.receivePre(w, step)
	}
	p.prepare(w, lo, hi, step, t)
	in := p.in // shared slices; Step and T set on the worker's copy
	in.Step, in.T = step, t
	proven := false // the fused loop proved the state finite
	if p.host != nil {
		p.dyn.Advance(lo, hi, in)
		if p.hasDelta {
			p.receiveJumps(lo, hi, step)
		}
		p.receiveSites(w, lo, hi, step)
		spk = p.dyn.Spike(lo, hi, step, spk)
	} else if p.fused != nil {
		spk, proven = p.advanceSpike(w, lo, hi, step, in, spk, e.scratch[w])
		if p.hasDelta {
			p.receiveJumps(lo, hi, step)
		}
	} else {
		p.dyn.Advance(lo, hi, in)
		if p.hasDelta {
			p.receiveJumps(lo, hi, step)
		}
		spk = p.dyn.Spike(lo, hi, step, spk)
	}
	p.spk[par][w] = spk
	for _, pr := range p.plasticPost {
		pr.receivePost(w, step, spk)
	}
	if !proven {
		if err := p.checkFinite(lo, hi, step, e.dt); err != nil {
			e.noteFault(p, err.(*FaultError))
		}
	}
	if p.faulter != nil {
		if err := p.faulter.Fault(); err != nil {
			e.noteFault(p, &FaultError{Pop: p.p.name, Model: p.p.model.Kind(), Neuron: -1, Step: step, T: float64(step) * e.dt, Err: err})
		}
	}
}

// noteFault records fault f of population p, unless an earlier one is
// recorded: the first by step, then population, then variable (the
// population's own fault, f.Err, first, then the variables in the order
// checkFinite checks them), then neuron, so that the fault reported does
// not depend on the number of workers, their ranges or the order in which
// they met it (workers run the updates of a window at their own pace); the
// run stops after the window of its step. A Faulter's fault is the
// population's and sticky: every worker sees it once one met it, a worker
// behind the others at an earlier update, so it counts at the update of
// the first worker to note it.
func (e *engine) noteFault(p *popRT, f *FaultError) {
	at := [4]int64{f.Step, int64(p.p.index), -1, int64(f.Neuron)}
	if f.Err == nil {
		at[2] = int64(slices.Index(p.varNames(), f.Var))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if f.Err != nil {
		if e.popFault[p] {
			return
		}
		if e.popFault == nil {
			e.popFault = map[*popRT]bool{}
		}
		e.popFault[p] = true
	}
	if e.fault == nil || slices.Compare(at[:], e.faultAt[:]) < 0 {
		e.fault, e.faultAt = f, at
		e.stopAt.Store(f.Step)
	}
}

// maxWindow bounds the updates between two exchanges of spikes.
const maxWindow = 64

// buf is the spike buffer of update step: buffers cycle over two windows,
// so that one window's spikes are read while the next one's are written.
func (e *engine) buf(step int64) int { return int(step % int64(2*e.window)) }

// steps runs updates from..to (inclusive) on worker w and returns the last
// update it completed. Each window of updates is phase A for all of them,
// one barrier (between arriving and waiting, with more than one worker,
// the worker delivers its own spikes into its count rings: phaseB's
// ownChunk), then phase B (delivery) for all of them in order, then, on
// worker 0, the bookkeeping of each (spike counts, fingerprint, the
// recorders' spikes). With more than one worker each phase and the wait
// are timed (workerStat), for the balance (balance.go).
func (e *engine) steps(w int, from, to int64) int64 {
	timed := e.w > 1 || statThread
	var st *workerStat
	var t0, t1 time.Time
	if statThread {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
	}
	if timed {
		st = &e.stat[w]
		t0 = statNow()
	}
	for first := from; first <= to; {
		last := min(to, first+int64(e.window)-1)
		var ws *windowStamps
		if e.trace != nil && e.w > 1 {
			if ws = e.trace.at(w); ws != nil {
				ws.First, ws.Start = first, e.trace.now()
			}
		}
		e.phaseA(w, first, last)
		if ws != nil {
			ws.EndA = e.trace.now()
		}
		if timed {
			t1 = statNow()
			st.a += int64(t1.Sub(t0))
		}
		gen, rest := e.bar.arrive(), allChunks
		if e.w > 1 && e.counted {
			// the worker's own spikes into its count rings, while the
			// others finish phase A (phaseB)
			for step := first; step <= last; step++ {
				e.phaseB(w, step, ownChunk)
			}
			rest = otherChunks
			if timed {
				t0 = statNow()
				st.b += int64(t0.Sub(t1))
				t1 = t0
			}
		}
		if ws != nil {
			ws.Wait = e.trace.now()
		}
		e.bar.await(gen)
		if ws != nil {
			ws.Leave = e.trace.now()
		}
		if e.bar.failed(gen) {
			// another worker panicked before it arrived; one that
			// panicked after the barrier opened leaves this window whole,
			// to deliver and account (the next arrival panics)
			panic(errBroken)
		}
		if timed {
			t0 = statNow()
			st.wait += int64(t0.Sub(t1))
		}
		stop := e.stopAt.Load()
		for step := first; step <= last; step++ {
			e.phaseB(w, step, rest)
		}
		if timed {
			t1 = statNow()
			st.b += int64(t1.Sub(t0))
			t0 = t1
		}
		if w == 0 {
			for step := first; step <= last; step++ {
				e.acct(step, e.buf(step))
			}
			if timed {
				t1 = statNow()
				st.acct += int64(t1.Sub(t0))
				t0 = t1
			}
		}
		if ws != nil {
			ws.End = e.trace.now()
		}
		if stop != 0 && stop <= last {
			return last
		}
		first = last + 1
	}
	return to
}
