package sim

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/models"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/widgets"
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
	rc, err := Rate([]string{"cells"}, rate)
	if err != nil {
		t.Fatal(err)
	}
	// One convention: the chart's times are the recorder's bin starts
	// (0, 10, 20, ... ms), each rate a step over its bin, and one closing
	// point ends the last bin (at 300 ms: 30 bins of 10 ms).
	starts, hz := rate.Rates()
	var ro struct {
		Series []struct {
			Step string       `json:"step"`
			Data [][2]float64 `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(rc.Option(), &ro); err != nil {
		t.Fatal(err)
	}
	d := ro.Series[0].Data
	if ro.Series[0].Step != "end" || len(d) != len(starts)+1 || d[0][0] != starts[0] || d[1][0] != starts[1] || d[len(d)-1][0] != 300 || float32(d[len(d)-1][1]) != float32(hz[len(hz)-1]) {
		t.Errorf("rate chart: step %q, %d points (x %v, %v, … %v), want step \"end\" at the %d bin starts %v, %v, … and 300", ro.Series[0].Step, len(d), d[0][0], d[1][0], d[len(d)-1][0], len(starts), starts[0], starts[1])
	}
	if _, err := Rate([]string{"a", "b"}, rate); err == nil {
		t.Fatal("Rate accepted 2 labels for 1 recorder")
	}
	if _, err := Raster(nil); err == nil {
		t.Fatal("Raster accepted a nil recorder")
	}
	tb := Runs(m.Summary())
	h := tb.HTML()
	if !strings.Contains(h, m.Fingerprint()) {
		t.Fatal("run table lacks the fingerprint")
	}
	// Times with the decimals of the run's dt.
	dur := widgets.FormatTime(m.Summary().Duration, m.Summary().DT)
	if !strings.Contains(h, ">"+dur+"<") {
		t.Errorf("run table does not show the duration as %s:\n%s", dur, h)
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
