// Package pmath has the elementary functions simlib uses, written so that
// they give the same bits on every architecture.
//
// The standard library's math.Exp, Log, Expm1, Log1p, Log10, Pow, Hypot and Cos are not
// portable bit for bit: on amd64 Exp is assembly that takes a different
// path on CPUs with and without FMA, on arm64 it is other assembly, and
// the functions written in Go are compiled with fused multiply-adds on
// arm64 (and on amd64 from GOAMD64=v3), which round differently. simlib
// calls these instead. Each is written with every product that meets an
// addition either converted explicitly, float64(x*y), which the Go
// specification says rounds it (no fusion), or fused deliberately with
// math.FMA, which rounds once on every target.
//
// The algorithms are the published ones the Go library uses on amd64, so
// the results there are unchanged: Exp is Shibata's method (argument
// reduction by ln 2, a degree-8 Taylor polynomial of r/16 and four
// doublings; N. Shibata, "Efficient evaluation methods of elementary
// functions suitable for SIMD computation", ISC'10) with the fused
// multiply-adds of the FMA path, bit for bit equal to math.Exp on an amd64
// CPU with FMA; Log, Log1p and Expm1 are FreeBSD's fdlibm methods (e_log.c,
// s_log1p.c, s_expm1.c), equal to math.Log on amd64 and to math.Log1p and
// math.Expm1 built for amd64 GOAMD64=v1; Cos is Cephes' method as math.Cos
// computes it below 2^29 (beyond, math.Cos reduces by Payne-Hanek and Cos
// returns NaN), equal to math.Cos at v1; Log10 and Pow are math.Log10's
// and math.Pow's methods on these. Errors are below one ulp (Pow's: its
// Exp's and Log's, as math.Pow).
// TestMatchesStd and TestCos check these equalities; the cross-architecture test
// (simlib/internal/crossarch) checks that simlib's results do not depend
// on the machine.
package pmath
