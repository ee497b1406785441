package models

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// The seed's grid (4 sections x 0.001, 0.002, 0.003 µS, target 5 mV): the
// best point is the dendrite at 0.003 µS, and each section's EPSP grows
// with the weight while it stays below threshold. The EPSP values are
// golgi's (hd has no NEURON reference on this machine; the same cell
// without hd is compared with NEURON in compare/neuron_cells_morph.py and
// pinned in simlib/netpyne's tests).
func TestWscaleSeedGrid(t *testing.T) {
	if testing.Short() {
		t.Skip("12 runs of 1 s of simulated time")
	}
	w := DefaultWscale()
	tab, err := w.Run(context.Background(), &sweep.Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := WscaleResultsOf(tab)
	if err != nil {
		t.Fatal(err)
	}
	if res.Best.Sec != "dendrite" || res.Best.Weight != 0.003 {
		t.Fatalf("best %+v, want dendrite at 0.003 µS", res.Best)
	}
	if math.Abs(res.Best.EPSP-5) > 0.05 {
		t.Errorf("best EPSP %v mV, want within 0.05 mV of the 5 mV target", res.Best.EPSP)
	}
	for i := 0; i < len(res.Results); i += 3 {
		a, b, c := res.Results[i], res.Results[i+1], res.Results[i+2]
		if a.PT5B == 0 && b.PT5B == 0 && !(a.EPSP > 0 && b.EPSP > a.EPSP) {
			t.Errorf("%s: EPSP %v, %v mV at %v, %v µS: want positive and growing", a.Sec, a.EPSP, b.EPSP, a.Weight, b.Weight)
		}
		if c.PT5B == 0 && !(c.EPSP > b.EPSP) {
			t.Errorf("%s: EPSP %v -> %v mV: want growing", c.Sec, b.EPSP, c.EPSP)
		}
		if a.Loss != (a.EPSP-5)*(a.EPSP-5) || a.PT5BLoss != a.Loss {
			t.Errorf("%s: loss %v for EPSP %v", a.Sec, a.Loss, a.EPSP)
		}
	}
	// A part of the table (as a shard of a cluster run holds): the best of
	// the part, found by index.
	part, err := WscaleResultsOf(tab.Filter(func(r sweep.Result) bool { return r.Index >= 6 }))
	if err != nil || len(part.Results) != 6 || part.Best.Sec != "axon_0" || part.Best.Weight != 0.002 {
		t.Errorf("part of the grid: best %+v (%v), want axon_0 at 0.002 µS", part.Best, err)
	}
	if _, err := WscaleResultsOf(sweep.NewTable([]sweep.Dim{{Name: "x"}}, nil)); err == nil {
		t.Error("a table of another sweep accepted")
	}
	// One worker or two: the same bits.
	one, err := w.Run(context.Background(), &sweep.Options{Seed: 1, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if d := tab.Diff(one); d != "" {
		t.Fatalf("1 worker differs from the default: %s", d)
	}
	var buf bytes.Buffer
	if err := res.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back WscaleResults
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || len(back.Results) != 12 || back.Best != res.Best {
		t.Fatalf("results.json round trip: %v %+v", err, back.Best)
	}
	path := filepath.Join(t.TempDir(), "results", "results.json")
	if err := res.SaveJSON(path); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || !bytes.Equal(b, buf.Bytes()) {
		t.Errorf("SaveJSON wrote %d bytes (%v), want the %d of WriteJSON", len(b), err, buf.Len())
	}
	for _, key := range []string{`"sec"`, `"weight"`, `"PT5B"`, `"PT5B_loss"`, `"loss"`, `"best"`} {
		if !strings.Contains(buf.String(), key) {
			t.Errorf("results.json has no %s", key)
		}
	}
}

func TestWscaleBadInput(t *testing.T) {
	cases := []struct {
		name string
		f    func(*Wscale)
		want string
	}{
		{"unknown section", func(w *Wscale) { w.Sections = append(w.Sections, "apic") }, `"apic" is not a section`},
		{"no target", func(w *Wscale) { delete(w.Target, "soma") }, `Target["soma"]`},
		{"negative weight", func(w *Wscale) { w.Weights = []float64{-1} }, "-1 µS"},
		{"NaN weight", func(w *Wscale) { w.Weights = []float64{math.NaN()} }, "NaN µS"},
		{"loc", func(w *Wscale) { w.Loc = 1.5 }, "Loc = 1.5"},
		{"window", func(w *Wscale) { w.Window = [2]float64{900, 700} }, "Window"},
		{"event outside", func(w *Wscale) { w.Event = 950 }, "Event = 950"},
		{"empty", func(w *Wscale) { w.Weights = nil }, "must not be empty"},
	}
	for _, c := range cases {
		w := DefaultWscale()
		c.f(&w)
		_, err := w.Run(context.Background(), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", c.name, err, c.want)
		}
	}
	if _, err := DefaultWscale().Simulate(context.Background(), "apic", 0.001); err == nil {
		t.Error("Simulate on an unknown section: no error")
	}
}

// Linear EPSPs (e = k·w) give back w = target/k exactly; spiking points
// are skipped; an unbracketed target is NaN with a reason.
func TestWscaleWeights(t *testing.T) {
	w := DefaultWscale()
	w.Sections = []string{"soma", "dendrite", "axon_0"}
	r := WscaleResults{Results: []WscaleResult{
		{Sec: "soma", Weight: 0.001, EPSP: 2.5}, {Sec: "soma", Weight: 0.002, EPSP: 5.5}, {Sec: "soma", Weight: 0.003, EPSP: 100, PT5B: 1},
		{Sec: "dendrite", Weight: 0.002, EPSP: 4}, {Sec: "dendrite", Weight: 0.001, EPSP: 2},
		{Sec: "axon_0", Weight: 0.001, EPSP: 6},
	}}
	got, err := w.WscaleWeights(r)
	if err != nil {
		t.Fatal(err)
	}
	// soma: between (0.001, 2.5) and (0.002, 5.5): 0.001 + 2.5/3·0.001.
	if want := 0.001 + 2.5/3*0.001; math.Abs(got[0].Weight-want) > 1e-15 {
		t.Errorf("soma weight %v, want %v", got[0].Weight, want)
	}
	if !math.IsNaN(got[1].Weight) || !strings.Contains(got[1].Reason, "largest 4 mV at 0.002") {
		t.Errorf("dendrite %+v: want NaN, the target above the grid", got[1])
	}
	// axon_0: between the origin and (0.001, 6): 5/6·0.001.
	if want := 5.0 / 6 * 0.001; math.Abs(got[2].Weight-want) > 1e-15 {
		t.Errorf("axon_0 weight %v, want %v", got[2].Weight, want)
	}
}
