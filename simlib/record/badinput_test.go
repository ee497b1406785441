package record_test

import (
	"bytes"
	"encoding/gob"
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/badinput"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
)

// The recorders' bad-input table: what recorders refuse, and why. Rows
// record population "p" (3 LIF cells, dt 0.1 ms); the error must name the
// recorder and population, the field, the value and what is allowed.

func recNet() *network.Network {
	net := network.New(network.Options{})
	net.AddPopulation("p", 3, neuron.DefaultLIF())
	return net
}

func rec(mk func(p *network.Population) network.Recorder) func() error {
	return func() error {
		net := recNet()
		r := mk(net.Population("p"))
		net.Record(r)
		return net.Run(1)
	}
}

// recorded returns the encoded data of a spike recorder after a run.
func recorded() []byte {
	net := network.New(network.Options{})
	net.AddPopulation("s", 2, neuron.SpikeTimes{Times: [][]float64{{0.5}, {0.2, 0.7}}})
	sp := record.NewSpikes(net.Population("s"))
	net.Record(sp)
	if err := net.Run(1); err != nil {
		panic(err)
	}
	b, _ := sp.MarshalBinary()
	return b
}

// The forms below have the field names of the recorders' encodings (gob
// matches fields by name), to forge data that does not fit.
type spikesForm struct {
	Pop   string
	DT    float64
	Size  int
	Steps []int64
	IDs   []int32
}

type stateForm struct {
	Pop, Variable string
	Neurons       []int
	Every         int64
	DT            float64
	Vals          [][]float64
}

type rateForm struct {
	Pop      string
	BinSteps int64
	DT       float64
	Size     int
	First    int64
	Counts   []int32
}

func forged(v any) []byte {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func TestBadInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	state := `state recorder of "p".v`
	badinput.Run(t, []badinput.Case{
		{"spikes of an unknown population", rec(func(p *network.Population) network.Recorder { return record.NewSpikes(p.Network().Population("q")) }), []string{`spike recorder of "q"`, `unknown population "q" (the network has "p")`}},
		{"spikes of another network's population", rec(func(*network.Population) network.Recorder { return record.NewSpikes(recNet().Population("p")) }), []string{`spike recorder of "p"`, `population "p" is of another network`}},
		{"spikes of a view out of range", rec(func(p *network.Population) network.Recorder { return record.NewSpikes(p.Slice(1, 4)) }), []string{"spike recorder", `view "p".Slice(1, 4)`, "need 0 <= lo < hi <= 3"}},
		{"spikes of an empty view", rec(func(p *network.Population) network.Recorder { return record.NewSpikes(p.Slice(2, 2)) }), []string{"spike recorder", `view "p".Slice(2, 2)`, "the view is empty"}},
		{"rate of a view of unsorted neurons", rec(func(p *network.Population) network.Recorder { return record.NewRate(p.Select(2, 0), 1) }), []string{"rate recorder", `view "p".Select: neuron 0 at position 1 after neuron 2`, "strictly ascending"}},
		{"spikes of neuron 3 of 3", rec(func(p *network.Population) network.Recorder { return record.NewSpikes(p.Select(0, 3)) }), []string{`spike recorder of "p[bad view]"`, `view "p".Select: neuron 3 at position 1`, "must be in [0, 3)"}},
		{"spikes of neuron -1", rec(func(p *network.Population) network.Recorder { return record.NewSpikes(p.Select(-1)) }), []string{`spike recorder of "p[bad view]"`, "neuron -1 at position 0", "must be in [0, 3)"}},
		{"state of a nil population", rec(func(*network.Population) network.Recorder { return record.NewState(nil, "v", []int{0}, 0) }), []string{"state recorder", "the population is nil"}},
		{"state of neuron 2 of a view of 2", rec(func(p *network.Population) network.Recorder { return record.NewState(p.Slice(1, 3), "v", []int{2}, 0) }), []string{`state recorder of "p[1:3]".v`, "neuron 2", "must be in [0, 2)"}},
		{"state of an unknown variable", rec(func(p *network.Population) network.Recorder { return record.NewState(p, "x", []int{0}, 0) }), []string{`state recorder of "p"`, `no variable "x"`, "(has v)"}},
		{"state of no neurons", rec(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{}, 0) }), []string{state, "an empty list of neurons", "or nil for every neuron"}},
		{"state of neuron 5", rec(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{5}, 0) }), []string{state, "neuron 5", "must be in [0, 3)"}},
		{"state interval -1", rec(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{0}, -1) }), []string{state, "interval = -1 ms", "must be finite, >= 0"}},
		{"state interval NaN", rec(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{0}, nan) }), []string{state, "interval = NaN ms", "finite"}},
		{"state interval +Inf (issue 8)", rec(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{0}, inf) }), []string{state, "interval = +Inf ms", "finite"}},
		{"state interval below dt", rec(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{0}, 0.01) }), []string{state, "interval = 0.01 ms", "0 (every step) or at least dt = 0.1 ms"}},
		{"state interval 1e300 ms", rec(func(p *network.Population) network.Recorder { return record.NewState(p, "v", []int{0}, 1e300) }), []string{state, "interval = 1e+300 ms", "at most"}},
		{"rate of a nil population", rec(func(*network.Population) network.Recorder { return record.NewRate((*network.Population)(nil), 1) }), []string{"rate recorder", "the population is nil"}},
		{"rate bin -1", rec(func(p *network.Population) network.Recorder { return record.NewRate(p, -1) }), []string{`rate recorder of "p"`, "bin = -1 ms", ">= 0"}},
		{"rate bin NaN", rec(func(p *network.Population) network.Recorder { return record.NewRate(p, nan) }), []string{`rate recorder of "p"`, "bin = NaN ms", "finite"}},
		{"rate bin +Inf", rec(func(p *network.Population) network.Recorder { return record.NewRate(p, inf) }), []string{`rate recorder of "p"`, "bin = +Inf ms", "finite"}},
		{"rate bin below dt", rec(func(p *network.Population) network.Recorder { return record.NewRate(p, 0.05) }), []string{`rate recorder of "p"`, "bin = 0.05 ms", "at least dt = 0.1 ms"}},
		{"a recorder on a second network", func() error {
			var st *record.State
			mk := func(p *network.Population) network.Recorder {
				if st == nil {
					st = record.NewState(p, "v", []int{0}, 0)
				}
				return st
			}
			if err := rec(mk)(); err != nil {
				return err
			}
			return rec(mk)()
		}, []string{state, "already attached to another network", "make a new recorder"}},
		{"Unmarshal truncated", func() error { b := recorded(); return (&record.Spikes{}).UnmarshalBinary(b[:len(b)-3]) }, []string{"record: cannot decode recorder data"}},
		{"Unmarshal empty", func() error { return (&record.State{}).UnmarshalBinary(nil) }, []string{"record: cannot decode recorder data"}},
		{"Unmarshal into a recorder of another population", func() error { return record.NewSpikes(recNet().Population("p")).UnmarshalBinary(recorded()) }, []string{`spike recorder of "p"`, `the data is of a recorder of "s"`}},
		{"Unmarshal spikes of neuron 5 of 2", func() error {
			return (&record.Spikes{}).UnmarshalBinary(forged(spikesForm{Pop: "s", DT: 0.1, Size: 2, Steps: []int64{1}, IDs: []int32{5}}))
		}, []string{`spike recorder of "s"`, "spike 0 is of neuron 5", "must be in [0, 2)"}},
		{"Unmarshal spikes out of order", func() error {
			return (&record.Spikes{}).UnmarshalBinary(forged(spikesForm{Pop: "s", DT: 0.1, Size: 2, Steps: []int64{3, 1}, IDs: []int32{0, 1}}))
		}, []string{`spike recorder of "s"`, "spike 1 at update 1 is before spike 0 at update 3", "in order"}},
		{"Unmarshal spikes at a negative update", func() error {
			return (&record.Spikes{}).UnmarshalBinary(forged(spikesForm{Pop: "s", DT: 0.1, Size: 2, Steps: []int64{-2, 1}, IDs: []int32{0, 1}}))
		}, []string{`spike recorder of "s"`, "spike 0 is at update -2", "not negative"}},
		{"Unmarshal spikes with dt NaN", func() error {
			return (&record.Spikes{}).UnmarshalBinary(forged(spikesForm{Pop: "s", DT: nan, Size: 2, Steps: []int64{1}, IDs: []int32{0}}))
		}, []string{"spike recorder data", "dt = NaN ms", "positive and finite"}},
		{"Unmarshal spikes with more times than neurons", func() error {
			return (&record.Spikes{}).UnmarshalBinary(forged(spikesForm{Pop: "s", DT: 0.1, Size: 2, Steps: []int64{1, 2}, IDs: []int32{0}}))
		}, []string{`spike recorder of "s"`, "2 times for 1 neurons"}},
		{"Unmarshal ragged state traces", func() error {
			return (&record.State{}).UnmarshalBinary(forged(stateForm{Pop: "p", Variable: "v", Neurons: []int{0, 1}, Every: 1, DT: 0.1, Vals: [][]float64{{1, 2}, {1}}}))
		}, []string{`state recorder of "p".v`, "trace 1 has 1 samples, trace 0 has 2"}},
		{"Unmarshal rate count above the size", func() error {
			return (&record.Rate{}).UnmarshalBinary(forged(rateForm{Pop: "p", BinSteps: 1, DT: 0.1, Size: 3, First: 1, Counts: []int32{1, 4}}))
		}, []string{`rate recorder of "p"`, "count 1 = 4", "must be in [0, 3]"}},
		{"Unmarshal into a recorder of other neurons", func() error {
			net := network.New(network.Options{})
			s := net.AddPopulation("s", 2, neuron.SpikeTimes{Times: [][]float64{{0.5}, {0.2, 0.7}}})
			return record.NewSpikes(s.Slice(1, 2)).UnmarshalBinary(recorded())
		}, []string{`spike recorder of "s[1:2]"`, `data is of a recorder of "s"`}},
	})
}
