package network

import (
	"encoding/binary"
	"fmt"
	"hash"
	"math"
	"slices"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/param"
	"github.com/golgi-sim/golgi/simlib/plasticity"
)

// Plastic projections (Synapse.Plasticity). The synapses' state belongs to
// the worker that owns their target neuron, which handles every event of
// those synapses in phase A, in a fixed order:
//
//   - Phase B of update s appends each presynaptic spike's synapses (only
//     those whose targets the worker owns, sources in neuron order, rows in
//     table order) to the list of its arrival update s + d, instead of
//     adding weights to the receptor's ring.
//   - Phase A of update n, before the receptors are read: the list of n goes
//     to the rule's Pre, which gives each synapse's PSP amplitude (added to
//     the receptor's ring slot n in list order, after the static
//     projections' spikes, so it acts from update n+1 as theirs do) and
//     updates the synapse.
//   - Phase A of update n, after the threshold: the worker's spikes of n
//     join the list of update n + 2·d_dend, and the list of n goes to the
//     rule's Post, one neuron at a time, with the synapses onto it (a
//     post->pre index built once: column pointers and synapse indices).
//
// So a presynaptic event is handled d_dend after it reaches the synapse
// (at s + d_ax) and a postsynaptic one d_dend after it reaches the synapse
// (at m + d_dend): the same offset, so the events keep their order at the
// synapse, and the rule is given the synapse times (n − d_dend). Events of
// one synapse time go pre, then post (Brian2's on_pre before on_post). No
// spike of another worker is needed during phase A: arrivals are at least
// a window away. Static projections keep their delivery path unchanged.
type plasticRT struct {
	rule plasticity.Rule
	syn  plasticity.Synapses
	dd   int64       // dendritic delay (steps)
	pre  [][][]int64 // [arrival update mod len][worker] synapses due
	post [][][]int32 // [update mod len][worker] target neurons whose spikes reach their synapses
	psp  [][]float64 // per worker scratch
	col  []int64     // post->pre index: synapses onto neuron j are syns[col[j]:col[j+1]]
	syns []int64
}

// checkPlasticity validates a projection's rule (part of Network.validate).
func checkPlasticity(pr *Projection, post *Population, dt float64) []error {
	r := pr.syn.Plasticity
	if r == nil {
		return nil
	}
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if pr.toSites() {
		add("%v: Synapse.Plasticity %s: plasticity onto synapse sites (population %q (%s) owns its synapses) is not supported: use a point-neuron population with a receptor", pr, r.Kind(), post.name, post.model.Kind())
		return errs
	}
	if err := r.Validate(dt); err != nil {
		add("%v: Synapse.Plasticity: %w", pr, err)
		return errs
	}
	lo, hi := r.WeightRange()
	if rec, ok := post.receptor(pr.syn.Receptor); ok && rec.Conductance && lo < 0 {
		add("%v: Synapse.Plasticity %s: WMin = %v nS: the weights of a conductance receptor must stay >= 0: set WMin >= 0", pr, r.Kind(), lo)
	}
	if pr.syn.Weight != nil && pr.syn.Weight.Validate() == nil {
		if a, b := pr.syn.Weight.Bounds(); a < lo || b > hi {
			add("%v: Synapse.Weight %v gives weights in [%v, %v]: the %s rule keeps weights in [WMin, WMax] = [%v, %v]: draw the initial weights within", pr, pr.syn.Weight, a, b, r.Kind(), lo, hi)
		}
	}
	if d := pr.syn.Delay; d != nil && d.Validate() == nil {
		if a, _ := d.Bounds(); r.Timing().Dendritic > a && a >= dt/2 {
			add("%v: Synapse.Plasticity %s: Dendritic = %v ms is longer than the shortest delay, %v ms: the dendritic delay is part of the delay (axonal + dendritic)", pr, r.Kind(), r.Timing().Dendritic, a)
		}
	}
	return errs
}

// allocPlastic sets up a projection's plasticity once its weights and
// delays are known (part of Network.allocate).
func allocPlastic(pr *Projection, rt *projRT, t *connect.Table, dt float64) error {
	r := pr.syn.Plasticity
	tm := r.Timing()
	dd, err := param.Steps("Dendritic", tm.Dendritic, dt, maxDelaySteps)
	if err != nil {
		return fmt.Errorf("%v: Synapse.Plasticity: %w", pr, err)
	}
	// the rule changes the weights in place: per synapse, never the
	// rule's own table
	if rt.w == nil {
		rt.w = rt.weights()
	} else {
		rt.w = slices.Clone(rt.w)
	}
	lo, hi := r.WeightRange()
	for k, w := range rt.w {
		if w < lo || w > hi {
			return fmt.Errorf("%v: weight of synapse %d = %v: the %s rule keeps weights in [WMin, WMax] = [%v, %v]: give initial weights within", pr, k, w, r.Kind(), lo, hi)
		}
	}
	maxD := int64(rt.d0)
	if !rt.perSynapseDelays() {
		if int64(rt.d0) < dd {
			return fmt.Errorf("%v: Synapse.Plasticity %s: Dendritic = %v ms (%d steps) is longer than the delay (%d steps): the dendritic delay is part of the delay (axonal + dendritic)", pr, r.Kind(), tm.Dendritic, dd, rt.d0)
		}
	} else {
		for k := range int64(len(rt.tgt)) {
			d := rt.delay(k)
			if int64(d) < dd {
				return fmt.Errorf("%v: Synapse.Plasticity %s: Dendritic = %v ms (%d steps) is longer than the delay of synapse %d (%d steps): the dendritic delay is part of the delay (axonal + dendritic)", pr, r.Kind(), tm.Dendritic, dd, k, d)
			}
			maxD = max(maxD, int64(d))
		}
	}
	s := r.New(rt.w, dt)
	if s == nil {
		return fmt.Errorf("%v: the %s rule's New returned nil", pr, r.Kind())
	}
	if v := s.Var("w"); len(v) != len(rt.w) || len(v) > 0 && &v[0] != &rt.w[0] {
		return fmt.Errorf("%v: the %s rule's state does not keep the projection's weights as its variable \"w\"", pr, r.Kind())
	}
	p := &plasticRT{rule: r, syn: s, dd: dd, pre: make([][][]int64, maxD+1)}
	if tm.Post {
		p.post = make([][][]int32, 2*dd+1)
		p.col = make([]int64, t.NPost+1)
		for _, j := range t.Post {
			p.col[j+1]++
		}
		for j := 0; j < t.NPost; j++ {
			p.col[j+1] += p.col[j]
		}
		p.syns = make([]int64, len(t.Post))
		next := slices.Clone(p.col[:t.NPost])
		for k, j := range t.Post {
			p.syns[next[j]] = int64(k)
			next[j]++
		}
	}
	rt.plast = p
	return nil
}

// plasticBytes estimates a plastic projection's memory per synapse: the
// rule's state (up to five variables and the last update), the post->pre
// index and an event.
const plasticBytes = 8*6 + 8 + 8

// deliverPlastic is phase B for a plastic projection: the synapses of the
// spikes of update step whose targets are in [lo, hi) join the lists of
// their arrival updates.
func (pr *projRT) deliverPlastic(w int, step int64, lo, hi int32, whole bool, par int) {
	p := pr.plast
	D := int64(len(p.pre))
	for _, chunk := range pr.pre.spk[par] {
		for _, i := range chunk {
			a, b := pr.rowIn(i, w, lo, hi, whole)
			if a == b {
				continue
			}
			if !pr.perSynapseDelays() {
				slot := &p.pre[(step+int64(pr.d0))%D][w]
				for k := a; k < b; k++ {
					*slot = append(*slot, k)
				}
				continue
			}
			for k := a; k < b; k++ {
				slot := &p.pre[(step+int64(pr.delay(k)))%D][w]
				*slot = append(*slot, k)
			}
		}
	}
}

// receivePre hands the rule worker w's presynaptic events arriving at
// update step and adds their PSPs to the receptor's ring slot of step.
func (pr *projRT) receivePre(w int, step int64) {
	p := pr.plast
	slot := &p.pre[step%int64(len(p.pre))][w]
	ev := *slot
	if len(ev) == 0 {
		return
	}
	psp := p.psp[w]
	if cap(psp) < len(ev) {
		psp = make([]float64, len(ev), 2*len(ev))
	}
	psp = psp[:len(ev)]
	p.psp[w] = psp
	p.syn.Pre(step-p.dd, ev, psp)
	r := pr.rec
	n := int64(pr.post.n)
	ring := r.ring[(step%r.D)*n:][:n]
	for i, k := range ev {
		ring[pr.tgt[k]] += psp[i]
	}
	*slot = ev[:0]
}

// receivePost queues worker w's spikes of update step and hands the rule
// the postsynaptic events due at step.
func (pr *projRT) receivePost(w int, step int64, spikes []int32) {
	p := pr.plast
	D := int64(len(p.post))
	if len(spikes) > 0 {
		s := &p.post[(step+2*p.dd)%D][w]
		*s = append(*s, spikes...)
	}
	slot := &p.post[step%D][w]
	for _, j := range *slot {
		if a, b := p.col[j], p.col[j+1]; a < b {
			p.syn.Post(step-p.dd, p.syns[a:b])
		}
	}
	*slot = (*slot)[:0]
}

// splitPlastic regroups a plastic projection's pending events for new
// worker ranges (a run with another number of workers): each list, taken
// worker by worker, is dealt to the new owners of its targets, keeping
// every target's order.
func (pr *projRT) splitPlastic(w int) {
	p := pr.plast
	hi := pr.post.hi
	for s, old := range p.pre {
		lists := make([][]int64, w)
		for _, l := range old {
			for _, k := range l {
				o := owner(hi, int(pr.tgt[k]))
				lists[o] = append(lists[o], k)
			}
		}
		p.pre[s] = lists
	}
	for s, old := range p.post {
		lists := make([][]int32, w)
		for _, l := range old {
			for _, j := range l {
				o := owner(hi, int(j))
				lists[o] = append(lists[o], j)
			}
		}
		p.post[s] = lists
	}
	p.psp = make([][]float64, w)
}

// hashPlastic writes every plastic projection's weights (exact bits, table
// order) into h, for the network's fingerprint.
func (n *Network) hashPlastic(h hash.Hash) {
	var buf []byte
	for k, pr := range n.projs {
		if pr.rt == nil || pr.rt.plast == nil {
			continue
		}
		buf = binary.LittleEndian.AppendUint32(buf[:0], uint32(k))
		buf = binary.LittleEndian.AppendUint64(buf, uint64(len(pr.rt.w)))
		h.Write(buf)
		buf = buf[:0]
		for _, w := range pr.rt.w {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(w))
			if len(buf) >= 1<<16 {
				h.Write(buf)
				buf = buf[:0]
			}
		}
		h.Write(buf)
	}
}

// plasticWeights returns copies of every plastic projection's weights
// (for the run cache), in projection order.
func (n *Network) plasticWeights() [][]float64 {
	var ws [][]float64
	for _, pr := range n.projs {
		if pr.rt != nil && pr.rt.plast != nil {
			ws = append(ws, slices.Clone(pr.rt.w))
		}
	}
	return ws
}

// restorePlastic puts weights from the run cache back; it reports whether
// they fit.
func (n *Network) restorePlastic(ws [][]float64) bool {
	k := 0
	for _, pr := range n.projs {
		if pr.rt != nil && pr.rt.plast != nil {
			if k >= len(ws) || len(ws[k]) != len(pr.rt.w) {
				return false
			}
			k++
		}
	}
	if k != len(ws) {
		return false
	}
	k = 0
	for _, pr := range n.projs {
		if pr.rt != nil && pr.rt.plast != nil {
			copy(pr.rt.w, ws[k])
			k++
		}
	}
	return true
}

// hasPlastic reports whether the built network has a plastic projection.
func (n *Network) hasPlastic() bool {
	for _, pr := range n.projs {
		if pr.rt != nil && pr.rt.plast != nil {
			return true
		}
	}
	return false
}
