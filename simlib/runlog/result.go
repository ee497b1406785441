package runlog

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Result reports named numbers a program prints as its results (rates,
// losses, fits: a summary of its runs, or of anything else) as a record of
// kind "result": the kernel puts it in the cell's block and golgi verify
// compares its fingerprint, a hash of the names and the values' exact bits,
// so a changed result is caught even when nothing it was computed from is
// fingerprinted. Values holds the numbers in the shortest form that parses
// back to the same bits. Like Report, it does nothing outside the kernel.
//
//	runlog.Result("rates", map[string]float64{"exc_hz": re, "inh_hz": ri})
func Result(label string, values map[string]float64) error {
	return Report(ResultRun(label, values))
}

// ResultRun is the record Result reports.
func ResultRun(label string, values map[string]float64) Run {
	names := make([]string, 0, len(values))
	for k := range values {
		names = append(names, k)
	}
	slices.Sort(names)
	h := sha256.New()
	var b []byte
	str := func(s string) {
		b = binary.LittleEndian.AppendUint64(b, uint64(len(s)))
		b = append(b, s...)
	}
	str("golgi result 1")
	str(label)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(names)))
	vals := make(map[string]string, len(values))
	for _, k := range names {
		v := values[k]
		if math.IsNaN(v) {
			v = math.NaN() // one NaN, whatever payload a computation produced
		}
		str(k)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		vals[k] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	h.Write(b)
	return Run{Kind: "result", Label: label, Values: vals, Populations: []Population{},
		Fingerprint: hex.EncodeToString(h.Sum(nil)[:16]), Status: "ok"}
}

// ValuesText formats a result's values, sorted by name, as name=value
// pairs.
func (r Run) ValuesText() string {
	names := make([]string, 0, len(r.Values))
	for k := range r.Values {
		names = append(names, k)
	}
	slices.Sort(names)
	s := ""
	for i, k := range names {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%s=%s", k, r.Values[k])
	}
	return s
}
