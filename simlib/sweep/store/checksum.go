package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
	"slices"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// rowSum is the checksum of a point's row (column checksum): a hash of
// every value the row stores, as stored (wall_s in seconds, times in Unix
// ns), so that a row whose page was damaged without breaking SQLite's
// structure (bytes overwritten inside a value) is found instead of read
// as garbage. Rows of schema 1 have none.
func rowSum(r sweep.Result, dims []sweep.Dim, startNs, endNs int64, wallS float64) string {
	h := sha256.New()
	var b []byte
	u := func(x uint64) { b = binary.LittleEndian.AppendUint64(b, x) }
	str := func(s string) { u(uint64(len(s))); b = append(b, s...) }
	f := func(x float64) {
		if math.IsNaN(x) {
			x = math.NaN()
		}
		u(math.Float64bits(x))
	}
	u(uint64(r.Index))
	u(r.Seed)
	str(string(r.Status))
	str(r.Err)
	str(r.Stack)
	u(uint64(startNs))
	u(uint64(endNs))
	f(wallS)
	str(r.Host)
	for k, d := range dims {
		if k >= len(r.Values) {
			break
		}
		if d.Labels != nil {
			str(r.Values[k].Label)
		} else {
			f(r.Values[k].Num)
		}
	}
	names := make([]string, 0, len(r.Metrics))
	for m := range r.Metrics {
		names = append(names, m)
	}
	slices.Sort(names)
	for _, m := range names {
		str(m)
		f(r.Metrics[m])
	}
	files := make([]string, 0, len(r.Files))
	for n := range r.Files {
		files = append(files, n)
	}
	slices.Sort(files)
	for _, n := range files {
		str(n)
		str(r.Files[n])
	}
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)[:16])
}
