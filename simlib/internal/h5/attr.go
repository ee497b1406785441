//go:build hdf5

package h5

/*
#include "h5helpers.h"

// reading an attribute through the callback signature of Strings
static inline herr_t h5_aread(hid_t a, hid_t t, void *buf) { return H5Aread(a, t, buf); }
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Ref is an HDF5 object reference to a group or dataset of the same file.
type Ref struct {
	ref  C.hobj_ref_t
	path string
}

// Path returns the path of the object referred to.
func (r Ref) Path() string { return r.path }

// Ref returns a reference to o, for an attribute of another object.
func (o *object) Ref() (Ref, error) {
	p := cstr(o.path)
	defer free(p)
	lock()
	defer unlock()
	var r Ref
	if C.H5Rcreate(unsafe.Pointer(&r.ref), o.file.id, p, C.H5R_OBJECT, -1) < 0 {
		return Ref{}, lastError("reference to %s", o.path)
	}
	r.path = o.path
	return r, nil
}

// Enum8 is a value of an 8-bit signed enumeration type with the given
// member names and values.
type Enum8 struct {
	Names  []string
	Values []int8
	Value  int8
}

func (e Enum8) typ(where string) (C.hid_t, error) {
	if len(e.Names) == 0 || len(e.Names) != len(e.Values) {
		return -1, fmt.Errorf("h5: %s: enum of %d names and %d values", where, len(e.Names), len(e.Values))
	}
	found := false
	for _, v := range e.Values {
		found = found || v == e.Value
	}
	if !found {
		return -1, fmt.Errorf("h5: %s: enum value %d is none of %v", where, e.Value, e.Values)
	}
	t := C.H5Tenum_create(C.h5_std_i8le())
	if t < 0 {
		return -1, lastError("%s: enum type", where)
	}
	for k, n := range e.Names {
		cn := cstr(n)
		v := C.schar(e.Values[k])
		r := C.H5Tenum_insert(t, cn, unsafe.Pointer(&v))
		free(cn)
		if r < 0 {
			C.H5Tclose(t)
			return -1, lastError("%s: enum member %q", where, n)
		}
	}
	return t, nil
}

// SetAttr sets attribute name of o to v, one of: string, []string
// (variable-length UTF-8), float64, []float64, float32, int32, int64,
// []int64, uint32, []uint32, uint64, Ref, Enum8. Scalars are stored as
// scalar attributes, slices as one-dimensional ones.
func (o *object) SetAttr(name string, v any) error {
	where := o.path + "@" + name
	if err := CheckName("attribute", name); err != nil {
		return err
	}
	if o.file.closed || !o.file.write {
		return fmt.Errorf("h5: %s: file %s is closed or read-only", where, o.file.path)
	}
	var (
		strs   []*C.char
		err    error
		n      = 1
		scalar = true
	)
	switch x := v.(type) {
	case string:
		strs, err = cstrings(where, []string{x})
	case []string:
		strs, err = cstrings(where, x)
		n, scalar = len(x), false
	}
	if err != nil {
		return err
	}
	defer freeCStrings(strs)
	lock()
	defer unlock()
	var (
		ft, mt C.hid_t
		buf    unsafe.Pointer
		owned  bool // ft == mt must be closed
	)
	switch x := v.(type) {
	case string, []string:
		ft = C.h5_vlen_string()
		if ft < 0 {
			return lastError("%s: string type", where)
		}
		mt, owned = ft, true
		if len(strs) > 0 {
			buf = unsafe.Pointer(&strs[0])
		}
	case float64:
		ft, mt, buf = C.h5_ieee_f64le(), C.h5_double(), unsafe.Pointer(&x)
	case []float64:
		ft, mt, n, scalar = C.h5_ieee_f64le(), C.h5_double(), len(x), false
		if n > 0 {
			buf = unsafe.Pointer(&x[0])
		}
	case float32:
		ft, mt, buf = C.h5_ieee_f32le(), C.h5_float(), unsafe.Pointer(&x)
	case int32:
		ft, mt, buf = C.h5_std_i32le(), C.h5_int32(), unsafe.Pointer(&x)
	case int64:
		ft, mt, buf = C.h5_std_i64le(), C.h5_int64(), unsafe.Pointer(&x)
	case []int64:
		ft, mt, n, scalar = C.h5_std_i64le(), C.h5_int64(), len(x), false
		if n > 0 {
			buf = unsafe.Pointer(&x[0])
		}
	case uint32:
		ft, mt, buf = C.h5_std_u32le(), C.h5_uint32(), unsafe.Pointer(&x)
	case []uint32:
		ft, mt, n, scalar = C.h5_std_u32le(), C.h5_uint32(), len(x), false
		if n > 0 {
			buf = unsafe.Pointer(&x[0])
		}
	case uint64:
		ft, mt, buf = C.h5_std_u64le(), C.h5_uint64(), unsafe.Pointer(&x)
	case Ref:
		if x.path == "" {
			return fmt.Errorf("h5: %s: the zero Ref refers to nothing", where)
		}
		ref := x.ref // without the Go string beside it
		ft, mt, buf = C.h5_ref_obj(), C.h5_ref_obj(), unsafe.Pointer(&ref)
	case Enum8:
		t, err := x.typ(where)
		if err != nil {
			return err
		}
		val := C.schar(x.Value)
		ft, mt, buf, owned = t, t, unsafe.Pointer(&val), true
	default:
		return fmt.Errorf("h5: %s: cannot store a %T", where, v)
	}
	if owned {
		defer C.H5Tclose(ft)
	}
	var space C.hid_t
	if scalar {
		space = dataspace(nil)
	} else {
		space = dataspace([]int{n})
	}
	if space < 0 {
		return lastError("%s: dataspace", where)
	}
	defer C.H5Sclose(space)
	cn := cstr(name)
	defer free(cn)
	a := C.H5Acreate2(o.id, cn, ft, space, C.H5P_DEFAULT, C.H5P_DEFAULT)
	if a < 0 {
		return lastError("create attribute %s", where)
	}
	defer C.H5Aclose(a)
	if n > 0 && C.H5Awrite(a, mt, buf) < 0 {
		return lastError("write attribute %s", where)
	}
	return nil
}

// openAttr opens attribute name of o with its type, dataspace and value
// count (with the lock held); close them with closeAttr.
func (o *object) openAttr(name string) (a, t, s C.hid_t, n int, err error) {
	where := o.path + "@" + name
	cn := cstr(name)
	defer free(cn)
	if r := C.H5Aexists(o.id, cn); r <= 0 {
		C.H5Eclear2(C.H5E_DEFAULT)
		return -1, -1, -1, 0, fmt.Errorf("h5: %s: no such attribute", where)
	}
	a = C.H5Aopen(o.id, cn, C.H5P_DEFAULT)
	if a < 0 {
		return -1, -1, -1, 0, lastError("open attribute %s", where)
	}
	t, s = C.H5Aget_type(a), C.H5Aget_space(a)
	n = int(C.H5Sget_simple_extent_npoints(s))
	return a, t, s, n, nil
}

func closeAttr(a, t, s C.hid_t) {
	C.H5Sclose(s)
	C.H5Tclose(t)
	C.H5Aclose(a)
}

// HasAttr tells whether o has attribute name.
func (o *object) HasAttr(name string) bool {
	if CheckName("attribute", name) != nil {
		return false
	}
	cn := cstr(name)
	defer free(cn)
	lock()
	defer unlock()
	r := C.H5Aexists(o.id, cn)
	if r < 0 {
		C.H5Eclear2(C.H5E_DEFAULT)
	}
	return r > 0
}

// AttrStrings reads a string attribute (scalar or array, variable or
// fixed length).
func (o *object) AttrStrings(name string) ([]string, error) {
	lock()
	defer unlock()
	a, t, s, n, err := o.openAttr(name)
	if err != nil {
		return nil, err
	}
	defer closeAttr(a, t, s)
	if C.H5Tget_class(t) != C.H5T_STRING {
		return nil, fmt.Errorf("h5: %s@%s: not a string attribute", o.path, name)
	}
	return readStrings(o.path+"@"+name, t, n, func(mt C.hid_t, buf unsafe.Pointer) C.herr_t {
		return C.h5_aread(a, mt, buf)
	}, s)
}

// AttrString reads a scalar (or one-element) string attribute.
func (o *object) AttrString(name string) (string, error) {
	v, err := o.AttrStrings(name)
	if err != nil {
		return "", err
	}
	if len(v) != 1 {
		return "", fmt.Errorf("h5: %s@%s: %d strings, want one", o.path, name, len(v))
	}
	return v[0], nil
}

// AttrFloat64s reads a numeric attribute as float64 values.
func (o *object) AttrFloat64s(name string) ([]float64, error) {
	return attrNumbers[float64](o, name, C.h5_double(), "numeric", C.H5T_FLOAT, C.H5T_INTEGER)
}

// AttrInt64s reads an integer (or enumeration) attribute as int64 values.
func (o *object) AttrInt64s(name string) ([]int64, error) {
	return attrNumbers[int64](o, name, C.h5_int64(), "integers", C.H5T_INTEGER, C.H5T_ENUM)
}

// attrNumbers reads attribute name as memType (of T) when its class is
// one of classes.
func attrNumbers[T float64 | int64](o *object, name string, memType C.hid_t, what string, classes ...C.H5T_class_t) ([]T, error) {
	lock()
	defer unlock()
	a, t, s, n, err := o.openAttr(name)
	if err != nil {
		return nil, err
	}
	defer closeAttr(a, t, s)
	ok := false
	for _, c := range classes {
		ok = ok || C.H5Tget_class(t) == c
	}
	if !ok {
		return nil, fmt.Errorf("h5: %s@%s: not %s", o.path, name, what)
	}
	v := make([]T, n)
	if n > 0 && C.H5Aread(a, memType, unsafe.Pointer(&v[0])) < 0 {
		return nil, lastError("read attribute %s@%s", o.path, name)
	}
	return v, nil
}

// AttrRef reads a scalar object-reference attribute and returns the path
// of the object it refers to.
func (o *object) AttrRef(name string) (string, error) {
	lock()
	defer unlock()
	a, t, s, n, err := o.openAttr(name)
	if err != nil {
		return "", err
	}
	defer closeAttr(a, t, s)
	if C.H5Tget_class(t) != C.H5T_REFERENCE || n != 1 {
		return "", fmt.Errorf("h5: %s@%s: not one object reference", o.path, name)
	}
	var ref C.hobj_ref_t
	if C.H5Aread(a, C.h5_ref_obj(), unsafe.Pointer(&ref)) < 0 {
		return "", lastError("read attribute %s@%s", o.path, name)
	}
	var buf [1024]C.char
	if C.H5Rget_name(o.file.id, C.H5R_OBJECT, unsafe.Pointer(&ref), &buf[0], C.size_t(len(buf))) < 0 {
		return "", lastError("%s@%s: name of the object referred to", o.path, name)
	}
	return C.GoString(&buf[0]), nil
}

// readStrings reads n strings of file type ft through read (with the lock
// held): variable-length ones as pointers reclaimed after, fixed-length
// ones in one buffer.
func readStrings(where string, ft C.hid_t, n int, read func(C.hid_t, unsafe.Pointer) C.herr_t, space C.hid_t) ([]string, error) {
	out := make([]string, n)
	if n == 0 {
		return out, nil
	}
	if C.H5Tis_variable_str(ft) > 0 {
		mt := C.h5_vlen_string()
		if mt < 0 {
			return nil, lastError("%s: string type", where)
		}
		defer C.H5Tclose(mt)
		ptrs := (*[1 << 30]*C.char)(C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof((*C.char)(nil)))))[:n:n]
		defer C.free(unsafe.Pointer(&ptrs[0]))
		if read(mt, unsafe.Pointer(&ptrs[0])) < 0 {
			return nil, lastError("read %s", where)
		}
		for k, p := range ptrs {
			if p != nil {
				out[k] = C.GoString(p)
			}
		}
		C.H5Dvlen_reclaim(mt, space, C.H5P_DEFAULT, unsafe.Pointer(&ptrs[0]))
		return out, nil
	}
	size := int(C.H5Tget_size(ft))
	mt := C.H5Tcopy(ft)
	defer C.H5Tclose(mt)
	buf := make([]byte, size*n)
	if read(mt, unsafe.Pointer(&buf[0])) < 0 {
		return nil, lastError("read %s", where)
	}
	pad := byte(0)
	if C.H5Tget_strpad(ft) == C.H5T_STR_SPACEPAD {
		pad = ' '
	}
	for k := range out {
		b := buf[k*size : (k+1)*size]
		end := len(b)
		if pad == 0 {
			for i, c := range b {
				if c == 0 {
					end = i
					break
				}
			}
		}
		for end > 0 && b[end-1] == pad {
			end--
		}
		out[k] = string(b[:end])
	}
	return out, nil
}
