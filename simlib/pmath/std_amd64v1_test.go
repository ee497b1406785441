//go:build amd64 && !amd64.v3

package pmath

// stdUnfused: the standard library's functions written in Go were compiled
// without fused multiply-adds (amd64 below GOAMD64=v3), so Expm1, Log1p
// and Hypot must equal them bit for bit.
const stdUnfused = true
