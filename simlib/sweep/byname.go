package sweep

import (
	"fmt"
	"slices"
	"strings"
)

// Num returns the value called name of the point: a parameter's (a label
// parameter's position in its labels), else a metric's. A name that is
// neither, or a metric the point does not have (it failed, or is not
// computed yet), is an error naming the point and what it has. A metric
// named like a parameter is reached with Metric.
//
//	for _, r := range tab.Rows {
//		w, err := r.Num("w_exc")
//		...
//	}
func (r Result) Num(name string) (float64, error) {
	if k := r.param(name); k >= 0 {
		return r.Values[k].Num, nil
	}
	if v, ok := r.Metrics[name]; ok {
		return v, nil
	}
	return 0, r.unknown(name)
}

// Label returns the label of the label parameter called name ("" for a
// numeric parameter); an unknown name is an error naming what the point
// has.
func (r Result) Label(name string) (string, error) {
	if k := r.param(name); k >= 0 {
		return r.Values[k].Label, nil
	}
	return "", r.unknown(name)
}

func (r Result) param(name string) int {
	return slices.IndexFunc(r.Values, func(v Value) bool { return v.Name == name })
}

// unknown is the error of a name the point has no value for.
func (r Result) unknown(name string) error {
	var params []string
	for _, v := range r.Values {
		params = append(params, v.Name)
	}
	metrics := make([]string, 0, len(r.Metrics))
	for m := range r.Metrics {
		metrics = append(metrics, m)
	}
	slices.Sort(metrics)
	has := fmt.Sprintf("parameters %s; metrics %s", list(params), list(metrics))
	if r.Status != Done {
		why := string(r.Status)
		if r.Err != "" {
			why += ": " + r.Err
		}
		return fmt.Errorf("sweep: point %d has no parameter or metric %q: it is %s (it has %s)", r.Index, name, why, has)
	}
	return fmt.Errorf("sweep: point %d has no parameter or metric %q (it has %s)", r.Index, name, has)
}

func list(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	q := make([]string, len(names))
	for k, n := range names {
		q[k] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
