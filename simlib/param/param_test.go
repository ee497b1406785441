package param_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/param"
)

func TestSteps(t *testing.T) {
	for _, c := range []struct {
		ms    float64
		limit int64
		want  int64
		err   string // substring of the error, "" for none
	}{
		{0, 10, 0, ""},
		{0.04, 10, 0, ""},
		{0.05, 10, 1, ""}, // 0.05/0.1 = 0.5000000000000001 rounds up
		{1, 10, 10, ""},
		{1.04, 10, 10, ""},
		{1.06, 10, 0, "at most 1 ms (10 steps"},
		{-0.1, 10, 0, "must be finite, >= 0"},
		{math.NaN(), 10, 0, "= NaN ms"},
		{math.Inf(1), 10, 0, "= +Inf ms"},
		{1e19, math.MaxInt64, 0, "steps of dt"},  // above MaxSteps: int64 would overflow
		{1e300, math.MaxInt64, 0, "steps of dt"}, // the issue's Run(1e300)
	} {
		got, err := param.Steps("F", c.ms, 0.1, c.limit)
		if c.err == "" {
			if err != nil || got != c.want {
				t.Errorf("Steps(%v): %d, %v; want %d", c.ms, got, err, c.want)
			}
			continue
		}
		var pe *param.Error
		if err == nil || !strings.Contains(err.Error(), c.err) || !strings.HasPrefix(err.Error(), "F = ") || !errors.As(err, &pe) {
			t.Errorf("Steps(%v): %d, %v; want an error with %q", c.ms, got, err, c.err)
		}
	}
	if _, err := param.Steps32("TRef", 1e10, 0.1, math.MaxInt32); err == nil {
		t.Error("Steps32 accepted 1e11 steps")
	}
}

func ExampleSteps() {
	n, err := param.Steps("TRef", 2, 0.1, math.MaxInt32)
	fmt.Println(n, err)
	_, err = param.Steps("TRef", 1e10, 0.1, math.MaxInt32)
	fmt.Println(err)
	// Output:
	// 20 <nil>
	// TRef = 1e+10 ms: must be at most 2.14748e+08 ms (2147483647 steps of dt = 0.1 ms)
}
