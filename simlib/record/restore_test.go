package record_test

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// TestRestoreWeights: RestoreWeights of a synapse recorder's Data gives
// back every getter (Digest included), and data that does not fit is
// refused as UnmarshalBinary refuses it.
func TestRestoreWeights(t *testing.T) {
	// an STDP projection as simlib/plasticity's example has it: pre spikes
	// at 10 and 34 ms, post spikes at 15 and 30 ms move the weight
	net := network.New(network.Options{DT: 0.1})
	gPre := net.AddPopulation("pre", 2, neuron.SpikeTimes{Times: [][]float64{{10, 34}, {12}}})
	gPost := net.AddPopulation("post", 1, neuron.SpikeTimes{Times: [][]float64{{15, 30}}}).Receptor("e", synapse.CurrExp(5))
	pr := net.Connect(gPre, gPost, connect.AllToAll{}, network.Synapse{
		Receptor: "e", Weight: dist.Const(0.5), Delay: dist.Const(1), Plasticity: plasticity.DefaultPair(),
	})
	w := record.NewWeights(pr, nil, 5)
	ap := record.NewSynapseVar(pr, "apost", []int{1}, 0)
	net.Record(w)
	net.Record(ap)
	if err := net.Run(40); err != nil {
		t.Fatal(err)
	}
	get := func(w *record.Weights) []any {
		return []any{w.Projection(), w.Variable(), w.Interval(), w.Synapses(), w.Values(), w.Times(), w.Digest(), w.Data()}
	}
	for _, src := range []*record.Weights{w, ap} {
		got, err := record.RestoreWeights(src.Data())
		if err != nil {
			t.Fatal(err)
		}
		if g, want := get(got), get(src); !reflect.DeepEqual(g, want) {
			t.Errorf("%s: restored\n got %v\nwant %v", src.Variable(), g, want)
		}
	}
	if v := w.Values()[0]; len(v) != 9 || v[len(v)-1] == 0.5 {
		t.Fatalf("weights %v: want 9 samples (every 5 ms over 40 ms), the last moved by STDP", v)
	}
	if w.Projection() != "pre → post #0" {
		t.Errorf("Projection() = %q", w.Projection())
	}
	d := w.Data()
	short := d
	short.Vals = [][]float64{d.Vals[0]}
	ragged := d
	ragged.Vals = [][]float64{d.Vals[0], d.Vals[1][:1]}
	never := d
	never.Every = 0
	badDT := d
	badDT.DT = math.Inf(1)
	for _, c := range []struct {
		name string
		d    record.WeightsData
		want string
	}{
		{"traces", short, "1 traces for 2 synapses"},
		{"ragged", ragged, "trace 1 has 1 samples"},
		{"every", never, "every 0 steps"},
		{"dt", badDT, "dt = +Inf"},
	} {
		_, err := record.RestoreWeights(c.d)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
	if !slices.Equal(w.Data().Vals[1], d.Vals[1]) {
		t.Error("a refused restore changed the original's data")
	}
}
