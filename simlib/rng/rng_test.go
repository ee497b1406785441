package rng

import (
	"math"
	"testing"
)

func TestStreamsIndependentAndRepeatable(t *testing.T) {
	a := New(1, 2, 3)
	b := New(1, 2, 3)
	c := New(1, 2, 4)
	d := New(2, 2, 3)
	same, diffC, diffD := true, 0, 0
	for i := 0; i < 100; i++ {
		x, y, z, w := a.Uint64(), b.Uint64(), c.Uint64(), d.Uint64()
		same = same && x == y
		if x != z {
			diffC++
		}
		if x != w {
			diffD++
		}
	}
	if !same || diffC < 99 || diffD < 99 {
		t.Fatalf("same=%v diffC=%d diffD=%d", same, diffC, diffD)
	}
}

func TestFloat64Uniform(t *testing.T) {
	p := PCG(7)
	const n = 200000
	sum, sum2 := 0.0, 0.0
	for i := 0; i < n; i++ {
		x := Float64(&p)
		if x < 0 || x >= 1 {
			t.Fatalf("out of range: %v", x)
		}
		sum += x
		sum2 += x * x
	}
	mean := sum / n
	v := sum2/n - mean*mean
	// Uniform(0,1): mean 1/2, variance 1/12; 5 standard errors.
	if math.Abs(mean-0.5) > 5*math.Sqrt(1.0/12/n) || math.Abs(v-1.0/12) > 0.002 {
		t.Fatalf("mean %v var %v", mean, v)
	}
}
