// The delivery kernels' fetching ahead (scatter_amd64.s,
// counts_amd64.s).

// Prefetch distances, in spikes: the row-index entry of spike s+IDXAHEAD
// and the first four cache lines of the row (targets, and weights when
// per synapse) of spike s+ROWAHEAD are fetched while spike s's row is
// added.
#define IDXAHEAD 4
#define ROWAHEAD 2

// PREFETCH4(r) prefetches the four cache lines from r's (r is clobbered).
#define PREFETCH4(r) \
	ANDQ       $-64, r  \
	PREFETCHT0 (r)      \
	PREFETCHT0 64(r)    \
	PREFETCHT0 128(r)   \
	PREFETCHT0 192(r)
