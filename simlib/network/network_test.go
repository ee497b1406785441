package network_test

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/runlog"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// TestStepOrder pins the documented order of one update: a spike emitted at
// update 5 with a delay of 2 steps is added to the receptor at update 7
// (phase 2, after the membrane moved) and moves the membrane from update 8.
func TestStepOrder(t *testing.T) {
	const dt = 0.1
	net := network.New(network.Options{DT: dt, Workers: 1})
	net.AddPopulation("src", 1, neuron.SpikeTimes{Times: [][]float64{{5 * dt}}})
	lif := neuron.DefaultLIF()
	lif.VRest, lif.VReset = -65, -70
	net.AddPopulation("dst", 1, lif).Method(scheme.Euler).Receptor("e", synapse.CurrExp(5))
	net.Connect(net.Population("src"), net.Population("dst"), connect.OneToOne{}, network.Synapse{Receptor: "e", Weight: dist.Const(100), Delay: dist.Const(2 * dt)})
	v := record.NewState(net.Population("dst"), "v", []int{0}, 0)
	g := record.NewState(net.Population("dst"), "e", []int{0}, 0)
	sp := record.NewSpikes(net.Population("src"))
	net.Record(v)
	net.Record(g)
	net.Record(sp)
	if err := net.Run(12 * dt); err != nil {
		t.Fatal(err)
	}
	if got := sp.Steps(); !reflect.DeepEqual(got, []int64{5}) {
		t.Fatalf("source spiked at updates %v, want [5]", got)
	}
	gv, vv := g.Values()[0], v.Values()[0]
	for n := 0; n <= 12; n++ {
		wantG := 0.0
		if n >= 7 {
			wantG = 100 * math.Pow(1-dt/5, float64(n-7)) // Euler decay after arrival
		}
		if math.Abs(gv[n]-wantG) > 1e-12 {
			t.Fatalf("receptor state after update %d = %v, want %v", n, gv[n], wantG)
		}
		moved := vv[n] != -65
		if moved != (n >= 8) {
			t.Fatalf("v after update %d = %v: the membrane must move first at update 8", n, vv[n])
		}
	}
	// update 8: forward Euler with I = 100 pA from the start of the step.
	if want := -65 + dt/lif.Cm*100; math.Abs(vv[8]-want) > 1e-12 {
		t.Fatalf("v after update 8 = %v, want %v", vv[8], want)
	}
}

// randomNet builds a network that exercises every stochastic part: Poisson
// and Gaussian sources, random connectivity, drawn weights and per-synapse
// delays, random initial state, noise current, conductance and current
// receptors.
func randomNet(seed uint64, workers int) (*network.Network, *record.Spikes, *record.State) {
	return randomNetWith(network.Options{Seed: seed, Workers: workers})
}

// randomNetWith is randomNet with options.
func randomNetWith(opt network.Options) (*network.Network, *record.Spikes, *record.State) {
	net := network.New(opt)
	net.AddPopulation("poisson", 50, neuron.PoissonSource{Rate: 40})
	net.AddPopulation("drive", 10, neuron.GaussianDrive{Mu: 50, Sigma: 10, NumSpikes: 3})
	lif := neuron.DefaultLIF()
	lif.Cm, lif.TauM, lif.VRest, lif.VReset, lif.TauRefrac = 200, 20, -60, -60, 5
	net.AddPopulation("exc", 301, lif).
		Receptor("e", synapse.CondExp(5, 0)).
		Receptor("i", synapse.CondAlpha(3, -80)).
		Init("v", dist.Uniform{Low: -60, High: -50}).
		Select(0, 5, 17, 200, 300).Inject(stimulus.Noise{Mean: 20, SD: 40})
	net.AddPopulation("inh", 77, lif).
		Receptor("e", synapse.CurrBiExp(0.5, 3)).
		Init("v", dist.Uniform{Low: -60, High: -50})
	syn := func(r string, w dist.Dist) network.Synapse {
		return network.Synapse{Receptor: r, Weight: w, Delay: dist.Uniform{Low: 0.1, High: 3}}
	}
	net.Connect(net.Population("poisson"), net.Population("exc"), connect.FixedProbability{P: 0.2}, syn("e", dist.Const(6)))
	net.Connect(net.Population("drive"), net.Population("inh"), connect.FixedOutDegree{K: 20}, syn("e", dist.Const(150)))
	net.Connect(net.Population("exc"), net.Population("exc"), connect.FixedProbability{P: 0.05}, syn("e", dist.Normal{Mean: 3, SD: 1, Low: 0, High: 10}))
	net.Connect(net.Population("exc"), net.Population("inh"), connect.FixedInDegree{K: 30}, syn("e", dist.LogNormal{Mu: 3, Sigma: 0.3}))
	net.Connect(net.Population("inh"), net.Population("exc"), connect.FixedTotal{N: 2000}, syn("i", dist.Const(20)))
	sp := record.NewSpikes(net.Population("exc"))
	st := record.NewState(net.Population("exc"), "v", []int{0, 150, 300}, 0.5)
	net.Record(sp)
	net.Record(st)
	return net, sp, st
}

// TestDeterminismAcrossWorkers: same seed, same bits, for 1, 2, 3 and 8
// workers; a different seed gives a different result.
func TestDeterminismAcrossWorkers(t *testing.T) {
	var ref string
	var refV [][]float64
	for _, w := range []int{1, 2, 3, 8} {
		net, sp, st := randomNet(7, w)
		if err := net.Run(200); err != nil {
			t.Fatal(err)
		}
		if sp.Len() < 100 {
			t.Fatalf("workers=%d: only %d spikes: the test network is too quiet to test anything", w, sp.Len())
		}
		fp := net.Fingerprint()
		if ref == "" {
			ref, refV = fp, st.Values()
			continue
		}
		if fp != ref {
			t.Fatalf("workers=%d: fingerprint %s, want %s (workers=1)", w, fp, ref)
		}
		if !reflect.DeepEqual(st.Values(), refV) {
			t.Fatalf("workers=%d: membrane traces differ from workers=1", w)
		}
	}
	net, _, _ := randomNet(8, 2)
	if err := net.Run(200); err != nil {
		t.Fatal(err)
	}
	if net.Fingerprint() == ref {
		t.Fatal("seed 8 gives the same spikes as seed 7")
	}
}

// Running in pieces, or cancelled and resumed, gives the same result as one
// run.
func TestContinueAndCancel(t *testing.T) {
	whole, _, _ := randomNet(3, 2)
	if err := whole.Run(150); err != nil {
		t.Fatal(err)
	}
	parts, _, st := randomNet(3, 2)
	for _, d := range []float64{10, 0, 45.5, 94.5} {
		if err := parts.Run(d); err != nil {
			t.Fatal(err)
		}
	}
	if parts.Fingerprint() != whole.Fingerprint() || parts.Time() != 150 {
		t.Fatalf("pieces: fingerprint %s at %v ms, want %s at 150 ms", parts.Fingerprint(), parts.Time(), whole.Fingerprint())
	}
	if n := len(st.Times()); n != 301 {
		t.Fatalf("state samples after pieces: %d, want 301 (0..150 ms every 0.5 ms)", n)
	}

	cancelled, _, st2 := randomNet(3, 2)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	cancelled.SetProgress(func(p network.Progress) {
		calls++
		if p.T >= 20 {
			cancel()
		}
	})
	// The progress callback is throttled to 100 ms of wall time, longer
	// than this run: cancel before it starts, which must stop it at once.
	cancel()
	err := cancelled.RunContext(ctx, 150)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run returned %v, want context.Canceled", err)
	}
	if s := cancelled.Summary(); s.Status != "cancelled" {
		t.Fatalf("summary status %q, want cancelled", s.Status)
	}
	rest := 150 - cancelled.Time()
	if err := cancelled.Run(rest); err != nil {
		t.Fatal(err)
	}
	if cancelled.Fingerprint() != whole.Fingerprint() {
		t.Fatal("cancel then resume differs from one run")
	}
	if n := len(st2.Times()); n != 301 {
		t.Fatalf("state samples after cancel and resume: %d, want 301", n)
	}
	if calls == 0 {
		t.Fatal("progress callback never called")
	}
}

// Progress reports reach the end of the run.
func TestProgress(t *testing.T) {
	net, _, _ := randomNet(1, 1)
	var last network.Progress
	net.SetProgress(func(p network.Progress) { last = p })
	if err := net.Run(50); err != nil {
		t.Fatal(err)
	}
	if last.Step != 500 || last.Steps != 500 || math.Abs(last.T-50) > 1e-9 || last.TEnd != 50 {
		t.Fatalf("last progress %+v, want step 500 of 500 at 50 ms", last)
	}
}

func TestSummaryAndRunLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.jsonl")
	t.Setenv(runlog.EnvVar, path)
	net, sp, _ := randomNet(5, 2)
	if err := net.Run(30); err != nil {
		t.Fatal(err)
	}
	if err := net.Run(20); err != nil {
		t.Fatal(err)
	}
	runs, err := runlog.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 {
		t.Fatalf("%d runs logged, want 2", len(runs))
	}
	r := runs[1]
	if r.Seed != 5 || r.Neurons != 50+10+301+77 || r.Synapses == 0 || r.DT != 0.1 ||
		math.Abs(r.Start-30) > 1e-9 || math.Abs(r.Duration-20) > 1e-9 || r.Steps != 200 ||
		r.Fingerprint != net.Fingerprint() || r.Status != "ok" || len(r.Populations) != 4 || r.Spikes < int64(sp.Len()) {
		t.Fatalf("logged run %+v", r)
	}
	if runs[0].Fingerprint == r.Fingerprint {
		t.Fatal("fingerprint did not change between runs with spikes")
	}
}

// badModel diverges to NaN at a chosen update, to test fault handling.
type badModel struct{ at int64 }

func (badModel) Kind() string                          { return "Bad" }
func (badModel) DefaultMethod() scheme.Method          { return scheme.Euler }
func (badModel) Validate(float64, scheme.Method) error { return nil }
func (m badModel) New(c neuron.Context) neuron.Dynamics {
	return &badDyn{at: m.at, v: make([]float64, c.N)}
}

type badDyn struct {
	at int64
	v  []float64
}

func (d *badDyn) Vars() []string { return []string{"v"} }
func (d *badDyn) Var(n string) []float64 {
	if n == "v" {
		return d.v
	}
	return nil
}
func (d *badDyn) Advance(lo, hi int, in neuron.Input) {
	for i := lo; i < hi; i++ {
		d.v[i] += 1
		if in.Step == d.at && i == 7 {
			d.v[i] = math.NaN()
		}
	}
}
func (d *badDyn) Spike(lo, hi int, step int64, dst []int32) []int32 { return dst }

func TestNaNStopsRunAndKeepsRecords(t *testing.T) {
	for _, w := range []int{1, 2, 3} {
		net := network.New(network.Options{Workers: w})
		net.AddPopulation("bad", 10, badModel{at: 42})
		st := record.NewState(net.Population("bad"), "v", []int{0}, 0)
		net.Record(st)
		err := net.Run(10)
		if err == nil {
			t.Fatal("run with NaN state succeeded")
		}
		for _, want := range []string{`population "bad"`, "neuron 7", "variable v", "NaN", "t = 4.2 ms"} {
			if !strings.Contains(err.Error(), want) {
				t.Fatalf("workers=%d: error %q does not mention %q", w, err, want)
			}
		}
		// The run stops at the end of the window of updates in progress
		// (at most the shortest delay, here no projection: 64 updates,
		// within the run's first chunks of 16 and 32).
		if s := net.Steps(); s < 42 || s > 42+64 {
			t.Fatalf("workers=%d: stopped after %d updates, want 42 to 106", w, s)
		}
		if v := st.Values()[0]; len(v) < 43 || v[41] != 41 {
			t.Fatalf("workers=%d: %d samples kept, want at least 43 with v[41] = 41", w, len(v))
		}
		if err := net.Run(1); err == nil {
			t.Fatal("a faulted network ran again")
		}
	}
}

// Every mistake a user can make is reported before anything runs, naming
// the object, field and value; none panics.
func TestValidation(t *testing.T) {
	lif := neuron.DefaultLIF()
	badTau := lif
	badTau.TauM = -5
	nanTh := lif
	nanTh.VThresh = math.NaN()
	cases := []struct {
		name  string
		build func(n *network.Network)
		opt   network.Options
		want  []string
	}{
		{"negative tau", func(n *network.Network) { n.AddPopulation("a", 10, badTau) }, network.Options{}, []string{`population "a"`, "TauM = -5"}},
		{"zero tau", func(n *network.Network) { l := lif; l.TauM = 0; n.AddPopulation("a", 10, l) }, network.Options{}, []string{"TauM = 0"}},
		{"NaN threshold", func(n *network.Network) { n.AddPopulation("a", 10, nanTh) }, network.Options{}, []string{"VThresh = NaN"}},
		{"dt too large", func(n *network.Network) { n.AddPopulation("a", 10, lif) }, network.Options{DT: 25}, []string{"DT = 25"}},
		{"dt above tau", func(n *network.Network) { l := lif; l.TauM = 1; n.AddPopulation("a", 10, l) }, network.Options{DT: 2}, []string{"TauM = 1 ms is shorter than dt = 2 ms"}},
		{"negative dt", func(n *network.Network) { n.AddPopulation("a", 10, lif) }, network.Options{DT: -0.1}, []string{"DT = -0.1"}},
		{"empty population", func(n *network.Network) { n.AddPopulation("a", 0, lif) }, network.Options{}, []string{`population "a"`, "size = 0"}},
		{"no populations", func(n *network.Network) {}, network.Options{}, []string{"no populations"}},
		{"duplicate name", func(n *network.Network) { n.AddPopulation("a", 1, lif); n.AddPopulation("a", 1, lif) }, network.Options{}, []string{`"a"`, "already used"}},
		{"nil model", func(n *network.Network) { n.AddPopulation("a", 1, nil) }, network.Options{}, []string{"model is nil"}},
		{"p above 1", func(n *network.Network) {
			n.AddPopulation("a", 10, lif).Receptor("e", synapse.CurrExp(5))
			n.Connect(n.Population("a"), n.Population("a"), connect.FixedProbability{P: 1.5}, network.Synapse{Receptor: "e", Weight: dist.Const(1)})
		}, network.Options{}, []string{`"a" -> "a"`, "P = 1.5", "[0, 1]"}},
		{"p NaN", func(n *network.Network) {
			n.AddPopulation("a", 10, lif).Receptor("e", synapse.CurrExp(5))
			n.Connect(n.Population("a"), n.Population("a"), connect.FixedProbability{P: math.NaN()}, network.Synapse{Receptor: "e", Weight: dist.Const(1)})
		}, network.Options{}, []string{"P = NaN"}},
		{"unknown population", func(n *network.Network) {
			n.AddPopulation("a", 10, lif).Receptor("e", synapse.CurrExp(5))
			n.Connect(n.Population("a"), n.Population("b"), connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(1)})
		}, network.Options{}, []string{`target: unknown population "b"`, `(the network has "a")`}},
		{"unknown receptor", func(n *network.Network) {
			n.AddPopulation("a", 10, lif).Receptor("e", synapse.CurrExp(5))
			n.Connect(n.Population("a"), n.Population("a"), connect.AllToAll{}, network.Synapse{Receptor: "x", Weight: dist.Const(1)})
		}, network.Options{}, []string{`no receptor "x"`, `"e"`}},
		{"negative conductance", func(n *network.Network) {
			n.AddPopulation("a", 10, lif).Receptor("e", synapse.CondExp(5, 0))
			n.Connect(n.Population("a"), n.Population("a"), connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(-1)})
		}, network.Options{}, []string{"conductances must be >= 0"}},
		{"negative delay", func(n *network.Network) {
			n.AddPopulation("a", 10, lif).Receptor("e", synapse.CurrExp(5))
			n.Connect(n.Population("a"), n.Population("a"), connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(1), Delay: dist.Const(-1)})
		}, network.Options{}, []string{"Synapse.Delay -1: bound = -1 ms", ">= 0"}},
		{"bad receptor tau", func(n *network.Network) { n.AddPopulation("a", 10, lif).Receptor("e", synapse.CurrExp(-3)) }, network.Options{}, []string{`receptor "e"`, "Tau = -3"}},
		{"bad init", func(n *network.Network) {
			n.AddPopulation("a", 10, lif).Init("v", dist.Uniform{Low: 1, High: 0})
		}, network.Options{}, []string{"initial v", "Uniform{Low: 1, High: 0}"}},
		{"unknown init variable", func(n *network.Network) { n.AddPopulation("a", 10, lif).Init("w", dist.Const(0)) }, network.Options{}, []string{"initial w", "no such variable", "has v"}},
		{"init length", func(n *network.Network) { n.AddPopulation("a", 10, lif).InitValues("v", []float64{1}) }, network.Options{}, []string{"1 values for 10 neurons"}},
		{"stimulus neuron", func(n *network.Network) { n.AddPopulation("a", 10, lif).Select(10).Inject(stimulus.DC{Amplitude: 1}) }, network.Options{}, []string{"neuron 10", "[0, 10)"}},
		{"stimulus NaN", func(n *network.Network) { n.AddPopulation("a", 10, lif).Inject(stimulus.DC{Amplitude: math.NaN()}) }, network.Options{}, []string{"Amplitude = NaN"}},
		{"poisson rate", func(n *network.Network) { n.AddPopulation("p", 10, neuron.PoissonSource{Rate: 20000}) }, network.Options{}, []string{"Rate = 20000", "10000 Hz"}},
		{"too large", func(n *network.Network) {
			n.AddPopulation("a", 1000000, lif).Receptor("e", synapse.CurrExp(5))
			n.Connect(n.Population("a"), n.Population("a"), connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(1)})
		}, network.Options{}, []string{"MaxMemory", `"a" -> "a"`}},
		{"no weight", func(n *network.Network) {
			n.AddPopulation("a", 10, lif).Receptor("e", synapse.CurrExp(5))
			n.Connect(n.Population("a"), n.Population("a"), connect.AllToAll{}, network.Synapse{Receptor: "e"})
		}, network.Options{}, []string{"Weight is nil"}},
		{"spike times size", func(n *network.Network) { n.AddPopulation("s", 3, neuron.SpikeTimes{Times: [][]float64{{1}}}) }, network.Options{}, []string{"1 rows for 3 neurons"}},
		{"wrong method", func(n *network.Network) { n.AddPopulation("a", 3, neuron.DefaultIzhikevich()).Method(scheme.Exact) }, network.Options{}, []string{"method = exact"}},
		{"negative workers", func(n *network.Network) { n.AddPopulation("a", 3, lif) }, network.Options{Workers: -1}, []string{"Workers = -1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := network.New(c.opt)
			c.build(n)
			err := n.Run(1)
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

// Several mistakes are reported together.
func TestValidationJoinsErrors(t *testing.T) {
	lif := neuron.DefaultLIF()
	lif.Cm = -1
	n := network.New(network.Options{})
	n.AddPopulation("a", 10, lif)
	n.AddPopulation("b", -3, neuron.DefaultLIF())
	err := n.Build()
	if err == nil || !strings.Contains(err.Error(), "Cm = -1") || !strings.Contains(err.Error(), "size = -3") {
		t.Fatalf("error %v, want both mistakes", err)
	}
}

func TestNoChangeAfterBuild(t *testing.T) {
	n := network.New(network.Options{})
	n.AddPopulation("a", 10, neuron.DefaultLIF())
	if err := n.Run(1); err != nil {
		t.Fatal(err)
	}
	n.AddPopulation("b", 10, neuron.DefaultLIF())
	if err := n.Run(1); err == nil || !strings.Contains(err.Error(), "already built") {
		t.Fatalf("adding after build: %v", err)
	}
}

// Two networks run side by side in one process without sharing state.
func TestTwoNetworks(t *testing.T) {
	a, _, _ := randomNet(11, 1)
	b, _, _ := randomNet(11, 2)
	if err := a.Run(20); err != nil {
		t.Fatal(err)
	}
	if err := b.Run(40); err != nil {
		t.Fatal(err)
	}
	if err := a.Run(20); err != nil {
		t.Fatal(err)
	}
	if a.Fingerprint() != b.Fingerprint() {
		t.Fatal("interleaved networks differ")
	}
}

func TestMain(m *testing.M) {
	os.Unsetenv(runlog.EnvVar)
	os.Exit(m.Run())
}
