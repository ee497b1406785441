//go:build amd64 && !amd64.v3

package rng

// stdUnfused: math/rand/v2 was compiled without fused multiply-adds, so
// NormFloat64 takes the same roundings as Normal.
const stdUnfused = true
