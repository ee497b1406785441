package neuron_test

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/scheme"
)

// TestEveryFloatFieldIsChecked: for every model, each float64 parameter
// set to NaN, +Inf or -Inf is refused by Validate with an error naming
// that field. A field added later without a check fails here.
func TestEveryFloatFieldIsChecked(t *testing.T) {
	for _, m := range []neuron.Model{
		neuron.DefaultLIF(), neuron.DefaultAdEx(), neuron.DefaultIzhikevich(), neuron.DefaultHH(),
		neuron.PoissonSource{Rate: 5, Start: 1, Stop: 10}, neuron.GaussianDrive{Mu: 5, Sigma: 1, NumSpikes: 2},
	} {
		if err := m.Validate(0.01, m.DefaultMethod()); err != nil {
			t.Fatalf("%s defaults: %v", m.Kind(), err)
		}
		v := reflect.ValueOf(m)
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.Type.Kind() != reflect.Float64 {
				continue
			}
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				p := reflect.New(v.Type()).Elem()
				p.Set(v)
				p.Field(i).SetFloat(bad)
				err := p.Interface().(neuron.Model).Validate(0.01, scheme.Default.Resolve(m.DefaultMethod()))
				if err == nil {
					t.Errorf("%s.%s = %v: accepted", m.Kind(), f.Name, bad)
					continue
				}
				if !strings.Contains(err.Error(), f.Name) {
					t.Errorf("%s.%s = %v: error %q does not name the field", m.Kind(), f.Name, bad, err)
				}
			}
		}
	}
}
