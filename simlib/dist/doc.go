// Package dist holds the distributions that weights, delays and initial
// conditions are drawn from: Const, Uniform, Normal (clipped), LogNormal.
//
// A distribution is a plain value; it draws from a stream it is given (see
// package rng), so the same seed gives the same numbers whatever the number
// of workers.
//
//	w := dist.Normal{Mean: 4, SD: 1, Low: 0, High: math.Inf(1)} // nS, clipped at 0
//	v0 := dist.Uniform{Low: -60, High: -50}                     // mV, the VA benchmark
package dist
