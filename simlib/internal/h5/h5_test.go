//go:build hdf5

package h5_test

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/h5"
	"github.com/golgi-sim/golgi/simlib/internal/h5/h5check"
)

// values chosen to catch a conversion: signed zero, infinities, a NaN with
// a payload, the smallest subnormal, the largest double, a value that is
// not exact in float32
var floats = []float64{0, math.Copysign(0, -1), 1.5, -2.25e-300, math.Inf(1), math.Inf(-1),
	math.Float64frombits(0x7ff8000000000123), math.SmallestNonzeroFloat64, math.MaxFloat64, 0.1}

var (
	ints    = []int64{math.MinInt64, -1, 0, 1, math.MaxInt64}
	uints   = []uint64{0, 1, 1 << 53, math.MaxUint64}
	strs    = []string{"", "exc", "µm and Ω", "a\tb\nc", strings.Repeat("x", 300)}
	matrix  = []float64{1, 2, 3, 4, 5, 6} // 3 × 2
	sorting = h5.Enum8{Names: []string{"none", "by_id", "by_time"}, Values: []int8{0, 1, 2}, Value: 2}
)

// fill writes every kind of object the package makes.
func fill(f *h5.File) error {
	root := f.Root()
	g, err := root.CreateGroup("g")
	if err != nil {
		return err
	}
	fl, err := g.WriteFloat64("floats", floats, nil, h5.Layout{})
	if err != nil {
		return err
	}
	if _, err := g.WriteFloat64("matrix", matrix, []int{3, 2}, h5.Layout{Chunk: []int{2, 2}, Deflate: 4}); err != nil {
		return err
	}
	if _, err := g.WriteFloat64("empty", nil, nil, h5.Layout{Chunk: []int{8}}); err != nil {
		return err
	}
	if _, err := g.WriteFloat64("scalar", []float64{0.025}, []int{}, h5.Layout{}); err != nil {
		return err
	}
	if _, err := g.WriteInt64("ints", ints, nil, h5.Layout{}); err != nil {
		return err
	}
	if _, err := g.WriteUint64("uints", uints, nil, h5.Layout{Chunk: []int{3}}); err != nil {
		return err
	}
	if _, err := g.WriteStrings("strings", strs, nil, h5.Layout{}); err != nil {
		return err
	}
	if _, err := g.WriteFixedStrings("fixed", strs[:4], nil, h5.Layout{}); err != nil {
		return err
	}
	if _, err := g.WriteString("text", "golgi"); err != nil {
		return err
	}
	ref, err := fl.Ref()
	if err != nil {
		return err
	}
	for _, a := range []struct {
		name string
		v    any
	}{
		{"s", "root attribute µ"}, {"ss", strs}, {"f64", 0.1}, {"f64s", floats}, {"f32", float32(0.1)},
		{"i32", int32(-7)}, {"i64", int64(math.MinInt64)}, {"i64s", ints}, {"u32", uint32(0x0A7A)},
		{"u32s", []uint32{0, 1}}, {"u64", uint64(math.MaxUint64)}, {"ref", ref}, {"sorting", sorting},
	} {
		if err := root.SetAttr(a.name, a.v); err != nil {
			return err
		}
	}
	return g.SetAttr("empty_strings", []string{})
}

func TestWriteReadBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "all.h5")
	if err := h5.Write(path, nil, fill); err != nil {
		t.Fatal(err)
	}
	f, err := h5.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := f.Root().OpenGroup("g")
	if err != nil {
		t.Fatal(err)
	}
	ds := func(name string) *h5.Dataset {
		d, err := g.OpenDataset(name)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	v, dims, err := ds("floats").Float64s()
	if err != nil || !slices.Equal(h5check.Bits(v), h5check.Bits(floats)) || !slices.Equal(dims, []int{len(floats)}) {
		t.Fatalf("floats: %v %v %v, want %v", v, dims, err, floats)
	}
	v, dims, err = ds("matrix").Float64s()
	if err != nil || !slices.Equal(v, matrix) || !slices.Equal(dims, []int{3, 2}) {
		t.Fatalf("matrix: %v %v %v", v, dims, err)
	}
	v, dims, err = ds("empty").Float64s()
	if err != nil || len(v) != 0 || !slices.Equal(dims, []int{0}) {
		t.Fatalf("empty: %v %v %v", v, dims, err)
	}
	v, dims, err = ds("scalar").Float64s()
	if err != nil || !slices.Equal(v, []float64{0.025}) || len(dims) != 0 {
		t.Fatalf("scalar: %v %v %v", v, dims, err)
	}
	iv, _, err := ds("ints").Int64s()
	if err != nil || !slices.Equal(iv, ints) {
		t.Fatalf("ints: %v %v", iv, err)
	}
	uv, _, err := ds("uints").Uint64s()
	if err != nil || !slices.Equal(uv, uints) {
		t.Fatalf("uints: %v %v", uv, err)
	}
	sv, _, err := ds("strings").Strings()
	if err != nil || !slices.Equal(sv, strs) {
		t.Fatalf("strings: %q %v", sv, err)
	}
	sv, _, err = ds("fixed").Strings()
	if err != nil || !slices.Equal(sv, strs[:4]) {
		t.Fatalf("fixed: %q %v", sv, err)
	}
	sv, dims, err = ds("text").Strings()
	if err != nil || !slices.Equal(sv, []string{"golgi"}) || len(dims) != 0 {
		t.Fatalf("text: %q %v %v", sv, dims, err)
	}
	if _, _, err := ds("strings").Float64s(); err == nil {
		t.Fatal("strings read as numbers")
	}
	root := f.Root()
	if s, err := root.AttrString("s"); err != nil || s != "root attribute µ" {
		t.Fatalf("s: %q %v", s, err)
	}
	if s, err := root.AttrStrings("ss"); err != nil || !slices.Equal(s, strs) {
		t.Fatalf("ss: %q %v", s, err)
	}
	if x, err := root.AttrFloat64s("f64s"); err != nil || !slices.Equal(h5check.Bits(x), h5check.Bits(floats)) {
		t.Fatalf("f64s: %v %v", x, err)
	}
	if x, err := root.AttrFloat64s("f32"); err != nil || x[0] != float64(float32(0.1)) {
		t.Fatalf("f32: %v %v", x, err)
	}
	if x, err := root.AttrInt64s("i64s"); err != nil || !slices.Equal(x, ints) {
		t.Fatalf("i64s: %v %v", x, err)
	}
	if x, err := root.AttrInt64s("sorting"); err != nil || !slices.Equal(x, []int64{2}) {
		t.Fatalf("sorting: %v %v", x, err)
	}
	if n, err := g.Names(); err != nil || !slices.Equal(n, []string{"empty", "fixed", "floats", "ints", "matrix", "scalar", "strings", "text", "uints"}) {
		t.Fatalf("names: %q %v", n, err)
	}
	if p, err := root.AttrRef("ref"); err != nil || p != "/g/floats" {
		t.Fatalf("ref: %q %v", p, err)
	}
	if _, err := root.AttrString("missing"); err == nil {
		t.Fatal("a missing attribute was read")
	}
}

// TestIndependentReader has h5py read every dataset and attribute and
// compare them, bit for bit, with what the test wrote.
func TestIndependentReader(t *testing.T) {
	h5check.Modules(t, "h5py", "numpy")
	dir := t.TempDir()
	path := filepath.Join(dir, "all.h5")
	if err := h5.Write(path, nil, fill); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "want.json")
	h5check.WriteJSON(t, want, map[string]any{
		"floats": h5check.Bits(floats), "matrix": h5check.Bits(matrix), "ints": ints, "uints": uints,
		"strings": strs, "f32": math.Float32bits(0.1),
	})
	out := h5check.Run(t, "testdata/check_h5.py", path, want)
	if !strings.Contains(out, "ok") {
		t.Fatalf("check_h5.py: %s", out)
	}
	dump := h5check.H5dump(t, "-H", path)
	for _, s := range []string{`DATASET "matrix"`, "H5T_IEEE_F64LE", "H5T_STD_U64LE", "H5T_REFERENCE", "H5T_ENUM", "CSET H5T_CSET_UTF8"} {
		if !strings.Contains(dump, s) {
			t.Errorf("h5dump -H lacks %q", s)
		}
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	// an existing file that golgi did not write is never touched
	other := filepath.Join(dir, "notes.h5")
	if err := os.WriteFile(other, []byte("not mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, replace := range []func(*h5.File) error{nil, func(*h5.File) error { return nil }} {
		err := h5.Write(other, replace, fill)
		if !errors.Is(err, h5.ErrExists) {
			t.Fatalf("existing non-HDF5 file: %v, want ErrExists", err)
		}
	}
	if b, _ := os.ReadFile(other); string(b) != "not mine" {
		t.Fatalf("existing file changed: %q", b)
	}
	// an HDF5 file is replaced only when replace says so
	mine := filepath.Join(dir, "mine.h5")
	if err := h5.Write(mine, nil, fill); err != nil {
		t.Fatal(err)
	}
	err := h5.Write(mine, func(*h5.File) error { return errors.New("it is not golgi's") }, fill)
	if !errors.Is(err, h5.ErrExists) || !strings.Contains(err.Error(), "it is not golgi's") {
		t.Fatalf("refused replace: %v", err)
	}
	if err := h5.Write(mine, func(f *h5.File) error {
		if !f.Root().Has("g") {
			return errors.New("no group g")
		}
		return nil
	}, func(f *h5.File) error { _, err := f.Root().CreateGroup("new"); return err }); err != nil {
		t.Fatal(err)
	}
	f, err := h5.Open(mine)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Root().Has("new") || f.Root().Has("g") {
		t.Fatal("replaced file is not the new one")
	}
	f.Close()
	// a failing fill leaves nothing behind
	failed := filepath.Join(dir, "failed.h5")
	cases := map[string]func(*h5.File) error{
		"slash": func(f *h5.File) error { _, err := f.Root().CreateGroup("a/b"); return err },
		"dot":   func(f *h5.File) error { _, err := f.Root().CreateGroup("."); return err },
		"empty": func(f *h5.File) error { _, err := f.Root().WriteString("", "x"); return err },
		"shape": func(f *h5.File) error {
			_, err := f.Root().WriteFloat64("x", matrix, []int{4, 2}, h5.Layout{})
			return err
		},
		"negative": func(f *h5.File) error { _, err := f.Root().WriteInt64("x", nil, []int{-1}, h5.Layout{}); return err },
		"deflate": func(f *h5.File) error {
			_, err := f.Root().WriteFloat64("x", matrix, nil, h5.Layout{Deflate: 3})
			return err
		},
		"chunk": func(f *h5.File) error {
			_, err := f.Root().WriteFloat64("x", matrix, nil, h5.Layout{Chunk: []int{0}})
			return err
		},
		"rank": func(f *h5.File) error {
			_, err := f.Root().WriteFloat64("x", matrix, nil, h5.Layout{Chunk: []int{1, 1}})
			return err
		},
		"nul": func(f *h5.File) error { _, err := f.Root().WriteString("x", "a\x00b"); return err },
		"twice": func(f *h5.File) error {
			if _, err := f.Root().CreateGroup("x"); err != nil {
				return err
			}
			_, err := f.Root().CreateGroup("x")
			return err
		},
		"type":     func(f *h5.File) error { return f.Root().SetAttr("x", struct{}{}) },
		"zero ref": func(f *h5.File) error { return f.Root().SetAttr("x", h5.Ref{}) },
		"enum": func(f *h5.File) error {
			return f.Root().SetAttr("x", h5.Enum8{Names: []string{"a"}, Values: []int8{0}, Value: 3})
		},
	}
	for name, c := range cases {
		err := h5.Write(failed, nil, c)
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 2 {
			t.Errorf("%s: %v: left files behind: %d entries", name, err, len(ents))
		}
	}
	if _, err := os.Stat(failed); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a failed write left %s", failed)
	}
	if err := h5.Write("", nil, fill); err == nil {
		t.Fatal("empty path accepted")
	}
	if _, err := h5.Open(other); err == nil {
		t.Fatal("a text file opened as HDF5")
	}
}

// TestConcurrent writes files from several goroutines at once (every call
// holds the package's lock) and reads each back.
func TestConcurrent(t *testing.T) {
	dir := t.TempDir()
	errs := make(chan error, 8)
	for k := 0; k < 8; k++ {
		go func(k int) {
			errs <- h5.Write(filepath.Join(dir, fmt.Sprintf("f%d.h5", k)), nil, fill)
		}(k)
	}
	for k := 0; k < 8; k++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for k := 0; k < 8; k++ {
		f, err := h5.Open(filepath.Join(dir, fmt.Sprintf("f%d.h5", k)))
		if err != nil {
			t.Fatal(err)
		}
		g, err := f.Root().OpenGroup("g")
		if err != nil {
			t.Fatal(err)
		}
		d, err := g.OpenDataset("floats")
		if err != nil {
			t.Fatal(err)
		}
		v, _, err := d.Float64s()
		if err != nil || !slices.Equal(h5check.Bits(v), h5check.Bits(floats)) {
			t.Fatalf("file %d: %v %v", k, v, err)
		}
		f.Close()
	}
}
