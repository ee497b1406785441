package network_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/internal/badinput"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/param"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// The network's bad-input table: what it refuses, and why. Each row is an
// input through the public API; the error must name the object, the field,
// the value and what is allowed. Rows marked "issue 8" are the inputs the
// trust issue found giving silent garbage or crashes.

// one returns a network with population "p" of n LIF cells with a current
// receptor "e".
func one(opt network.Options, n int, lif neuron.LIF) *network.Network {
	net := network.New(opt)
	net.AddPopulation("p", n, lif).Receptor("e", synapse.CurrExp(5))
	return net
}

func lif() neuron.LIF { return neuron.DefaultLIF() }

func run(net *network.Network, ms float64) error { return net.Run(ms) }

// twice runs twice and returns the second error, checking that the first
// one was the same (errors stay).
func twice(net *network.Network, ms float64) error {
	err1 := net.Run(ms)
	err2 := net.Run(ms)
	if err1 == nil || err2 == nil || err1.Error() != err2.Error() {
		return errors.New("errors do not stay: first " + errString(err1) + ", then " + errString(err2))
	}
	return err2
}

func errString(err error) string {
	if err == nil {
		return "nil"
	}
	return err.Error()
}

func poisson(p neuron.PoissonSource) *network.Network {
	net := network.New(network.Options{Workers: 2})
	net.AddPopulation("drive", 4, p)
	return net
}

func withRec(r network.Recorder) *network.Network {
	net := one(network.Options{}, 3, lif())
	net.Record(r)
	return net
}

// recOn records, on population "p" of a network made by one, the recorder
// mk makes for it.
func recOn(mk func(p *network.Population) network.Recorder) *network.Network {
	net := one(network.Options{}, 3, lif())
	net.Record(mk(net.Population("p")))
	return net
}

func TestBadInputs(t *testing.T) {
	allowedDelay := "at most 6553.6 ms (65536 steps of dt = 0.1 ms)"
	badinput.Run(t, []badinput.Case{
		// step counts (issue 8: overflow gave silent garbage)
		{"refractory 1e10 ms (issue 8)", func() error { l := lif(); l.TauRefrac = 1e10; return run(one(network.Options{}, 1, l), 1) },
			[]string{`population "p" (LIF)`, "TauRefrac = 1e+10 ms", "at most 2.14748e+08 ms"}},
		{"refractory NaN", func() error { l := lif(); l.TauRefrac = math.NaN(); return run(one(network.Options{}, 1, l), 1) },
			[]string{`population "p" (LIF)`, "TauRefrac = NaN ms", "must be finite, >= 0"}},
		{"AdEx refractory +Inf", func() error {
			a := neuron.DefaultAdEx()
			a.TauRefrac = math.Inf(1)
			net := network.New(network.Options{})
			net.AddPopulation("a", 1, a)
			return run(net, 1)
		}, []string{`population "a" (AdEx)`, "TauRefrac = +Inf ms", "must be finite, >= 0"}},
		{"Run(1e19) (issue 8)", func() error { return run(one(network.Options{}, 1, lif()), 1e19) },
			[]string{"network", "Run duration = 1e+19 ms", "at most"}},
		{"Run(1e300) (issue 8)", func() error { return run(one(network.Options{}, 1, lif()), 1e300) },
			[]string{"network", "Run duration = 1e+300 ms", "at most"}},
		{"Run(NaN)", func() error { return run(one(network.Options{}, 1, lif()), math.NaN()) },
			[]string{"network", "Run duration = NaN ms", "must be finite, >= 0"}},
		{"Run(-1)", func() error { return run(one(network.Options{}, 1, lif()), -1) },
			[]string{"network", "Run duration = -1 ms", ">= 0"}},
		{"Run(0.04) at dt 0.1 (0 steps: a loop of such runs never advances)", func() error { return run(one(network.Options{}, 1, lif()), 0.04) },
			[]string{"network", "Run duration = 0.04 ms", "must be 0 or at least dt/2 = 0.05 ms"}},
		{"Run(+Inf)", func() error { return run(one(network.Options{}, 1, lif()), math.Inf(1)) },
			[]string{"network", "Run duration = +Inf ms", "finite"}},
		{"Run from inside a run (Progress callback)", func() error {
			net := one(network.Options{}, 2, lif())
			var inner error
			net.SetProgress(func(network.Progress) {
				if inner == nil {
					inner = net.Run(1)
				}
			})
			if err := net.Run(5); err != nil {
				return err
			}
			return inner
		}, []string{"network", "Run called while a run of the same network is in progress", "one after the other"}},
		{"RunContext(nil)", func() error { var ctx context.Context; return one(network.Options{}, 1, lif()).RunContext(ctx, 1) },
			[]string{"RunContext", "ctx is nil", "context.Background()"}},
		{"spike time 1e300 ms", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("s", 1, neuron.SpikeTimes{Times: [][]float64{{1e300}}})
			return run(net, 1)
		}, []string{`population "s" (SpikeTimes)`, "Times[0][0] = 1e+300 ms", "at most"}},

		// delays: one path for all (issue 8: List delays wrapped and skipped the limit)
		{"List delay 1e9 ms (issue 8)", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.List{Pre: []int{0}, Post: []int{1}, Weights: []float64{1}, Delays: []float64{1e9}}, network.Synapse{Receptor: "e"})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p" (list`, "explicit delay of synapse 0 -> 1 = 1e+09 ms", allowedDelay}},
		{"List delay 7000 ms", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.List{Pre: []int{0, 1}, Post: []int{1, 0}, Weights: []float64{1, 1}, Delays: []float64{1, 7000}}, network.Synapse{Receptor: "e"})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p" (list`, "explicit delay of synapse 1 -> 0 = 7000 ms", allowedDelay}},
		{"List weights and Synapse.Weight both", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.List{Pre: []int{0}, Post: []int{1}, Weights: []float64{5}}, network.Synapse{Receptor: "e", Weight: dist.Const(1)})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p" (list`, "Synapse.Weight is 1 but the list rule gives each synapse its weight", "leave Synapse.Weight nil"}},
		{"List delays and Synapse.Delay both", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.List{Pre: []int{0}, Post: []int{1}, Weights: []float64{5}, Delays: []float64{2}}, network.Synapse{Receptor: "e", Delay: dist.Const(1)})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p" (list`, "Synapse.Delay is 1 but the list rule gives each synapse its delay", "leave Synapse.Delay nil"}},
		{"List delay NaN", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.List{Pre: []int{0}, Post: []int{1}, Weights: []float64{1}, Delays: []float64{math.NaN()}}, network.Synapse{Receptor: "e"})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p" (list`, "Delays[0] = NaN ms", "finite and >= 0"}},
		{"Synapse.Delay 1e9 ms", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(1), Delay: dist.Const(1e9)})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p" (all-to-all`, "Synapse.Delay 1e+09: bound = 1e+09 ms", allowedDelay}},
		{"Synapse.Delay uniform up to 1e4 ms", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(1), Delay: dist.Uniform{Low: 1, High: 1e4}})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p"`, "bound = 10000 ms", allowedDelay}},
		{"Synapse.Delay unclipped normal", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(1), Delay: dist.Normal{Mean: 2, SD: 1}})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p"`, "bound = -Inf ms", "must be finite, >= 0"}},

		// Poisson sources (issue 8: NaN rates gave 0 spikes; Start > Stop was accepted)
		{"RateFunc NaN (issue 8)", func() error {
			return run(poisson(neuron.PoissonSource{RateFunc: func(t float64) float64 {
				if t > 5 {
					return math.NaN()
				}
				return 10
			}}), 20)
		}, []string{`population "drive" (PoissonSource)`, "RateFunc(5.1000000000000005) = NaN Hz", "at t = 5.1000000000000005 ms (update 52)", "must be >= 0, finite"}},
		{"RateFunc negative", func() error {
			return run(poisson(neuron.PoissonSource{RateFunc: func(t float64) float64 { return 10 - t }}), 20)
		}, []string{`population "drive" (PoissonSource)`, "RateFunc(10.100000000000001) = -0.10000000000000142 Hz", ">= 0"}},
		{"RateFunc +Inf", func() error {
			return run(poisson(neuron.PoissonSource{RateFunc: func(t float64) float64 { return 1 / (2 - t) }, Start: 0}), 20)
		}, []string{`population "drive" (PoissonSource)`, "RateFunc(", "Hz", "at most one spike per step (1000/dt = 10000 Hz)"}},
		{"RateFunc above 1000/dt", func() error {
			return run(poisson(neuron.PoissonSource{RateFunc: func(t float64) float64 { return 1000 * t }}), 20)
		}, []string{`population "drive" (PoissonSource)`, "RateFunc(10.100000000000001) = 10100.000000000002 Hz", "1000/dt = 10000 Hz"}},
		{"Poisson Start > Stop (issue 8)", func() error { return run(poisson(neuron.PoissonSource{Rate: 10, Start: 10, Stop: 5}), 1) },
			[]string{`population "drive" (PoissonSource)`, "Stop = 5 ms", "after Start = 10 ms"}},
		{"Poisson Rate NaN", func() error { return run(poisson(neuron.PoissonSource{Rate: math.NaN()}), 1) },
			[]string{`population "drive" (PoissonSource)`, "Rate = NaN Hz", ">= 0 and finite"}},

		// recorders (issue 8: +Inf interval sampled every step; a recorder added twice recorded twice; Record(nil) panicked)
		{"state interval +Inf (issue 8)", func() error {
			return run(recOn(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{0}, math.Inf(1)) }), 1)
		},
			[]string{`state recorder of "p".v`, "interval = +Inf ms", "must be finite, >= 0"}},
		{"state interval NaN", func() error {
			return run(recOn(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{0}, math.NaN()) }), 1)
		},
			[]string{`state recorder of "p".v`, "interval = NaN ms", "must be finite"}},
		{"state interval below dt", func() error {
			return run(recOn(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{0}, 0.04) }), 1)
		},
			[]string{`state recorder of "p".v`, "interval = 0.04 ms", "must be 0 (every step) or at least dt = 0.1 ms"}},
		{"state interval 1e300 ms", func() error {
			return run(recOn(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{0}, 1e300) }), 1)
		},
			[]string{`state recorder of "p".v`, "interval = 1e+300 ms", "at most"}},
		{"state neuron out of range", func() error {
			return run(recOn(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{3}, 0) }), 1)
		},
			[]string{`state recorder of "p".v`, "neuron 3", "must be in [0, 3)"}},
		{"state unknown variable", func() error {
			return run(recOn(func(p *network.Population) network.Recorder { return record.NewState(p, "w", []int{0}, 0) }), 1)
		},
			[]string{`state recorder of "p"`, `no variable "w"`, "has v, e"}},
		{"rate bin +Inf", func() error {
			return run(recOn(func(p *network.Population) network.Recorder { return record.NewRate(p, math.Inf(1)) }), 1)
		},
			[]string{`rate recorder of "p"`, "bin = +Inf ms", "must be finite"}},
		{"rate bin below dt", func() error {
			return run(recOn(func(p *network.Population) network.Recorder { return record.NewRate(p, 0.01) }), 1)
		},
			[]string{`rate recorder of "p"`, "bin = 0.01 ms", "at least dt = 0.1 ms"}},
		{"spike recorder unknown population", func() error {
			return run(withRec(record.NewSpikes(network.New(network.Options{}).AddPopulation("q", 3, lif()))), 1)
		},
			[]string{"spike recorder", `population "q" is of another network`, "use the handles this network's AddPopulation returned"}},
		{"spike recorder neuron -1", func() error {
			return run(recOn(func(p *network.Population) network.Recorder { return record.NewSpikes(p.Select(-1)) }), 1)
		},
			[]string{`spike recorder of "p[bad view]"`, `view "p".Select: neuron -1 at position 0`, "must be in [0, 3)"}},
		{"same recorder twice (issue 8)", func() error {
			net := one(network.Options{}, 3, lif())
			sp := record.NewSpikes(net.Population("p"))
			net.Record(sp)
			net.Record(sp)
			return run(net, 1)
		}, []string{"network", "recorder 0 (*record.Spikes) is added twice", "make a second recorder"}},
		{"Record(nil) (issue 8)", func() error { return run(withRec(nil), 1) },
			[]string{"network", "Record(nil)", "give a recorder"}},
		{"Record of a nil *Spikes", func() error { return run(withRec((*record.Spikes)(nil)), 1) },
			[]string{"network", "Record(nil)"}},
		{"one recorder on two networks", func() error {
			a := one(network.Options{}, 3, lif())
			sp := record.NewSpikes(a.Population("p"))
			a.Record(sp)
			if err := run(a, 1); err != nil {
				return err
			}
			return run(withRec(sp), 1)
		}, []string{`spike recorder of "p"`, "already attached to another network", "make a new recorder"}},
		{"bad recorder added after a run", func() error {
			net := one(network.Options{}, 3, lif())
			if err := net.Run(1); err != nil {
				return err
			}
			net.Record(record.NewState(net.Population("p"), "v", []int{7}, 0))
			return twice(net, 1)
		}, []string{`state recorder of "p".v`, "neuron 7", "make it again with network.New"}},

		// errors stay (issue 8: a second Run ran the network without the rejected part)
		{"second Run after a rejected recorder (issue 8)", func() error {
			return twice(recOn(func(p *network.Population) network.Recorder { return record.NewSpikes(p.Select(99)) }), 1)
		},
			[]string{`spike recorder of "p[bad view]"`, "neuron 99", "will not build or run"}},
		{"second Run after a duplicate population", func() error {
			net := one(network.Options{}, 3, lif())
			net.AddPopulation("p", 2, lif())
			return twice(net, 1)
		}, []string{`population "p"`, "already used", "names must be unique"}},
		{"population added after the build", func() error {
			net := one(network.Options{}, 3, lif())
			if err := net.Build(); err != nil {
				return err
			}
			net.AddPopulation("q", 2, lif())
			return twice(net, 1)
		}, []string{`add population "q"`, "already built", "make a new network"}},
		{"second Build after a failed one", func() error {
			net := one(network.Options{}, 3, lif())
			net.Connect(net.Population("p"), net.Population("x"), connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(1)})
			err1, err2 := net.Build(), net.Build()
			if err1 == nil || err2 == nil || err1.Error() != err2.Error() {
				return errors.New("second Build: " + errString(err2))
			}
			return err2
		}, []string{`projection 0 "p" -> "x"`, `target: unknown population "x"`, `(the network has "p")`}},

		// workers and memory (issue 8: 100000 workers took a minute; a 6.24 GB ring was a fatal out of memory)
		{"Workers 100000 (issue 8)", func() error { return run(one(network.Options{Workers: 100000}, 10, lif()), 1) },
			[]string{"network", "Workers = 100000", "must be in [0, 1024]"}},
		{"Workers -1", func() error { return run(one(network.Options{Workers: -1}, 10, lif()), 1) },
			[]string{"network", "Workers = -1", "[0, 1024]"}},
		{"SetWorkers 5000 after a run", func() error {
			net := one(network.Options{}, 10, lif())
			if err := net.Run(1); err != nil {
				return err
			}
			net.SetWorkers(5000)
			return net.Run(1)
		}, []string{"network", "Workers = 5000", "[0, 1024]"}},
		{"6500 ms delay on 12000 cells (issue 8)", func() error {
			net := one(network.Options{MaxMemory: 2e9}, 12000, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.OneToOne{}, network.Synapse{Receptor: "e", Weight: dist.Const(1), Delay: dist.Const(6500)})
			return run(net, 1)
		}, []string{"needs about 6.24 GB but MaxMemory allows 2 GB", `the delay ring of receptor "e" of population "p" (65001 slots`, "raise Options.MaxMemory"}},
		{"6500 ms List delay on 12000 cells", func() error {
			net := one(network.Options{MaxMemory: 2e9}, 12000, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.List{Pre: []int{0}, Post: []int{1}, Weights: []float64{1}, Delays: []float64{6500}}, network.Synapse{Receptor: "e"})
			return run(net, 1)
		}, []string{"MaxMemory allows 2 GB", `the delay ring of receptor "e" of population "p" (65001 slots`}},
		{"GaussianDrive 2e8 spikes (issue 8)", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("g", 1, neuron.GaussianDrive{Mu: 10, Sigma: 1, NumSpikes: 2e8})
			return run(net, 1)
		}, []string{`population "g" (GaussianDrive)`, "NumSpikes = 200000000", "must be in [1, 100000000]"}},
		{"GaussianDrive 2e7 spikes on 10 neurons", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("g", 10, neuron.GaussianDrive{Mu: 10, Sigma: 1, NumSpikes: 2e7})
			return run(net, 1)
		}, []string{`population "g" (GaussianDrive)`, "NumSpikes = 20000000", "2e+08 in all: at most 100000000 per population"}},
		{"recording every neuron every step for too long", func() error {
			net := one(network.Options{MaxMemory: 1e9}, 1000, lif())
			all := make([]int, 1000)
			for i := range all {
				all[i] = i
			}
			net.Record(record.NewState(net.Population("p"), "v", all, 0))
			return run(net, 1e5) // 1e6 samples of 1000 neurons: 8 GB
		}, []string{"network: a run of 100000 ms needs about 8", "MaxMemory allows 1 GB", "recorder 0 (*record.State)", "sample less often"}},
		{"Init with a nil distribution", func() error {
			net := one(network.Options{}, 2, lif())
			net.Population("p").Init("v", nil)
			return run(net, 1)
		}, []string{`population "p" (LIF)`, "initial v", "the distribution is nil"}},
		// 6.4 GB: 1e8 synapses of 4 bytes (target) + 4 (delays the rule
		// might give) and the rule's build memory; the constant weight is
		// stored once (7.2 GB before it was, with 8 bytes per synapse more)
		{"fixed-total of 1e8 synapses in 2 GB", func() error {
			net := one(network.Options{MaxMemory: 2e9}, 20000, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.FixedTotal{N: 1e8}, network.Synapse{Receptor: "e", Weight: dist.Const(1)})
			return run(net, 1)
		}, []string{"needs about 6.4 GB but MaxMemory allows 2 GB", `projection 0 "p" -> "p" (fixed-total, receptor "e") with about 1e+08 synapses`}},
		{"MaxMemory -1", func() error { return run(one(network.Options{MaxMemory: -1}, 1, lif()), 1) },
			[]string{"network", "MaxMemory = -1 bytes", ">= 0"}},

		// the network's own parameters
		{"DT NaN", func() error { return run(one(network.Options{DT: math.NaN()}, 1, lif()), 1) },
			[]string{"network", "DT = NaN ms", "positive, finite, at least MinDT = 1e-06 ms and at most 10 ms"}},
		{"DT 1e-300 ms", func() error { return run(one(network.Options{DT: 1e-300}, 1, lif()), 1) },
			[]string{"network", "DT = 1e-300 ms", "at least MinDT = 1e-06 ms"}},
		{"DT 20 ms", func() error { return run(one(network.Options{DT: 20}, 1, lif()), 1) },
			[]string{"network", "DT = 20 ms", "at most 10 ms"}},
		{"no populations", func() error { return run(network.New(network.Options{}), 1) },
			[]string{"network", "no populations", "AddPopulation"}},
		{"size 0", func() error { return run(one(network.Options{}, 0, lif()), 1) },
			[]string{`population "p"`, "size = 0", "at least 1"}},
		{"size 2^31", func() error { return run(one(network.Options{}, 1<<31, lif()), 1) },
			[]string{`population "p"`, "size = 2147483648", "below 2^31"}},
		{"empty population name", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("", 1, lif())
			return run(net, 1)
		}, []string{"population 0", "the name is empty"}},
		{"nil model", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("p", 1, nil)
			return run(net, 1)
		}, []string{`population "p"`, "model is nil"}},
		{"method 9", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("p", 1, lif()).Method(scheme.Method(9))
			return run(net, 1)
		}, []string{`population "p" (LIF)`, "method = Method(9)", "use scheme.Default, Exact, ExpEuler or Euler"}},
		{"receptor named like the membrane", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("p", 1, lif()).Receptor("v", synapse.CurrExp(5))
			return run(net, 1)
		}, []string{`population "p" (LIF)`, `variable name "v" is used twice`, "rename the receptor"}},
		{"receptor named twice", func() error {
			net := one(network.Options{}, 1, lif())
			net.Population("p").Receptor("e", synapse.CurrExp(2))
			return run(net, 1)
		}, []string{`population "p" (LIF)`, `receptor name "e"`, "used twice"}},
		{"unknown receptor", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.AllToAll{}, network.Synapse{Receptor: "i", Weight: dist.Const(1)})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p"`, `no receptor "i"`, `has "e"`}},
		{"nil rule", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), nil, network.Synapse{Receptor: "e", Weight: dist.Const(1)})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p" (nil rule`, "rule is nil"}},
		{"no weights", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.AllToAll{}, network.Synapse{Receptor: "e"})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p"`, "Synapse.Weight is nil", "set Weight"}},
		{"weights that overflow", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Normal{Mean: 1e308, SD: 1e308}})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p"`, "Synapse.Weight", "drew", "must give finite weights"}},
		{"negative conductance", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("p", 2, lif()).Receptor("g", synapse.CondExp(5, 0))
			net.Connect(net.Population("p"), net.Population("p"), connect.AllToAll{}, network.Synapse{Receptor: "g", Weight: dist.Uniform{Low: -1, High: 1}})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p"`, "can be negative (-1 nS)", "conductances must be >= 0"}},
		{"initial values of the wrong length", func() error {
			net := one(network.Options{}, 3, lif())
			net.Population("p").InitValues("v", []float64{1, 2})
			return run(net, 1)
		}, []string{`population "p" (LIF)`, "initial v", "2 values for 3 neurons"}},
		{"initial value NaN", func() error {
			net := one(network.Options{}, 2, lif())
			net.Population("p").InitValues("v", []float64{1, math.NaN()})
			return run(net, 1)
		}, []string{`population "p" (LIF)`, "initial v[1] = NaN", "must be finite"}},
		{"negative initial conductance", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("p", 2, lif()).Receptor("g", synapse.CondExp(5, 0)).InitValues("g", []float64{1, -2})
			return run(net, 1)
		}, []string{`population "p" (LIF)`, "initial g[1] = -2 nS", `conductance receptor "g" must be >= 0`}},
		{"negative initial conductance drawn", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("p", 2, lif()).Receptor("g", synapse.CondAlpha(5, 0)).Init("g_x", dist.Uniform{Low: -1, High: 0})
			return run(net, 1)
		}, []string{`population "p" (LIF)`, "initial g_x[0] = -", `conductance receptor "g" must be >= 0`}},
		{"HH gate initialised at 1.5", func() error {
			net := network.New(network.Options{DT: 0.01})
			net.AddPopulation("p", 2, neuron.DefaultHH()).InitValues("m", []float64{0.1, 1.5})
			return run(net, 1)
		}, []string{`population "p" (HH)`, "initial m[1] = 1.5", "must be in [0, 1]"}},
		{"initial v of a source without state", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("p", 2, neuron.PoissonSource{Rate: 1}).Init("v", dist.Const(0))
			return run(net, 1)
		}, []string{`population "p" (PoissonSource)`, "initial v: no such variable", "it has no state"}},
		{"initial value of an unknown variable", func() error {
			net := one(network.Options{}, 2, lif())
			net.Population("p").Init("u", dist.Const(1))
			return run(net, 1)
		}, []string{`population "p" (LIF)`, "initial u", "no such variable (has v, e)"}},
		{"stimulus on neuron 5 of 2", func() error {
			net := one(network.Options{}, 2, lif())
			net.Population("p").Select(5).Inject(stimulus.DC{Amplitude: 1})
			return run(net, 1)
		}, []string{`population "p" (LIF): stimulus 0 (DC)`, "neuron 5", "must be in [0, 2)"}},
		{"nil stimulus", func() error {
			net := one(network.Options{}, 2, lif())
			net.Population("p").Inject(nil)
			return run(net, 1)
		}, []string{`population "p" (LIF)`, "stimulus 0 is nil"}},

		// faults during a run: named and typed
		{"membrane diverges", func() error {
			net := network.New(network.Options{Workers: 2})
			net.AddPopulation("p", 10, badModel{at: 3}) // network_test.go: neuron 7 becomes NaN in update 3
			return run(net, 1)
		}, []string{`population "p" (Bad)`, "neuron 7", "variable v became NaN", "t = 0.30000000000000004 ms (update 3)"}},
	})
}

// TestFaultErrorIsTyped: callers can errors.As the faults and the
// parameter errors.
func TestFaultErrorIsTyped(t *testing.T) {
	net := poisson(neuron.PoissonSource{RateFunc: func(t float64) float64 {
		if t > 0.15 {
			return math.NaN()
		}
		return 0
	}})
	sp := record.NewSpikes(net.Population("drive"))
	net.Record(sp)
	err := net.Run(10)
	var f *network.FaultError
	if !errors.As(err, &f) || f.Pop != "drive" || f.Step != 3 || f.Neuron != -1 {
		t.Fatalf("error %v (%#v): want a FaultError of population drive at update 3", err, f)
	}
	var pe *param.Error
	if !errors.As(err, &pe) || !strings.HasPrefix(pe.Field, "RateFunc(") {
		t.Fatalf("error %v: want a param.Error for RateFunc", err)
	}
	if net.Steps() < 3 || net.Err() == nil || net.Run(1) == nil {
		t.Fatalf("after the fault: %d steps, Err %v; want at least 3 steps, the fault, and no further run", net.Steps(), net.Err())
	}
	l := lif()
	l.TauRefrac = -1
	err = one(network.Options{}, 1, l).Build()
	if !errors.As(err, &pe) || pe.Field != "TauRefrac" || pe.Value != -1.0 {
		t.Fatalf("error %v: want a param.Error for TauRefrac", err)
	}
}

// TestWorkersClamp: more workers than neurons in the largest population
// run with one per neuron (documented in Options.Workers), with the same
// spikes.
func TestWorkersClamp(t *testing.T) {
	var fps []string
	for _, w := range []int{1, 3, 1024} {
		net := one(network.Options{Workers: w, Seed: 3}, 3, lif())
		net.Population("p").Inject(stimulus.Noise{Mean: 1000, SD: 300})
		if err := net.Run(50); err != nil {
			t.Fatal(err)
		}
		if got := net.Summary().Workers; got != min(w, 3) {
			t.Fatalf("Workers %d on 3 neurons ran with %d workers, want %d", w, got, min(w, 3))
		}
		if net.SpikeCount() == 0 {
			t.Fatal("no spikes: the comparison would prove nothing")
		}
		fps = append(fps, net.Fingerprint())
	}
	if fps[0] != fps[1] || fps[0] != fps[2] {
		t.Fatalf("fingerprints differ across workers: %v", fps)
	}
}

// Parts written outside simlib that break their interface's contract:
// each is refused at the build, not a panic in a worker.

type nilModel struct{ badModel }

func (nilModel) Kind() string                       { return "NilModel" }
func (nilModel) New(neuron.Context) neuron.Dynamics { return nil }

type shortModel struct{ badModel }

func (shortModel) Kind() string { return "Short" }
func (shortModel) New(c neuron.Context) neuron.Dynamics {
	return &badDyn{v: make([]float64, c.N-1)}
}

type nilRule struct{ connect.AllToAll }

func (nilRule) Kind() string                                         { return "nil-rule" }
func (nilRule) Build(int, int, bool, uint64) (*connect.Table, error) { return nil, nil }

type wrongRule struct{ connect.AllToAll }

func (wrongRule) Kind() string { return "wrong-rule" }
func (r wrongRule) Build(nPre, nPost int, same bool, seed uint64) (*connect.Table, error) {
	return connect.AllToAll{}.Build(nPre+1, nPost, same, seed)
}

type threeStates struct{ synapse.Exp }

func (threeStates) Kind() string { return "three" }
func (threeStates) Linear(float64, scheme.Method) synapse.Linear {
	return synapse.Linear{N: 3}
}

type nilStim struct{ stimulus.DC }

func (nilStim) Kind() string                         { return "NilStim" }
func (nilStim) New(stimulus.Context) stimulus.Source { return nil }

func TestBadParts(t *testing.T) {
	badinput.Run(t, []badinput.Case{
		{"model whose New returns nil", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("p", 2, nilModel{})
			return run(net, 1)
		}, []string{`population "p" (NilModel)`, "New returned nil Dynamics"}},
		{"model with a short variable", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("p", 3, shortModel{})
			return run(net, 1)
		}, []string{`population "p" (Short)`, `variable "v" has 2 values for 3 neurons`}},
		{"rule returning no table", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), nilRule{}, network.Synapse{Receptor: "e", Weight: dist.Const(1)})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p" (nil-rule`, "returned no table and no error"}},
		{"rule building the wrong size", func() error {
			net := one(network.Options{}, 2, lif())
			net.Connect(net.Population("p"), net.Population("p"), wrongRule{}, network.Synapse{Receptor: "e", Weight: dist.Const(1)})
			return run(net, 1)
		}, []string{`projection 0 "p" -> "p" (wrong-rule`, "table of 3 sources and 2 targets for 2 and 2"}},
		{"kinetics with three states", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("p", 2, lif()).Receptor("r", synapse.Receptor{Kinetics: threeStates{synapse.Exp{Tau: 5}}})
			return run(net, 1)
		}, []string{`population "p" (LIF): receptor "r"`, "three kinetics gives the linear form", "0 to 2 states"}},
		{"stimulus whose New returns nil", func() error {
			net := network.New(network.Options{})
			net.AddPopulation("p", 2, lif()).Inject(nilStim{})
			return run(net, 1)
		}, []string{`population "p" (LIF): stimulus 0 (NilStim)`, "nil Source"}},
	})
}
