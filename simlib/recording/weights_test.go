package recording_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// plasticRun is a small run of an STDP projection (as simlib/plasticity's
// example builds one): random spike times of 3 sources and 2 targets,
// all to all, the weights of every synapse and the rule's apre of two
// recorded.
type plasticRun struct {
	net  *network.Network
	spk  *record.Spikes
	w    *record.Weights
	apre *record.Weights
}

func (p plasticRun) recorders() []network.Recorder { return []network.Recorder{p.spk, p.w, p.apre} }

func newPlasticRun(t testing.TB, seed uint64) plasticRun {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 11))
	times := func(n int) [][]float64 {
		out := make([][]float64, n)
		for i := range out {
			tm := 0.0
			for {
				tm += 1 + float64(r.IntN(150))/10 // ms
				if tm >= 60 {
					break
				}
				out[i] = append(out[i], tm)
			}
		}
		return out
	}
	net := network.New(network.Options{DT: 0.1, Seed: seed})
	pre := net.AddPopulation("pre", 3, neuron.SpikeTimes{Times: times(3)})
	post := net.AddPopulation("post", 2, neuron.SpikeTimes{Times: times(2)}).Receptor("e", synapse.CurrExp(5))
	pr := net.Connect(pre, post, connect.AllToAll{}, network.Synapse{
		Receptor: "e", Weight: dist.Const(0.5), Delay: dist.Const(1), Plasticity: plasticity.DefaultPair(),
	})
	p := plasticRun{net: net, spk: record.NewSpikes(pre), w: record.NewWeights(pr, nil, float64(1+r.IntN(5))),
		apre: record.NewSynapseVar(pr, "apre", []int{4, 1}, 0)}
	for _, rec := range p.recorders() {
		net.Record(rec)
	}
	if err := net.Run(60); err != nil {
		t.Fatal(err)
	}
	return p
}

func weightsGetters(w *record.Weights) []any {
	return []any{w.Projection(), w.Variable(), w.Interval(), w.Synapses(), w.Values(), w.Times(), w.Digest(), w.Data()}
}

// sameBitsTraces fails unless got and want hold the same float64s, bit
// for bit.
func sameBitsTraces(t *testing.T, what string, got, want [][]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d traces, want %d", what, len(got), len(want))
		return
	}
	for k := range want {
		if len(got[k]) != len(want[k]) {
			t.Errorf("%s: trace %d has %d samples, want %d", what, k, len(got[k]), len(want[k]))
			continue
		}
		for i := range want[k] {
			if math.Float64bits(got[k][i]) != math.Float64bits(want[k][i]) {
				t.Errorf("%s: trace %d sample %d: %v, want %v", what, k, i, got[k][i], want[k][i])
				break
			}
		}
	}
}

// TestSaveWeightsRoundTrip: the weights and a rule variable of a plastic
// projection come back from Save and Load bit for bit (values, times,
// synapses, variable, Digest, Data), with the other recorders, and
// WeightsOf finds them.
func TestSaveWeightsRoundTrip(t *testing.T) {
	changed := 0
	for c := uint64(0); c < 8; c++ {
		p := newPlasticRun(t, c)
		dir := filepath.Join(t.TempDir(), "run")
		if err := recording.Save(dir, p.net, p.recorders()...); err != nil {
			t.Fatal(err)
		}
		got, err := recording.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Spikes) != 1 || len(got.Weights) != 2 {
			t.Fatalf("case %d: loaded %d spike, %d weights recorders: want 1, 2", c, len(got.Spikes), len(got.Weights))
		}
		same(t, "spikes", spikeGetters(got.Spikes[0]), spikeGetters(p.spk))
		same(t, "weights", weightsGetters(got.Weights[0]), weightsGetters(p.w))
		same(t, "apre", weightsGetters(got.Weights[1]), weightsGetters(p.apre))
		sameBitsTraces(t, "weights", got.Weights[0].Values(), p.w.Values())
		sameBitsTraces(t, "apre", got.Weights[1].Values(), p.apre.Values())
		sameBitsTraces(t, "times", [][]float64{got.Weights[0].Times(), got.Weights[1].Times()}, [][]float64{p.w.Times(), p.apre.Times()})
		if got.WeightsOf("pre", "post", "w") != got.Weights[0] || got.WeightsOf("pre", "post", "apre") != got.Weights[1] || got.WeightsOf("pre", "post", "apost") != nil {
			t.Errorf("case %d: WeightsOf does not find the recorders", c)
		}
		if got.Summary.Fingerprint != p.net.Fingerprint() {
			t.Errorf("case %d: fingerprint %s, want %s", c, got.Summary.Fingerprint, p.net.Fingerprint())
		}
		if n := len(p.w.Synapses()); n != 6 || len(p.w.Times()) < 10 {
			t.Fatalf("case %d: %d synapses, %d samples: want 6 and some", c, n, len(p.w.Times()))
		}
		// plasticity moved the weights from their start (0.5): the test
		// compares data, not constants
		for _, v := range p.w.Values() {
			if v[len(v)-1] != 0.5 {
				changed++
			}
		}
	}
	if changed == 0 {
		t.Fatal("no weight changed in any case: the test would prove nothing")
	}
}

// TestLoadWithoutWeights: a recording without a weights table (every
// recording written before the table existed) loads as before, with no
// synapse recorder.
func TestLoadWithoutWeights(t *testing.T) {
	r := randomRun(t, 1)
	dir := filepath.Join(t.TempDir(), "run")
	if err := recording.Save(dir, r.net, r.recorders()...); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "weights")); err == nil {
		t.Error("Save without synapse recorders wrote a weights table")
	}
	got, err := recording.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !sameRecording(got, r) || got.Weights != nil || got.WeightsOf("src", "lif", "w") != nil {
		t.Errorf("loaded %d weights recorders, or other data: want the recording as saved, no weights", len(got.Weights))
	}
}

// goodWeight has the columns of a weights part (as the package doc gives
// them), to forge parts with wrong content.
type goodWeight struct {
	Recorder   int32   `parquet:"recorder"`
	Projection string  `parquet:"projection"`
	Variable   string  `parquet:"variable"`
	Synapse    int32   `parquet:"synapse"`
	Step       int64   `parquet:"step"`
	Time       float64 `parquet:"time_ms"`
	Value      float64 `parquet:"value"`
}

// TestWeightsBadInput: Save refuses an unattached synapse recorder; Load
// refuses a truncated or damaged weights part and forged ones whose rows or
// description do not fit, with an error naming the file and what is
// wrong.
func TestWeightsBadInput(t *testing.T) {
	p := newPlasticRun(t, 0)
	pr := p.net.Projections()[0]
	wantErr(t, "unattached", recording.Save(filepath.Join(t.TempDir(), "run"), p.net, p.spk, record.NewWeights(pr, nil, 1)),
		"recorder 1", "weights", "pre → post #0", "not attached")
	var nilW *record.Weights
	wantErr(t, "typed nil", recording.Save(filepath.Join(t.TempDir(), "run"), p.net, nilW), "recorder 0 is a nil *record.Weights")

	base := t.TempDir()
	fresh := func() (string, string) {
		dir, err := os.MkdirTemp(base, "run")
		if err != nil {
			t.Fatal(err)
		}
		os.Remove(dir)
		if err := recording.Save(dir, p.net, p.recorders()...); err != nil {
			t.Fatal(err)
		}
		return dir, filepath.Join(dir, "weights", "part-000001.parquet")
	}
	dir, part := fresh()
	damage(t, "weights", dir, part, func(got *recording.Recording) bool {
		return len(got.Spikes) == 1 && len(got.Weights) == 2 && reflect.DeepEqual(spikeGetters(got.Spikes[0]), spikeGetters(p.spk)) &&
			reflect.DeepEqual(weightsGetters(got.Weights[0]), weightsGetters(p.w)) && reflect.DeepEqual(weightsGetters(got.Weights[1]), weightsGetters(p.apre))
	})

	label := "pre → post #0"
	desc := func(first, every int64, rows int, extra string) string {
		return fmt.Sprintf(`[{"recorder":0,"kind":"weights","population":%q,"projection_index":0,"pre":"pre","post":"post","variable":"w","synapses":[0,1],"size":0,"dt_ms":0.1,"every_steps":%d,"first":%d,"rows":%d%s}]`, label, every, first, rows, extra)
	}
	ok := []goodWeight{{0, label, "w", 0, 10, 1, 0.5}, {0, label, "w", 1, 10, 1, 0.5}}
	for _, c := range []struct {
		name string
		rows []goodWeight
		recs string
		want string
	}{
		{"time", []goodWeight{{0, label, "w", 0, 10, 1.5, 0.5}, {0, label, "w", 1, 10, 1.5, 0.5}}, desc(1, 10, 2, ""), "step·dt"},
		{"synapse", []goodWeight{{0, label, "w", 0, 10, 1, 0.5}, {0, label, "w", 5, 10, 1, 0.5}}, desc(1, 10, 2, ""), "synapse 5"},
		{"step", ok, desc(2, 10, 2, ""), "at step 10: want"},
		{"projection", []goodWeight{{0, "x → post #0", "w", 0, 10, 1, 0.5}, {0, "x → post #0", "w", 1, 10, 1, 0.5}}, desc(1, 10, 2, ""), `"x → post #0"`},
		{"variable", []goodWeight{{0, label, "u", 0, 10, 1, 0.5}, {0, label, "u", 1, 10, 1, 0.5}}, desc(1, 10, 2, ""), "u of synapse 0"},
		{"partial sample", ok[:1], desc(1, 10, 1, ""), "not whole samples"},
		{"count", ok, desc(1, 10, 1, ""), "has 2 rows: the file says 1"},
		{"every", ok, desc(1, 0, 2, ""), "every_steps = 0"},
		{"first", ok, desc(-3, 10, 2, ""), "first = -3"},
		{"label", ok, strings.Replace(desc(1, 10, 2, ""), `"pre":"pre"`, `"pre":"other"`, 1), "its pre, post and index make"},
		{"no index", ok, strings.Replace(desc(1, 10, 2, ""), `"projection_index":0,`, "", 1), "projection_index"},
		{"kind", ok, strings.Replace(desc(1, 10, 2, ""), `"kind":"weights"`, `"kind":"state"`, 1), `kind "state"`},
		{"negative synapse", ok, strings.Replace(desc(1, 10, 2, ""), `"synapses":[0,1]`, `"synapses":[0,-1]`, 1), "synapse 1 is -1"},
	} {
		dir, part := fresh()
		kv := map[string]string{"golgi.format": "golgi recording", "golgi.format_version": "1", "golgi.table": "weights", "golgi.recorders": c.recs}
		writeForged(t, part, c.rows, kv)
		_, err := recording.Load(dir)
		wantErr(t, c.name, err, part, c.want)
	}
	// the forged description is right when the rows are: the cases above
	// fail for what they change, not for the template
	dir, part = fresh()
	writeForged(t, part, ok, map[string]string{"golgi.format": "golgi recording", "golgi.format_version": "1", "golgi.table": "weights", "golgi.recorders": desc(1, 10, 2, "")})
	got, err := recording.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if w := got.WeightsOf("pre", "post", "w"); w == nil || !reflect.DeepEqual(w.Values(), [][]float64{{0.5}, {0.5}}) || !reflect.DeepEqual(w.Times(), []float64{1}) {
		t.Errorf("the well-formed forged part loaded as %v", w)
	}
}
