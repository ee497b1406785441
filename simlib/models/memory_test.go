package models_test

import (
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/models"
)

// vaSized is COBA at Scale s (4000·s cells) with k recurrent synapses per
// cell (PConn k/N, kept at every scale), limited to maxMem bytes.
func vaSized(s, k float64, maxMem int64) models.VA {
	p := models.DefaultCOBA()
	p.Scale, p.Workers, p.MaxMemory = s, 1, maxMem
	p.PConn = k / float64(p.N)
	return p
}

var needsGB = regexp.MustCompile(`needs about ([0-9.e+]+) GB`)

// TestVAOverLargeRefused: a network that cannot fit its memory limit is
// refused when it is built, before its tables are allocated, with an error
// that gives the estimate, the limit, the largest part and what to do.
// 10M cells x 1000 synapses is 1e10 synapses: at least 40 GB of 4-byte
// targets alone (the network's count, docs/performance.md "Time to first
// result"), so it cannot fit a limit of 24 GiB; 10M x 100 (at least 4 GB of
// targets) cannot fit 4 GiB. Both are refused while the process has
// allocated no more than a few MB for them.
func TestVAOverLargeRefused(t *testing.T) {
	for _, c := range []struct {
		name    string
		p       models.VA
		limit   string  // the limit as the error prints it (%.3g GB)
		lo, hi  float64 // the estimate, GB: at least the targets, at most 10 % more
		largest string
	}{
		{"10M x 1000 on 24 GiB", vaSized(2500, 1000, 24<<30), "MaxMemory allows 25.8 GB", 40, 44, `projection 0 "exc" -> "exc" (fixed-probability, receptor "exc") with about 6.4e+09 synapses`},
		{"10M x 100 on 4 GiB", vaSized(2500, 100, 4<<30), "MaxMemory allows 4.29 GB", 4, 6.2, `projection 0 "exc" -> "exc" (fixed-probability, receptor "exc") with about 6.4e+08 synapses`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			m, err := models.VANetwork(c.p)
			if err != nil {
				t.Fatalf("VANetwork refused the parameters themselves: %v", err)
			}
			err = m.Build()
			runtime.ReadMemStats(&m1)
			if err == nil {
				t.Fatal("built")
			}
			msg := err.Error()
			for _, want := range []string{c.limit, c.largest, "make the network smaller or raise Options.MaxMemory"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error lacks %q: %s", want, msg)
				}
			}
			mm := needsGB.FindStringSubmatch(msg)
			if mm == nil {
				t.Fatalf("error gives no estimate (needs about ... GB): %s", msg)
			}
			if gb, _ := strconv.ParseFloat(mm[1], 64); gb < c.lo || gb > c.hi {
				t.Errorf("estimate %v GB, want %v to %v GB", gb, c.lo, c.hi)
			}
			// Before allocating: the description of the network only.
			if a := m1.TotalAlloc - m0.TotalAlloc; a > 16<<20 {
				t.Errorf("allocated %d MB before refusing", a>>20)
			}
			// The refused network does not run either, and says why.
			if err := m.Run(1); err == nil {
				t.Error("the refused network ran")
			}
		})
	}
}

// TestVAMaxMemoryBad: a negative limit is refused with the field's name.
func TestVAMaxMemoryBad(t *testing.T) {
	m, err := models.VANetwork(vaSized(0.25, 80, -1))
	if err == nil {
		err = m.Build()
	}
	if err == nil || !strings.Contains(err.Error(), "MaxMemory = -1 bytes") {
		t.Fatalf("MaxMemory -1: got %v", err)
	}
}
