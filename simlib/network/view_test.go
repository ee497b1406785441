package network_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/internal/badinput"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/rng"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// eiSizes are the sizes of the excitatory and inhibitory groups of the
// view tests.
const nE, nI = 40, 10

// eiList is a fixed random list of pairs between groups of nPre and nPost
// neurons (a deterministic rule: the same synapses in both networks), with
// explicit weights (nS) and delays (ms).
func eiList(seed uint64, nPre, nPost int, w float64) connect.List {
	r := rand.New(rand.NewPCG(seed, 7))
	var l connect.List
	for i := range nPre {
		for j := range nPost {
			if r.Float64() < 0.3 {
				l.Pre, l.Post = append(l.Pre, i), append(l.Post, j)
				l.Weights = append(l.Weights, w*(0.5+r.Float64()))
				l.Delays = append(l.Delays, 0.2+float64(r.IntN(20))/10)
			}
		}
	}
	return l
}

// eiRecorders are what both forms of the E/I network record.
type eiRecorders struct {
	e, i *record.Spikes
	v    *record.State
	rate *record.Rate
}

// eiNetwork builds a small COBA E/I network with deterministic parts
// (explicit synapse lists, initial values, DC drives, a Poisson source
// population called the same in both forms), either as two populations
// "exc" and "inh" (views false) or as one population "all" with the views
// E = all[0:nE] and I = all[nE:nE+nI], as Brian2's P[:3200], P[3200:].
func eiNetwork(views bool, workers int) (*network.Network, eiRecorders) {
	net := network.New(network.Options{DT: 0.1, Seed: 5, Workers: workers})
	lif := neuron.DefaultLIF()
	v0 := make([]float64, nE+nI)
	for k := range v0 {
		v0[k] = -65 + 15*float64((k*37)%(nE+nI))/float64(nE+nI)
	}
	receptors := func(p *network.Population) *network.Population {
		return p.Receptor("exc", synapse.CondExp(5, 0)).Receptor("inh", synapse.CondExp(10, -80))
	}
	ext := net.AddPopulation("ext", 20, neuron.PoissonSource{Rate: 30})
	var e, i network.Group
	if views {
		all := receptors(net.AddPopulation("all", nE+nI, lif)).InitValues("v", v0)
		e, i = all.Slice(0, nE), all.Slice(nE, nE+nI)
	} else {
		e = receptors(net.AddPopulation("exc", nE, lif)).InitValues("v", v0[:nE])
		i = receptors(net.AddPopulation("inh", nI, lif)).InitValues("v", v0[nE:])
	}
	inject := func(g network.Group, lo, hi int, amp float64) {
		switch g := g.(type) {
		case *network.Population:
			g.Slice(lo, hi).Inject(stimulus.DC{Amplitude: amp, Start: 5})
		case network.PopulationView:
			g.Slice(lo, hi).Inject(stimulus.DC{Amplitude: amp, Start: 5})
		}
	}
	inject(e, 0, 25, 800) // pA: above threshold (750 pA)
	inject(i, 3, 10, 700)
	for k, c := range []struct {
		pre, post network.Group
		np, nq    int
		rec       string
		w         float64
	}{{e, e, nE, nE, "exc", 2}, {e, i, nE, nI, "exc", 3}, {i, e, nI, nE, "inh", 10}, {i, i, nI, nI, "inh", 8}} {
		net.Connect(c.pre, c.post, eiList(uint64(k), c.np, c.nq, c.w), network.Synapse{Receptor: c.rec})
	}
	net.Connect(ext, e, connect.AllToAll{}, network.Synapse{Receptor: "exc", Weight: dist.Const(1.5), Delay: dist.Const(1)})
	r := eiRecorders{e: record.NewSpikes(e), i: record.NewSpikes(i), v: record.NewState(e, "v", []int{0, 7, 39}, 0), rate: record.NewRate(i, 5)}
	for _, x := range []network.Recorder{r.e, r.i, r.v, r.rate} {
		net.Record(x)
	}
	return net, r
}

// One population with two views is the network of two populations: the
// same spikes (numbered within each view), traces and rates, bit for bit,
// for 1, 2 and 3 workers; and the view form's fingerprint does not depend
// on the number of workers.
func TestViewsEqualSeparatePopulations(t *testing.T) {
	var fp string
	for _, w := range []int{1, 2, 3} {
		a, ra := eiNetwork(false, w)
		b, rb := eiNetwork(true, w)
		for _, n := range []*network.Network{a, b} {
			if err := n.Run(200); err != nil {
				t.Fatal(err)
			}
		}
		if ra.e.Len() < 50 || ra.i.Len() < 10 {
			t.Fatalf("workers %d: %d E and %d I spikes: too few for the comparison to mean something", w, ra.e.Len(), ra.i.Len())
		}
		for _, c := range []struct {
			what string
			x, y any
		}{
			{"E spike steps", ra.e.Steps(), rb.e.Steps()}, {"E spike neurons", ra.e.Indices(), rb.e.Indices()},
			{"I spike steps", ra.i.Steps(), rb.i.Steps()}, {"I spike neurons", ra.i.Indices(), rb.i.Indices()},
			{"E sizes", ra.e.Size(), rb.e.Size()}, {"v traces", ra.v.Values(), rb.v.Values()},
		} {
			if !reflect.DeepEqual(c.x, c.y) {
				t.Fatalf("workers %d: %s differ between two populations and two views", w, c.what)
			}
		}
		_, ha := ra.rate.Rates()
		_, hb := rb.rate.Rates()
		if !slices.Equal(ha, hb) {
			t.Fatalf("workers %d: I rates differ: %v and %v", w, ha, hb)
		}
		if fp == "" {
			fp = b.Fingerprint()
		} else if b.Fingerprint() != fp {
			t.Fatalf("workers %d: fingerprint %s, with 1 worker %s", w, b.Fingerprint(), fp)
		}
	}
}

// A projection between views has the whole populations' rows and columns:
// empty rows outside the source view, targets only in the target view, and
// the synapses the rule draws with the documented stream key (package doc,
// projectionKeys). Adding projections between other groups, before or
// after, changes none of them.
func TestViewProjectionTableAndKey(t *testing.T) {
	rule := connect.FixedProbability{P: 0.4}
	build := func(extra bool) *network.Projection {
		net := network.New(network.Options{Seed: 11})
		p := net.AddPopulation("p", 30, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
		syn := network.Synapse{Receptor: "e", Weight: dist.Const(1)}
		if extra {
			net.Connect(p, p, rule, syn)
			net.Connect(p.Slice(10, 20), p.Slice(0, 5), rule, syn)
		}
		pr := net.Connect(p.Slice(10, 20), p.Select(1, 5, 7), rule, syn)
		if extra {
			net.Connect(p.Slice(10, 20), p.Select(1, 5, 7), rule, syn) // the second between the same views
		}
		if err := net.Build(); err != nil {
			t.Fatal(err)
		}
		return pr
	}
	pr := build(false)
	tab := pr.Table()
	if tab.NPre != 30 || tab.NPost != 30 {
		t.Fatalf("table of %d x %d, want the populations' 30 x 30", tab.NPre, tab.NPost)
	}
	// the rule's own table between the views, with the documented key
	sel := []int{1, 5, 7}
	view := network.GroupKey(network.New(network.Options{}).AddPopulation("p", 30, neuron.DefaultLIF()).Select(sel...))
	key := rng.Derive(11, rng.Key("projection:p"), rng.Key("p"), rng.Key("view p[10:20] -> "+view), 0)
	want, err := rule.Build(10, 3, false, key)
	if err != nil {
		t.Fatal(err)
	}
	if want.Len() == 0 || tab.Len() != want.Len() {
		t.Fatalf("%d synapses, the rule's table between the views has %d", tab.Len(), want.Len())
	}
	for i := range 30 {
		row := tab.Row(i)
		if i < 10 || i >= 20 {
			if len(row) != 0 {
				t.Fatalf("row %d (outside the source view) has targets %v", i, row)
			}
			continue
		}
		var mapped []int32
		for _, j := range want.Row(i - 10) {
			mapped = append(mapped, int32(sel[j]))
		}
		if !slices.Equal(row, mapped) {
			t.Fatalf("row %d: targets %v, want the rule's row mapped: %v", i, row, mapped)
		}
	}
	if other := build(true).Table(); !reflect.DeepEqual(other.Post, tab.Post) || !reflect.DeepEqual(other.Ptr, tab.Ptr) {
		t.Fatal("adding projections between other groups changed the view projection's synapses")
	}
}

// The rule sees the same neurons on both sides only when both groups are
// the same neurons: then autapses are excluded as the rule says; between
// two different views of one population the rule numbers each from 0 and
// a neuron in both can connect to itself (as in Brian2).
func TestViewAutapses(t *testing.T) {
	net := network.New(network.Options{})
	p := net.AddPopulation("p", 6, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
	syn := network.Synapse{Receptor: "e", Weight: dist.Const(1)}
	same := net.Connect(p.Slice(2, 5), p.Slice(2, 5), connect.AllToAll{}, syn)
	overlap := net.Connect(p.Slice(2, 5), p.Slice(0, 4), connect.AllToAll{}, syn)
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	self := func(pr *network.Projection) int {
		n := 0
		for i := range 6 {
			if slices.Contains(pr.Table().Row(i), int32(i)) {
				n++
			}
		}
		return n
	}
	if same.Len() != 6 || self(same) != 0 {
		t.Fatalf("same view: %d synapses, %d autapses; want 3·2 = 6 and none", same.Len(), self(same))
	}
	if overlap.Len() != 12 || self(overlap) != 2 {
		t.Fatalf("overlapping views: %d synapses, %d autapses; want 3·4 = 12 and 2 (neurons 2 and 3)", overlap.Len(), self(overlap))
	}
}

// A stimulus on a view drives only its neurons; recorders of a view see
// only its neurons, numbered within it.
func TestInjectAndRecordOnViews(t *testing.T) {
	for _, w := range []int{1, 2, 3} {
		net := network.New(network.Options{DT: 0.1, Workers: w})
		p := net.AddPopulation("p", 10, neuron.DefaultLIF())
		p.Select(2, 3, 8).Inject(stimulus.DC{Amplitude: 1000}) // pA: each fires
		all, view := record.NewSpikes(p), record.NewSpikes(p.Select(3, 8, 9))
		v := record.NewState(p.Slice(2, 4), "v", nil, 1)
		rate := record.NewRate(p.Slice(8, 10), 50)
		for _, r := range []network.Recorder{all, view, v, rate} {
			net.Record(r)
		}
		if err := net.Run(100); err != nil {
			t.Fatal(err)
		}
		counts := all.Counts()
		for i, c := range counts {
			if driven := i == 2 || i == 3 || i == 8; driven != (c > 0) {
				t.Fatalf("workers %d: neuron %d fired %d times (driven %v)", w, i, c, driven)
			}
		}
		// view {3, 8, 9}: its neurons 0 and 1 are neurons 3 and 8
		if vc := view.Counts(); view.Size() != 3 || !slices.Equal(vc, []int{counts[3], counts[8], 0}) {
			t.Fatalf("workers %d: view counts %v (size %d), want %v", w, vc, view.Size(), []int{counts[3], counts[8], 0})
		}
		if len(v.Values()) != 2 || !slices.Equal(v.Neurons(), []int{0, 1}) {
			t.Fatalf("workers %d: state of view [2:4] records %d traces of %v", w, len(v.Values()), v.Neurons())
		}
		if last := v.Values()[1]; last[len(last)-1] != p.Var("v")[3] {
			t.Fatalf("workers %d: trace 1 of view [2:4] ends at %v, neuron 3 is at %v", w, last[len(last)-1], p.Var("v")[3])
		}
		// view [8:10]: neuron 8 fires, 9 does not; the rate is per neuron of the view
		_, hz := rate.Rates()
		total := 0.0
		for _, x := range hz {
			total += x * 0.05 // Hz · 50 ms bins = spikes per neuron
		}
		if want := float64(counts[8]) / 2; total < want-1e-9 || total > want+1e-9 {
			t.Fatalf("workers %d: the view's rate sums to %v spikes per neuron, want %v (neuron 8's %d spikes over 2 neurons)", w, total, want, counts[8])
		}
	}
}

// Bad views and groups are refused with errors naming the view, the
// values and what is allowed.
func TestBadViews(t *testing.T) {
	syn := network.Synapse{Receptor: "e", Weight: dist.Const(1)}
	with := func(f func(net *network.Network, p *network.Population)) func() error {
		return func() error {
			net := network.New(network.Options{})
			p := net.AddPopulation("p", 10, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
			f(net, p)
			return net.Run(1)
		}
	}
	connectTo := func(g func(p *network.Population) network.Group) func() error {
		return with(func(net *network.Network, p *network.Population) { net.Connect(p, g(p), connect.AllToAll{}, syn) })
	}
	badinput.Run(t, []badinput.Case{
		{"slice beyond the size", connectTo(func(p *network.Population) network.Group { return p.Slice(5, 11) }),
			[]string{`projection 0 "p" -> "p[bad view]"`, `view "p".Slice(5, 11)`, "need 0 <= lo < hi <= 10 (its size)"}},
		{"slice from -1", connectTo(func(p *network.Population) network.Group { return p.Slice(-1, 3) }),
			[]string{`view "p".Slice(-1, 3)`, "need 0 <= lo < hi <= 10"}},
		{"empty slice", connectTo(func(p *network.Population) network.Group { return p.Slice(4, 4) }),
			[]string{`view "p".Slice(4, 4)`, "the view is empty"}},
		{"empty selection", connectTo(func(p *network.Population) network.Group { return p.Select() }),
			[]string{`view "p".Select`, "no neurons: the view would be empty"}},
		{"selection out of range", connectTo(func(p *network.Population) network.Group { return p.Select(1, 10) }),
			[]string{`view "p".Select`, "neuron 10 at position 1", "must be in [0, 10)"}},
		{"selection twice the same neuron", connectTo(func(p *network.Population) network.Group { return p.Select(1, 1) }),
			[]string{`view "p".Select`, "neuron 1 at position 1 after neuron 1", "strictly ascending"}},
		{"slice of a view beyond the view", connectTo(func(p *network.Population) network.Group { return p.Slice(2, 6).Slice(3, 5) }),
			[]string{`view "p[2:6]".Slice(3, 5)`, "need 0 <= lo < hi <= 4"}},
		{"selection of a view out of range", connectTo(func(p *network.Population) network.Group { return p.Select(1, 4, 6).Select(3) }),
			[]string{`view "p{1, 4, 6}".Select`, "neuron 3 at position 0", "must be in [0, 3)"}},
		{"view of a nil population", connectTo(func(p *network.Population) network.Group { return p.Network().Population("q").Slice(0, 1) }),
			[]string{`projection 0 "p" -> "q[bad view]"`, `unknown population "q" (the network has "p")`}},
		{"view of a nil population", connectTo(func(p *network.Population) network.Group { return (*network.Population)(nil).Select(0) }),
			[]string{"Select of a nil population"}},
		{"an unknown population", connectTo(func(p *network.Population) network.Group { return p.Network().Population("q") }),
			[]string{`projection 0 "p" -> "q"`, `target: unknown population "q" (the network has "p")`}},
		{"receptor of an unknown population", with(func(net *network.Network, p *network.Population) {
			net.Population("q").Receptor("e", synapse.CurrExp(5))
		}),
			[]string{`cannot add receptor "e" to population "q"`, `unknown population "q" (the network has "p")`}},
		{"stimulus on an unknown population", with(func(net *network.Network, p *network.Population) {
			net.Population("q").Inject(stimulus.DC{Amplitude: 1})
		}),
			[]string{`cannot inject into "q"`, `unknown population "q"`}},
		{"nil source", with(func(net *network.Network, p *network.Population) { net.Connect(nil, p, connect.AllToAll{}, syn) }),
			[]string{`projection 0 "<nil>" -> "p"`, "source: the population is nil", `the network has "p"`}},
		{"view of another network", connectTo(func(*network.Population) network.Group {
			return network.New(network.Options{}).AddPopulation("p", 10, neuron.DefaultLIF()).Slice(0, 5)
		}), []string{`projection 0 "p" -> "p[0:5]"`, `population "p" is of another network`, "AddPopulation returned"}},
		{"a refused population", with(func(net *network.Network, p *network.Population) {
			dup := net.AddPopulation("p", 3, neuron.DefaultLIF())
			net.Connect(p, dup.Slice(0, 2), connect.AllToAll{}, syn)
		}), []string{`population "p": the name is already used`, `population "p" was refused by AddPopulation`}},
		{"one-to-one between views of other sizes", with(func(net *network.Network, p *network.Population) {
			net.Connect(p.Slice(0, 3), p.Slice(5, 9), connect.OneToOne{}, syn)
		}), []string{`projection 0 "p[0:3]" -> "p[5:9]" (one-to-one`, "3", "4"}},
		{"stimulus on a bad view", with(func(_ *network.Network, p *network.Population) { p.Slice(8, 12).Inject(stimulus.DC{Amplitude: 1}) }),
			[]string{`population "p" (LIF): stimulus 0 (DC)`, `view "p".Slice(8, 12)`, "<= 10"}},
	})
}

// Views print as their populations' names with the neurons they hold.
func TestViewNames(t *testing.T) {
	net := network.New(network.Options{})
	p := net.AddPopulation("exc", 4000, neuron.DefaultLIF())
	big := make([]int, 20)
	for k := range big {
		big[k] = 3 * k
	}
	for _, c := range []struct {
		g    network.Group
		name string
		size int
	}{
		{p, "exc", 4000}, {p.Slice(0, 4000), "exc", 4000}, {p.Slice(0, 3200), "exc[0:3200]", 3200},
		{p.Select(3, 7, 9), "exc{3, 7, 9}", 3}, {p.Select(4, 5, 6), "exc[4:7]", 3},
		{p.Slice(100, 200).Select(0, 50), "exc{100, 150}", 2}, {p.Select(big...), "exc{20 neurons, 0..57}", 20},
	} {
		if c.g.String() != c.name || c.g.Size() != c.size || c.g.Err() != nil {
			t.Errorf("%s: size %d, err %v; want %s of %d", c.g, c.g.Size(), c.g.Err(), c.name, c.size)
		}
	}
	if k := network.GroupKey(p.Select(4, 5, 6)); k != "exc[4:7]" {
		t.Errorf("a contiguous selection has key %q, want the range's", k)
	}
	if a, b := network.GroupKey(p.Select(1, 3)), network.GroupKey(p.Select(1, 4)); a == b || a == "" {
		t.Errorf("two selections have keys %q and %q", a, b)
	}
	if v := p.Slice(10, 20).Select(2, 5); v.Neuron(1) != 15 {
		t.Errorf("neuron 1 of view %v is %d, want 15", v, v.Neuron(1))
	}
	_ = fmt.Sprint(p.Slice(1, 0)) // a bad view prints without panicking
}

// The run cache tells views apart: the same network with a projection
// from another view, or a recorder of another view, is simulated again.
func TestRunCacheKeysViews(t *testing.T) {
	dir := t.TempDir()
	run := func(hi, rec int) (*network.Network, *record.Spikes) {
		net := network.New(network.Options{Seed: 3, Workers: 1})
		src := net.AddPopulation("src", 10, neuron.PoissonSource{Rate: 50})
		p := net.AddPopulation("p", 10, neuron.DefaultLIF()).Receptor("e", synapse.CondExp(5, 0))
		net.Connect(src.Slice(0, hi), p, connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(30)})
		sp := record.NewSpikes(p.Slice(0, rec))
		net.Record(sp)
		net.EnableCache(dir)
		if err := net.Run(50); err != nil {
			t.Fatal(err)
		}
		return net, sp
	}
	a, sa := run(5, 10)
	if hit, _ := a.CacheStatus(); hit || sa.Len() == 0 {
		t.Fatalf("first run: cache hit %v, %d spikes (want a miss and some spikes)", hit, sa.Len())
	}
	again, sb := run(5, 10)
	if hit, why := again.CacheStatus(); !hit || !slices.Equal(sa.Indices(), sb.Indices()) {
		t.Fatalf("the same network with views missed the cache (%s) or restored other spikes", why)
	}
	for _, c := range [][2]int{{6, 10}, {5, 9}} {
		n, _ := run(c[0], c[1])
		if hit, _ := n.CacheStatus(); hit {
			t.Fatalf("source view [0:%d], recorder view [0:%d] hit the cache of [0:5], [0:10]", c[0], c[1])
		}
	}
}

// A projection onto a view of a population whose neurons own their
// synapses (toyHost, site_test.go) places its sites on the view's neurons
// only; the events reach them in the same order for 1, 2 and 3 workers.
func TestSitesOnViews(t *testing.T) {
	var ref [][]float64
	for _, w := range []int{1, 2, 3} {
		net := network.New(network.Options{Seed: 2, Workers: w})
		src := net.AddPopulation("src", 20, neuron.PoissonSource{Rate: 40})
		cells := net.AddPopulation("cells", 6, toyHost{})
		pr := net.Connect(src.Slice(5, 15), cells.Select(1, 4, 5), connect.FixedProbability{P: 0.5}, network.Synapse{
			Weight: dist.Const(0.5), Delay: dist.Const(1),
			Spread: &network.SiteSpread{Sites: []neuron.Site{{Section: "a", X: 0.2, Synapse: toySyn{Tau: 2}}, {Section: "b", X: 0.5, Synapse: toySyn{Tau: 5}}}}})
		log := record.NewState(cells, "log", nil, 0)
		net.Record(log)
		if err := net.Run(100); err != nil {
			t.Fatal(err)
		}
		tab := pr.Table()
		if pr.Len() == 0 || len(pr.Sites()) != int(pr.Len()) {
			t.Fatalf("workers %d: %d synapses, %d sites", w, pr.Len(), len(pr.Sites()))
		}
		for i := range 20 {
			for _, j := range tab.Row(i) {
				if i < 5 || i >= 15 || (j != 1 && j != 4 && j != 5) {
					t.Fatalf("workers %d: synapse %d -> %d outside the views", w, i, j)
				}
			}
		}
		for i, tr := range log.Values() {
			inView := i == 1 || i == 4 || i == 5
			if got := tr[len(tr)-1] != 0; got != inView {
				t.Fatalf("workers %d: cell %d's event log ends at %v (in the target view: %v)", w, i, tr[len(tr)-1], inView)
			}
		}
		if ref == nil {
			ref = log.Values()
		} else if !reflect.DeepEqual(log.Values(), ref) {
			t.Fatalf("workers %d: the events at the hosts differ from 1 worker's", w)
		}
	}
}
