package examples

import (
	"context"
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// The soma EPSP of 1 nS against the closed form for an exponential
// synaptic current I0·exp(-t/τs) into a passive membrane (τm, Cm):
// V(t) = I0 τs τm / (Cm (τm - τs)) (exp(-t/τm) - exp(-t/τs)), peaking at
// t* = ln(τm/τs) τs τm / (τm - τs). With I0 = 1 nS × 65 mV (driving force
// at rest), τs = 2 ms, τm = 20 ms, Cm = 1000 pF: 0.10066 mV. The
// conductance synapse loses ~0.15% of driving force at the peak and the
// trace is sampled every 0.025 ms: 1% tolerance.
func TestEPSPClosedForm(t *testing.T) {
	const taus, taum, cm, i0 = 2.0, 20.0, 1000.0, 65.0
	ts := math.Log(taum/taus) * taus * taum / (taum - taus)
	want := i0 * taus * taum / (cm * (taum - taus)) * (math.Exp(-ts/taum) - math.Exp(-ts/taus))
	p := WscaleSpace().Point(0, 1) // weight 1 nS, soma
	if p.Float("weight") != 1 || p.Label("sec") != "soma" {
		t.Fatalf("point 0 is %v", p)
	}
	out, err := EPSP(0.5)(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	got := out.Metrics["epsp_mv"]
	if math.Abs(got-want) > 0.01*want {
		t.Fatalf("EPSP %v mV, closed form %v mV", got, want)
	}
	if l := out.Metrics["loss"]; l != (got-0.5)*(got-0.5) {
		t.Fatalf("loss %v", l)
	}
	// EPSPs scale with the weight, a little less than linearly: the
	// driving force (65 mV at rest) shrinks by at most the EPSP.
	tab, err := sweep.Run(context.Background(), WscaleSpace(), EPSP(0.5), nil)
	if err != nil {
		t.Fatal(err)
	}
	for k := 4; k < tab.Len(); k++ {
		r, base := tab.Rows[k], tab.Rows[k%4]
		w, err := r.Num("weight")
		if err != nil {
			t.Fatal(err)
		}
		ratio := r.Metric("epsp_mv") / base.Metric("epsp_mv") / w
		if ratio > 1 || ratio < 1-r.Metric("epsp_mv")/65 {
			t.Fatalf("point %d: EPSP / (weight × EPSP at 1 nS) = %v, want in [1 - EPSP/65 mV, 1]", k, ratio)
		}
	}
}
