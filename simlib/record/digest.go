package record

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"slices"
)

// The State and Rate recorders are network.Digester: their data is part of
// the network's fingerprint. Each keeps a running SHA-256 of its data and
// hashes, at each call of Digest (after a run), only the samples recorded
// since the previous call, so the stepping loop does no hashing and the
// cost of a fingerprint is that of the new data.
//
// The hashed stream is a header (the recorder's kind, population, variable,
// neurons, interval in steps and the index of its first sample) followed by
// the samples in time order, every neuron's value of a sample time in the
// order the neurons were given. It is a concatenation over time, so the
// digest does not depend on how the recording was split into runs, and it
// is the same after the data was restored from the run cache.

// digest is a recorder's running hash.
type digest struct {
	h    hash.Hash
	head bool // the header was written
	done int  // samples (State) or counts (Rate) hashed
	buf  []byte
}

func (d *digest) reset() { *d = digest{} }

func (d *digest) init() {
	if d.h == nil {
		d.h = sha256.New()
	}
}

func (d *digest) str(s string) {
	d.buf = binary.LittleEndian.AppendUint64(d.buf, uint64(len(s)))
	d.buf = append(d.buf, s...)
}

func (d *digest) u64(v uint64) { d.buf = binary.LittleEndian.AppendUint64(d.buf, v) }

// flush writes the buffer to the hash once it is large, or when final.
func (d *digest) flush(final bool) {
	if final || len(d.buf) >= 1<<16 {
		d.h.Write(d.buf)
		d.buf = d.buf[:0]
	}
}

func (d *digest) sum() []byte {
	d.flush(true)
	return d.h.Sum(nil)
}

// Digest returns the hash of the traces recorded so far (see
// network.Digester).
func (s *State) Digest() []byte {
	d := &s.dg
	d.init()
	if !d.head && s.k0 >= 0 {
		d.stateHeader(s.pop, s.variable, s.neurons, s.every, s.k0)
	}
	if d.head {
		n := -1 // samples every trace has
		for _, v := range s.vals {
			if n < 0 || len(v) < n {
				n = len(v)
			}
		}
		for ; d.done < n; d.done++ {
			row := d.row(len(s.vals))
			for k, v := range s.vals {
				binary.LittleEndian.PutUint64(row[8*k:], math.Float64bits(v[d.done]))
			}
		}
	}
	return d.sum()
}

// stateHeader writes the header of a state recorder's stream (State and
// StateStream hash the same stream).
func (d *digest) stateHeader(pop, variable string, neurons []int, every, k0 int64) {
	d.str("state")
	d.str(pop)
	d.str(variable)
	d.u64(uint64(len(neurons)))
	for _, i := range neurons {
		d.u64(uint64(i))
	}
	d.u64(uint64(every))
	d.u64(uint64(k0))
	d.head = true
}

// row returns room for the 8·k bytes of one sample of k values, at the end
// of the buffer (written to the hash first when it is full).
func (d *digest) row(k int) []byte {
	n := 8 * k
	if len(d.buf)+n > cap(d.buf) {
		d.h.Write(d.buf)
		d.buf = slices.Grow(d.buf[:0], max(n, 1<<16))
	}
	off := len(d.buf)
	d.buf = d.buf[:off+n]
	return d.buf[off:]
}

// Digest returns the hash of the spike counts recorded so far (see
// network.Digester).
func (r *Rate) Digest() []byte {
	d := &r.dg
	d.init()
	if !d.head && r.first >= 0 {
		d.str("rate")
		d.str(r.pop)
		d.u64(math.Float64bits(r.bin))
		d.u64(uint64(r.first))
		d.head = true
	}
	if d.head {
		for ; d.done < len(r.counts); d.done++ {
			d.buf = binary.LittleEndian.AppendUint32(d.buf, uint32(r.counts[d.done]))
			d.flush(false)
		}
	}
	return d.sum()
}
