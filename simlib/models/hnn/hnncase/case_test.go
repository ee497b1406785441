package hnncase

import (
	"strings"
	"testing"
)

func TestParseAndRun(t *testing.T) {
	cs, err := Parse([]byte(`{"name": "b", "type": "L2_basket", "tstop": 20, "every": 4,
		"iclamp": [{"section": "soma", "x": 0.5, "del": 2, "dur": 10, "amp": 0.3}],
		"record": [{"section": "soma", "x": 0.5, "var": "v"}]}`))
	if err != nil || len(cs) != 1 {
		t.Fatal(cs, err)
	}
	r, err := cs[0].Run()
	if err != nil {
		t.Fatal(err)
	}
	// 20 ms at 0.025 ms is 801 samples with t = 0; every 4th: 201
	if len(r.T) != 201 || len(r.Traces) != 1 || len(r.Traces[0]) != 201 {
		t.Errorf("samples: %d times, %d traces", len(r.T), len(r.Traces))
	}
	if r.Traces[0][0] != -64.9737 {
		t.Errorf("v(0) = %v, want the basket's v0 -64.9737", r.Traces[0][0])
	}
	if len(r.Spikes) == 0 {
		t.Error("0.3 nA for 10 ms: no spike (NEURON: the first at 6.525 ms from t = 5)")
	}
	list, err := Parse([]byte(`[{"name": "a"}, {"name": "b"}]`))
	if err != nil || len(list) != 2 {
		t.Errorf("list: %v %v", list, err)
	}
}

func TestBadCases(t *testing.T) {
	for _, tc := range []struct{ json, want string }{
		{`{"type": "L6_pyramidal", "tstop": 1}`, `"L6_pyramidal"`},
		{`{"type": "L5_pyramidal", "tstop": 1, "events": [{"loc": "oblique", "receptor": "ampa", "weight": 1, "times": [1]}]}`, `location = "oblique"`},
		{`{"type": "L5_pyramidal", "tstop": 1, "record": [{"section": "soma", "x": 0.5, "var": "m_hh"}]}`, `"hh"`},
		{`{"type": "L2_basket", "tstop": 1, "iclamp": [{"section": "axon", "x": 0.5, "del": 0, "dur": 1, "amp": 1}]}`, `"axon"`},
	} {
		cs, err := Parse([]byte(tc.json))
		if err != nil {
			t.Fatal(err)
		}
		_, err = cs[0].Run()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to name %s", tc.json, err, tc.want)
		}
	}
	if _, err := Parse([]byte(`{"name": `)); err == nil {
		t.Error("truncated JSON: no error")
	}
}
