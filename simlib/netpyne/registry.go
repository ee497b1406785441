package netpyne

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/golgi-sim/golgi/simlib/cell/mech"
)

// Registry maps mechanism suffixes to their default parameter values; a
// NetPyNE mechs entry starts from the default and sets the parameters it
// names.
type Registry struct {
	defaults map[string]mech.Density
}

// DefaultRegistry knows NEURON's pas and hh and the hd of NetPyNE's M1
// models.
func DefaultRegistry() Registry {
	r := Registry{defaults: map[string]mech.Density{}}
	r.Add(mech.DefaultPas())
	r.Add(mech.DefaultHH())
	r.Add(mech.DefaultHD())
	return r
}

// Add registers a mechanism by its Name with d as its defaults. Its
// parameters must be float64 fields of a struct; NetPyNE's names match
// them case-insensitively, or by a field tag `nrn:"name"`.
func (r Registry) Add(d mech.Density) {
	r.defaults[d.Name()] = d
}

// Names lists the registered suffixes, sorted.
func (r Registry) Names() []string {
	var out []string
	for k := range r.defaults {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// New returns mechanism name with the given parameters set on its defaults.
func (r Registry) New(name string, params map[string]float64) (mech.Density, error) {
	d, ok := r.defaults[name]
	if !ok {
		return nil, fmt.Errorf("unknown mechanism %q (known: %s; add your own with Registry.Add)", name, strings.Join(r.Names(), ", "))
	}
	if len(params) == 0 {
		return d, nil
	}
	rv := reflect.ValueOf(d)
	ptr := rv.Kind() == reflect.Pointer
	if ptr {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil, fmt.Errorf("mechanism %q: its parameters are a %s, not a struct: cannot set %v", name, rv.Kind(), keys(params))
	}
	v := reflect.New(rv.Type()).Elem()
	v.Set(rv)
	fields := map[string]int{}
	var allowed []string
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Float64 {
			continue
		}
		n := strings.ToLower(f.Name)
		if tag := f.Tag.Get("nrn"); tag != "" {
			n = strings.ToLower(tag)
		}
		fields[n] = i
		allowed = append(allowed, n)
	}
	sort.Strings(allowed)
	for _, k := range keys(params) {
		i, ok := fields[strings.ToLower(k)]
		if !ok {
			return nil, fmt.Errorf("mechanism %q: unknown parameter %q (allowed: %s)", name, k, strings.Join(allowed, ", "))
		}
		v.Field(i).SetFloat(params[k])
	}
	if ptr {
		return v.Addr().Interface().(mech.Density), nil
	}
	return v.Interface().(mech.Density), nil
}

func keys(m map[string]float64) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
