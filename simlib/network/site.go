package network

import (
	"fmt"
	"math"
	"slices"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/rng"
)

// SiteSpread spreads a projection's synapses over several sites of their
// target neurons: each synapse draws one of Sites (with relative
// probabilities P) and, when X is set, its position along that section,
// from the projection's own random stream, in table order; the same seed
// gives the same placement whatever the number of workers.
type SiteSpread struct {
	Sites []neuron.Site // candidate sites (section, position, synapse type)
	P     []float64     // relative probabilities of Sites, >= 0; nil: equal
	X     dist.Dist     // nil: each site's own X; else each synapse's position, within [0, 1]
}

// toSites reports whether the projection drives synapse instances of its
// target (Synapse.Site or Spread) rather than a receptor.
func (pr *Projection) toSites() bool { return pr.syn.Site != nil || pr.syn.Spread != nil }

// checkSites validates a projection's sites against its target model.
func checkSites(pr *Projection, post *Population, dt float64) []error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	host, ok := post.model.(neuron.SiteChecker)
	if !ok {
		add("%v: population %q (%s) has no synapse sites: its model's synapses are the population's receptors; use Synapse.Receptor (has %s)", pr, post.name, post.model.Kind(), post.receptorNames())
		return errs
	}
	syn := pr.syn
	if syn.Site != nil && syn.Spread != nil {
		add("%v: both Synapse.Site and Synapse.Spread are set: give one", pr)
		return errs
	}
	if syn.Receptor != "" {
		add("%v: Synapse.Receptor = %q and a site are both set: onto population %q (%s) the site's synapse type replaces the receptor; leave Receptor empty", pr, syn.Receptor, post.name, post.model.Kind())
	}
	check := func(what string, s neuron.Site) {
		if err := host.CheckSite(s, dt); err != nil {
			add("%v: %s: %v", pr, what, err)
		}
	}
	if syn.Site != nil {
		check("Site", *syn.Site)
		return errs
	}
	sp := syn.Spread
	if len(sp.Sites) == 0 {
		add("%v: Spread.Sites is empty: give at least one site", pr)
		return errs
	}
	if sp.P != nil {
		if len(sp.P) != len(sp.Sites) {
			add("%v: Spread.P has %d values for %d sites: give one per site (or nil: equal)", pr, len(sp.P), len(sp.Sites))
		}
		sum := 0.0
		for k, p := range sp.P {
			if !finite(p) || p < 0 {
				add("%v: Spread.P[%d] = %v: must be >= 0 and finite", pr, k, p)
			}
			sum += p
		}
		if !(sum > 0) || math.IsInf(sum, 0) {
			add("%v: Spread.P sums to %v: at least one must be positive", pr, sum)
		}
	}
	if sp.X != nil {
		if err := sp.X.Validate(); err != nil {
			add("%v: Spread.X: %v", pr, err)
		} else if lo, hi := sp.X.Bounds(); lo < 0 || hi > 1 {
			add("%v: Spread.X = %v can give positions in [%v, %v]: positions must lie in [0, 1]; clip it (e.g. dist.Uniform{Low: 0, High: 1})", pr, sp.X, lo, hi)
		}
	}
	for k, s := range sp.Sites {
		if sp.X != nil {
			s.X = 0.5 // each synapse draws its own; the section and type are checked
		}
		check(fmt.Sprintf("Spread.Sites[%d]", k), s)
	}
	return errs
}

// placeSites resolves the sites of a projection's synapses on its target
// host (AddSite for every distinct one), drawing them for a SiteSpread.
func placeSites(pr *Projection, rt *projRT, t *connect.Table, key uint64) error {
	host := rt.post.host
	if host == nil {
		return fmt.Errorf("%v: population %q (%s): the model is a neuron.SiteChecker but its dynamics is not a neuron.SynapseHost", pr, pr.post, rt.post.p.model.Kind())
	}
	rt.toSite = true
	add := func(what string, s neuron.Site) (int32, error) {
		k, err := host.AddSite(s)
		if err != nil {
			return 0, fmt.Errorf("%v: %s: %w", pr, what, err)
		}
		if k < 0 || k > math.MaxInt32 {
			panic(fmt.Sprintf("network: %s: AddSite returned site %d", rt.post.p.model.Kind(), k))
		}
		return int32(k), nil
	}
	if s := pr.syn.Site; s != nil {
		k, err := add("Site", *s)
		rt.site0 = k
		return err
	}
	sp := pr.syn.Spread
	cum := make([]float64, len(sp.Sites))
	sum := 0.0
	for k := range sp.Sites {
		p := 1.0
		if sp.P != nil {
			p = sp.P[k]
		}
		sum += p
		cum[k] = sum
	}
	type place struct {
		k int
		x uint64
	}
	seen := map[place]int32{}
	r := rng.New(key, rng.Key("site"))
	rt.site = make([]int32, len(t.Post))
	for i := range rt.site {
		k := 0
		if len(sp.Sites) > 1 {
			k = pick(cum, r.Float64()*sum)
		}
		s := sp.Sites[k]
		if sp.X != nil {
			s.X = min(1, max(0, sp.X.Draw(r)))
		}
		pl := place{k, math.Float64bits(s.X)}
		idx, ok := seen[pl]
		if !ok {
			var err error
			if idx, err = add(fmt.Sprintf("Spread.Sites[%d] at x = %v", k, s.X), s); err != nil {
				return err
			}
			seen[pl] = idx
		}
		rt.site[i] = idx
	}
	return nil
}

// deliverSites appends the events of update step's spikes of the
// projection's sources to the target range [lo, hi) of worker w: the same
// walk as a receptor's delivery (sources in neuron order, each row in
// table order), so every target gets its events in the same order for
// any number of workers.
func (pr *projRT) deliverSites(w int, step int64, lo, hi int32, whole bool, par int) {
	q := pr.post
	for _, chunk := range pr.pre.spk[par] {
		for _, i := range chunk {
			a, b := pr.rowIn(i, w, lo, hi, whole)
			for k := a; k < b; k++ {
				d := pr.delay(k)
				site := pr.site0
				if pr.site != nil {
					site = pr.site[k]
				}
				slot := &q.ev[(step+int64(d))%q.evD][w]
				*slot = append(*slot, neuron.SiteEvent{Neuron: pr.tgt[k], Site: site, Weight: pr.weight(k)})
			}
		}
	}
}

// receiveSites hands worker w's events due at update step to the host and
// empties the slot.
func (p *popRT) receiveSites(w, lo, hi int, step int64) {
	slot := &p.ev[step%p.evD][w]
	if len(*slot) > 0 {
		p.host.Receive(step, lo, hi, *slot)
		*slot = (*slot)[:0]
	}
}

// splitEvents regroups the pending events of a host population for the
// worker ranges just set (a run with another number of workers): each
// slot's events, taken worker by worker (ascending target ranges), are
// dealt to the new owners of their targets, keeping every target's order.
func (p *popRT) splitEvents(w int) {
	if p.host == nil {
		return
	}
	for s, old := range p.ev {
		lists := make([][]neuron.SiteEvent, w)
		for _, l := range old {
			for _, ev := range l {
				k := owner(p.hi, int(ev.Neuron))
				lists[k] = append(lists[k], ev)
			}
		}
		p.ev[s] = lists
	}
}

// owner returns the worker whose range [lo[k], hi[k]) holds neuron i.
func owner(hi []int, i int) int {
	k, _ := slices.BinarySearch(hi, i+1)
	return min(k, len(hi)-1)
}

// pick returns the first k with cum[k] > u (cum ascending, u in
// [0, cum[last])): the site drawn by u; zero-probability sites, whose cum
// equals their predecessor's, are never picked. If rounding puts u at the
// total, the last site of positive probability is picked.
func pick(cum []float64, u float64) int {
	k, _ := slices.BinarySearch(cum, u)
	for k < len(cum) && cum[k] <= u {
		k++
	}
	if k == len(cum) {
		k--
		for k > 0 && cum[k] == cum[k-1] {
			k--
		}
	}
	return k
}
