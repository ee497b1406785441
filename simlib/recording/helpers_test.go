package recording_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/stimulus"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

// run is a small network run with one recorder of every kind.
type run struct {
	net    *network.Network
	spk    *record.Spikes
	sub    *record.Spikes
	vm     *record.State
	ge     *record.State
	rate   *record.Rate
	subset []int
}

func (r run) recorders() []network.Recorder {
	return []network.Recorder{r.spk, r.sub, r.vm, r.ge, r.rate}
}

// randomRun builds and runs a random small network: spike sources and
// LIF neurons driven by a DC current, recorded by every kind of recorder.
func randomRun(t testing.TB, seed uint64) run {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	n := 1 + r.IntN(20)
	dt := []float64{0.1, 0.05, 0.025, 0.2}[r.IntN(4)]
	times := make([][]float64, n)
	for i := range times {
		for k := r.IntN(6); k > 0; k-- {
			times[i] = append(times[i], dt*float64(1+r.IntN(200)))
		}
	}
	net := network.New(network.Options{DT: dt, Workers: 1 + r.IntN(3), Seed: seed})
	net.AddPopulation("src", n, neuron.SpikeTimes{Times: times})
	net.AddPopulation("lif", n, neuron.DefaultLIF()).Receptor("e", synapse.CurrExp(5)).Inject(stimulus.DC{Amplitude: 300})
	var subset []int
	for i := 0; i < n; i++ {
		if r.IntN(2) == 0 {
			subset = append(subset, i)
		}
	}
	if len(subset) == 0 {
		subset = []int{n - 1}
	}
	out := run{net: net, spk: record.NewSpikes("src"), sub: record.NewSpikes("lif", subset...),
		vm: record.NewState("lif", "v", subset, dt*float64(r.IntN(5))), ge: record.NewState("lif", "e", []int{0}, 0),
		rate: record.NewRate("src", dt*float64(r.IntN(30))), subset: subset}
	for _, rec := range out.recorders() {
		net.Record(rec)
	}
	if err := net.Run(dt * float64(1+r.IntN(300))); err != nil {
		t.Fatal(err)
	}
	return out
}

func spikeGetters(s *record.Spikes) []any {
	return []any{s.Population(), s.Len(), s.Size(), s.Steps(), s.Indices(), s.Times(), s.Trains(), s.TrainSteps(), s.Counts(), s.Data()}
}

func stateGetters(s *record.State) []any {
	return []any{s.Population(), s.Variable(), s.Interval(), s.Values(), s.Neurons(), s.Times(), s.Digest(), s.Data()}
}

func rateGetters(r *record.Rate) []any {
	t, hz := r.Rates()
	return []any{r.Population(), r.Bin(), t, hz, r.Digest(), r.Data()}
}

// same fails unless every getter of got gives what want's gives (floats
// compared by value; the recorders hold no NaN).
func same(t *testing.T, what string, got, want []any) {
	t.Helper()
	for k := range want {
		if !reflect.DeepEqual(got[k], want[k]) {
			t.Errorf("%s: getter %d: got %s, want %s", what, k, short(got[k]), short(want[k]))
		}
	}
}

// short prints v, cut to a readable length.
func short(v any) string {
	s := fmt.Sprint(v)
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}
