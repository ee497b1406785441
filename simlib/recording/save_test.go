package recording_test

import (
	"path/filepath"
	"testing"

	"github.com/golgi-sim/golgi/simlib/recording"
)

// TestSaveRoundTrip is a property test over random small networks: Save
// then Load gives back every recorder of every kind with every getter's
// value exactly (Data, Digest and the summary included), and the
// recorders' digests give the network's fingerprint again.
func TestSaveRoundTrip(t *testing.T) {
	spikes, samples, counts := 0, 0, 0
	for c := uint64(0); c < 30; c++ {
		r := randomRun(t, c)
		dir := filepath.Join(t.TempDir(), "run")
		if err := recording.Save(dir, r.net, r.recorders()...); err != nil {
			t.Fatal(err)
		}
		got, err := recording.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Spikes) != 2 || len(got.States) != 2 || len(got.Rates) != 1 {
			t.Fatalf("case %d: loaded %d spike, %d state, %d rate recorders: want 2, 2, 1", c, len(got.Spikes), len(got.States), len(got.Rates))
		}
		same(t, "spikes", spikeGetters(got.Spikes[0]), spikeGetters(r.spk))
		same(t, "spikes subset", spikeGetters(got.Spikes[1]), spikeGetters(r.sub))
		same(t, "state v", stateGetters(got.States[0]), stateGetters(r.vm))
		same(t, "state e", stateGetters(got.States[1]), stateGetters(r.ge))
		same(t, "rate", rateGetters(got.Rates[0]), rateGetters(r.rate))
		// the digests (the recorders' parts of the fingerprint) are in
		// the getters compared above; the summary comes back as it was
		same(t, "summary", []any{*got.Summary}, []any{r.net.Summary()})
		if got.Summary.Fingerprint != r.net.Fingerprint() || got.Summary.Seed != c {
			t.Errorf("case %d: summary seed %d, fingerprint %s: want %d, %s", c, got.Summary.Seed, got.Summary.Fingerprint, c, r.net.Fingerprint())
		}
		if got.DT != r.net.DT() {
			t.Errorf("case %d: dt %v, want %v", c, got.DT, r.net.DT())
		}
		spikes += r.spk.Len() + r.sub.Len()
		samples += len(r.vm.Times())
		counts += len(r.rate.Data().Counts)
	}
	// the cases must have data, or the test proves nothing
	if spikes == 0 || samples == 0 || counts == 0 {
		t.Fatalf("%d spikes, %d samples, %d rate counts over all cases: want some of each", spikes, samples, counts)
	}
}
