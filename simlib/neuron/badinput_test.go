package neuron_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/badinput"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// The models' bad-input table: what each model refuses, and why. Every row
// goes through a network (population "p" of n neurons, dt 0.1 ms unless
// said), as a user meets it; the error must name the population and model,
// the field, the value and what is allowed.

func via(m neuron.Model, n int) func() error { return viaDT(m, n, 0.1, scheme.Default) }

func viaDT(m neuron.Model, n int, dt float64, method scheme.Method) func() error {
	return func() error {
		net := network.New(network.Options{DT: dt})
		net.AddPopulation("p", n, m).Method(method)
		return net.Run(1)
	}
}

func lifWith(f func(*neuron.LIF)) neuron.LIF    { p := neuron.DefaultLIF(); f(&p); return p }
func adexWith(f func(*neuron.AdEx)) neuron.AdEx { p := neuron.DefaultAdEx(); f(&p); return p }
func izhWith(f func(*neuron.Izhikevich)) neuron.Izhikevich {
	p := neuron.DefaultIzhikevich()
	f(&p)
	return p
}
func hhWith(f func(*neuron.HH)) neuron.HH { p := neuron.DefaultHH(); f(&p); return p }

func TestBadInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	lif, adex, izh, hh := `population "p" (LIF)`, `population "p" (AdEx)`, `population "p" (Izhikevich)`, `population "p" (HH)`
	ps, st, gd := `population "p" (PoissonSource)`, `population "p" (SpikeTimes)`, `population "p" (GaussianDrive)`
	badinput.Run(t, []badinput.Case{
		{"LIF Cm 0", via(lifWith(func(p *neuron.LIF) { p.Cm = 0 }), 1), []string{lif, "Cm = 0 pF", "positive and finite"}},
		{"LIF Cm NaN", via(lifWith(func(p *neuron.LIF) { p.Cm = nan }), 1), []string{lif, "Cm = NaN pF", "positive and finite"}},
		{"LIF TauM below dt", via(lifWith(func(p *neuron.LIF) { p.TauM = 0.01 }), 1), []string{lif, "TauM = 0.01 ms", "shorter than dt = 0.1 ms"}},
		{"LIF TauM +Inf", via(lifWith(func(p *neuron.LIF) { p.TauM = inf }), 1), []string{lif, "TauM = +Inf ms", "positive and finite"}},
		{"LIF VRest NaN", via(lifWith(func(p *neuron.LIF) { p.VRest = nan }), 1), []string{lif, "VRest = NaN mV", "finite"}},
		{"LIF VThresh +Inf", via(lifWith(func(p *neuron.LIF) { p.VThresh = inf }), 1), []string{lif, "VThresh = +Inf mV", "finite"}},
		{"LIF VReset above VThresh", via(lifWith(func(p *neuron.LIF) { p.VReset = -40 }), 1), []string{lif, "VReset = -40 mV", "below VThresh"}},
		{"LIF TauRefrac -1", via(lifWith(func(p *neuron.LIF) { p.TauRefrac = -1 }), 1), []string{lif, "TauRefrac = -1 ms", ">= 0"}},
		{"LIF TauRefrac 1e10 (issue 8)", via(lifWith(func(p *neuron.LIF) { p.TauRefrac = 1e10 }), 1), []string{lif, "TauRefrac = 1e+10 ms", "at most 2.14748e+08 ms (2147483647 steps"}},
		{"LIF TauRefrac 1e300", via(lifWith(func(p *neuron.LIF) { p.TauRefrac = 1e300 }), 1), []string{lif, "TauRefrac = 1e+300 ms", "at most"}},
		{"LIF IOffset NaN", via(lifWith(func(p *neuron.LIF) { p.IOffset = nan }), 1), []string{lif, "IOffset = NaN pA", "finite"}},

		{"AdEx GLeak -1", via(adexWith(func(p *neuron.AdEx) { p.GLeak = -1 }), 1), []string{adex, "GLeak = -1 nS", "positive"}},
		{"AdEx TauRefrac 1e12", via(adexWith(func(p *neuron.AdEx) { p.TauRefrac = 1e12 }), 1), []string{adex, "TauRefrac = 1e+12 ms", "at most"}},
		{"AdEx DeltaT -1", via(adexWith(func(p *neuron.AdEx) { p.DeltaT = -1 }), 1), []string{adex, "DeltaT = -1 mV", ">= 0"}},
		{"AdEx TauW 0", via(adexWith(func(p *neuron.AdEx) { p.TauW = 0 }), 1), []string{adex, "TauW = 0 ms", "positive"}},
		{"AdEx Cm/GLeak below dt", via(adexWith(func(p *neuron.AdEx) { p.Cm = 0.5 }), 1), []string{adex, "Cm/GLeak = 0.05 ms", "shorter than dt"}},
		{"AdEx VSpike far above", via(adexWith(func(p *neuron.AdEx) { p.VSpike = 1e6 }), 1), []string{adex, "VSpike = 1e+06 mV", "at most 600"}},
		{"AdEx VReset above VSpike", via(adexWith(func(p *neuron.AdEx) { p.VReset = 100 }), 1), []string{adex, "VReset = 100 mV", "below VSpike"}},
		{"AdEx exact method", viaDT(neuron.DefaultAdEx(), 1, 0.1, scheme.Exact), []string{adex, "method = exact", "AdEx supports"}},

		{"Izhikevich Cm 0", via(izhWith(func(p *neuron.Izhikevich) { p.Cm = 0 }), 1), []string{izh, "Cm = 0 pF", "positive"}},
		{"Izhikevich K NaN", via(izhWith(func(p *neuron.Izhikevich) { p.K = nan }), 1), []string{izh, "K = NaN nS/mV", "positive and finite"}},
		{"Izhikevich A 20 (1/A < dt)", via(izhWith(func(p *neuron.Izhikevich) { p.A = 20 }), 1), []string{izh, "A = 20 1/ms", "1/A must not be shorter than dt"}},
		{"Izhikevich VSpike below VThresh", via(izhWith(func(p *neuron.Izhikevich) { p.VSpike = -50 }), 1), []string{izh, "VSpike = -50 mV", "above VThresh"}},
		{"Izhikevich exact method", viaDT(neuron.DefaultIzhikevich(), 1, 0.1, scheme.Exact), []string{izh, "method = exact", "Izhikevich supports"}},

		{"HH dt 0.5", viaDT(neuron.DefaultHH(), 1, 0.5, scheme.Default), []string{hh, "dt = 0.5 ms", "HH needs dt <= 0.2 ms"}},
		{"HH Euler at dt 0.05", viaDT(neuron.DefaultHH(), 1, 0.05, scheme.Euler), []string{hh, "dt = 0.05 ms", "dt <= 0.025 ms"}},
		{"HH GbarNa -1", via(hhWith(func(p *neuron.HH) { p.GbarNa = -1 }), 1), []string{hh, "GbarNa = -1 nS", ">= 0"}},
		{"HH Cm +Inf", via(hhWith(func(p *neuron.HH) { p.Cm = inf }), 1), []string{hh, "Cm = +Inf pF", "positive and finite"}},

		{"Poisson Rate -1", via(neuron.PoissonSource{Rate: -1}, 2), []string{ps, "Rate = -1 Hz", ">= 0 and finite"}},
		{"Poisson Rate above 1000/dt", via(neuron.PoissonSource{Rate: 2e4}, 2), []string{ps, "Rate = 20000 Hz", "1000/dt = 10000 Hz"}},
		{"Poisson Rates[2] NaN", via(neuron.PoissonSource{Rates: []float64{1, 2, nan}}, 2), []string{ps, "Rates[2] = NaN Hz", ">= 0 and finite"}},
		{"Poisson Rates empty (indexed Rates[-1])", via(neuron.PoissonSource{Rates: []float64{}}, 2), []string{ps, "Rates is empty", "leave Rates nil"}},
		{"Poisson RateDT below dt", via(neuron.PoissonSource{Rates: []float64{1}, RateDT: 0.05}, 2), []string{ps, "RateDT = 0.05 ms", ">= dt = 0.1 ms"}},
		{"Poisson Start -1", via(neuron.PoissonSource{Rate: 1, Start: -1}, 2), []string{ps, "Start = -1 ms", ">= 0 and finite"}},
		{"Poisson Stop +Inf", via(neuron.PoissonSource{Rate: 1, Stop: inf}, 2), []string{ps, "Stop = +Inf ms", ">= 0 and finite"}},
		{"Poisson Start > Stop (issue 8)", via(neuron.PoissonSource{Rate: 1, Start: 10, Stop: 5}, 2), []string{ps, "Stop = 5 ms", "after Start = 10 ms"}},
		{"Poisson Start = Stop", via(neuron.PoissonSource{Rate: 1, Start: 5, Stop: 5}, 2), []string{ps, "Stop = 5 ms", "after Start = 5 ms"}},
		{"Poisson RateFunc NaN at Start", via(neuron.PoissonSource{RateFunc: func(float64) float64 { return nan }}, 2), []string{ps, "RateFunc(0) = NaN Hz", ">= 0 and finite"}},
		{"Poisson RateFunc NaN later (issue 8)", via(neuron.PoissonSource{RateFunc: func(t float64) float64 {
			if t > 0.5 {
				return nan
			}
			return 5
		}}, 2), []string{ps, "RateFunc(0.6000000000000001) = NaN Hz", "at t = 0.6000000000000001 ms (update 7)", "must be >= 0, finite"}},

		{"SpikeTimes rows for 3 neurons", via(neuron.SpikeTimes{Times: [][]float64{{1}}}, 3), []string{st, "Times has 1 rows for 3 neurons", "one list per neuron"}},
		{"SpikeTimes NaN", via(neuron.SpikeTimes{Times: [][]float64{{1, nan}}}, 1), []string{st, "Times[0][1] = NaN ms", "must be finite"}},
		{"SpikeTimes before the first step", via(neuron.SpikeTimes{Times: [][]float64{{0.01}}}, 1), []string{st, "Times[0][0] = 0.01 ms", ">= dt/2 = 0.05 ms"}},
		{"SpikeTimes 1e300 ms", via(neuron.SpikeTimes{Times: [][]float64{{1e300}}}, 1), []string{st, "Times[0][0] = 1e+300 ms", "at most"}},
		{"SpikeTimes -Inf", via(neuron.SpikeTimes{Times: [][]float64{{math.Inf(-1)}}}, 1), []string{st, "Times[0][0] = -Inf ms", "finite"}},

		{"GaussianDrive Mu NaN", via(neuron.GaussianDrive{Mu: nan, Sigma: 1, NumSpikes: 1}, 1), []string{gd, "Mu = NaN ms", "finite"}},
		{"GaussianDrive Sigma -1", via(neuron.GaussianDrive{Mu: 1, Sigma: -1, NumSpikes: 1}, 1), []string{gd, "Sigma = -1 ms", ">= 0"}},
		{"GaussianDrive Mu 1e300", via(neuron.GaussianDrive{Mu: 1e300, Sigma: 1, NumSpikes: 1}, 1), []string{gd, "Mu = 1e+300 ms", "|Mu| + 40·Sigma must be at most"}},
		{"GaussianDrive NumSpikes 0", via(neuron.GaussianDrive{Mu: 1, Sigma: 1}, 1), []string{gd, "NumSpikes = 0", "[1, 100000000]"}},
		{"GaussianDrive NumSpikes 2e8 (issue 8)", via(neuron.GaussianDrive{Mu: 1, Sigma: 1, NumSpikes: 2e8}, 1), []string{gd, "NumSpikes = 200000000", "[1, 100000000]"}},
		{"GaussianDrive 1e8 spikes on 2 neurons", via(neuron.GaussianDrive{Mu: 1, Sigma: 1, NumSpikes: 1e8}, 2), []string{gd, "NumSpikes = 100000000", "2e+08 in all: at most 100000000 per population"}},
	})
}
