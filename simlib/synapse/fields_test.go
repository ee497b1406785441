package synapse_test

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/synapse"
)

// TestEveryFloatFieldIsChecked: each float64 parameter of every kinetics
// set to NaN, +Inf or -Inf is refused by Validate, naming the field.
func TestEveryFloatFieldIsChecked(t *testing.T) {
	for _, k := range []synapse.Kinetics{synapse.Exp{Tau: 5}, synapse.Alpha{Tau: 5}, synapse.BiExp{Rise: 1, Decay: 5}} {
		v := reflect.ValueOf(k)
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				p := reflect.New(v.Type()).Elem()
				p.Set(v)
				p.Field(i).SetFloat(bad)
				err := p.Interface().(synapse.Kinetics).Validate(0.1)
				if err == nil || !strings.Contains(err.Error(), f.Name) {
					t.Errorf("%s.%s = %v: error %v, want one naming the field", k.Kind(), f.Name, bad, err)
				}
			}
		}
	}
	for _, e := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if err := synapse.CondExp(5, e).Validate(0.1); err == nil || !strings.Contains(err.Error(), "ERev = ") {
			t.Errorf("ERev = %v: error %v", e, err)
		}
	}
}
