package cellcase

import (
	"strings"
	"testing"
)

const oneCase = `{"name": "soma", "dt": 0.025, "secondorder": 0, "celsius": 6.3, "v_init": -65, "tstop": 5,
 "sections": [{"name": "soma", "L": 20, "diam": 20, "nseg": 1, "Ra": 100, "cm": 1, "parent_x": 1,
   "mechs": {"hh": {"gnabar": 0.12}}, "ions": {"ena": 55}}],
 "points": [{"label": "syn", "type": "ExpSyn", "sec": "soma", "x": 0.5, "params": {"tau": 2}, "events": [1], "weight": 0.01}],
 "record": [{"sec": "soma", "x": 0.5, "var": "v"}, {"point": "syn", "var": "g"}, {"sec": "soma", "x": 0.5, "var": "ena"}]}`

func TestParseRun(t *testing.T) {
	cs, err := Parse([]byte(oneCase))
	if err != nil || len(cs) != 1 {
		t.Fatal(cs, err)
	}
	r, err := cs[0].Run()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.T) != 201 || len(r.Traces) != 3 {
		t.Fatalf("%d samples, %d traces", len(r.T), len(r.Traces))
	}
	if r.Traces[2][0] != 55 {
		t.Errorf("ena %v, want the case's 55", r.Traces[2][0])
	}
	// the event at 1 ms reaches g at the boundary t = 1 (sample 40), after that sample is recorded
	if r.Traces[1][40] != 0 || r.Traces[1][41] == 0 {
		t.Errorf("g around 1 ms: %v %v", r.Traces[1][40], r.Traces[1][41])
	}
	list, err := Parse([]byte("[" + oneCase + "," + oneCase + "]"))
	if err != nil || len(list) != 2 {
		t.Errorf("list: %v %v", len(list), err)
	}
}

func TestCaseErrors(t *testing.T) {
	for _, k := range []struct{ from, to, want string }{
		{`"hh": {"gnabar": 0.12}`, `"kdr": {}`, `unknown mechanism "kdr"`},
		{`"gnabar": 0.12`, `"gnabr": 0.12`, `unknown parameter "gnabr"`},
		{`"type": "ExpSyn"`, `"type": "AlphaSyn"`, `unknown point process "AlphaSyn"`},
		{`"ena": 55`, `"na": 55`, `use e<ion>`},
	} {
		cs, err := Parse([]byte(strings.Replace(oneCase, k.from, k.to, 1)))
		if err != nil {
			t.Fatal(err)
		}
		_, err = cs[0].Run()
		if err == nil || !strings.Contains(err.Error(), k.want) {
			t.Errorf("%s: %v, want %q", k.to, err, k.want)
		}
	}
}
