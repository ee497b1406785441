package connect

import (
	"math"
	"testing"
)

// The random rules are checked against their closed-form distributions.
// Every bound is five standard deviations (or the chi-square quantiles at
// z = ±5), so a correct rule fails with probability below 1e-5 per check;
// the seeds are fixed, so the tests are deterministic.

// meanVar returns the mean and the unbiased variance of xs.
func meanVar(xs []int) (mean, variance float64) {
	for _, x := range xs {
		mean += float64(x)
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		d := float64(x) - mean
		variance += d * d
	}
	return mean, variance / float64(len(xs)-1)
}

// chiSquareBounds returns the quantiles of the chi-square distribution with
// df degrees of freedom at z = -5 and z = +5 standard normal deviations, by
// the Wilson–Hilferty approximation (Johnson, Kotz & Balakrishnan,
// Continuous Univariate Distributions vol. 1, eq. 18.24). For 99 df it
// gives [43.6, 186.3]; scipy.stats.chi2.ppf(norm.cdf(∓5), 99) gives
// [43.8, 186.0].
func chiSquareBounds(df float64) (lo, hi float64) {
	a, s := 1-2/(9*df), math.Sqrt(2/(9*df))
	return df * math.Pow(a-5*s, 3), df * math.Pow(a+5*s, 3)
}

// exchangeableChiSquare returns Σ(c_i - E)²·(n-1)/(n·V) for n exchangeable
// counts with a fixed sum, each of mean E and variance V: their covariance
// is then V·n/(n-1)·(I - 11ᵀ/n), so the statistic is approximately
// chi-square with n-1 degrees of freedom (the multinomial case, V = E(1-1/n),
// is Pearson's statistic).
func exchangeableChiSquare(counts []int, e, v float64) float64 {
	n := float64(len(counts))
	x := 0.0
	for _, c := range counts {
		d := float64(c) - e
		x += d * d
	}
	return x * (n - 1) / (n * v)
}

// checkUniform fails the test when the exchangeable chi-square of counts
// (each of mean e and variance v) is outside its z = ±5 quantiles.
func checkUniform(t *testing.T, what string, counts []int, e, v float64) {
	t.Helper()
	x := exchangeableChiSquare(counts, e, v)
	df := float64(len(counts) - 1)
	lo, hi := chiSquareBounds(df)
	t.Logf("chi-square over %s %.1f, bounds [%.1f, %.1f] (%v df)", what, x, lo, hi, df)
	if x < lo || x > hi {
		t.Errorf("chi-square over %s %.1f, want within [%.1f, %.1f] (%v df)", what, x, lo, hi, df)
	}
}

// FixedProbability p = 0.02 on 4000 x 4000 (the PyNN/Brunel benchmark
// size): the synapse count is Binomial(pairs, p); each target's in-degree
// and each source's out-degree are Binomial(4000 or 3999, p), independent
// across targets.
func TestFixedProbabilityStatistics(t *testing.T) {
	const n, p = 4000, 0.02
	for _, same := range []bool{false, true} {
		tab := build(t, FixedProbability{P: p}, n, n, same, 2024)
		pairs, trials := float64(n)*n, float64(n)
		if same {
			pairs -= n
			trials--
		}
		// Total: mean pairs·p = 320000, sd sqrt(pairs·p·(1-p)) = 560.
		mean, sd := pairs*p, math.Sqrt(pairs*p*(1-p))
		t.Logf("same=%v: %d synapses, binomial mean %v sd %.1f", same, tab.Len(), mean, sd)
		if got := float64(tab.Len()); math.Abs(got-mean) > 5*sd {
			t.Errorf("same=%v: %v synapses, want %v ± 5·%v", same, got, mean, sd)
		}
		if a := autapses(tab); same && a != 0 {
			t.Errorf("same=%v: %d autapses", same, a)
		}
		// Degrees: Binomial(trials, p) has mean trials·p, variance
		// σ² = trials·p·(1-p). Over n samples the mean has standard error
		// σ/√n and the sample variance σ²·√((2 + (1-6pq)/σ²)/n) (the
		// binomial's fourth central moment is σ⁴(3 + (1-6pq)/σ²)).
		out, in := degrees(tab)
		for name, ds := range map[string][]int{"in": in, "out": out} {
			m, v := meanVar(ds)
			mu, s2 := trials*p, trials*p*(1-p)
			seMean := math.Sqrt(s2 / n)
			seVar := s2 * math.Sqrt((2+(1-6*p*(1-p))/s2)/n)
			t.Logf("same=%v: %s-degree mean %.3f (want %.3f ± %.3f), variance %.3f (want %.3f ± %.3f)", same, name, m, mu, 5*seMean, v, s2, 5*seVar)
			if math.Abs(m-mu) > 5*seMean || math.Abs(v-s2) > 5*seVar {
				t.Errorf("same=%v: %s-degree mean %.3f variance %.3f, want %.3f ± %.3f and %.3f ± %.3f",
					same, name, m, v, mu, 5*seMean, s2, 5*seVar)
			}
		}
	}
}

// The geometric skips reach every column alike, the first and the last
// included: with 20000 rows of 5 columns and p = 0.3, each column's count is
// Binomial(20000, 0.3): mean 6000, sd √4200 = 64.8.
func TestFixedProbabilityColumns(t *testing.T) {
	const rows, cols, p = 20000, 5, 0.3
	_, in := degrees(build(t, FixedProbability{P: p}, rows, cols, false, 8))
	mean, sd := rows*p, math.Sqrt(rows*p*(1-p))
	for j, c := range in {
		if math.Abs(float64(c)-mean) > 5*sd {
			t.Errorf("column %d has %d synapses, want %v ± 5·%.1f", j, c, mean, sd)
		}
	}
	// p close to 1: the skips are mostly zero; the connected fraction of
	// the 1e5 pairs is Binomial(1e5, 0.999)/1e5, sd √(0.999·0.001/1e5).
	tab := build(t, FixedProbability{P: 0.999}, rows, cols, false, 8)
	if full := float64(tab.Len()) / (rows * cols); math.Abs(full-0.999) > 5*math.Sqrt(0.999*0.001/(rows*cols)) {
		t.Errorf("p = 0.999: fraction of pairs connected %v", full)
	}
}

// FixedInDegree draws each target's K sources uniformly: over 10000
// targets with K = 10 of 100 sources, source i's out-degree is
// Binomial(10000, 0.1) (mean 1000, variance 900) and the counts sum to
// K·nPost, so the exchangeable chi-square has 99 degrees of freedom.
func TestFixedInDegreeUniformSources(t *testing.T) {
	const nPre, nPost, k = 100, 10000, 10
	out, in := degrees(build(t, FixedInDegree{K: k}, nPre, nPost, false, 77))
	for j, d := range in {
		if d != k {
			t.Fatalf("target %d has in-degree %d", j, d)
		}
	}
	p := float64(k) / nPre
	checkUniform(t, "sources", out, nPost*p, nPost*p*(1-p))
}

// FixedOutDegree, by symmetry: targets are uniform over each source's K.
func TestFixedOutDegreeUniformTargets(t *testing.T) {
	const nPre, nPost, k = 10000, 100, 10
	_, in := degrees(build(t, FixedOutDegree{K: k}, nPre, nPost, false, 78))
	p := float64(k) / nPost
	checkUniform(t, "targets", in, nPre*p, nPre*p*(1-p))
}

// With a population onto itself and no autapses, source i can be drawn by
// every target but i: each source still has mean out-degree K.
func TestFixedInDegreeSameUniform(t *testing.T) {
	const n, k = 200, 20
	out, _ := degrees(build(t, FixedInDegree{K: k}, n, n, true, 79))
	// Each of the n-1 other columns picks source i with probability
	// K/(n-1): mean K, variance K(1 - K/(n-1)).
	p := float64(k) / (n - 1)
	checkUniform(t, "sources", out, k, (n-1)*p*(1-p))
}

// FixedTotal draws N pairs uniformly without replacement among all pairs:
// a source's count is hypergeometric, N draws from A = nPre·nPost pairs of
// which nPost are its own: mean N·q, variance N·q(1-q)(A-N)/(A-1) with
// q = nPost/A; likewise for targets.
func TestFixedTotalUniform(t *testing.T) {
	const nPre, nPost, total = 300, 200, 30000
	out, in := degrees(build(t, FixedTotal{N: total}, nPre, nPost, false, 80))
	a := float64(nPre) * nPost
	for _, c := range []struct {
		name   string
		counts []int
		own    float64
	}{{"sources", out, nPost}, {"targets", in, nPre}} {
		q := c.own / a
		v := total * q * (1 - q) * (a - total) / (a - 1)
		checkUniform(t, c.name, c.counts, total*q, v)
	}
}
