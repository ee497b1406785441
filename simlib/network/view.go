package network

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/golgi-sim/golgi/simlib/stimulus"
)

// Group is a population or a view of some of its neurons
// (Population.Slice, Population.Select): what Connect connects,
// Inject drives and the recorders of package record record. Only
// *Population and PopulationView are groups.
type Group interface {
	// Population returns the population the neurons belong to (a
	// *Population returns itself).
	Population() *Population
	// Size returns the number of neurons in the group.
	Size() int
	// Neuron returns the population index of the group's k-th neuron, for
	// k in [0, Size()).
	Neuron(k int) int
	// String names the group: "exc", "exc[0:3200]", "exc{3, 7, 9}".
	String() string
	// Err returns what is wrong with the group (a view out of range,
	// empty, or of indices not strictly ascending), or nil.
	Err() error
	members() (members, error)
}

// members are the neurons of a group: neurons [lo, hi) of p, or, when idx
// is not nil, the neurons idx (strictly ascending, not contiguous). A
// group of all of p's neurons is always the range [0, size).
type members struct {
	p      *Population
	lo, hi int
	idx    []int
}

func (m members) size() int {
	if m.idx != nil {
		return len(m.idx)
	}
	return m.hi - m.lo
}

func (m members) at(k int) int {
	if m.idx != nil {
		return m.idx[k]
	}
	return m.lo + k
}

// whole reports whether the members are all of the population.
func (m members) whole() bool { return m.idx == nil && m.lo == 0 && m.hi == m.p.size }

// equal reports whether m and o are the same neurons of the same
// population.
func (m members) equal(o members) bool {
	if m.p != o.p || m.size() != o.size() {
		return false
	}
	if m.idx == nil && o.idx == nil {
		return m.lo == o.lo
	}
	for k := range m.size() {
		if m.at(k) != o.at(k) {
			return false
		}
	}
	return true
}

// String is the group's short name.
func (m members) String() string {
	switch {
	case m.whole():
		return m.p.name
	case m.idx == nil:
		return fmt.Sprintf("%s[%d:%d]", m.p.name, m.lo, m.hi)
	case len(m.idx) <= 8:
		s := make([]string, len(m.idx))
		for k, i := range m.idx {
			s[k] = strconv.Itoa(i)
		}
		return m.p.name + "{" + strings.Join(s, ", ") + "}"
	}
	return fmt.Sprintf("%s{%d neurons, %d..%d}", m.p.name, len(m.idx), m.idx[0], m.idx[len(m.idx)-1])
}

// key is the canonical description of the neurons: the population's name
// alone for all of them, name[lo:hi] for a range, name{sha256 of the
// indices} for an index list. Streams and the run cache are keyed by it.
func (m members) key() string {
	if m.idx == nil {
		return m.String()
	}
	h := sha256.New()
	var b [8]byte
	for _, i := range m.idx {
		binary.LittleEndian.PutUint64(b[:], uint64(i))
		h.Write(b[:])
	}
	return fmt.Sprintf("%s{%d:%s}", m.p.name, len(m.idx), hex.EncodeToString(h.Sum(nil))[:32])
}

// PopulationView is some of a population's neurons, made by
// Population.Slice or Population.Select (PyNN's PopulationView, Brian2's
// subgroup P[:3200]). It is a value: it holds no state and can be used
// for any number of projections, stimuli and recorders. The view's neuron
// k is neuron Neuron(k) of the population; recorders of a view number its
// neurons 0..Size()-1. A bad view (out of range, empty, indices not
// strictly ascending) keeps its error: Err returns it, and the network
// refuses any use of the view with it.
type PopulationView struct {
	m   members
	err error
}

// Population returns the population the view is of.
func (v PopulationView) Population() *Population { return v.m.p }

// Size returns the number of neurons in the view.
func (v PopulationView) Size() int {
	if v.err != nil {
		return 0
	}
	return v.m.size()
}

// Neuron returns the population index of the view's k-th neuron.
func (v PopulationView) Neuron(k int) int { return v.m.at(k) }

// Err returns the view's error, or nil.
func (v PopulationView) Err() error { return v.err }

func (v PopulationView) members() (members, error) { return v.m, v.err }

func (v PopulationView) String() string {
	if v.m.p == nil {
		return "<nil population>"
	}
	if v.err != nil {
		return v.m.p.name + "[bad view]"
	}
	return v.m.String()
}

// Slice returns the view of the view's neurons [lo, hi) (indices of the
// view).
func (v PopulationView) Slice(lo, hi int) PopulationView {
	if v.err != nil {
		return v
	}
	return slice(v.m, v.String(), lo, hi)
}

// Select returns the view of the view's neurons idx (indices of the
// view, strictly ascending).
func (v PopulationView) Select(idx ...int) PopulationView {
	if v.err != nil {
		return v
	}
	return selectOf(v.m, v.String(), idx)
}

// Inject attaches an injected current to the view's neurons only (see
// Population.Inject).
func (v PopulationView) Inject(s stimulus.Stimulus) PopulationView {
	if p := v.m.p; p != nil {
		p.inject(s, v)
	}
	return v
}

// Slice returns the view of neurons [lo, hi) of the population, as
// PyNN's pop[lo:hi] or Brian2's P[lo:hi]. lo and hi must satisfy
// 0 <= lo < hi <= Size().
func (p *Population) Slice(lo, hi int) PopulationView {
	if p == nil {
		return PopulationView{err: fmt.Errorf("network: Slice(%d, %d) of a nil population", lo, hi)}
	}
	if p.missing {
		return PopulationView{m: members{p: p}, err: p.unknown()}
	}
	return slice(p.all(), p.name, lo, hi)
}

// Select returns the view of the population's neurons idx, which must be
// strictly ascending (each neuron once) and in [0, Size()).
func (p *Population) Select(idx ...int) PopulationView {
	if p == nil {
		return PopulationView{err: fmt.Errorf("network: Select of a nil population")}
	}
	if p.missing {
		return PopulationView{m: members{p: p}, err: p.unknown()}
	}
	return selectOf(p.all(), p.name, idx)
}

func (p *Population) all() members { return members{p: p, lo: 0, hi: p.size} }

func slice(m members, what string, lo, hi int) PopulationView {
	n := m.size()
	if lo < 0 || hi > n || lo >= hi {
		allowed := fmt.Sprintf("need 0 <= lo < hi <= %d (its size)", n)
		if lo >= 0 && lo == hi && hi <= n {
			allowed = "the view is empty: " + allowed
		}
		return PopulationView{m: members{p: m.p}, err: fmt.Errorf("view %s.Slice(%d, %d): %s", strconv.Quote(what), lo, hi, allowed)}
	}
	if m.idx != nil {
		return selectOf(m, what, seq(lo, hi))
	}
	return PopulationView{m: members{p: m.p, lo: m.lo + lo, hi: m.lo + hi}}
}

func seq(lo, hi int) []int {
	s := make([]int, hi-lo)
	for k := range s {
		s[k] = lo + k
	}
	return s
}

func selectOf(m members, what string, idx []int) PopulationView {
	n := m.size()
	bad := func(format string, a ...any) PopulationView {
		return PopulationView{m: members{p: m.p}, err: fmt.Errorf("view %s.Select: %s", strconv.Quote(what), fmt.Sprintf(format, a...))}
	}
	if len(idx) == 0 {
		return bad("no neurons: the view would be empty")
	}
	out := make([]int, len(idx))
	for k, i := range idx {
		if i < 0 || i >= n {
			return bad("neuron %d at position %d: must be in [0, %d) (its size)", i, k, n)
		}
		if k > 0 && i <= idx[k-1] {
			return bad("neuron %d at position %d after neuron %d: neurons must be strictly ascending (sort them, each once)", i, k, idx[k-1])
		}
		out[k] = m.at(i)
	}
	if out[len(out)-1]-out[0] == len(out)-1 { // contiguous: a range
		return PopulationView{m: members{p: m.p, lo: out[0], hi: out[len(out)-1] + 1}}
	}
	return PopulationView{m: members{p: m.p, idx: out}}
}

// The *Population side of Group.

// Population returns p itself (p is a Group).
func (p *Population) Population() *Population { return p }

// Neuron returns k: a population's k-th neuron is its neuron k.
func (p *Population) Neuron(k int) int { return k }

// Err returns nil for a population of the network (its own mistakes, a
// size below 1, ..., are reported by Build), the error of the stand-in
// Network.Population returns for an unknown name.
func (p *Population) Err() error {
	if p != nil && p.missing {
		return p.unknown()
	}
	return nil
}

func (p *Population) String() string {
	if p == nil {
		return "<nil population>"
	}
	return p.name
}

func (p *Population) members() (members, error) {
	if p == nil {
		return members{}, fmt.Errorf("the population is nil")
	}
	return p.all(), nil
}

// isNil reports whether g is nil or a nil *Population.
func isNil(g Group) bool {
	if g == nil {
		return true
	}
	v := reflect.ValueOf(g)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// resolve checks that g is a good group of n's populations and returns its
// neurons.
func (n *Network) resolve(g Group) (members, error) {
	if isNil(g) {
		return members{}, fmt.Errorf("the population is nil (the network has %s)", n.popNames())
	}
	m, err := g.members()
	if err != nil {
		return m, err
	}
	if m.p == nil {
		return m, fmt.Errorf("the view %v has no population", g)
	}
	if m.p.missing && m.p.net == n {
		return m, m.p.unknown()
	}
	if m.p.net != n {
		return m, fmt.Errorf("population %q is of another network: use the handles this network's AddPopulation returned", m.p.name)
	}
	if n.byName[m.p.name] != m.p {
		return m, fmt.Errorf("population %q was refused by AddPopulation (see its error): it is not part of the network", m.p.name)
	}
	return m, nil
}

// GroupKey returns the canonical description of a group's neurons: the
// population's name for a whole population, "name[lo:hi]" for a range,
// "name{count:hash}" for an index list. Two groups of the same neurons have
// the same key; the run cache and the recorders' cache keys use it.
func GroupKey(g Group) string {
	if isNil(g) {
		return ""
	}
	m, err := g.members()
	if err != nil || m.p == nil {
		return g.String()
	}
	return m.key()
}
