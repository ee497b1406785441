package connect_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/internal/badinput"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// The rules' bad-input table: what each connection rule refuses, and why.
// Rows go through a network, from population "a" (nA neurons) to "b" (nB),
// or onto "a" itself; the error must name the projection and rule, the
// field, the value and what is allowed.

func proj(nA, nB int, self bool, r connect.Rule, w dist.Dist) func() error {
	return func() error {
		net := network.New(network.Options{})
		net.AddPopulation("a", nA, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
		net.AddPopulation("b", nB, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5))
		post := "b"
		if self {
			post = "a"
		}
		net.Connect(net.Population("a"), net.Population(post), r, network.Synapse{Receptor: "e", Weight: w})
		return net.Run(1)
	}
}

func TestBadInputs(t *testing.T) {
	nan := math.NaN()
	one := dist.Const(1)
	list, matrix := `projection 0 "a" -> "b" (list, receptor "e")`, `projection 0 "a" -> "b" (matrix`
	pos := func(n int) []float64 { return make([]float64, 2*n) }
	badinput.Run(t, []badinput.Case{
		{"List lengths differ", proj(3, 3, false, connect.List{Pre: []int{0, 1}, Post: []int{0}}, one), []string{list, "2 sources and 1 targets", "lengths must match"}},
		{"List weights count", proj(3, 3, false, connect.List{Pre: []int{0}, Post: []int{0}, Weights: []float64{1, 2}}, nil), []string{list, "2 weights for 1 pairs"}},
		{"List delays count", proj(3, 3, false, connect.List{Pre: []int{0}, Post: []int{0}, Delays: []float64{}}, one), []string{list, "0 delays for 1 pairs"}},
		{"List Pre -1", proj(3, 3, false, connect.List{Pre: []int{-1}, Post: []int{0}}, one), []string{list, "Pre[0] = -1", "must be in [0, 3)"}},
		{"List Post 3 of 3", proj(3, 3, false, connect.List{Pre: []int{0}, Post: []int{3}}, one), []string{list, "Post[0] = 3", "must be in [0, 3)"}},
		{"List weight NaN", proj(3, 3, false, connect.List{Pre: []int{0}, Post: []int{1}, Weights: []float64{nan}}, nil), []string{list, "Weights[0] = NaN", "must be finite"}},
		{"List delay -1", proj(3, 3, false, connect.List{Pre: []int{0}, Post: []int{1}, Delays: []float64{-1}}, one), []string{list, "Delays[0] = -1 ms", "finite and >= 0"}},
		{"List delay 1e9 (issue 8)", proj(3, 3, false, connect.List{Pre: []int{0}, Post: []int{1}, Delays: []float64{1e9}}, one), []string{list, "explicit delay of synapse 0 -> 1 = 1e+09 ms", "at most 6553.6 ms"}},
		{"List pair twice", proj(3, 3, false, connect.List{Pre: []int{0, 0}, Post: []int{1, 1}}, one), []string{list, "pair (0, 1) appears twice", "entries 0 and 1"}},
		{"Matrix rows", proj(2, 2, false, connect.Matrix{W: [][]float64{{1, 1}}}, nil), []string{matrix, "matrix has 1 rows for 2 sources"}},
		{"Matrix ragged", proj(2, 2, false, connect.Matrix{W: [][]float64{{1, 1}, {1}}}, nil), []string{matrix, "matrix row 1 has 1 columns for 2 targets"}},
		{"Matrix NaN", proj(2, 2, false, connect.Matrix{W: [][]float64{{1, 1}, {nan, 1}}}, nil), []string{matrix, "W[1][0] = NaN", "must be finite"}},
		{"OneToOne sizes", proj(2, 3, false, connect.OneToOne{}, one), []string{`(one-to-one`, "equal sizes", "2 sources and 3 targets"}},
		{"FixedProbability 1.5", proj(2, 2, false, connect.FixedProbability{P: 1.5}, one), []string{`(fixed-probability`, "P = 1.5", "in [0, 1]"}},
		{"FixedProbability NaN", proj(2, 2, false, connect.FixedProbability{P: nan}, one), []string{`(fixed-probability`, "P = NaN", "in [0, 1]"}},
		{"FixedInDegree K above sources", proj(3, 2, false, connect.FixedInDegree{K: 4}, one), []string{`(fixed-indegree`, "K = 4", "must be in [0, 3]"}},
		{"FixedInDegree K without autapses", proj(3, 3, true, connect.FixedInDegree{K: 3}, one), []string{`"a" -> "a" (fixed-indegree`, "K = 3", "must be in [0, 2]"}},
		{"FixedOutDegree K -1", proj(3, 3, false, connect.FixedOutDegree{K: -1}, one), []string{`(fixed-outdegree`, "K = -1", "must be in [0, 3]"}},
		{"FixedTotal N above pairs", proj(3, 3, false, connect.FixedTotal{N: 10}, one), []string{`(fixed-total`, "N = 10", "must be in [0, 9]"}},
		{"FixedTotal N -1", proj(3, 3, false, connect.FixedTotal{N: -1}, one), []string{`(fixed-total`, "N = -1", "must be in [0, 9]"}},
		{"Distance P0 2", proj(2, 2, false, connect.Distance{P0: 2, Lambda: 1, PrePos: pos(2), PostPos: pos(2)}, one), []string{`(distance`, "P0 = 2", "in [0, 1]"}},
		{"Distance Lambda 0", proj(2, 2, false, connect.Distance{P0: 1, Lambda: 0, PrePos: pos(2), PostPos: pos(2)}, one), []string{`(distance`, "Lambda = 0 µm", "positive and finite"}},
		{"Distance Lambda +Inf", proj(2, 2, false, connect.Distance{P0: 1, Lambda: math.Inf(1), PrePos: pos(2), PostPos: pos(2)}, one), []string{`(distance`, "Lambda = +Inf µm", "positive and finite"}},
		{"Distance PrePos length", proj(2, 2, false, connect.Distance{P0: 1, Lambda: 1, PrePos: pos(1), PostPos: pos(2)}, one), []string{`(distance`, "PrePos has 2 values for 2 sources", "4 values"}},
		{"Distance PostPos nil between populations", proj(2, 2, false, connect.Distance{P0: 1, Lambda: 1, PrePos: pos(2)}, one), []string{`(distance`, "PostPos is nil", "give the target positions"}},
		{"Distance PostPos NaN", proj(2, 2, false, connect.Distance{P0: 1, Lambda: 1, PrePos: pos(2), PostPos: []float64{0, 0, nan, 0}}, one), []string{`(distance`, "PostPos[2] = NaN µm (neuron 1)", "must be finite"}},
		// rules are public: called directly with negative sizes they refuse (they panicked)
		{"AllToAll.Build(-1, 3)", func() error { _, err := connect.AllToAll{}.Build(-1, 3, false, 0); return err }, []string{"all-to-all", "nPre = -1", ">= 0"}},
		{"FixedProbability.Build(3, -2)", func() error { _, err := connect.FixedProbability{P: 0.5}.Build(3, -2, false, 0); return err }, []string{"fixed-probability", "nPost = -2", ">= 0"}},
		{"FixedInDegree.Build(-1, 3)", func() error { _, err := connect.FixedInDegree{K: 1}.Build(-1, 3, false, 0); return err }, []string{"fixed-indegree", "size -1", ">= 0"}},
		{"FixedTotal.Build(-1, -1)", func() error { _, err := connect.FixedTotal{N: 1}.Build(-1, -1, false, 0); return err }, []string{"fixed-total", "nPre = -1", ">= 0"}},
		{"List.Build(-1, 1)", func() error { _, err := connect.List{}.Build(-1, 1, false, 0); return err }, []string{"list", "nPre = -1", ">= 0"}},
	})
}

// TestDistanceExpectedBounded: Expected does not visit 10^10 pairs before
// the build (it took minutes); above 2^24 pairs it is the upper bound
// P0·pairs.
func TestDistanceExpectedBounded(t *testing.T) {
	n := 100000
	r := connect.Distance{P0: 0.5, Lambda: 100, PrePos: make([]float64, 2*n), PostPos: make([]float64, 2*n)}
	if got, want := r.Expected(n, n, false), 0.5*float64(n)*float64(n); got != want {
		t.Fatalf("Expected = %v, want the bound %v", got, want)
	}
	// small: exact; every target 100 µm from every source, p = P0·e^-1
	post := make([]float64, 20)
	for j := 0; j < 10; j++ {
		post[2*j] = 100
	}
	small := connect.Distance{P0: 0.5, Lambda: 100, PrePos: make([]float64, 20), PostPos: post}
	if got, want := small.Expected(10, 10, false), 100*0.5*math.Exp(-1); math.Abs(got-want) > 1e-12 {
		t.Fatalf("Expected(10, 10) = %v, want %v", got, want)
	}
}
