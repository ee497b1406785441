package models_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/golgi-sim/golgi/simlib/models"
)

// floatFields returns the paths of every float64 field of v, nested
// structs included.
func floatFields(t reflect.Type, prefix []int, out *[][]int) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		path := append(append([]int(nil), prefix...), i)
		switch f.Type.Kind() {
		case reflect.Float64:
			*out = append(*out, path)
		case reflect.Struct:
			floatFields(f.Type, path, out)
		}
	}
}

// everyField sets each float64 field (nested ones too) of def to NaN, +Inf
// and -Inf in turn and checks that run refuses it.
func everyField[T any](t *testing.T, name string, def T, run func(T, string) error) {
	var paths [][]int
	floatFields(reflect.TypeOf(def), nil, &paths)
	for _, path := range paths {
		for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			p := def
			f := reflect.ValueOf(&p).Elem().FieldByIndex(path)
			f.SetFloat(bad)
			fname := reflect.TypeOf(def).FieldByIndex(path).Name
			if err := run(p, fname); err == nil {
				t.Errorf("%s: field %v (%s) = %v: accepted", name, path, fname, bad)
			}
		}
	}
	if len(paths) < 5 {
		t.Fatalf("%s: only %d float fields found", name, len(paths))
	}
}

// TestEveryFloatFieldIsRefused: NaN or ±Inf in any float parameter of the
// ready-made networks (cells included) is refused, by the builder or when
// the network is built or run for TStop.
func TestEveryFloatFieldIsRefused(t *testing.T) {
	runVA := func(p models.VA, field string) error {
		m, err := models.VANetwork(p)
		if err != nil {
			return err
		}
		d := 1.0
		if field == "TStop" {
			d = p.TStop
		}
		return m.Run(d)
	}
	for _, def := range []models.VA{models.DefaultCOBA(), models.DefaultCUBA()} {
		def.Scale = 0.05
		everyField(t, "VA "+def.Benchmark, def, runVA)
	}
	rs := models.DefaultRSFS()
	rs.Scale = 0.05
	everyField(t, "RSFS", rs, func(p models.RSFS, field string) error {
		m, err := models.RSFSNetwork(p)
		if err != nil {
			return err
		}
		return m.Run(1)
	})
	everyField(t, "Triad", models.DefaultTriad(), func(p models.Triad, field string) error {
		m, err := models.IzhikevichTriad(p)
		if err != nil {
			return err
		}
		return m.Run(1)
	})
}
