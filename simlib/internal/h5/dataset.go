//go:build hdf5

package h5

/*
#include "h5helpers.h"
*/
import "C"

import (
	"fmt"
	"math"
	"strings"
	"unsafe"
)

// Layout says how a dataset is stored: contiguous (the zero Layout) or in
// chunks of Chunk elements per dimension (clamped to the data's shape),
// deflated at level Deflate (1..9; 0: not compressed; needs Chunk).
type Layout struct {
	Chunk   []int
	Deflate int
}

// dataspace makes a simple dataspace of dims (rank 0: scalar).
func dataspace(dims []int) C.hid_t {
	if len(dims) == 0 {
		return C.H5Screate(C.H5S_SCALAR)
	}
	d := make([]C.hsize_t, len(dims))
	for k, n := range dims {
		d[k] = C.hsize_t(n)
	}
	return C.H5Screate_simple(C.int(len(dims)), &d[0], nil)
}

// shape checks that dims hold n values (nil dims: one dimension of n).
func shape(where string, n int, dims []int) ([]int, error) {
	if dims == nil {
		return []int{n}, nil
	}
	total := 1
	for _, d := range dims {
		if d < 0 {
			return nil, fmt.Errorf("h5: %s: dimension %d: must be >= 0", where, d)
		}
		if d > 0 && total > math.MaxInt/d {
			return nil, fmt.Errorf("h5: %s: shape %v: too large", where, dims)
		}
		total *= d
	}
	if total != n {
		return nil, fmt.Errorf("h5: %s: shape %v holds %d values, given %d", where, dims, total, n)
	}
	return dims, nil
}

// dcpl makes the creation property list of layout l for shape dims.
func (l Layout) dcpl(where string, dims []int) (C.hid_t, error) {
	if len(l.Chunk) == 0 {
		if l.Deflate != 0 {
			return -1, fmt.Errorf("h5: %s: deflate needs chunks", where)
		}
		return C.H5P_DEFAULT, nil
	}
	if len(l.Chunk) != len(dims) {
		return -1, fmt.Errorf("h5: %s: chunk %v for shape %v: ranks differ", where, l.Chunk, dims)
	}
	if l.Deflate < 0 || l.Deflate > 9 {
		return -1, fmt.Errorf("h5: %s: deflate level %d: must be in 0..9", where, l.Deflate)
	}
	c := make([]C.hsize_t, len(dims))
	for k, n := range l.Chunk {
		if n <= 0 {
			return -1, fmt.Errorf("h5: %s: chunk %v: every size must be positive", where, l.Chunk)
		}
		if dims[k] == 0 {
			return C.H5P_DEFAULT, nil // nothing to chunk
		}
		c[k] = C.hsize_t(min(n, dims[k]))
	}
	p := C.H5Pcreate(C.h5_dataset_create())
	if p < 0 {
		return -1, lastError("%s: properties", where)
	}
	if C.H5Pset_chunk(p, C.int(len(c)), &c[0]) < 0 {
		C.H5Pclose(p)
		return -1, lastError("%s: chunk %v", where, l.Chunk)
	}
	if l.Deflate > 0 && C.H5Pset_deflate(p, C.uint(l.Deflate)) < 0 {
		C.H5Pclose(p)
		return -1, lastError("%s: deflate", where)
	}
	return p, nil
}

// write makes dataset name of fileType and shape dims from n values of
// memType at buf (with the lock held).
func (g *Group) write(name string, fileType, memType C.hid_t, buf unsafe.Pointer, n int, dims []int, l Layout) (*Dataset, error) {
	where := g.child(name)
	if err := CheckName("dataset", name); err != nil {
		return nil, err
	}
	if err := g.writable(); err != nil {
		return nil, err
	}
	dims, err := shape(where, n, dims)
	if err != nil {
		return nil, err
	}
	space := dataspace(dims)
	if space < 0 {
		return nil, lastError("%s: dataspace %v", where, dims)
	}
	defer C.H5Sclose(space)
	p, err := l.dcpl(where, dims)
	if err != nil {
		return nil, err
	}
	if p != C.H5P_DEFAULT {
		defer C.H5Pclose(p)
	}
	cn := cstr(name)
	defer free(cn)
	id := C.H5Dcreate2(g.id, cn, fileType, space, C.H5P_DEFAULT, p, C.H5P_DEFAULT)
	if id < 0 {
		return nil, lastError("create dataset %s", where)
	}
	g.file.track(id)
	if n > 0 && C.H5Dwrite(id, memType, C.H5S_ALL, C.H5S_ALL, C.H5P_DEFAULT, buf) < 0 {
		return nil, lastError("write %s", where)
	}
	return &Dataset{object{id, g.file, where}}, nil
}

// WriteFloat64 makes dataset name of little-endian IEEE doubles holding v
// in shape dims (row-major; nil: one dimension; empty: a scalar).
func (g *Group) WriteFloat64(name string, v []float64, dims []int, l Layout) (*Dataset, error) {
	lock()
	defer unlock()
	var p unsafe.Pointer
	if len(v) > 0 {
		p = unsafe.Pointer(&v[0])
	}
	return g.write(name, C.h5_ieee_f64le(), C.h5_double(), p, len(v), dims, l)
}

// WriteInt64 makes dataset name of little-endian int64 holding v.
func (g *Group) WriteInt64(name string, v []int64, dims []int, l Layout) (*Dataset, error) {
	lock()
	defer unlock()
	var p unsafe.Pointer
	if len(v) > 0 {
		p = unsafe.Pointer(&v[0])
	}
	return g.write(name, C.h5_std_i64le(), C.h5_int64(), p, len(v), dims, l)
}

// WriteUint64 makes dataset name of little-endian uint64 holding v.
func (g *Group) WriteUint64(name string, v []uint64, dims []int, l Layout) (*Dataset, error) {
	lock()
	defer unlock()
	var p unsafe.Pointer
	if len(v) > 0 {
		p = unsafe.Pointer(&v[0])
	}
	return g.write(name, C.h5_std_u64le(), C.h5_uint64(), p, len(v), dims, l)
}

// cstrings is a C copy of v (free with freeCStrings); v must hold no NUL.
func cstrings(where string, v []string) ([]*C.char, error) {
	out := make([]*C.char, len(v))
	for k, s := range v {
		for i := 0; i < len(s); i++ {
			if s[i] == 0 {
				freeCStrings(out)
				return nil, fmt.Errorf("h5: %s: string %d holds a NUL byte", where, k)
			}
		}
		out[k] = cstr(s)
	}
	return out, nil
}

func freeCStrings(v []*C.char) {
	for _, p := range v {
		if p != nil {
			free(p)
		}
	}
}

// WriteStrings makes dataset name of variable-length UTF-8 strings
// holding v (dims as for WriteFloat64).
func (g *Group) WriteStrings(name string, v []string, dims []int, l Layout) (*Dataset, error) {
	cs, err := cstrings(g.child(name), v)
	if err != nil {
		return nil, err
	}
	defer freeCStrings(cs)
	lock()
	defer unlock()
	t := C.h5_vlen_string()
	if t < 0 {
		return nil, lastError("%s: string type", g.child(name))
	}
	defer C.H5Tclose(t)
	var p unsafe.Pointer
	if len(cs) > 0 {
		p = unsafe.Pointer(&cs[0])
	}
	return g.write(name, t, t, p, len(cs), dims, l)
}

// WriteFixedStrings makes dataset name of fixed-length UTF-8 strings,
// each stored in as many bytes as the longest of v (at least one),
// NUL-padded, for readers that want fixed-length text.
func (g *Group) WriteFixedStrings(name string, v []string, dims []int, l Layout) (*Dataset, error) {
	where := g.child(name)
	size := 1
	for k, s := range v {
		if strings.IndexByte(s, 0) >= 0 {
			return nil, fmt.Errorf("h5: %s: string %d holds a NUL byte", where, k)
		}
		size = max(size, len(s))
	}
	buf := make([]byte, size*len(v))
	for k, s := range v {
		copy(buf[k*size:], s)
	}
	lock()
	defer unlock()
	t := C.H5Tcopy(C.h5_c_s1())
	if t < 0 || C.H5Tset_size(t, C.size_t(size)) < 0 || C.H5Tset_strpad(t, C.H5T_STR_NULLPAD) < 0 || C.H5Tset_cset(t, C.H5T_CSET_UTF8) < 0 {
		if t >= 0 {
			C.H5Tclose(t)
		}
		return nil, lastError("%s: string type of %d bytes", where, size)
	}
	defer C.H5Tclose(t)
	var p unsafe.Pointer
	if len(buf) > 0 {
		p = unsafe.Pointer(&buf[0])
	}
	return g.write(name, t, t, p, len(v), dims, l)
}

// WriteString makes the scalar dataset name holding the UTF-8 string s.
func (g *Group) WriteString(name, s string) (*Dataset, error) {
	return g.WriteStrings(name, []string{s}, []int{}, Layout{})
}

// Dims returns the dataset's shape (empty: a scalar).
func (d *Dataset) Dims() ([]int, error) {
	lock()
	defer unlock()
	return d.dims()
}

func (d *Dataset) dims() ([]int, error) {
	s := C.H5Dget_space(d.id)
	if s < 0 {
		return nil, lastError("%s: dataspace", d.path)
	}
	defer C.H5Sclose(s)
	r := C.H5Sget_simple_extent_ndims(s)
	if r < 0 {
		return nil, lastError("%s: rank", d.path)
	}
	if r == 0 {
		return []int{}, nil
	}
	dd := make([]C.hsize_t, r)
	C.H5Sget_simple_extent_dims(s, &dd[0], nil)
	out := make([]int, r)
	for k, n := range dd {
		out[k] = int(n)
	}
	return out, nil
}

func count(dims []int) int {
	n := 1
	for _, d := range dims {
		n *= d
	}
	return n
}

// read reads the whole dataset as memType into buf of n values.
func (d *Dataset) read(memType C.hid_t, buf unsafe.Pointer, n int) error {
	if n == 0 {
		return nil
	}
	if C.H5Dread(d.id, memType, C.H5S_ALL, C.H5S_ALL, C.H5P_DEFAULT, buf) < 0 {
		return lastError("read %s", d.path)
	}
	return nil
}

// class returns the dataset's type class.
func (d *Dataset) class() C.H5T_class_t {
	t := C.H5Dget_type(d.id)
	defer C.H5Tclose(t)
	return C.H5Tget_class(t)
}

// Float64s reads the whole dataset as float64 (row-major) with its shape.
// Integer data is converted by the library.
func (d *Dataset) Float64s() ([]float64, []int, error) {
	return readNumbers[float64](d, C.h5_double(), true)
}

// Int64s reads the whole dataset of integers as int64 with its shape.
func (d *Dataset) Int64s() ([]int64, []int, error) {
	return readNumbers[int64](d, C.h5_int64(), false)
}

// Uint64s reads the whole dataset of integers as uint64 with its shape.
func (d *Dataset) Uint64s() ([]uint64, []int, error) {
	return readNumbers[uint64](d, C.h5_uint64(), false)
}

// readNumbers reads the whole dataset as memType (of T); floats says
// whether floating-point data may be read (else integers only).
func readNumbers[T float64 | int64 | uint64](d *Dataset, memType C.hid_t, floats bool) ([]T, []int, error) {
	lock()
	defer unlock()
	dims, err := d.dims()
	if err != nil {
		return nil, nil, err
	}
	if c := d.class(); c != C.H5T_INTEGER && !(floats && c == C.H5T_FLOAT) {
		return nil, nil, fmt.Errorf("h5: %s: not %s", d.path, map[bool]string{true: "numeric", false: "integers"}[floats])
	}
	v := make([]T, count(dims))
	var p unsafe.Pointer
	if len(v) > 0 {
		p = unsafe.Pointer(&v[0])
	}
	return v, dims, d.read(memType, p, len(v))
}

// Strings reads a dataset of strings (variable or fixed length).
func (d *Dataset) Strings() ([]string, []int, error) {
	lock()
	defer unlock()
	dims, err := d.dims()
	if err != nil {
		return nil, nil, err
	}
	ft := C.H5Dget_type(d.id)
	if ft < 0 {
		return nil, nil, lastError("%s: type", d.path)
	}
	defer C.H5Tclose(ft)
	if C.H5Tget_class(ft) != C.H5T_STRING {
		return nil, nil, fmt.Errorf("h5: %s: not strings", d.path)
	}
	n := count(dims)
	space := C.H5Dget_space(d.id)
	defer C.H5Sclose(space)
	v, err := readStrings(d.path, ft, n, func(mt C.hid_t, buf unsafe.Pointer) C.herr_t {
		return C.H5Dread(d.id, mt, C.H5S_ALL, C.H5S_ALL, C.H5P_DEFAULT, buf)
	}, space)
	return v, dims, err
}
