// The delivery kernels' fetching ahead (scatter_amd64.s,
// counts_amd64.s).

// Prefetch distances, in spikes: the row-index entry of spike s+IDXAHEAD
// and the first four cache lines of the row (targets, and weights when
// per synapse) of spike s+ROWAHEAD are fetched while spike s's row is
// added. With two workers each spike's row is cut in two (a worker adds
// its targets' part, 8-40 synapses in the VA networks) and two spikes
// ahead was too short to hide the row's fetch: 4 and 8 instead of 2 and 4
// took phase B's CPU time (BenchmarkScaledPhases, 64k cells, alternating
// builds, 5 runs each, medians) from 0.246 to 0.209 s with 2 workers and
// 0.198 to 0.151 s with 1 (COBA forward Euler), 0.129 to 0.119 and 0.088
// to 0.078 (CUBA); 8 and 16 took 10 % more than 4 and 8, 6 and 12 the same.
#define IDXAHEAD 8
#define ROWAHEAD 4

// PREFETCH4(r) prefetches the four cache lines from r's (r is clobbered).
#define PREFETCH4(r) \
	ANDQ       $-64, r  \
	PREFETCHT0 (r)      \
	PREFETCHT0 64(r)    \
	PREFETCHT0 128(r)   \
	PREFETCHT0 192(r)

// PREFETCHSPAN(a, b, t) prefetches the cache lines of the bytes [a, b),
// at most five from a's (a row's part; a, b and t are clobbered): unlike
// PREFETCH4, no line past the part, which with more than one worker is
// the next worker's (an empty part fetches a's line and the one before).
// The count kernel's rows (counts_amd64.s); with two workers, 64k cells,
// phase B's thread CPU fell 4-5 % (BenchmarkScaledPhases, alternating
// test binaries, 4 each, medians: COBA forward Euler 0.272 to 0.261 s,
// CUBA 0.166 to 0.158); with one worker 0.177 to 0.173 and 0.102 to 0.103.
// Whole runs showed no change beyond the noise (alternating, 6 each).
#define PREFETCHSPAN(a, b, t) \
	ANDQ       $-64, a \
	DECQ       b       \
	ANDQ       $-64, b \
	PREFETCHT0 (a)     \
	PFUPTO(64, a, b, t)  \
	PFUPTO(128, a, b, t) \
	PFUPTO(192, a, b, t) \
	PFUPTO(256, a, b, t)

// PFUPTO(off, a, b, t) prefetches the line at a+off, or b's if that is
// before it.
#define PFUPTO(off, a, b, t) \
	LEAQ       off(a), t \
	CMPQ       t, b      \
	CMOVQHI    b, t      \
	PREFETCHT0 (t)
