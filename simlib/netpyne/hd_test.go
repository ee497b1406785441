package netpyne_test

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/golgi-sim/golgi/simlib/cell/cellcase"
)

// hd (mech.HD) in a one-compartment cell against the independent Python
// implementation of h_migliore.mod's equations and NEURON's fixed step in
// compare/hd_reference.py (NEURON itself has no hd here): v within 1e-9 mV
// and l within 1e-10 (the script measured 9e-14 mV and 6e-17).
func TestHDAgainstPythonReference(t *testing.T) {
	b, err := os.ReadFile("testdata/hd_reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []struct {
			cellcase.Case
			Ref struct {
				Stride int       `json:"stride"`
				V      []float64 `json:"v"`
				L      []float64 `json:"l"`
			} `json:"ref"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) != 2 {
		t.Fatalf("%d cases, want 2", len(f.Cases))
	}
	for _, c := range f.Cases {
		res, err := c.Run()
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		ref := c.Ref
		ls := ref.L
		if len(ref.V) == 0 || len(ls) != len(ref.V) {
			t.Fatalf("%s: reference has %d v and %d l samples", c.Name, len(ref.V), len(ls))
		}
		var dv, dl float64
		for j := range ref.V {
			i := j * ref.Stride
			dv = math.Max(dv, math.Abs(res.Traces[0][i]-ref.V[j]))
			dl = math.Max(dl, math.Abs(res.Traces[1][i]-ls[j]))
		}
		// The reference is saved with 12 significant digits (1e-10 mV at 100 mV).
		if dv > 1e-9 || dl > 1e-10 {
			t.Errorf("%s: max |dv| = %.3g mV, max |dl| = %.3g", c.Name, dv, dl)
		}
	}
}
