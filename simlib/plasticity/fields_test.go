package plasticity_test

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/plasticity"
)

// Every float field of every rule refuses NaN and ±Inf with an error
// naming it (so a field added later cannot be forgotten by Validate).
func TestEveryFloatFieldIsRefused(t *testing.T) {
	for _, r := range []plasticity.Rule{plasticity.DefaultPair(), plasticity.DefaultTriplet(), plasticity.DefaultTsodyksMarkram()} {
		if err := r.Validate(0.1); err != nil {
			t.Fatalf("%s defaults refused: %v", r.Kind(), err)
		}
		v := reflect.ValueOf(r)
		n := 0
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if f.Type.Kind() != reflect.Float64 {
				continue
			}
			n++
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				c := reflect.New(v.Type()).Elem()
				c.Set(v)
				c.Field(i).SetFloat(bad)
				err := c.Interface().(plasticity.Rule).Validate(0.1)
				if err == nil || !strings.Contains(err.Error(), f.Name+" = ") {
					t.Errorf("%s.%s = %v: error %v, want one naming the field", r.Kind(), f.Name, bad, err)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no float fields found", r.Kind())
		}
	}
}
