package connect

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/rng"
)

// Rule makes the synapses of a projection from nPre sources to nPost
// targets; same is true when both are the same population (autapses
// possible).
type Rule interface {
	// Kind names the rule.
	Kind() string
	// Validate checks the rule's parameters for the given sizes.
	Validate(nPre, nPost int, same bool) error
	// Expected returns the expected number of synapses (for memory checks
	// before anything is allocated).
	Expected(nPre, nPost int, same bool) float64
	// Build makes the table, drawing from streams derived from seed.
	Build(nPre, nPost int, same bool, seed uint64) (*Table, error)
}

// BuildMemory is implemented by rules that need working memory while they
// build beyond the table itself (Expected synapses of 16 bytes): bytes
// estimates it, for the network's memory check.
type BuildMemory interface {
	BuildBytes(nPre, nPost int, same bool) float64
}

// checkSizes refuses negative sizes (rules are called by the network with
// sizes >= 1, but they are public).
func checkSizes(kind string, nPre, nPost int) error {
	if nPre < 0 || nPost < 0 {
		return fmt.Errorf("%s: sizes nPre = %d, nPost = %d: must be >= 0", kind, nPre, nPost)
	}
	return nil
}

// AllToAll connects every source to every target.
type AllToAll struct{ Autapses bool }

func (AllToAll) Kind() string { return "all-to-all" }
func (AllToAll) Validate(nPre, nPost int, same bool) error {
	return checkSizes("all-to-all", nPre, nPost)
}
func (r AllToAll) Expected(nPre, nPost int, same bool) float64 {
	n := float64(float64(nPre) * float64(nPost))
	if same && !r.Autapses {
		n -= float64(nPre)
	}
	return n
}
func (r AllToAll) Build(nPre, nPost int, same bool, seed uint64) (*Table, error) {
	if err := r.Validate(nPre, nPost, same); err != nil {
		return nil, err
	}
	b := newBuilder(nPre, nPost, int64(r.Expected(nPre, nPost, same)))
	for i := 0; i < nPre; i++ {
		for j := 0; j < nPost; j++ {
			if same && !r.Autapses && i == j {
				continue
			}
			b.t.Post = append(b.t.Post, int32(j))
		}
		b.endRow()
	}
	return b.t, nil
}

// OneToOne connects source i to target i; sizes must match.
type OneToOne struct{}

func (OneToOne) Kind() string { return "one-to-one" }
func (OneToOne) Validate(nPre, nPost int, same bool) error {
	if err := checkSizes("one-to-one", nPre, nPost); err != nil {
		return err
	}
	if nPre != nPost {
		return fmt.Errorf("one-to-one needs equal sizes, have %d sources and %d targets", nPre, nPost)
	}
	return nil
}
func (OneToOne) Expected(nPre, nPost int, same bool) float64 { return float64(min(nPre, nPost)) }
func (r OneToOne) Build(nPre, nPost int, same bool, seed uint64) (*Table, error) {
	if err := r.Validate(nPre, nPost, same); err != nil {
		return nil, err
	}
	b := newBuilder(nPre, nPost, int64(nPre))
	for i := 0; i < nPre; i++ {
		b.t.Post = append(b.t.Post, int32(i))
		b.endRow()
	}
	return b.t, nil
}

// FixedProbability connects each pair independently with probability P
// (PyNN's FixedProbabilityConnector, NEST's pairwise_bernoulli). Each row
// draws from its own stream, skipping geometrically between synapses.
type FixedProbability struct {
	P        float64
	Autapses bool
}

func (FixedProbability) Kind() string { return "fixed-probability" }
func (r FixedProbability) Validate(nPre, nPost int, same bool) error {
	if err := checkSizes("fixed-probability", nPre, nPost); err != nil {
		return err
	}
	if math.IsNaN(r.P) || r.P < 0 || r.P > 1 {
		return fmt.Errorf("fixed-probability P = %v: a probability must be in [0, 1]", r.P)
	}
	return nil
}
func (r FixedProbability) Expected(nPre, nPost int, same bool) float64 {
	return r.P * AllToAll{r.Autapses}.Expected(nPre, nPost, same)
}
func (r FixedProbability) Build(nPre, nPost int, same bool, seed uint64) (*Table, error) {
	if err := r.Validate(nPre, nPost, same); err != nil {
		return nil, err
	}
	b := newBuilder(nPre, nPost, int64(1.05*r.Expected(nPre, nPost, same))+16)
	logq := pmath.Log1p(-r.P)
	for i := 0; i < nPre; i++ {
		if r.P > 0 {
			s := rng.PCG(seed, uint64(i))
			j := -1
			for {
				if r.P < 1 {
					u := 1 - rng.Float64(&s) // (0, 1]
					gap := math.Floor(pmath.Log(u) / logq)
					if gap >= float64(nPost) {
						break
					}
					j += 1 + int(gap)
				} else {
					j++
				}
				if j >= nPost {
					break
				}
				if same && !r.Autapses && i == j {
					continue
				}
				b.t.Post = append(b.t.Post, int32(j))
			}
		}
		b.endRow()
	}
	return b.t, nil
}

// choose returns k distinct integers of [0, n) excluding skip (-1 for none),
// ascending, drawn from r (Floyd's algorithm on the reduced range).
func choose(r *rand.Rand, n, k, skip int) []int32 {
	m := n
	if skip >= 0 {
		m--
	}
	set := make(map[int]struct{}, k)
	out := make([]int32, 0, k)
	for j := m - k; j < m; j++ {
		t := r.IntN(j + 1)
		if _, ok := set[t]; ok {
			t = j
		}
		set[t] = struct{}{}
		out = append(out, int32(t))
	}
	slices.Sort(out)
	if skip >= 0 {
		for i, v := range out {
			if int(v) >= skip {
				out[i] = v + 1
			}
		}
	}
	return out
}

func degree(kind string, k, n int, same, autapses bool) error {
	if n < 0 {
		return fmt.Errorf("%s: size %d: must be >= 0", kind, n)
	}
	avail := n
	if same && !autapses {
		avail--
	}
	if k < 0 || k > avail {
		return fmt.Errorf("%s K = %d: must be in [0, %d] (without multapses)", kind, k, avail)
	}
	return nil
}

// FixedInDegree gives every target exactly K distinct sources, drawn
// uniformly (PyNN's FixedNumberPreConnector, NEST's fixed_indegree).
type FixedInDegree struct {
	K        int
	Autapses bool
}

func (FixedInDegree) Kind() string { return "fixed-indegree" }

// BuildBytes is the per-target source lists, built before the table.
func (r FixedInDegree) BuildBytes(nPre, nPost int, same bool) float64 {
	return float64(4*float64(r.K)*float64(nPost)) + float64(24*float64(nPost))
}
func (r FixedInDegree) Validate(nPre, nPost int, same bool) error {
	return degree("fixed-indegree", r.K, nPre, same, r.Autapses)
}
func (r FixedInDegree) Expected(nPre, nPost int, same bool) float64 {
	return float64(r.K) * float64(nPost)
}
func (r FixedInDegree) Build(nPre, nPost int, same bool, seed uint64) (*Table, error) {
	if err := r.Validate(nPre, nPost, same); err != nil {
		return nil, err
	}
	cols := make([][]int32, nPost)
	for j := range cols {
		skip := -1
		if same && !r.Autapses {
			skip = j
		}
		cols[j] = choose(rng.New(seed, uint64(j)), nPre, r.K, skip)
	}
	return fromColumns(nPre, nPost, cols), nil
}

// FixedOutDegree gives every source exactly K distinct targets, drawn
// uniformly (PyNN's FixedNumberPostConnector, NEST's fixed_outdegree).
type FixedOutDegree struct {
	K        int
	Autapses bool
}

func (FixedOutDegree) Kind() string { return "fixed-outdegree" }
func (r FixedOutDegree) Validate(nPre, nPost int, same bool) error {
	return degree("fixed-outdegree", r.K, nPost, same, r.Autapses)
}
func (r FixedOutDegree) Expected(nPre, nPost int, same bool) float64 {
	return float64(r.K) * float64(nPre)
}
func (r FixedOutDegree) Build(nPre, nPost int, same bool, seed uint64) (*Table, error) {
	if err := r.Validate(nPre, nPost, same); err != nil {
		return nil, err
	}
	b := newBuilder(nPre, nPost, int64(r.K)*int64(nPre))
	for i := 0; i < nPre; i++ {
		skip := -1
		if same && !r.Autapses {
			skip = i
		}
		b.t.Post = append(b.t.Post, choose(rng.New(seed, uint64(i)), nPost, r.K, skip)...)
		b.endRow()
	}
	return b.t, nil
}

// FixedTotal makes exactly N distinct synapses, drawn uniformly among all
// allowed pairs (NEST's fixed_total_number without multapses).
type FixedTotal struct {
	N        int64
	Autapses bool
}

func (FixedTotal) Kind() string { return "fixed-total" }

// BuildBytes is the set and list of drawn pairs (about 56 bytes a pair).
func (r FixedTotal) BuildBytes(nPre, nPost int, same bool) float64 { return 56 * float64(r.N) }
func (r FixedTotal) Validate(nPre, nPost int, same bool) error {
	if err := checkSizes("fixed-total", nPre, nPost); err != nil {
		return err
	}
	all := int64(AllToAll{r.Autapses}.Expected(nPre, nPost, same))
	if r.N < 0 || r.N > all {
		return fmt.Errorf("fixed-total N = %d: must be in [0, %d], the number of possible pairs", r.N, all)
	}
	return nil
}
func (r FixedTotal) Expected(nPre, nPost int, same bool) float64 { return float64(r.N) }
func (r FixedTotal) Build(nPre, nPost int, same bool, seed uint64) (*Table, error) {
	if err := r.Validate(nPre, nPost, same); err != nil {
		return nil, err
	}
	// Number the allowed pairs 0..all-1 row by row; choose N of them.
	rowLen := int64(nPost)
	if same && !r.Autapses {
		rowLen--
	}
	all := rowLen * int64(nPre)
	g := rng.New(seed, 0)
	set := make(map[int64]struct{}, r.N)
	picks := make([]int64, 0, r.N)
	for j := all - r.N; j < all; j++ { // Floyd
		t := g.Int64N(j + 1)
		if _, ok := set[t]; ok {
			t = j
		}
		set[t] = struct{}{}
		picks = append(picks, t)
	}
	slices.Sort(picks)
	b := newBuilder(nPre, nPost, r.N)
	k := 0
	for i := 0; i < nPre; i++ {
		for ; k < len(picks) && picks[k]/rowLen == int64(i); k++ {
			j := int(picks[k] % rowLen)
			if same && !r.Autapses && j >= i {
				j++
			}
			b.t.Post = append(b.t.Post, int32(j))
		}
		b.endRow()
	}
	return b.t, nil
}
