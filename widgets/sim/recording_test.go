package sim

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/golgi-sim/golgi/simlib/models"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording"
)

// TestChartsFromLoadedRecording: a recording saved in one notebook cell
// and loaded in the next draws with the usual helpers, without simulating
// again: each chart is the one drawn from the original recorders.
func TestChartsFromLoadedRecording(t *testing.T) {
	rec, err := models.IzhikevichTriad(models.DefaultTriad())
	if err != nil {
		t.Fatal(err)
	}
	rate := record.NewRate(rec.Population("cells"), 10)
	rec.Record(rate)
	if err := rec.Run(300); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "triad")
	// the notebook's cells: save, then load and plot
	if err := recording.Save(dir, rec.Network, rec.Spikes, rec.V, rate); err != nil {
		t.Fatal(err)
	}
	got, err := recording.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	type pair struct {
		name       string
		orig, load func() ([]byte, error)
	}
	option := func(f func() (interface{ Option() []byte }, error)) func() ([]byte, error) {
		return func() ([]byte, error) {
			c, err := f()
			if err != nil {
				return nil, err
			}
			return c.Option(), nil
		}
	}
	for _, p := range []pair{
		{"raster", option(func() (interface{ Option() []byte }, error) { return Raster(rec.Spikes) }),
			option(func() (interface{ Option() []byte }, error) { return Raster(got.SpikesOf("cells")) })},
		{"traces", option(func() (interface{ Option() []byte }, error) { return Traces(rec.V, nil) }),
			option(func() (interface{ Option() []byte }, error) { return Traces(got.StateOf("cells", "v"), nil) })},
		{"rate", option(func() (interface{ Option() []byte }, error) { return Rate([]string{"cells"}, rate) }),
			option(func() (interface{ Option() []byte }, error) { return Rate([]string{"cells"}, got.RateOf("cells")) })},
	} {
		a, err := p.orig()
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.load()
		if err != nil {
			t.Fatalf("%s of the loaded recording: %v", p.name, err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the loaded recording's chart differs from the original's:\n%.300s\n%.300s", p.name, b, a)
		}
	}
}
