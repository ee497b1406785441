package netpyne

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/morph"
)

// WriteJSON then Load gives the same descriptions (geometry defaults
// written out), for a hand-made cell and one from an SWC file.
func TestWriteJSONRoundTrip(t *testing.T) {
	m, err := morph.ReadSWCFile("../morph/testdata/traced.swc")
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultMorphOptions()
	o.Mechs = map[string]Mechs{"soma": {"hh": {"gnabar": 0.1}}}
	swc, err := FromMorphology(m, o)
	if err != nil {
		t.Fatal(err)
	}
	pt := pt5bLiteral()
	v := -70.0
	s := pt.Secs["dendrite"]
	s.Vinit, s.Ions, s.WeightNorm = &v, map[string]Ion{"k": {E: -90, I: 140, O: 5}}, []float64{1, 2}
	s.Mechs = Mechs{"pas": {"e": -70}} // g varies along the section:
	s.SegMechs = map[string]map[string][]float64{"pas": {"g": {1, 2, 3, 4, 5, 6, 7}}}
	pt.Secs["dendrite"] = s
	cells := map[string]CellParams{"PT5B": pt, "swc": swc}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, cells); err != nil {
		t.Fatal(err)
	}
	back, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range cells {
		for sn, sp := range c.Secs { // the defaults come back written out
			if sp.Geom.Nseg == 0 {
				sp.Geom.Nseg = 1
			}
			sp.Geom.L, sp.Geom.Diam = orDefault(sp.Geom.L, DefaultL), orDefault(sp.Geom.Diam, DefaultDiam)
			c.Secs[sn] = sp
		}
		if !reflect.DeepEqual(back[name], c) {
			t.Errorf("%s:\n back %+v\n want %+v", name, back[name], c)
		}
	}
	bad := CellParams{Secs: map[string]SecParams{"a": {Geom: Geom{L: math.Inf(1)}}}}
	if err := WriteJSON(&buf, map[string]CellParams{"x": bad}); err == nil || !strings.Contains(err.Error(), `cell "x"`) {
		t.Errorf("infinite L: err = %v", err)
	}
}
