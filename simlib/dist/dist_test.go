package dist

import (
	"math"
	"math/rand/v2"
	"testing"
)

func moments(d Dist, n int) (mean, sd float64) {
	r := rand.New(rand.NewPCG(1, 2))
	s, s2 := 0.0, 0.0
	for i := 0; i < n; i++ {
		x := d.Draw(r)
		s += x
		s2 += x * x
	}
	mean = s / float64(n)
	return mean, math.Sqrt(s2/float64(n) - mean*mean)
}

func TestMoments(t *testing.T) {
	const n = 200000
	cases := []struct {
		d        Dist
		mean, sd float64 // closed forms
	}{
		{Const(3), 3, 0},
		{Uniform{-60, -50}, -55, 10 / math.Sqrt(12)},
		{Normal{Mean: 4, SD: 1}, 4, 1},
		// lognormal: mean exp(mu+s²/2), var (exp(s²)-1)exp(2mu+s²)
		{LogNormal{Mu: 0, Sigma: 0.5}, math.Exp(0.125), math.Sqrt((math.Exp(0.25) - 1) * math.Exp(0.25))},
	}
	for _, c := range cases {
		if err := c.d.Validate(); err != nil {
			t.Fatal(err)
		}
		m, s := moments(c.d, n)
		tol := 5*c.sd/math.Sqrt(n) + 1e-12
		if math.Abs(m-c.mean) > tol || math.Abs(s-c.sd) > 0.01*c.sd+1e-12 {
			t.Errorf("%v: mean %v sd %v, want %v %v", c.d, m, s, c.mean, c.sd)
		}
	}
}

func TestNormalClip(t *testing.T) {
	d := Normal{Mean: 0, SD: 1, Low: 0, High: math.Inf(1)}
	r := rand.New(rand.NewPCG(3, 4))
	zeros := 0
	for i := 0; i < 10000; i++ {
		x := d.Draw(r)
		if x < 0 {
			t.Fatalf("clipped normal gave %v", x)
		}
		if x == 0 {
			zeros++
		}
	}
	if zeros < 4500 || zeros > 5500 { // half the mass is clipped to 0
		t.Fatalf("%d of 10000 clipped to 0, want about 5000", zeros)
	}
}

func TestValidate(t *testing.T) {
	bad := []Dist{Const(math.NaN()), Uniform{1, 0}, Normal{Mean: 0, SD: -1}, LogNormal{Sigma: math.Inf(1)}, Normal{SD: 1, Low: 2, High: 1}}
	for _, d := range bad {
		if d.Validate() == nil {
			t.Errorf("%v: Validate accepted it", d)
		}
	}
}
