package models

import (
	"math"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/record"
)

// meanRate returns the mean rate (Hz per neuron) of the spikes of updates
// in (from, to] ms.
func meanRate(sp *record.Spikes, dt, from, to float64) float64 {
	c := 0
	for _, t := range sp.Times() {
		if t > from+dt/2 && t <= to+dt/2 {
			c++
		}
	}
	return float64(c) / float64(sp.Size()) / ((to - from) / 1000)
}

func TestRSFSDefaults(t *testing.T) {
	p := DefaultRSFS()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	// ntwk's AdEx network library, Model dict.
	if p.NExc != 4000 || p.NInh != 1000 || p.NAff != 400 || p.QInhExc != 4 || p.PAffExc != 0.5 || p.Tse != 5 || p.Ei != -80 || p.TStop != 1500 {
		t.Fatalf("DefaultRSFS() = %+v", p)
	}
	if p.Inh.DeltaT != 0.5 || p.Inh.B != 0 || p.Inh.TauW != 1e9 || p.Inh.VSpike != -47.5 || p.Exc.VSpike != -40 {
		t.Fatalf("cells: Exc %+v, Inh %+v", p.Exc, p.Inh)
	}
	// Faff_array = 4 + 4 exp(-(t-1000)²/(2·100²)).
	if p.Faff(1000) != 8 || math.Abs(p.Faff(1100)-(4+4*math.Exp(-0.5))) > 1e-15 {
		t.Fatalf("Faff(1000) = %v, Faff(1100) = %v", p.Faff(1000), p.Faff(1100))
	}
}

func TestRSFSValidate(t *testing.T) {
	for _, tc := range []struct {
		f    func(*RSFS)
		want string
	}{
		{func(p *RSFS) { p.Scale = 0 }, "Scale = 0"},
		{func(p *RSFS) { p.Scale = 2e-4 }, "NInh = 1000: with Scale = 0.0002 this leaves 0 neurons"},
		{func(p *RSFS) { p.QInhExc = -4 }, "QInhExc = -4"},
		{func(p *RSFS) { p.PAffInh = 1.5 }, "PAffInh = 1.5"},
		{func(p *RSFS) { p.AffSigma = 0 }, "AffSigma = 0"},
		{func(p *RSFS) { p.TStop = math.NaN() }, "TStop = NaN"},
	} {
		p := DefaultRSFS()
		tc.f(&p)
		err := p.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want one mentioning %q", err, tc.want)
		}
	}
	// An invalid cell is reported by the engine, naming the population.
	p := DefaultRSFS()
	p.Scale = 0.02
	p.Inh.GLeak = -1
	m, err := RSFSNetwork(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Build(); err == nil || !strings.Contains(err.Error(), `population "Inh" (AdEx): GLeak = -1`) {
		t.Errorf("Build: %v", err)
	}
}

// Scaling keeps expected in-degrees: at Scale 0.1 the recurrent
// projections have p = 0.5 (about 200 inputs per cell from 400 Exc, as
// 0.05 of 4000; 50 from 100 Inh), and the afferents are all-to-all (p
// would be 5) with weight 5 nS.
func TestRSFSScaling(t *testing.T) {
	p := DefaultRSFS()
	p.Scale = 0.1
	m, err := RSFSNetwork(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Build(); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		indeg, w float64
	}{{0.5 * 399, 1}, {0.5 * 400, 1}, {0.5 * 100, 4}, {0.5 * 99, 4}, {40, 5}, {40, 5}}
	for k, pr := range m.Projections() {
		tb := pr.Table()
		n := float64(tb.Len())
		indeg := n / float64(tb.NPost)
		// Binomial count of NPre·NPost (or fewer without autapses) pairs.
		sd := math.Sqrt(n*(1-math.Min(1, indeg/float64(tb.NPre)))) / float64(tb.NPost)
		if math.Abs(indeg-want[k].indeg) > 5*sd+1e-9 {
			t.Errorf("%v: mean in-degree %.2f, want %.1f ± %.2f", pr, indeg, want[k].indeg, sd)
		}
		if w := pr.Weights()[0]; w != want[k].w {
			t.Errorf("%v: weight %v nS, want %v", pr, w, want[k].w)
		}
	}
}

// At Scale 0.1 (400 Exc, 100 Inh, 40 afferents) the network runs the
// seed's 1500 ms with finite rates, and the afferent bump (8 Hz at 1000 ms
// instead of 4 Hz) raises the Exc rate in [900, 1100] ms to more than 1.5
// times its level in [300, 700] ms. (The network alternates between
// active and silent epochs of 100-300 ms, paced by the Exc cells'
// adaptation, so the baseline is averaged over 400 ms.) The run is
// bit-identical with 1 and 2 workers.
func TestRSFSRun(t *testing.T) {
	var fps []string
	for _, w := range []int{1, 2} {
		p := DefaultRSFS()
		p.Scale = 0.1
		p.Workers = w
		m, err := RSFSNetwork(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := m.Run(p.TStop); err != nil {
			t.Fatal(err)
		}
		fps = append(fps, m.Fingerprint())
		if w > 1 {
			continue
		}
		base, bump := meanRate(m.ExcSpikes, p.DT, 300, 700), meanRate(m.ExcSpikes, p.DT, 900, 1100)
		ibase, ibump := meanRate(m.InhSpikes, p.DT, 300, 700), meanRate(m.InhSpikes, p.DT, 900, 1100)
		abase, abump := meanRate(m.AffSpikes, p.DT, 300, 700), meanRate(m.AffSpikes, p.DT, 900, 1100)
		t.Logf("rates (Hz) in [300, 700] / [900, 1100] ms: Exc %.2f / %.2f, Inh %.2f / %.2f, AffExc %.2f / %.2f", base, bump, ibase, ibump, abase, abump)
		for _, r := range []*record.Rate{m.ExcRate, m.InhRate, m.AffRate} {
			_, hz := r.Rates()
			if len(hz) != 15000 {
				t.Fatalf("%d rate bins, want 15000 (one per step)", len(hz))
			}
			for _, x := range hz {
				if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
					t.Fatalf("rate %v", x)
				}
			}
		}
		if !(base > 0) || !(bump > 1.5*base) {
			t.Errorf("Exc rate %.2f Hz in [900, 1100] ms, %.2f Hz in [300, 700] ms: want the bump to raise it by half at least", bump, base)
		}
		if len(m.ExcV.Values()) != 4 || len(m.ExcV.Values()[0]) != 15001 {
			t.Errorf("Exc v trace: %d neurons", len(m.ExcV.Values()))
		}
	}
	if fps[0] != fps[1] {
		t.Errorf("fingerprints differ for 1 and 2 workers: %s, %s", fps[0], fps[1])
	}
}
