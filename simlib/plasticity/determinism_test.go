package plasticity_test

import (
	"slices"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// plasticNet is a small recurrent network with every kind of plastic
// projection (random delays, a dendritic part, multiplicative and nearest
// variants) beside static ones, and a weight recorder on each.
func plasticNet(workers int) (*network.Network, []*network.Projection) {
	net := network.New(network.Options{Seed: 7, Workers: workers})
	gIn := net.AddPopulation("in", 200, neuron.PoissonSource{Rate: 15})
	lif := neuron.DefaultLIF()
	gExc := net.AddPopulation("exc", 60, lif).Receptor("e", synapse.CurrExp(5)).Receptor("i", synapse.CurrExp(10))
	gInh := net.AddPopulation("inh", 20, lif).Receptor("e", synapse.CurrExp(5))
	pair := plasticity.DefaultPair()
	pair.WMax, pair.APlus, pair.AMinus = 400, 8, 8.4
	mult := pair
	mult.Dependence, mult.Pairing, mult.Dendritic = plasticity.Multiplicative, plasticity.Nearest, 0.3
	tri := plasticity.DefaultTriplet()
	tri.WMax, tri.A2Plus, tri.A3Plus, tri.A2Minus = 400, 3, 4, 5
	projs := []*network.Projection{
		net.Connect(gIn, gExc, connect.FixedProbability{P: 0.3}, network.Synapse{Receptor: "e", Weight: dist.Uniform{Low: 100, High: 300}, Delay: dist.Uniform{Low: 0.5, High: 3}, Plasticity: pair}),
		net.Connect(gExc, gExc, connect.FixedProbability{P: 0.2}, network.Synapse{Receptor: "e", Weight: dist.Uniform{Low: 0, High: 100}, Delay: dist.Uniform{Low: 0.5, High: 2}, Plasticity: mult}),
		net.Connect(gIn, gInh, connect.FixedProbability{P: 0.3}, network.Synapse{Receptor: "e", Weight: dist.Const(150), Delay: dist.Const(1), Plasticity: tri}),
		net.Connect(gInh, gExc, connect.FixedProbability{P: 0.5}, network.Synapse{Receptor: "i", Weight: dist.Const(80), Delay: dist.Const(0.8), Plasticity: plasticity.TsodyksMarkram{U: 0.3, TauRec: 200, TauFacil: 50}}),
		net.Connect(gExc, gInh, connect.FixedProbability{P: 0.2}, network.Synapse{Receptor: "e", Weight: dist.Const(50), Delay: dist.Const(0.5)}),
	}
	for _, pr := range projs[:3] {
		net.Record(record.NewWeights(pr, []int{0, 5, 17, 3}, 1))
	}
	net.Record(record.NewSynapseVar(projs[3], "x", nil, 2.5))
	net.Record(record.NewSpikes(gExc))
	return net, projs
}

func weightsOf(projs []*network.Projection) [][]float64 {
	var w [][]float64
	for _, pr := range projs {
		w = append(w, slices.Clone(pr.Weights()))
	}
	return w
}

// Same bits for any number of workers, and runs in pieces (with the
// number of workers changed between them) equal one run.
func TestPlasticDeterminism(t *testing.T) {
	ref, projs := plasticNet(1)
	if err := ref.Run(300); err != nil {
		t.Fatal(err)
	}
	if ref.SpikeCount() == 0 {
		t.Fatal("no spikes: the test would show nothing")
	}
	want, wantW := ref.Fingerprint(), weightsOf(projs)
	changed := false
	for k, w := range wantW[:3] {
		changed = changed || !slices.Equal(w, initial(t, k))
	}
	if !changed {
		t.Fatal("no weight changed: the test would show nothing")
	}
	for _, w := range []int{2, 3, 8} {
		net, projs := plasticNet(w)
		if err := net.Run(300); err != nil {
			t.Fatal(err)
		}
		if got := net.Fingerprint(); got != want {
			t.Errorf("workers %d: fingerprint %s, 1 worker %s", w, got, want)
		}
		if !slices.EqualFunc(weightsOf(projs), wantW, slices.Equal) {
			t.Errorf("workers %d: final weights differ from 1 worker's", w)
		}
	}
	net, projs := plasticNet(1)
	for k, d := range []float64{37.3, 100, 0.1, 162.6} {
		net.SetWorkers([]int{1, 3, 2, 8}[k])
		if err := net.Run(d); err != nil {
			t.Fatal(err)
		}
	}
	if got := net.Fingerprint(); got != want {
		t.Errorf("in pieces: fingerprint %s, one run %s", got, want)
	}
	if !slices.EqualFunc(weightsOf(projs), wantW, slices.Equal) {
		t.Errorf("in pieces: final weights differ from one run's")
	}
}

// initial returns projection k's weights as built (before any run).
func initial(t *testing.T, k int) []float64 {
	net, projs := plasticNet(1)
	if err := net.Build(); err != nil {
		t.Fatal(err)
	}
	return slices.Clone(projs[k].Weights())
}

// The fingerprint covers the weights: a change of learning rate that
// moves weights changes it, and the run cache stores and restores them.
func TestPlasticFingerprintAndCache(t *testing.T) {
	a, _ := plasticNet(1)
	if err := a.Run(100); err != nil {
		t.Fatal(err)
	}
	mk := func() (*network.Network, []*network.Projection) {
		// like plasticNet, but with a second pair projection recorded by
		// nothing: only the fingerprint's weight hash can see it
		net, projs := plasticNet(1)
		p := plasticity.DefaultPair()
		p.WMax, p.APlus = 400, 1e-9
		projs = append(projs, net.Connect(net.Population("in"), net.Population("inh"), connect.FixedProbability{P: 0.1}, network.Synapse{Receptor: "e", Weight: dist.Const(1), Delay: dist.Const(2), Plasticity: p}))
		return net, projs
	}
	b, _ := mk()
	c, cp := mk()
	if err := b.Run(100); err != nil {
		t.Fatal(err)
	}
	if err := c.Run(100); err != nil {
		t.Fatal(err)
	}
	if b.Fingerprint() != c.Fingerprint() {
		t.Fatal("two identical networks: different fingerprints")
	}
	if b.Fingerprint() == a.Fingerprint() {
		t.Error("a network with one more plastic projection has the same fingerprint")
	}
	// A weight nudge on the unrecorded projection alone changes the
	// fingerprint (the spike trains do not move: weight 1 pA of 1e-9).
	w := cp[len(cp)-1].Weights()
	spikes := c.SpikeFingerprint()
	fp := c.Fingerprint()
	w[0] += 1e-9
	if c.SpikeFingerprint() != spikes || c.Fingerprint() == fp {
		t.Error("the fingerprint does not cover a plastic projection's weights")
	}
	w[0] -= 1e-9

	dir := t.TempDir()
	first, fprojs := plasticNet(2)
	first.EnableCache(dir)
	if err := first.Run(120); err != nil {
		t.Fatal(err)
	}
	if hit, why := first.CacheStatus(); hit {
		t.Fatalf("first run from the cache (%s)", why)
	}
	second, sprojs := plasticNet(2)
	second.EnableCache(dir)
	if err := second.Run(120); err != nil {
		t.Fatal(err)
	}
	if hit, why := second.CacheStatus(); !hit {
		t.Fatalf("second run not from the cache: %s", why)
	}
	if second.Fingerprint() != first.Fingerprint() {
		t.Errorf("cached run: fingerprint %s, simulated %s", second.Fingerprint(), first.Fingerprint())
	}
	if !slices.EqualFunc(weightsOf(sprojs), weightsOf(fprojs), slices.Equal) {
		t.Error("cached run: the plastic weights were not restored")
	}
}

// A synapse recorder's data survives MarshalBinary/UnmarshalBinary (the
// run cache's path) with every getter and the digest unchanged, and is
// refused by a recorder of another configuration.
func TestWeightsRoundTrip(t *testing.T) {
	net, projs := plasticNet(1)
	rec := record.NewWeights(projs[0], []int{4, 1}, 0.5)
	net.Record(rec)
	if err := net.Run(20); err != nil {
		t.Fatal(err)
	}
	b, err := rec.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	_, projs2 := plasticNet(1)
	got := record.NewWeights(projs2[0], []int{4, 1}, 0.5)
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(got.Values(), rec.Values(), slices.Equal) || !slices.Equal(got.Times(), rec.Times()) || !slices.Equal(got.Synapses(), rec.Synapses()) {
		t.Error("round trip changed the data")
	}
	if len(rec.Times()) != 41 || rec.Times()[40] != 20 {
		t.Errorf("times %v: want 0, 0.5, ..., 20 ms", rec.Times())
	}
	if string(got.Digest()) != string(rec.Digest()) {
		t.Error("round trip changed the digest")
	}
	if err := record.NewWeights(projs2[0], []int{4, 2}, 0.5).UnmarshalBinary(b); err == nil {
		t.Error("a recorder of other synapses accepted the data")
	}
	if err := record.NewSynapseVar(projs2[0], "apre", []int{4, 1}, 0.5).UnmarshalBinary(b); err == nil {
		t.Error("a recorder of another variable accepted the data")
	}
}
