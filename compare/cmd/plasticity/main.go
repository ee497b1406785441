// Command plasticity runs the deterministic spike-pair cases of
// compare/plasticity_brian2.py in golgi: one synapse from a SpikeTimes
// neuron onto a SpikeTimes neuron, each case a rule of simlib/plasticity,
// and prints, as JSON, the recorded per-synapse variable after every
// update. The cases come as JSON on stdin:
//
//	{"DT": 0.1, "T": 110, "Delay": 0.5, "W0": 0.5, "Pre": [...], "Post": [...],
//	 "Cases": [{"Name": "...", "Rule": "pair"|"triplet"|"tsodyks-markram", "Var": "w",
//	            "Params": {fields of plasticity.Pair, Triplet or TsodyksMarkram}}]}
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

type spec struct {
	DT, T, Delay, W0 float64
	Pre, Post        []float64
	Cases            []struct {
		Name, Rule, Var string
		Params          json.RawMessage
	}
}

func main() {
	var s spec
	if err := json.NewDecoder(os.Stdin).Decode(&s); err != nil {
		fail(fmt.Errorf("reading the cases: %w", err))
	}
	out := map[string][]float64{}
	for _, c := range s.Cases {
		var r plasticity.Rule
		var err error
		switch c.Rule {
		case "pair":
			var p plasticity.Pair
			err = json.Unmarshal(c.Params, &p)
			r = p
		case "triplet":
			var p plasticity.Triplet
			err = json.Unmarshal(c.Params, &p)
			r = p
		case "tsodyks-markram":
			var p plasticity.TsodyksMarkram
			err = json.Unmarshal(c.Params, &p)
			r = p
		default:
			err = fmt.Errorf("unknown rule %q", c.Rule)
		}
		if err != nil {
			fail(fmt.Errorf("case %s: %w", c.Name, err))
		}
		net := network.New(network.Options{DT: s.DT})
		gPre := net.AddPopulation("pre", 1, neuron.SpikeTimes{Times: [][]float64{s.Pre}})
		gPost := net.AddPopulation("post", 1, neuron.SpikeTimes{Times: [][]float64{s.Post}}).Receptor("syn", synapse.CurrExp(5))
		pr := net.Connect(gPre, gPost, connect.AllToAll{}, network.Synapse{Receptor: "syn", Weight: dist.Const(s.W0), Delay: dist.Const(s.Delay), Plasticity: r})
		rec := record.NewSynapseVar(pr, c.Var, nil, 0)
		net.Record(rec)
		if err := net.Run(s.T); err != nil {
			fail(fmt.Errorf("case %s: %w", c.Name, err))
		}
		out[c.Name] = rec.Values()[0]
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "plasticity:", err)
	os.Exit(1)
}
