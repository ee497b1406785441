package recording_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/randnet"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording"
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
	rn := randnet.New(r, seed)
	net, dt, subset := rn.Net, rn.DT, rn.Subset
	src, lif := net.Population("src"), net.Population("lif")
	out := run{net: net, spk: record.NewSpikes(src), sub: record.NewSpikes(lif.Select(subset...)),
		vm: record.NewState(lif, "v", subset, dt*float64(r.IntN(5))), ge: record.NewState(lif, "e", []int{0}, 0),
		rate: record.NewRate(src, dt*float64(r.IntN(30))), subset: subset}
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

// sameRecording reports whether got holds r's recorders, every getter
// equal.
func sameRecording(got *recording.Recording, r run) bool {
	if len(got.Spikes) != 2 || len(got.States) != 2 || len(got.Rates) != 1 {
		return false
	}
	return reflect.DeepEqual(spikeGetters(got.Spikes[0]), spikeGetters(r.spk)) &&
		reflect.DeepEqual(spikeGetters(got.Spikes[1]), spikeGetters(r.sub)) &&
		reflect.DeepEqual(stateGetters(got.States[0]), stateGetters(r.vm)) &&
		reflect.DeepEqual(stateGetters(got.States[1]), stateGetters(r.ge)) &&
		reflect.DeepEqual(rateGetters(got.Rates[0]), rateGetters(r.rate))
}
