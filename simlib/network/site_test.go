package network_test

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// toyHost is a test model whose neurons own their synapses: a leaky
// membrane v with two "sections" a and b, each accepting toySyn synapses
// (an exponential conductance of its own time constant, reversal 0 mV).
// Its sites are the distinct (section, segment of 4 along it, tau). It
// keeps an order-sensitive hash of every neuron's events (log), so tests
// can check the order guarantee of the seam, not just its sums.
type toyHost struct {
	Got *[]*toyDyn // optional: collects the dynamics built (for tests)
}

type toySyn struct{ Tau float64 }

func (toyHost) Kind() string                               { return "toyHost" }
func (toyHost) DefaultMethod() scheme.Method               { return scheme.Euler }
func (toyHost) Validate(dt float64, m scheme.Method) error { return nil }
func (toyHost) CheckSite(s neuron.Site, dt float64) error {
	if s.Section != "a" && s.Section != "b" {
		return fmt.Errorf("section %q: no such section (has \"a\", \"b\")", s.Section)
	}
	if !(s.X >= 0 && s.X <= 1) {
		return fmt.Errorf("X = %v: must lie in [0, 1]", s.X)
	}
	if y, ok := s.Synapse.(toySyn); !ok || !(y.Tau > 0) {
		return fmt.Errorf("synapse %#v: toyHost accepts toySyn{Tau > 0}", s.Synapse)
	}
	return nil
}

func (h toyHost) New(c neuron.Context) neuron.Dynamics {
	d := &toyDyn{dt: c.DT, v: make([]float64, c.N), log: make([]float64, c.N), index: map[[3]float64]int{}}
	if h.Got != nil {
		*h.Got = append(*h.Got, d)
	}
	return d
}

type toyDyn struct {
	dt    float64
	v     []float64
	log   []float64
	index map[[3]float64]int
	tau   []float64
	g     [][]float64 // [site][neuron]
	done  bool
}

func (d *toyDyn) Vars() []string { return []string{"v", "log"} }
func (d *toyDyn) Var(name string) []float64 {
	switch name {
	case "v":
		return d.v
	case "log":
		return d.log
	}
	return nil
}

func (d *toyDyn) AddSite(s neuron.Site) (int, error) {
	if err := (toyHost{}).CheckSite(s, d.dt); err != nil {
		return 0, err
	}
	seg := math.Min(3, math.Floor(s.X*4))
	key := [3]float64{float64(s.Section[0]), seg, s.Synapse.(toySyn).Tau}
	if k, ok := d.index[key]; ok {
		return k, nil
	}
	d.index[key] = len(d.tau)
	d.tau = append(d.tau, s.Synapse.(toySyn).Tau)
	d.g = append(d.g, make([]float64, len(d.v)))
	return len(d.tau) - 1, nil
}

func (d *toyDyn) SitesDone() error {
	if d.done {
		return fmt.Errorf("SitesDone called twice")
	}
	d.done = true
	return nil
}

func (d *toyDyn) Receive(step int64, lo, hi int, ev []neuron.SiteEvent) {
	if !d.done {
		panic("toyHost: Receive before SitesDone")
	}
	for _, e := range ev {
		i := int(e.Neuron)
		if i < lo || i >= hi {
			panic(fmt.Sprintf("toyHost: event for neuron %d outside [%d, %d)", i, lo, hi))
		}
		d.g[e.Site][i] += e.Weight
		// order-sensitive: a permutation of the same events changes it
		d.log[i] = math.Mod(d.log[i]*1.000001+e.Weight*float64(e.Site+1)+float64(step), 1e6)
	}
}

func (d *toyDyn) Advance(lo, hi int, in neuron.Input) {
	for i := lo; i < hi; i++ {
		gsum := 0.0
		for _, g := range d.g {
			gsum += g[i]
		}
		d.v[i] += d.dt * (-d.v[i]/10 + gsum*(60-d.v[i])/10)
		for k, g := range d.g {
			g[i] -= d.dt * g[i] / d.tau[k]
		}
	}
}

func (d *toyDyn) Spike(lo, hi int, step int64, dst []int32) []int32 {
	for i := lo; i < hi; i++ {
		if d.v[i] > 10 {
			d.v[i] = 0
			dst = append(dst, int32(i))
		}
	}
	return dst
}

// An event due at update 7 (a spike of update 5, delay 2 steps) reaches
// the host after Advance of update 7 and moves its membrane from update 8,
// as a receptor's spike does (TestStepOrder).
func TestSiteStepOrder(t *testing.T) {
	const dt = 0.1
	net := network.New(network.Options{DT: dt, Workers: 1})
	net.AddPopulation("src", 1, neuron.SpikeTimes{Times: [][]float64{{5 * dt}}})
	net.AddPopulation("dst", 1, toyHost{})
	net.Connect(net.Population("src"), net.Population("dst"), connect.OneToOne{}, network.Synapse{Weight: dist.Const(0.5), Delay: dist.Const(2 * dt),
		Site: &neuron.Site{Section: "a", X: 0.5, Synapse: toySyn{Tau: 2}}})
	v := record.NewState(net.Population("dst"), "v", []int{0}, 0)
	net.Record(v)
	if err := net.Run(12 * dt); err != nil {
		t.Fatal(err)
	}
	vv := v.Values()[0]
	for n := 0; n <= 12; n++ {
		if moved := vv[n] != 0; moved != (n >= 8) {
			t.Fatalf("v after update %d = %v: the membrane must move first at update 8", n, vv[n])
		}
	}
	// update 8: forward Euler from v = 0 with g = 0.5 (set at update 7).
	if want := dt * 0.5 * 60 / 10; math.Abs(vv[8]-want) > 1e-15 {
		t.Fatalf("v after update 8 = %v, want %v", vv[8], want)
	}
}

// siteNet: Poisson sources onto hosts at fixed and spread sites, host to
// host with per-synapse delays, host to a point population (whose
// receptors work as before), and a point population onto hosts.
func siteNet(seed uint64, workers int) (*network.Network, *record.State) {
	net := network.New(network.Options{Seed: seed, Workers: workers, DT: 0.05})
	net.AddPopulation("poisson", 40, neuron.PoissonSource{Rate: 50})
	net.AddPopulation("cells", 57, toyHost{})
	lif := neuron.DefaultLIF()
	net.AddPopulation("lif", 23, lif).Receptor("e", synapse.CondExp(5, 0))
	net.Connect(net.Population("poisson"), net.Population("cells"), connect.FixedProbability{P: 0.3}, network.Synapse{Weight: dist.Uniform{Low: 0.1, High: 0.4}, Delay: dist.Const(1),
		Site: &neuron.Site{Section: "a", X: 0.1, Synapse: toySyn{Tau: 2}}})
	net.Connect(net.Population("poisson"), net.Population("cells"), connect.FixedInDegree{K: 5}, network.Synapse{Weight: dist.Const(0.03), Delay: dist.Uniform{Low: 0.5, High: 3},
		Spread: &network.SiteSpread{Sites: []neuron.Site{{Section: "a", Synapse: toySyn{Tau: 2}}, {Section: "b", Synapse: toySyn{Tau: 5}}}, P: []float64{1, 3}, X: dist.Uniform{Low: 0, High: 1}}})
	net.Connect(net.Population("cells"), net.Population("cells"), connect.FixedProbability{P: 0.1}, network.Synapse{Weight: dist.Const(0.02), Delay: dist.Uniform{Low: 0.2, High: 2},
		Site: &neuron.Site{Section: "b", X: 0.9, Synapse: toySyn{Tau: 3}}})
	net.Connect(net.Population("cells"), net.Population("lif"), connect.FixedProbability{P: 0.5}, network.Synapse{Receptor: "e", Weight: dist.Const(2), Delay: dist.Const(0.5)})
	net.Connect(net.Population("lif"), net.Population("cells"), connect.AllToAll{}, network.Synapse{Weight: dist.Const(0.01), Delay: dist.Const(0.3),
		Site: &neuron.Site{Section: "a", X: 1, Synapse: toySyn{Tau: 2}}})
	st := record.NewState(net.Population("cells"), "log", []int{0, 13, 28, 29, 56}, 0)
	net.Record(st)
	sp := record.NewSpikes(net.Population("cells"))
	net.Record(sp)
	hostSpikes = sp
	return net, st
}

var hostSpikes *record.Spikes // the last siteNet's host spikes

// The seam keeps the engine's guarantee: every host neuron receives its
// events in the same order, and the network gives the same bits, for 1, 2,
// 3 and 8 workers; running in pieces with a changing number of workers
// (pending events regrouped) gives the same as one run.
func TestSiteDeterminismAcrossWorkers(t *testing.T) {
	var ref string
	var refLog [][]float64
	for _, w := range []int{1, 2, 3, 8} {
		net, st := siteNet(5, w)
		if err := net.Run(300); err != nil {
			t.Fatal(err)
		}
		if n := net.SpikeCount(); n < 1000 {
			t.Fatalf("workers=%d: %d spikes: too quiet to test anything", w, n)
		}
		if n := hostSpikes.Len(); n < 200 {
			t.Fatalf("workers=%d: the hosts fired %d spikes: too few for host-to-host events", w, n)
		}
		fp := net.Fingerprint()
		if ref == "" {
			ref, refLog = fp, st.Values()
			continue
		}
		if fp != ref {
			t.Fatalf("workers=%d: fingerprint %s, want %s (workers=1)", w, fp, ref)
		}
		if !reflect.DeepEqual(st.Values(), refLog) {
			t.Fatalf("workers=%d: the order of events at the hosts differs from workers=1", w)
		}
	}
	parts, st := siteNet(5, 1)
	for _, w := range []int{1, 3, 2, 1, 8} {
		parts.SetWorkers(w)
		if err := parts.Run(60); err != nil {
			t.Fatal(err)
		}
	}
	if parts.Fingerprint() != ref || !reflect.DeepEqual(st.Values(), refLog) {
		t.Fatal("five pieces with 1, 3, 2, 1, 8 workers differ from one run")
	}
	other, _ := siteNet(6, 2)
	if err := other.Run(300); err != nil {
		t.Fatal(err)
	}
	if other.Fingerprint() == ref {
		t.Fatal("seed 6 gives the same spikes as seed 5")
	}
}

// A SiteSpread draws each synapse's site from the projection's stream:
// the probabilities are honoured (a zero one never drawn), positions drawn
// from X reach the host, sites resolving to the same instance share it, and
// the placement depends on the seed only.
func TestSiteSpread(t *testing.T) {
	build := func(seed uint64, w int) ([]int32, *toyDyn) {
		var got []*toyDyn
		net := network.New(network.Options{Seed: seed, Workers: w})
		net.AddPopulation("src", 200, neuron.PoissonSource{Rate: 1})
		net.AddPopulation("cells", 10, toyHost{Got: &got})
		sites := []neuron.Site{{Section: "a", X: 0.2, Synapse: toySyn{Tau: 2}}, {Section: "b", X: 0.3, Synapse: toySyn{Tau: 2}}, {Section: "b", X: 0.9, Synapse: toySyn{Tau: 7}}}
		pr := net.Connect(net.Population("src"), net.Population("cells"), connect.AllToAll{}, network.Synapse{Weight: dist.Const(0.01),
			Spread: &network.SiteSpread{Sites: sites, P: []float64{1, 0, 3}}})
		net.Connect(net.Population("src"), net.Population("cells"), connect.AllToAll{}, network.Synapse{Weight: dist.Const(0.01),
			Spread: &network.SiteSpread{Sites: sites[:1], X: dist.Uniform{Low: 0, High: 1}}})
		if err := net.Run(1); err != nil {
			t.Fatal(err)
		}
		return pr.Sites(), got[0]
	}
	s1, d := build(9, 1)
	s3, _ := build(9, 3)
	if !slices.Equal(s1, s3) {
		t.Fatal("placement differs between 1 and 3 workers")
	}
	if s4, _ := build(10, 1); slices.Equal(s1, s4) {
		t.Fatal("seeds 9 and 10 place the synapses alike")
	}
	// toyDyn numbers sites by first AddSite: tau tells them apart here.
	count := map[float64]int{}
	for _, k := range s1 {
		count[d.tau[k]]++
	}
	// 2000 synapses, P = 1:0:3; binomial sd of the first count is
	// sqrt(2000·0.25·0.75) ≈ 19: allow 5 sd.
	if n := len(s1); n != 2000 || count[2]+count[7] != n || math.Abs(float64(count[2])-500) > 5*19.4 {
		t.Fatalf("%d synapses, %d at a(0.2), %d at b(0.9): want 2000, about 500 and 1500", n, count[2], count[7])
	}
	// The first projection makes 2 instances, the second one per segment
	// of a (4; one of them a(0.2)'s, shared): 5 in all.
	if len(d.tau) != 5 {
		t.Fatalf("the host has %d synapse instances, want 5 (sites sharing a segment and kinetics share one)", len(d.tau))
	}
}

// Bad input: every mistake in a site names the projection, the field, the
// value and what is allowed.
func TestSiteValidation(t *testing.T) {
	site := func(sec string, x float64, syn any) *neuron.Site {
		return &neuron.Site{Section: sec, X: x, Synapse: syn}
	}
	good := toySyn{Tau: 2}
	cases := []struct {
		name string
		syn  network.Synapse
		post string
		want []string
	}{
		{"site on a point population", network.Synapse{Weight: dist.Const(1), Site: site("a", 0.5, good)}, "lif", []string{`"src" -> "lif"`, `population "lif" (LIF) has no synapse sites`, "Synapse.Receptor"}},
		{"unknown section", network.Synapse{Weight: dist.Const(1), Site: site("dend", 0.5, good)}, "cells", []string{"Site", `section "dend"`, `has "a", "b"`}},
		{"x out of range", network.Synapse{Weight: dist.Const(1), Site: site("a", 1.5, good)}, "cells", []string{"X = 1.5", "[0, 1]"}},
		{"unknown synapse type", network.Synapse{Weight: dist.Const(1), Site: site("a", 0.5, 3.0)}, "cells", []string{"synapse 3", "accepts toySyn"}},
		{"site and spread", network.Synapse{Weight: dist.Const(1), Site: site("a", 0.5, good), Spread: &network.SiteSpread{Sites: []neuron.Site{*site("a", 0.5, good)}}}, "cells", []string{"both Synapse.Site and Synapse.Spread"}},
		{"receptor and site", network.Synapse{Receptor: "e", Weight: dist.Const(1), Site: site("a", 0.5, good)}, "cells", []string{`Receptor = "e"`, "leave Receptor empty"}},
		{"receptor on a host", network.Synapse{Receptor: "e", Weight: dist.Const(1)}, "cells", []string{`no receptor "e"`, "owns its synapses", "Synapse.Site"}},
		{"negative weight", network.Synapse{Weight: dist.Const(-1), Site: site("a", 0.5, good)}, "cells", []string{"weight", "-1", "must be >= 0"}},
		{"empty spread", network.Synapse{Weight: dist.Const(1), Spread: &network.SiteSpread{}}, "cells", []string{"Spread.Sites is empty"}},
		{"spread P length", network.Synapse{Weight: dist.Const(1), Spread: &network.SiteSpread{Sites: []neuron.Site{*site("a", 0, good)}, P: []float64{1, 2}}}, "cells", []string{"Spread.P has 2 values for 1 sites"}},
		{"spread P negative", network.Synapse{Weight: dist.Const(1), Spread: &network.SiteSpread{Sites: []neuron.Site{*site("a", 0, good), *site("b", 0, good)}, P: []float64{1, -2}}}, "cells", []string{"Spread.P[1] = -2"}},
		{"spread P zero", network.Synapse{Weight: dist.Const(1), Spread: &network.SiteSpread{Sites: []neuron.Site{*site("a", 0, good)}, P: []float64{0}}}, "cells", []string{"Spread.P sums to 0"}},
		{"spread X range", network.Synapse{Weight: dist.Const(1), Spread: &network.SiteSpread{Sites: []neuron.Site{*site("a", 0, good)}, X: dist.Uniform{Low: 0, High: 2}}}, "cells", []string{"Spread.X", "[0, 2]", "[0, 1]"}},
		{"spread bad section", network.Synapse{Weight: dist.Const(1), Spread: &network.SiteSpread{Sites: []neuron.Site{*site("a", 0, good), *site("c", 0, good)}}}, "cells", []string{"Spread.Sites[1]", `section "c"`}},
	}
	for _, c := range []struct {
		name string
		pop  func(*network.Population)
		want string
	}{
		{"receptor on a host population", func(p *network.Population) { p.Receptor("e", synapse.CondExp(5, 0)) }, `population "cells" (toyHost): receptor "e": this model owns its synapses`},
		{"stimulus on a host population", func(p *network.Population) { p.Inject(stimulus.DC{Amplitude: 1}) }, `population "cells" (toyHost): stimulus 0 (DC): this model takes no injected current`},
	} {
		t.Run(c.name, func(t *testing.T) {
			net := network.New(network.Options{})
			c.pop(net.AddPopulation("cells", 3, toyHost{}))
			if err := net.Run(1); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
		})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			net := network.New(network.Options{})
			net.AddPopulation("src", 3, neuron.PoissonSource{Rate: 10})
			net.AddPopulation("cells", 3, toyHost{})
			net.AddPopulation("lif", 3, neuron.DefaultLIF()).Receptor("e", synapse.CondExp(5, 0))
			net.Connect(net.Population("src"), net.Population(c.post), connect.AllToAll{}, c.syn)
			err := net.Run(1)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Fatalf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}
