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
	// countable: the populations' receptors can have count rings (one
	// weight for all their synapses, at most 255 onto a target)
	countable bool
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

// countCase is n LIF cells (with count blocks of 1024, several and a
// tail for n above 4096) with two current receptors driven by Poisson
// sources: onto "e" through two projections of weight we and we2 from k/2 sources each
// (fixed in-degree) and a third of weight we from 3 sources, with delays
// d, d2, d (nil: drawn per synapse from 0.1 to 2 ms), onto "i" of weight
// wi from k sources.
func countCase(n, k int, we, we2, wi float64, d, d2 dist.Dist) func(int) (*network.Network, error) {
	return func(workers int) (*network.Network, error) {
		net := network.New(network.Options{Seed: 11, Workers: workers})
		cells := net.AddPopulation("cells", n, neuron.LIF{Cm: 200, TauM: 20, VRest: -60, VThresh: -50, VReset: -60, TauRefrac: 2}).
			Receptor("e", synapse.CurrExp(5)).Receptor("i", synapse.CurrExp(10)).Init("v", dist.Uniform{Low: -60, High: -50})
		src := net.AddPopulation("src", max(k, 300), neuron.PoissonSource{Rate: 60})
		if d == nil {
			d, d2 = dist.Uniform{Low: 0.1, High: 2}, dist.Uniform{Low: 0.1, High: 2}
		}
		net.Connect(src, cells, connect.FixedInDegree{K: k / 2}, network.Synapse{Receptor: "e", Weight: dist.Const(we), Delay: d})
		net.Connect(src, cells, connect.FixedInDegree{K: k - k/2 - 3}, network.Synapse{Receptor: "e", Weight: dist.Const(we2), Delay: d2})
		net.Connect(src, cells, connect.FixedInDegree{K: 3}, network.Synapse{Receptor: "e", Weight: dist.Const(we), Delay: d})
		net.Connect(src, cells, connect.FixedInDegree{K: k}, network.Synapse{Receptor: "i", Weight: dist.Const(wi), Delay: dist.Const(0.3)})
		return net, nil
	}
}

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
// has), with float64 rings and with count rings (forced on every path,
// so that the generic expansion runs too). The VA populations and single
// receptors take the fused pass; CUBA with Euler, which LIF does not
// fuse, declines it at run time and must still give the same bits, with
// count rings expanded for the two passes. The count cases have per-
// synapse delays and 5000 cells (one count block at the default size,
// four and a tail at 1024), and must keep float64 rings when two weights
// reach one receptor or a target has more than 255 synapses onto it.
// phaseA's blocks run with float64 and count rings, and with count
// blocks smaller than the blocks (2000 neurons in count blocks of 704,
// expanded; 97 in count blocks of 40, looked up: several count blocks of
// several blocks per worker, whose later rings' arrivals must be found
// in every one, countRing.pend).
func TestFusedPassSameBits(t *testing.T) {
	cases := []fusedCase{
		{"COBA", va(models.DefaultCOBA(), scheme.Default), []string{"exc", "inh"}, true, 300, true},
		{"CUBA", va(models.DefaultCUBA(), scheme.Default), []string{"exc", "inh"}, true, 300, true},
		{"COBA/Euler", va(models.DefaultCOBA(), scheme.Euler), []string{"exc", "inh"}, true, 150, true},
		{"CUBA/ExpEuler", va(models.DefaultCUBA(), scheme.ExpEuler), []string{"exc", "inh"}, true, 150, true},
		{"CUBA/Euler", va(models.DefaultCUBA(), scheme.Euler), []string{"exc", "inh"}, true, 150, true},
		{"Cond1/Euler", oneReceptorEuler(synapse.CondExp(5, 0), 3), []string{"cells"}, true, 300, true},
		{"Cond1", oneReceptor(synapse.CondExp(5, 0), 3), []string{"cells"}, true, 300, true},
		{"Cur1", oneReceptor(synapse.CurrExp(5), 60), []string{"cells"}, true, 300, true},
		{"Counts/delays", countCase(5000, 100, 7, 7, -20, nil, nil), []string{"cells"}, true, 100, true},
		{"Counts/two weights, drawn delays", countCase(301, 100, 7, 7.5, -20, nil, nil), []string{"cells"}, true, 100, false},
		{"Counts/two weights, one delay", countCase(301, 100, 7.1, 1.9, -20.3, dist.Const(0.4), dist.Const(0.4)), []string{"cells"}, true, 100, true},
		{"Counts/two weights, two delays", countCase(301, 100, 7.1, 1.9, -20.3, dist.Const(0.3), dist.Const(0.6)), []string{"cells"}, true, 100, true},
		{"Counts/256 synapses", countCase(301, 256, 2, 2, -5, nil, nil), []string{"cells"}, true, 100, false},
		{"Counts/255 synapses", countCase(301, 255, 2, 2, -5, nil, nil), []string{"cells"}, true, 100, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want map[string][]float64
			var wantFP string
			spikes := int64(0)
			for _, workers := range []int{1, 2} {
				for _, path := range kernelPaths {
					// block: phaseA's blocks (0: update by update); cb:
					// the count block (0: the default).
					// expand: count rings expanded even where LIF
					// would look them up (AVX-512).
					for _, mode := range []struct {
						fuse, counts bool
						block, cb    int
						expand       bool
					}{{false, false, 0, 0, false}, {true, false, 0, 0, false}, {true, true, 0, 0, false}, {true, true, 0, 0, true}, {true, true, 0, 1024, true}, {true, false, 97, 0, false}, {true, true, 1000, 0, false}, {true, true, 1000, 0, true}, {true, true, 2000, 704, true}, {true, true, 97, 40, false}} {
						fuse, accel := mode.fuse, path.name
						countMode := -1
						if mode.counts {
							countMode = 1
						}
						prevA, prevW, prevF, prevC, prevB := vec.SetAccelerated(path.accel), vec.SetAVX512(path.avx512), network.SetFuse(fuse), network.SetCounts(countMode), network.SetBlocks(mode.block)
						prevX := network.SetCountsExpand(mode.expand)
						prevCB := 0
						if mode.cb > 0 {
							prevCB = network.SetCountBlock(mode.cb)
						}
						net, err := c.build(workers)
						if err == nil {
							err = net.Build()
						}
						network.SetFuse(prevF)
						network.SetCounts(prevC)
						network.SetBlocks(prevB)
						network.SetCountsExpand(prevX)
						if mode.cb > 0 {
							network.SetCountBlock(prevCB)
						}
						if err != nil {
							vec.SetAccelerated(prevA)
							vec.SetAVX512(prevW)
							t.Fatal(err)
						}
						for _, name := range c.pops {
							if got := net.Population(name).FusedPass(); got != (fuse && c.fusable) {
								t.Fatalf("population %s: fused pass %v, want %v", name, got, fuse && c.fusable)
							}
							if got, wantC := net.Population(name).CountRings(), fuse && c.fusable && mode.counts && c.countable; got != wantC {
								t.Fatalf("population %s: count rings %v, want %v", name, got, wantC)
							}
							if got, wantK := net.Population(name).CountsInKernel(), net.Population(name).CountRings() && path.avx512 && !mode.expand; got != wantK {
								t.Fatalf("population %s: counts looked up by LIF %v, want %v", name, got, wantK)
							}
							if got, wantB := net.Population(name).Blocked(), fuse && c.fusable && mode.block > 0; got != wantB {
								t.Fatalf("population %s: blocks %v, want %v", name, got, wantB)
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
									t.Fatalf("workers %d, kernels %s, fused %v, counts %v (expanded %v), blocks %d, count block %d: %s[%d] = %v, want %v (two passes, 1 worker, first path)", workers, accel, fuse, mode.counts, mode.expand, mode.block, mode.cb, k, i, y[i], x[i])
								}
							}
						}
						if fp := net.Fingerprint(); fp != wantFP {
							t.Fatalf("workers %d, kernels %s, fused %v, counts %v (expanded %v), blocks %d, count block %d: fingerprint %s, want %s", workers, accel, fuse, mode.counts, mode.expand, mode.block, mode.cb, fp, wantFP)
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
				for _, mode := range []struct {
					fuse  bool
					block int
				}{{false, 0}, {true, 0}, {true, 50}} {
					fuse := mode.fuse
					prevA, prevW, prevF, prevB := vec.SetAccelerated(path.accel), vec.SetAVX512(path.avx512), network.SetFuse(fuse), network.SetBlocks(mode.block)
					net, err := c.build(workers)
					if err == nil {
						err = net.Build()
					}
					network.SetBlocks(prevB)
					if err == nil && net.Population("cells").Blocked() != (mode.block > 0) {
						t.Fatalf("%s: blocks %v, want %v", c.name, net.Population("cells").Blocked(), mode.block > 0)
					}
					if err == nil {
						err = net.Run(50)
					}
					vec.SetAccelerated(prevA)
					vec.SetAVX512(prevW)
					network.SetFuse(prevF)
					var f *network.FaultError
					if !errors.As(err, &f) || f.Var != "v" || !(math.IsNaN(f.Value) || math.IsInf(f.Value, 0)) {
						t.Fatalf("%s, workers %d, kernels %s, fused %v, blocks %d: error %v, want a fault of v", c.name, workers, path.name, fuse, mode.block, err)
					}
					// With 2 workers either may record its fault first
					// (engine.go): the update and variable are the same.
					switch {
					case want == nil:
						want = f
					case workers == 1 && err.Error() != want.Error(),
						f.Step != want.Step || f.Var != want.Var || f.Pop != want.Pop:
						t.Fatalf("%s, workers %d, kernels %s, fused %v, blocks %d: %v, want %v (1 worker, first path, two passes)", c.name, workers, path.name, fuse, mode.block, err, want)
					}
				}
			}
		}
		t.Logf("%s: %s", c.name, want)
	}
}
