package cell_test

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"math"
	"os"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell/cellcase"
)

// neuronFile is testdata/neuron_cells.json.gz: NEURON 8.2's traces for the
// cases of compare/neuron_cells.py (see testdata/README.md).
type neuronFile struct {
	Provenance map[string]string `json:"provenance"`
	Cases      []struct {
		cellcase.Case
		Epsp *struct {
			Trace int     `json:"trace"`
			T0    float64 `json:"t0"`
		} `json:"epsp"`
		Neuron struct {
			TN     int         `json:"t_n"`
			Traces [][]float64 `json:"traces"`
			Spikes []float64   `json:"spikes"`
		} `json:"neuron"`
	} `json:"cases"`
}

func epspAmp(t, v []float64, t0 float64) float64 {
	i0 := 0
	for i := range t {
		if math.Abs(t[i]-t0) < math.Abs(t[i0]-t0) {
			i0 = i
		}
	}
	peak := v[i0]
	for _, x := range v[i0:] {
		peak = math.Max(peak, x)
	}
	return peak - v[i0]
}

// TestNEURON runs every case of compare/neuron_cells.py and compares with
// NEURON's traces stored in testdata. The targets are 0.05 mV,
// 0.1 % on sub-threshold EPSPs and one dt on spike times; golgi measured
// at most 1.3e-10 mV (the script's table, docs/validation.md), so the
// test holds it to 1e-6 mV (the stored traces have 10 significant digits,
// about 1e-8 mV), 1e-6 relative on EPSPs and 1e-9 ms on spike times
// (NEURON stamps spikes 1e-10 ms late).
func TestNEURON(t *testing.T) {
	fh, err := os.Open("testdata/neuron_cells.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	zr, err := gzip.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var f neuronFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) < 20 {
		t.Fatalf("only %d cases in testdata", len(f.Cases))
	}
	for _, c := range f.Cases {
		t.Run(c.Name, func(t *testing.T) {
			if testing.Short() && len(f.Cases) > 0 && c.TStop > 60 {
				t.Skip("long case")
			}
			r, err := c.Case.Run()
			if err != nil {
				t.Fatal(err)
			}
			if len(r.T) != c.Neuron.TN {
				t.Fatalf("%d samples, NEURON %d", len(r.T), c.Neuron.TN)
			}
			for i, tr := range r.Traces {
				d := cellcase.MaxAbsDiff(tr, c.Neuron.Traces[i])
				if !(d <= 1e-6) {
					t.Errorf("trace %d (%+v): max |Δ| = %g, want <= 1e-6", i, c.Record[i], d)
				}
			}
			if c.Epsp != nil {
				an := epspAmp(r.T, c.Neuron.Traces[c.Epsp.Trace], c.Epsp.T0)
				ag := epspAmp(r.T, r.Traces[c.Epsp.Trace], c.Epsp.T0)
				if rel := math.Abs(ag-an) / an; !(rel <= 1e-6) {
					t.Errorf("EPSP %g mV, NEURON %g mV: relative error %g", ag, an, rel)
				}
			}
			if c.Detector != nil {
				if len(r.Spikes) != len(c.Neuron.Spikes) {
					t.Fatalf("spikes %v, NEURON %v", r.Spikes, c.Neuron.Spikes)
				}
				for i := range r.Spikes {
					if d := math.Abs(r.Spikes[i] - c.Neuron.Spikes[i]); d > 1e-9 {
						t.Errorf("spike %d at %v, NEURON %v", i, r.Spikes[i], c.Neuron.Spikes[i])
					}
				}
			}
		})
	}
}
