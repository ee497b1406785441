package network

import (
	"math"
	"os"

	"github.com/golgi-sim/golgi/simlib/internal/vec"
	"github.com/golgi-sim/golgi/simlib/neuron"
)

// prepare computes the membrane input of neurons [lo, hi) at the start
// of the step (stimuli, and each receptor's output), and in the same pass
// over each receptor's state (which the input no longer needs) propagates
// it by one step and adds the spikes due at this update from its ring slot,
// which it clears: steps 1 and 2 of the update for the synapses.
func (p *popRT) prepare(w, lo, hi int, step int64, t float64) {
	if p.fuse != nil { // the receptor pass is inside advanceSpike
		return
	}
	in := &p.in
	I := in.I[lo:hi]
	// I is cleared before the stimuli add into it; without stimuli the
	// first current receptor sets it instead (0 + its output: the same
	// bits, one pass fewer).
	firstCur := len(p.stims) == 0
	if len(p.stims) > 0 {
		clear(I)
		for k := range p.stims {
			s := &p.stims[k]
			if s.targets == nil {
				s.src.Add(step, t, lo, hi, in.I)
				continue
			}
			a, b := s.klo[w], s.khi[w]
			if a == b {
				continue
			}
			sc := s.scratch
			clear(sc[a:b])
			s.src.Add(step, t, a, b, sc)
			for j := a; j < b; j++ {
				in.I[s.targets[j]] += sc[j]
			}
		}
	}
	p.receptors(lo, hi, step, firstCur, nil)
}

// receptors is the receptor pass of prepare: firstCur when I holds
// nothing of this update yet (no stimulus); the slots from slots when not
// nil (slotOf).
func (p *popRT) receptors(lo, hi int, step int64, firstCur bool, slots *[2][]float64) {
	in := &p.in
	I := in.I[lo:hi]
	n := len(I)
	var G, GE []float64
	if p.hasCond {
		G, GE = in.G[lo:hi][:n], in.GE[lo:hi][:n]
	}
	firstCond := true
	var done *receptorRT // a current receptor already passed with the one before it
	for k, r := range p.rec {
		if r.delta || r == done {
			continue
		}
		slot := p.slotOf(r, step, lo, hi, slots)
		switch {
		case r.lin.N == 1 && !r.r.Conductance:
			s := r.s[0][lo:hi][:n]
			// The next receptor that adds into I, when it is a
			// single-state current receptor too, goes in the same pass:
			// the receptors between them touch neither I nor its state,
			// and I still gets their outputs in the order of p.rec.
			if q := p.nextCurrent(k); q != nil && q.lin.N == 1 {
				vec.Cur1Pair(I, s, slot, q.s[0][lo:hi][:n], p.slotOf(q, step, lo, hi, slots), r.recv1(), q.recv1(), firstCur)
				done = q
			} else {
				vec.Cur1(I, s, slot, r.recv1(), firstCur)
			}
			firstCur = false
		case r.lin.N == 1 && r.pair != nil:
			// two single-state conductance receptors in one pass
			q := r.pair
			vec.Cond1Pair(G, GE, r.s[0][lo:hi][:n], slot, q.s[0][lo:hi][:n], p.slotOf(q, step, lo, hi, slots), r.recv1(), q.recv1(), firstCond)
			firstCond = false
		case r.lin.N == 1 && r.paired:
			// done with its partner
		case r.lin.N == 1:
			vec.Cond1(G, GE, r.s[0][lo:hi][:n], slot, r.recv1(), firstCond)
			firstCond = false
		default: // two states
			s0, s1 := r.s[0][lo:hi][:n], r.s[1][lo:hi][:n]
			k2 := vec.Recv2{C: r.c, P: r.lin.P, B: r.lin.B, ERev: r.r.ERev}
			if r.r.Conductance {
				if firstCond {
					clear(G)
					clear(GE)
					firstCond = false
				}
				vec.Cond2(G, GE, s0, s1, slot, k2)
			} else {
				if firstCur {
					clear(I)
					firstCur = false
				}
				vec.Cur2(I, s0, s1, slot, k2)
			}
		}
	}
}

// fuseOff turns the fused receptor pass off: GOLGI_FUSE=off in the
// environment (to time the two passes in a whole run), or SetFuse in the
// tests that compare the two; it is read when a network is built.
var fuseOff = os.Getenv("GOLGI_FUSE") == "off"

// fusedRT is a population whose receptor pass its dynamics does inside
// AdvanceSpike (neuron.ReceptorFuser): rec are the receptors in the order
// prepare would pass them.
type fusedRT struct {
	dyn  neuron.ReceptorFuser
	cond bool
	n    int
	rec  [2]*receptorRT
	// counts: the receptors have count rings (counts.go), expanded into
	// the worker's scratch block by block; inKernel: the dynamics looks
	// the counts up itself (neuron.CountFuser) in the blocks whose later
	// rings are empty (firstRingsOnly)
	counts, inKernel bool
}

// fuser returns the fused pass of p, or nil when its dynamics has none or
// its input is not the shape of a neuron.FusedReceptors: one or two
// single-state receptors, all current or all conductance (two conductance
// receptors paired by the build), and nothing else (no stimulus, no delta
// receptor, no synapse host).
func (p *popRT) fuser() *fusedRT {
	dyn, ok := p.dyn.(neuron.ReceptorFuser)
	if fuseOff || !ok || p.fused == nil || p.host != nil || len(p.stims) > 0 || p.hasDelta || len(p.rec) < 1 || len(p.rec) > 2 {
		return nil
	}
	f := &fusedRT{dyn: dyn, cond: p.hasCond, n: len(p.rec)}
	for k, r := range p.rec {
		if r.lin.N != 1 || r.r.Conductance != f.cond {
			return nil
		}
		f.rec[k] = r
	}
	if f.cond && f.n == 2 && f.rec[0].pair != f.rec[1] {
		return nil
	}
	return f
}

// advanceSpike is AdvanceSpike for neurons [lo, hi), with the receptor
// pass inside it when p has a fused pass (which prepare then skipped) and
// the dynamics takes it; declined, the pass is made here first. finite
// reports that the fused loop proved the population's Vars of [lo, hi)
// finite, so that checkFinite need not scan them. With count rings the
// pass is made len(scr[0]) neurons (countBlock) at a time: where the
// dynamics looks counts up itself (f.inKernel) and a block's slots are
// the first rings' alone, on the counts; otherwise on the slots expanded
// into the worker's scratch scr.
func (p *popRT) advanceSpike(w, lo, hi int, step int64, in neuron.Input, dst []int32, scr *countScratch) (spk []int32, finite bool) {
	f := p.fuse
	switch {
	case f == nil:
		return p.fused.AdvanceSpike(lo, hi, in, dst), false
	case !f.counts:
		return p.advanceFused(lo, hi, step, in, dst, nil)
	}
	finite = true
	blk := len(scr[0])
	for a := lo; a < hi; a += blk {
		b := min(a+blk, hi)
		if f.inKernel && p.firstRingsOnly(w, step, a, b) {
			if spk, ok, fin := p.advanceCounts(a, b, step, in, dst); ok {
				dst, finite = spk, finite && fin
				continue
			}
		}
		var slots [2][]float64
		for k, r := range f.rec[:f.n] {
			slots[k] = scr[k][:b-a]
			r.expand(slots[k], step, p.n, a, b)
		}
		var fin bool
		dst, fin = p.advanceFused(a, b, step, in, dst, &slots)
		finite = finite && fin
	}
	if hi == p.hi[w] {
		p.settlePending(w, step)
	}
	return dst, finite
}

// advanceFused is advanceSpike's fused pass over neurons [lo, hi), with
// the receptors' slots from slots (p.rec's order) or, nil, their rings.
func (p *popRT) advanceFused(lo, hi int, step int64, in neuron.Input, dst []int32, slots *[2][]float64) (spk []int32, finite bool) {
	f := p.fuse
	rec := neuron.FusedReceptors{Conductance: f.cond, N: f.n}
	for k, r := range f.rec[:f.n] {
		c := r.recv1()
		rec.R[k] = neuron.FusedReceptor{S: r.s[0][lo:hi], Slot: p.slotOf(r, step, lo, hi, slots), A: c.A, B: c.B, C: c.C, CE: c.CE}
	}
	spk, ok, fin := f.dyn.AdvanceSpikeFused(lo, hi, in, rec, dst)
	if ok {
		return spk, fin
	}
	p.receptors(lo, hi, step, true, slots)
	return p.fused.AdvanceSpike(lo, hi, in, dst), false
}

// advanceCounts is advanceSpike's fused pass over neurons [lo, hi) with
// the receptors' slots handed to the dynamics as counts (f.inKernel); ok
// false if it declined, having changed nothing.
func (p *popRT) advanceCounts(lo, hi int, step int64, in neuron.Input, dst []int32) (spk []int32, ok, finite bool) {
	f := p.fuse
	rec := neuron.FusedReceptors{Conductance: f.cond, N: f.n}
	for k, r := range f.rec[:f.n] {
		c, cr := r.recv1(), &r.counts[0]
		cnt := cr.cnt[(step%r.D)*int64(p.n):][lo:hi]
		rec.R[k] = neuron.FusedReceptor{S: r.s[0][lo:hi], Counts: cnt, Table: (*[256]float64)(cr.tab), A: c.A, B: c.B, C: c.C, CE: c.CE}
	}
	return f.dyn.AdvanceSpikeFused(lo, hi, in, rec, dst)
}

// firstRingsOnly reports whether the receptors' slots of update step
// for neurons [lo, hi) of worker w's range are their first count rings'
// alone: every later ring (another weight, counts.go) has no arrival
// there, so that advanceCounts, which looks up the first ring's, gives
// expand's bits. A ring the worker delivered nothing into since the slot
// was last taken (countRing.pend) is not scanned.
func (p *popRT) firstRingsOnly(w int, step int64, lo, hi int) bool {
	for _, r := range p.fuse.rec[:p.fuse.n] {
		s := step % r.D
		off := s * int64(p.n)
		for k := 1; k < len(r.counts); k++ {
			c := &r.counts[k]
			if *c.pending(w, r.D, s) && !vec.NoCounts(c.cnt[off:][lo:hi]) {
				return false
			}
		}
	}
	return true
}

// slot returns the ring slot of receptor r's spikes due at update step,
// neurons [lo, hi) of a population of n.
func (r *receptorRT) slot(step int64, n, lo, hi int) []float64 {
	return r.ring[(step%r.D)*int64(n):][lo:hi]
}

// slotOf is receptor r's slot of update step for neurons [lo, hi): from
// slots, the expanded slots of a fused population's receptors in p.rec's
// order (advanceSpike), when not nil, else from r's ring.
func (p *popRT) slotOf(r *receptorRT, step int64, lo, hi int, slots *[2][]float64) []float64 {
	if slots == nil {
		return r.slot(step, p.n, lo, hi)
	}
	if r == p.rec[0] {
		return slots[0]
	}
	return slots[1]
}

// recv1 returns the coefficients of a single-state receptor.
func (r *receptorRT) recv1() vec.Recv1 {
	return vec.Recv1{A: r.lin.P[0][0], B: r.lin.B[0], C: r.c[0], CE: r.c[0] * r.r.ERev}
}

// nextCurrent returns the first receptor after p.rec[k] that adds into I
// (a current receptor: not delta, not conductance), or nil.
func (p *popRT) nextCurrent(k int) *receptorRT {
	for _, q := range p.rec[k+1:] {
		if !q.delta && !q.r.Conductance {
			return q
		}
	}
	return nil
}

// receiveJumps sets the voltage jumps of delta receptors for the next
// update from the ring slots of this one (and clears them): delta spikes
// due at update n act on the membrane in update n+1, like the others.
func (p *popRT) receiveJumps(lo, hi int, step int64) {
	J := p.in.Jump[lo:hi]
	first := true // J holds the last update's jumps until the first sets it
	for _, r := range p.rec {
		if !r.delta {
			continue
		}
		vec.AddClear(J, r.slot(step, p.n, lo, hi), first)
		first = false
	}
	if first {
		clear(J)
	}
}

// checkFinite returns an error naming the first NaN or Inf in the state of
// neurons [lo, hi) (phaseA skips it when the fused loop proved them
// finite: advanceSpike).
func (p *popRT) checkFinite(lo, hi int, step int64, dt float64) error {
	for _, v := range p.check {
		// A finite sum proves every element finite; a sum that is not
		// (a NaN or Inf, or finite values that overflowed it) sends the
		// check to the scan element by element, which decides.
		if vec.SumFinite(v[lo:hi]) {
			continue
		}
		names := p.varNames()
		for k, vv := range p.check {
			for i := lo; i < hi; i++ {
				if math.IsNaN(vv[i]) || math.IsInf(vv[i], 0) {
					return &FaultError{Pop: p.p.name, Model: p.p.model.Kind(), Neuron: i, Var: names[k], Value: vv[i], Step: step, T: float64(step) * dt}
				}
			}
		}
	}
	return nil
}
