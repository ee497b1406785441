//go:build amd64 && !purego

package vec

// The AVX2 receptor kernels (recv_amd64.s): n is a positive multiple of 4,
// the pointers are the first elements of slices of at least n.

//go:noescape
func cur1Asm(n int, I, s, r *float64, k *Recv1, add bool)

//go:noescape
func cur1PairAsm(n int, I, s, r, s2, r2 *float64, k, k2 *Recv1, add bool)

//go:noescape
func cond1Asm(n int, G, GE, s, r *float64, k *Recv1, add bool)

//go:noescape
func cond1PairAsm(n int, G, GE, s, r, s2, r2 *float64, k, k2 *Recv1, add bool)

//go:noescape
func cur2Asm(n int, I, s0, s1, r *float64, k *Recv2)

//go:noescape
func cond2Asm(n int, G, GE, s0, s1, r *float64, k *Recv2)

//go:noescape
func addClearAsm(n int, J, r *float64, add bool)
