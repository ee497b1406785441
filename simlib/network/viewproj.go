package network

import (
	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/rng"
)

// same reports whether the projection's source and target are the same
// neurons: the rule may then make autapses (and excludes them when told
// to). Two different views of one population are not the same, even where
// they overlap: the rule numbers each view's neurons from 0.
func (pr *Projection) same() bool { return pr.pre.equal(pr.post) }

// projectionKeys returns the stream key of every projection. A projection
// between two whole populations is keyed, as it always was, by the pair's
// names and its rank among the projections between the pair:
//
//	Derive(seed, Key("projection:"+pre), Key(post), rank)
//
// A projection with a view on either side is keyed by the populations, the
// views' canonical descriptions (members.key) and its rank among the
// projections between those same views:
//
//	Derive(seed, Key("projection:"+pre), Key(post), Key("view "+preKey+" -> "+postKey), rank)
//
// so adding a projection between other groups, whole or views, changes no
// other projection's synapses.
func projectionKeys(seed uint64, projs []*Projection) []uint64 {
	keys := make([]uint64, len(projs))
	whole := map[[2]string]uint64{}
	views := map[[2]string]uint64{}
	for k, pr := range projs {
		a, b := pr.pre.p.name, pr.post.p.name
		if pr.pre.whole() && pr.post.whole() {
			pair := [2]string{a, b}
			keys[k] = rng.Derive(seed, rng.Key("projection:"+a), rng.Key(b), whole[pair])
			whole[pair]++
			continue
		}
		pk, qk := pr.pre.key(), pr.post.key()
		pair := [2]string{pk, qk}
		keys[k] = rng.Derive(seed, rng.Key("projection:"+a), rng.Key(b), rng.Key("view "+pk+" -> "+qk), views[pair])
		views[pair]++
	}
	return keys
}

// mapTable turns a rule's table between views (rows and columns numbered
// within the views) into the projection's table between the populations:
// view row r becomes row pre.at(r), column j becomes post.at(j); rows of
// neurons outside the source view are empty. Views are ascending, so rows
// and the targets within them keep their order, and with them every
// synapse's place in table order (the order weights and delays are drawn
// in and explicit ones are given in).
func mapTable(t *connect.Table, pre, post members) *connect.Table {
	if pre.whole() && post.whole() {
		return t
	}
	out := &connect.Table{NPre: pre.p.size, NPost: post.p.size, Ptr: make([]int64, pre.p.size+1), Post: t.Post, Weight: t.Weight, Delay: t.Delay}
	if !post.whole() {
		out.Post = make([]int32, len(t.Post))
		for k, j := range t.Post {
			out.Post[k] = int32(post.at(int(j)))
		}
	}
	r, nr := 0, pre.size()
	for i := range pre.p.size {
		out.Ptr[i+1] = out.Ptr[i]
		if r < nr && pre.at(r) == i {
			out.Ptr[i+1] = t.Ptr[r+1]
			r++
		}
	}
	return out
}
