package connect

import (
	"fmt"
	"math"

	"github.com/golgi-sim/golgi/simlib/pmath"
	"github.com/golgi-sim/golgi/simlib/rng"
)

// Distance connects each pair independently with a probability that
// decays with the distance d between the neurons' positions in the plane:
//
//	p(d) = P0 · exp(-d / Lambda)
//
// (NEST's pairwise_bernoulli with an exponential spatial kernel, PyNN's
// DistanceDependentProbabilityConnector with "p0*exp(-d/lambda)").
// Positions are given per population as x, y pairs (µm), interleaved:
// neuron i is at (Pos[2i], Pos[2i+1]). Each row draws from its own stream,
// as in FixedProbability, so the table does not depend on the number of
// workers.
type Distance struct {
	P0      float64   // probability at distance 0, in [0, 1]
	Lambda  float64   // length constant (µm), > 0
	PrePos  []float64 // source positions x0, y0, x1, y1, ... (µm)
	PostPos []float64 // target positions (µm); nil: PrePos, for a population onto itself
	// Autapses allows a neuron onto itself when the projection connects a
	// population to itself.
	Autapses bool
}

func (Distance) Kind() string { return "distance" }

// post returns the target positions.
func (r Distance) post() []float64 {
	if r.PostPos == nil {
		return r.PrePos
	}
	return r.PostPos
}

func (r Distance) Validate(nPre, nPost int, same bool) error {
	if err := checkSizes("distance", nPre, nPost); err != nil {
		return err
	}
	if math.IsNaN(r.P0) || r.P0 < 0 || r.P0 > 1 {
		return fmt.Errorf("distance P0 = %v: a probability must be in [0, 1]", r.P0)
	}
	if !(r.Lambda > 0) || math.IsInf(r.Lambda, 0) {
		return fmt.Errorf("distance Lambda = %v µm: must be positive and finite", r.Lambda)
	}
	if len(r.PrePos) != 2*nPre {
		return fmt.Errorf("distance PrePos has %d values for %d sources: want x, y per neuron (%d values)", len(r.PrePos), nPre, 2*nPre)
	}
	if r.PostPos == nil && !same {
		return fmt.Errorf("distance PostPos is nil: give the target positions (only a population onto itself may use PrePos)")
	}
	if len(r.post()) != 2*nPost {
		return fmt.Errorf("distance PostPos has %d values for %d targets: want x, y per neuron (%d values)", len(r.post()), nPost, 2*nPost)
	}
	for _, p := range []struct {
		name string
		pos  []float64
	}{{"PrePos", r.PrePos}, {"PostPos", r.PostPos}} {
		for k, x := range p.pos {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return fmt.Errorf("distance %s[%d] = %v µm (neuron %d): must be finite", p.name, k, x, k/2)
			}
		}
	}
	return nil
}

// prob returns the connection probability of source i and target j.
func (r Distance) prob(pre, post []float64, i, j int) float64 {
	d := pmath.Hypot(pre[2*i]-post[2*j], pre[2*i+1]-post[2*j+1])
	return r.P0 * pmath.Exp(-d/r.Lambda)
}

// exactPairs bounds the pairs Expected visits: above it, it returns the
// upper bound P0 times the number of pairs rather than take seconds before
// the build (Build itself visits every pair once).
const exactPairs = 1 << 24

// Expected returns Σ p(d) over the allowed pairs (it visits every pair, up
// to exactPairs of them). With more pairs, or with invalid positions, it
// returns P0 times the number of pairs, an upper bound.
func (r Distance) Expected(nPre, nPost int, same bool) float64 {
	if float64(nPre)*float64(nPost) > exactPairs || r.Validate(nPre, nPost, same) != nil {
		return r.P0 * AllToAll{r.Autapses}.Expected(nPre, nPost, same)
	}
	pre, post := r.PrePos, r.post()
	s := 0.0
	for i := 0; i < nPre; i++ {
		for j := 0; j < nPost; j++ {
			if same && !r.Autapses && i == j {
				continue
			}
			s += r.prob(pre, post, i, j)
		}
	}
	return s
}

func (r Distance) Build(nPre, nPost int, same bool, seed uint64) (*Table, error) {
	if err := r.Validate(nPre, nPost, same); err != nil {
		return nil, err
	}
	pre, post := r.PrePos, r.post()
	b := newBuilder(nPre, nPost, 0)
	for i := 0; i < nPre; i++ {
		if r.P0 > 0 {
			s := rng.PCG(seed, uint64(i))
			for j := 0; j < nPost; j++ {
				// One draw per pair, autapse or not, so that a pair's
				// draw does not depend on Autapses.
				u := rng.Float64(&s)
				if same && !r.Autapses && i == j {
					continue
				}
				if u < r.prob(pre, post, i, j) {
					b.t.Post = append(b.t.Post, int32(j))
				}
			}
		}
		b.endRow()
	}
	return b.t, nil
}
