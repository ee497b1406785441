package sim

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/models"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/sweep"
)

func TestChartsFromRecorders(t *testing.T) {
	m, err := models.IzhikevichTriad(models.DefaultTriad())
	if err != nil {
		t.Fatal(err)
	}
	rate := record.NewRate(m.Population("cells"), 10)
	m.Record(rate)
	if err := m.Run(300); err != nil {
		t.Fatal(err)
	}
	r, err := Raster(m.Spikes)
	if err != nil {
		t.Fatal(err)
	}
	// 12 spikes: engine_order_spike_steps of simlib/models/testdata/izhikevich_triad.json.
	if !strings.Contains(string(r.Option()), "12 spikes") {
		t.Fatalf("raster subtitle does not count the triad's 12 spikes: %.300s", r.Option())
	}
	tr, err := Traces(m.V, nil)
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		Series []struct {
			Name string          `json:"name"`
			Data json.RawMessage `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(tr.Option(), &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Series) != 3 || opt.Series[2].Name != "neuron 2" {
		t.Fatalf("traces: %d series, want 3 named by neuron", len(opt.Series))
	}
	if _, err := Rate([]string{"cells"}, rate); err != nil {
		t.Fatal(err)
	}
	if _, err := Rate([]string{"a", "b"}, rate); err == nil {
		t.Fatal("Rate accepted 2 labels for 1 recorder")
	}
	if _, err := Raster(nil); err == nil {
		t.Fatal("Raster accepted a nil recorder")
	}
	tb := Runs(m.Summary())
	if h := tb.HTML(); !strings.Contains(h, m.Fingerprint()) {
		t.Fatal("run table lacks the fingerprint")
	}
}

func TestProgressAndResults(t *testing.T) {
	m, err := models.IzhikevichTriad(models.DefaultTriad())
	if err != nil {
		t.Fatal(err)
	}
	cb := RunProgress()
	m.SetProgress(cb)
	if err := m.Run(50); err != nil {
		t.Fatal(err)
	}
	space := sweep.Grid(sweep.Values("w", 1, 2, 3))
	var last sweep.Progress
	sp := SweepProgress()
	tb, err := sweep.Run(context.Background(), space, func(ctx context.Context, p sweep.Point) (sweep.Output, error) {
		return sweep.Output{Metrics: sweep.Metrics{"double": 2 * p.Float("w")}}, nil
	}, &sweep.Options{Workers: 1, Progress: func(p sweep.Progress) { last = p; sp(p) }})
	if err != nil {
		t.Fatal(err)
	}
	if last.Done != 3 {
		t.Fatalf("last sweep progress %+v, want 3 done", last)
	}
	rt, err := Results(tb)
	if err != nil {
		t.Fatal(err)
	}
	h := rt.HTML()
	for _, want := range []string{"double", ">w<", ">6<"} {
		if !strings.Contains(h, want) {
			t.Fatalf("results table lacks %q", want)
		}
	}
}
