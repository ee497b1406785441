//go:build amd64 && !purego

package vec

// sumAsm (finite_amd64.s) returns the sum of v[0:n] in sixteen partial
// sums; n is a positive multiple of 4.
//
//go:noescape
func sumAsm(n int, v *float64) float64
