package stimulus_test

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// TestEveryFloatFieldIsChecked: each float64 parameter of every stimulus
// set to NaN, +Inf or -Inf is refused by Validate, naming the field (Stop
// may be +Inf: a window that never ends).
func TestEveryFloatFieldIsChecked(t *testing.T) {
	for _, s := range []stimulus.Stimulus{
		stimulus.DC{Amplitude: 1, Start: 1, Stop: 5}, stimulus.Noise{Mean: 1, SD: 1, Start: 1, Stop: 5},
		stimulus.TimedArray{Values: []float64{1}, DT: 0.1, Start: 1},
	} {
		if err := s.Validate(0.1); err != nil {
			t.Fatalf("%s: %v", s.Kind(), err)
		}
		v := reflect.ValueOf(s)
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.Type.Kind() != reflect.Float64 {
				continue
			}
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				if f.Name == "Stop" && bad > 0 {
					continue
				}
				p := reflect.New(v.Type()).Elem()
				p.Set(v)
				p.Field(i).SetFloat(bad)
				err := p.Interface().(stimulus.Stimulus).Validate(0.1)
				if err == nil || !strings.Contains(err.Error(), f.Name) {
					t.Errorf("%s.%s = %v: error %v, want one naming the field", s.Kind(), f.Name, bad, err)
				}
			}
		}
	}
}
