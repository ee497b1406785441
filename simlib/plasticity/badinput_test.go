package plasticity_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/internal/badinput"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// The plasticity bad-input table. Rows connect population "a" to "b"
// (LIF, dt 0.1 ms, current receptor "e" unless said) with a rule, weight
// 0.5 and delay 1 ms; the error must name the projection, the rule, the
// field, the value and what is allowed.

func plastic(r plasticity.Rule, syn func(*network.Synapse)) func() error {
	return func() error {
		net := network.New(network.Options{})
		gA := net.AddPopulation("a", 3, neuron.DefaultLIF())
		gB := net.AddPopulation("b", 3, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5)).Receptor("g", synapse.CondExp(5, 0))
		s := network.Synapse{Receptor: "e", Weight: dist.Const(0.5), Delay: dist.Const(1), Plasticity: r}
		if syn != nil {
			syn(&s)
		}
		net.Connect(gA, gB, connect.AllToAll{}, s)
		return net.Run(1)
	}
}

// listed is plastic with an explicit list of two synapses a0 -> b1, a2 -> b0.
func listed(r plasticity.Rule, w, d []float64) func() error {
	return func() error {
		net := network.New(network.Options{})
		gA := net.AddPopulation("a", 3, neuron.DefaultLIF())
		gB := net.AddPopulation("b", 3, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
		net.Connect(gA, gB, connect.List{Pre: []int{0, 2}, Post: []int{1, 0}, Weights: w, Delays: d}, network.Synapse{Receptor: "e", Plasticity: r})
		return net.Run(1)
	}
}

func pairWith(f func(*plasticity.Pair)) plasticity.Pair {
	p := plasticity.DefaultPair()
	f(&p)
	return p
}

func tripletWith(f func(*plasticity.Triplet)) plasticity.Triplet {
	p := plasticity.DefaultTriplet()
	f(&p)
	return p
}

func TestBadInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	proj := `projection 0 "a" -> "b"`
	pair, tri, tm := "plasticity.Pair", "plasticity.Triplet", "plasticity.TsodyksMarkram"
	badinput.Run(t, []badinput.Case{
		{"pair TauPlus negative", plastic(pairWith(func(p *plasticity.Pair) { p.TauPlus = -20 }), nil), []string{proj, pair, "TauPlus = -20 ms", "positive and finite"}},
		{"pair TauMinus 0", plastic(pairWith(func(p *plasticity.Pair) { p.TauMinus = 0 }), nil), []string{proj, pair, "TauMinus = 0 ms", "positive and finite"}},
		{"pair TauMinus Inf", plastic(pairWith(func(p *plasticity.Pair) { p.TauMinus = inf }), nil), []string{proj, pair, "TauMinus = +Inf ms", "positive and finite"}},
		{"pair APlus NaN", plastic(pairWith(func(p *plasticity.Pair) { p.APlus = nan }), nil), []string{proj, pair, "APlus = NaN", ">= 0 and finite"}},
		{"pair AMinus negative", plastic(pairWith(func(p *plasticity.Pair) { p.AMinus = -0.01 }), nil), []string{proj, pair, "AMinus = -0.01", ">= 0 and finite"}},
		{"pair WMin > WMax", plastic(pairWith(func(p *plasticity.Pair) { p.WMin, p.WMax = 2, 1 }), nil), []string{proj, pair, "WMin = 2", "must be <= WMax = 1"}},
		{"pair WMax NaN", plastic(pairWith(func(p *plasticity.Pair) { p.WMax = nan }), nil), []string{proj, pair, "WMax = NaN", "must be finite"}},
		{"pair Dependence", plastic(pairWith(func(p *plasticity.Pair) { p.Dependence = 7 }), nil), []string{proj, pair, "Dependence = Dependence(7)", "Additive or plasticity.Multiplicative"}},
		{"pair Pairing", plastic(pairWith(func(p *plasticity.Pair) { p.Pairing = -1 }), nil), []string{proj, pair, "Pairing = Pairing(-1)", "AllToAll or plasticity.Nearest"}},
		{"pair Dendritic negative", plastic(pairWith(func(p *plasticity.Pair) { p.Dendritic = -1 }), nil), []string{proj, pair, "Dendritic = -1 ms", "must be finite, >= 0"}},
		{"pair Dendritic above delay", plastic(pairWith(func(p *plasticity.Pair) { p.Dendritic = 2 }), nil), []string{proj, "Dendritic = 2 ms", "longer than the shortest delay, 1 ms", "axonal + dendritic"}},
		{"pair Dendritic above a drawn delay", plastic(pairWith(func(p *plasticity.Pair) { p.Dendritic = 0.5 }), func(s *network.Synapse) {
			s.Delay = dist.Uniform{Low: 0.1, High: 1}
		}), []string{proj, "Dendritic = 0.5 ms is longer than the shortest delay, 0.1 ms", "axonal + dendritic"}},
		{"pair Dendritic above an explicit delay", listed(pairWith(func(p *plasticity.Pair) { p.Dendritic = 0.5 }), []float64{0.5, 0.5}, []float64{1, 0.2}),
			[]string{`projection 0 "a" -> "b" (list`, "Dendritic = 0.5 ms (5 steps) is longer than the delay of synapse 1 (2 steps)", "axonal + dendritic"}},
		{"pair explicit weight outside bounds", listed(plasticity.DefaultPair(), []float64{0.5, 1.5}, []float64{1, 1}),
			[]string{`projection 0 "a" -> "b" (list`, "weight of synapse 1 = 1.5", "[WMin, WMax] = [0, 1]"}},
		{"pair weights outside bounds", plastic(plasticity.DefaultPair(), func(s *network.Synapse) { s.Weight = dist.Uniform{Low: 0, High: 2} }), []string{proj, "Synapse.Weight", "[0, 2]", "[WMin, WMax] = [0, 1]"}},
		{"pair conductance WMin < 0", plastic(pairWith(func(p *plasticity.Pair) { p.WMin = -1 }), func(s *network.Synapse) { s.Receptor = "g" }), []string{proj, "WMin = -1 nS", "conductance receptor", ">= 0"}},
		{"triplet TauX NaN", plastic(tripletWith(func(p *plasticity.Triplet) { p.TauX = nan }), nil), []string{proj, tri, "TauX = NaN ms", "positive and finite"}},
		{"triplet TauY negative", plastic(tripletWith(func(p *plasticity.Triplet) { p.TauY = -1 }), nil), []string{proj, tri, "TauY = -1 ms", "positive and finite"}},
		{"triplet A3Plus NaN", plastic(tripletWith(func(p *plasticity.Triplet) { p.A3Plus = nan }), nil), []string{proj, tri, "A3Plus = NaN", ">= 0 and finite"}},
		{"triplet A2Minus Inf", plastic(tripletWith(func(p *plasticity.Triplet) { p.A2Minus = inf }), nil), []string{proj, tri, "A2Minus = +Inf", ">= 0 and finite"}},
		{"triplet WMin > WMax", plastic(tripletWith(func(p *plasticity.Triplet) { p.WMin = 3 }), nil), []string{proj, tri, "WMin = 3", "<= WMax = 1"}},
		{"tm U 0", plastic(plasticity.TsodyksMarkram{U: 0, TauRec: 100}, nil), []string{proj, tm, "U = 0", "(0, 1]"}},
		{"tm U above 1", plastic(plasticity.TsodyksMarkram{U: 1.5, TauRec: 100}, nil), []string{proj, tm, "U = 1.5", "(0, 1]"}},
		{"tm TauRec negative", plastic(plasticity.TsodyksMarkram{U: 0.5, TauRec: -100}, nil), []string{proj, tm, "TauRec = -100 ms", "positive and finite"}},
		{"tm TauFacil NaN", plastic(plasticity.TsodyksMarkram{U: 0.5, TauRec: 100, TauFacil: nan}, nil), []string{proj, tm, "TauFacil = NaN ms", ">= 0 and finite"}},
	})
}

// The synapse recorder's bad input.
func TestBadRecorders(t *testing.T) {
	rec := func(mk func(pr *network.Projection, other *network.Projection) network.Recorder) func() error {
		return func() error {
			other := network.New(network.Options{})
			gA := other.AddPopulation("a", 1, neuron.DefaultLIF())
			gB := other.AddPopulation("b", 1, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
			op := other.Connect(gA, gB, connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(1)})
			net := network.New(network.Options{})
			gA = net.AddPopulation("a", 3, neuron.DefaultLIF())
			gB = net.AddPopulation("b", 3, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
			pr := net.Connect(gA, gB, connect.AllToAll{}, network.Synapse{Receptor: "e", Weight: dist.Const(0.5), Plasticity: plasticity.DefaultPair()})
			net.Record(mk(pr, op))
			return net.Run(1)
		}
	}
	what := `synapse recorder of projection 0 "a" -> "b"`
	badinput.Run(t, []badinput.Case{
		{"nil projection", rec(func(*network.Projection, *network.Projection) network.Recorder { return record.NewWeights(nil, nil, 0) }), []string{"the projection is nil"}},
		{"other network's projection", rec(func(_, o *network.Projection) network.Recorder { return record.NewWeights(o, nil, 0) }), []string{what, "not one of this network's"}},
		{"unknown variable", rec(func(p, _ *network.Projection) network.Recorder { return record.NewSynapseVar(p, "u", nil, 0) }), []string{what, `no per-synapse variable "u"`, "w, apre, apost"}},
		{"synapse out of range", rec(func(p, _ *network.Projection) network.Recorder { return record.NewWeights(p, []int{9}, 0) }), []string{what, "synapse 9", "[0, 9)"}},
		{"negative synapse", rec(func(p, _ *network.Projection) network.Recorder { return record.NewWeights(p, []int{-1}, 0) }), []string{what, "synapse -1"}},
		{"interval below dt", rec(func(p, _ *network.Projection) network.Recorder { return record.NewWeights(p, nil, 0.01) }), []string{what, "interval = 0.01 ms", "at least dt"}},
		{"interval NaN", rec(func(p, _ *network.Projection) network.Recorder { return record.NewWeights(p, nil, math.NaN()) }), []string{what, "interval = NaN ms"}},
	})
}
