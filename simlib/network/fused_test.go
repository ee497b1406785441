package network_test

import (
	"errors"
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/internal/vec"
	"github.com/golgi-sim/golgi/simlib/models"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/scheme"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// fusedCase is a network whose LIF populations (named in pops) the fused
// receptor pass can take (fusable) or must leave to the two passes.
type fusedCase struct {
	name    string
	build   func(workers int) (*network.Network, error)
	pops    []string
	fusable bool
	tstop   float64
}

// va is the VA benchmark at 1005 cells (sizes 804 and 201: worker ranges
// and tails that are not multiples of four).
func va(p models.VA, m scheme.Method) func(int) (*network.Network, error) {
	return func(workers int) (*network.Network, error) {
		p.Scale, p.Workers, p.Method = 1005.0/4000, workers, m
		mod, err := models.VANetwork(p)
		if err != nil {
			return nil, err
		}
		return mod.Network, nil
	}
}

// oneReceptor is 203 LIF cells with a single exponential receptor, current
// or conductance, driven by 40 Poisson sources.
func oneReceptor(r synapse.Receptor, w float64) func(int) (*network.Network, error) {
	return func(workers int) (*network.Network, error) {
		net := network.New(network.Options{Seed: 7, Workers: workers})
		cells := net.AddPopulation("cells", 203, neuron.LIF{Cm: 200, TauM: 20, VRest: -60, VThresh: -50, VReset: -60, TauRefrac: 2}).
			Receptor("syn", r).Init("v", dist.Uniform{Low: -60, High: -50})
		src := net.AddPopulation("src", 40, neuron.PoissonSource{Rate: 200})
		net.Connect(src, cells, connect.FixedProbability{P: 0.3}, network.Synapse{Receptor: "syn", Weight: dist.Const(w), Delay: dist.Const(0.2)})
		return net, nil
	}
}

// kernelPaths are the vec kernel paths (the assembly ones are ignored
// where the machine or the build has none: they then run the path below).
var kernelPaths = []struct {
	name          string
	accel, avx512 bool
}{{"avx512", true, true}, {"avx2", true, false}, {"generic", false, false}}

// oneReceptorEuler is oneReceptor with the forward Euler method.
func oneReceptorEuler(r synapse.Receptor, w float64) func(int) (*network.Network, error) {
	return func(workers int) (*network.Network, error) {
		net, err := oneReceptor(r, w)(workers)
		if err == nil {
			net.Population("cells").Method(scheme.Euler)
		}
		return net, err
	}
}

// The fused receptor pass gives the bits of the two passes (prepare, then
// AdvanceSpike): every population's every variable (v, receptor states)
// and the fingerprint of spikes and the v trace, with 1 and 2 workers,
// on every kernel path (AVX-512, AVX2, generic Go; those the machine
// has). The VA populations and single receptors take the fused pass; CUBA
// with Euler, which LIF does not fuse, declines it at run time and must
// still give the same bits.
func TestFusedPassSameBits(t *testing.T) {
	cases := []fusedCase{
		{"COBA", va(models.DefaultCOBA(), scheme.Default), []string{"exc", "inh"}, true, 300},
		{"CUBA", va(models.DefaultCUBA(), scheme.Default), []string{"exc", "inh"}, true, 300},
		{"COBA/Euler", va(models.DefaultCOBA(), scheme.Euler), []string{"exc", "inh"}, true, 150},
		{"CUBA/ExpEuler", va(models.DefaultCUBA(), scheme.ExpEuler), []string{"exc", "inh"}, true, 150},
		{"CUBA/Euler", va(models.DefaultCUBA(), scheme.Euler), []string{"exc", "inh"}, true, 150},
		{"Cond1/Euler", oneReceptorEuler(synapse.CondExp(5, 0), 3), []string{"cells"}, true, 300},
		{"Cond1", oneReceptor(synapse.CondExp(5, 0), 3), []string{"cells"}, true, 300},
		{"Cur1", oneReceptor(synapse.CurrExp(5), 60), []string{"cells"}, true, 300},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want map[string][]float64
			var wantFP string
			spikes := int64(0)
			for _, workers := range []int{1, 2} {
				for _, path := range kernelPaths {
					for _, fuse := range []bool{false, true} {
						accel := path.name
						prevA, prevW, prevF := vec.SetAccelerated(path.accel), vec.SetAVX512(path.avx512), network.SetFuse(fuse)
						net, err := c.build(workers)
						if err == nil {
							err = net.Build()
						}
						network.SetFuse(prevF)
						if err != nil {
							vec.SetAccelerated(prevA)
							vec.SetAVX512(prevW)
							t.Fatal(err)
						}
						for _, name := range c.pops {
							if got := net.Population(name).FusedPass(); got != (fuse && c.fusable) {
								t.Fatalf("population %s: fused pass %v, want %v", name, got, fuse && c.fusable)
							}
						}
						err = net.Run(c.tstop)
						vec.SetAccelerated(prevA)
						vec.SetAVX512(prevW)
						if err != nil {
							t.Fatal(err)
						}
						got := map[string][]float64{}
						for _, name := range c.pops {
							p := net.Population(name)
							for _, v := range p.Vars() {
								got[name+"."+v] = p.Var(v)
							}
						}
						if want == nil {
							want, wantFP, spikes = got, net.Fingerprint(), net.SpikeCount()
							continue
						}
						for k, x := range want {
							y := got[k]
							for i := range x {
								if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
									t.Fatalf("workers %d, kernels %s, fused %v: %s[%d] = %v, want %v (two passes, 1 worker, first path)", workers, accel, fuse, k, i, y[i], x[i])
								}
							}
						}
						if fp := net.Fingerprint(); fp != wantFP {
							t.Fatalf("workers %d, kernels %s, fused %v: fingerprint %s, want %s", workers, accel, fuse, fp, wantFP)
						}
					}
				}
			}
			if len(want) < 2*len(c.pops) || spikes < 100 {
				t.Fatalf("%d variables, %d spikes: too little to compare", len(want), spikes)
			}
		})
	}
}

// A fused population whose v becomes NaN or infinite stops the run with
// the fault the two passes report (the same neuron, variable, value and
// update), with 1 and 2 workers on every kernel path: the fused loops'
// own test of v (which spares the scan) must not miss it. Huge weights
// drive v to -Inf or NaN within a few updates.
func TestFusedPassFault(t *testing.T) {
	cases := []struct {
		name  string
		build func(int) (*network.Network, error)
	}{
		{"Cur1", oneReceptor(synapse.CurrExp(5), -1e308)},
		{"Cond1", oneReceptor(synapse.CondExp(5, 0), 1e308)},
		{"Cond1/Euler", oneReceptorEuler(synapse.CondExp(5, 0), 1e308)},
	}
	for _, c := range cases {
		var want *network.FaultError
		for _, workers := range []int{1, 2} {
			for _, path := range kernelPaths {
				for _, fuse := range []bool{false, true} {
					prevA, prevW, prevF := vec.SetAccelerated(path.accel), vec.SetAVX512(path.avx512), network.SetFuse(fuse)
					net, err := c.build(workers)
					if err == nil {
						err = net.Run(50)
					}
					vec.SetAccelerated(prevA)
					vec.SetAVX512(prevW)
					network.SetFuse(prevF)
					var f *network.FaultError
					if !errors.As(err, &f) || f.Var != "v" || !(math.IsNaN(f.Value) || math.IsInf(f.Value, 0)) {
						t.Fatalf("%s, workers %d, kernels %s, fused %v: error %v, want a fault of v", c.name, workers, path.name, fuse, err)
					}
					// With 2 workers either may record its fault first
					// (engine.go): the update and variable are the same.
					switch {
					case want == nil:
						want = f
					case workers == 1 && err.Error() != want.Error(),
						f.Step != want.Step || f.Var != want.Var || f.Pop != want.Pop:
						t.Fatalf("%s, workers %d, kernels %s, fused %v: %v, want %v (1 worker, first path, two passes)", c.name, workers, path.name, fuse, err, want)
					}
				}
			}
		}
		t.Logf("%s: %s", c.name, want)
	}
}
