package main

import (
	"io"
	"math"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	th, sizes, err := parseArgs([]string{"-threads", "2", "4000", "16000"}, io.Discard)
	if err != nil || th != 2 || len(sizes) != 2 || sizes[0] != 4000 || sizes[1] != 16000 {
		t.Fatalf("%d %v %v: want 2 threads, sizes 4000 16000", th, sizes, err)
	}
	for _, a := range []struct {
		args []string
		want string
	}{
		{nil, "no size"},
		{[]string{"-threads", "0", "10"}, "-threads 0"},
		{[]string{"0"}, `size "0"`},
		{[]string{"1e3"}, `size "1e3"`},
		{[]string{"100000001"}, `size "100000001"`},
	} {
		if _, _, err := parseArgs(a.args, io.Discard); err == nil || !strings.Contains(err.Error(), a.want) {
			t.Errorf("%q: error %v, want one containing %q", a.args, err, a.want)
		}
	}
}

// TestKernels checks the kernels' arithmetic on a few elements.
func TestKernels(t *testing.T) {
	v, x := []float64{1, 2}, []float64{10, 20}
	stream(v, x)
	if v[0] != 0.999*1+0.001*10 || v[1] != 0.999*2+0.001*20 {
		t.Errorf("stream: %v", v)
	}
	ring := make([]float64, 3)
	scatter(ring, []int32{2, 0, 2})
	if ring[0] != 1e-3 || ring[1] != 0 || ring[2] != 2e-3 {
		t.Errorf("scatter: %v", ring)
	}
	if testing.Short() {
		return
	}
	for _, c := range measure(1000, 2) {
		if !(c.PerS > 0) || math.IsInf(c.PerS, 0) || c.N != 1000 || c.Threads != 2 {
			t.Errorf("%+v: want a positive rate at n 1000, 2 threads", c)
		}
	}
}
