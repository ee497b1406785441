//go:build hdf5

package h5

/*
#include "h5helpers.h"
*/
import "C"

import (
	"fmt"
	"path"
	"strings"
)

// object is a group or a dataset of an open file.
type object struct {
	id   C.hid_t
	file *File
	path string // full path in the file, for messages
}

// Path returns the object's path in its file, such as "/units/id".
func (o *object) Path() string { return o.path }

func (o *object) child(name string) string { return path.Join(o.path, name) }

// Group is an HDF5 group (the root group included).
type Group struct{ object }

// Dataset is an HDF5 dataset.
type Dataset struct{ object }

// CheckName refuses names HDF5 would read as paths or cannot hold: empty,
// "." or "..", or holding '/' or NUL.
func CheckName(what, name string) error {
	switch {
	case name == "":
		return fmt.Errorf("%s name is empty", what)
	case name == "." || name == "..":
		return fmt.Errorf("%s name %q: not allowed (HDF5 reads it as a path)", what, name)
	case strings.ContainsAny(name, "/\x00"):
		return fmt.Errorf("%s name %q: must not contain '/' or NUL (HDF5's path separator)", what, name)
	}
	return nil
}

func (g *Group) writable() error {
	if g.file.closed {
		return fmt.Errorf("h5: %s: file %s is closed", g.path, g.file.path)
	}
	if !g.file.write {
		return fmt.Errorf("h5: %s: file %s is open read-only", g.path, g.file.path)
	}
	return nil
}

// CreateGroup makes the group name in g.
func (g *Group) CreateGroup(name string) (*Group, error) {
	if err := CheckName("group", name); err != nil {
		return nil, err
	}
	if err := g.writable(); err != nil {
		return nil, err
	}
	n := cstr(name)
	defer free(n)
	lock()
	defer unlock()
	id := C.H5Gcreate2(g.id, n, C.H5P_DEFAULT, C.H5P_DEFAULT, C.H5P_DEFAULT)
	if id < 0 {
		return nil, lastError("create group %s", g.child(name))
	}
	g.file.track(id)
	return &Group{object{id, g.file, g.child(name)}}, nil
}

// Has tells whether g has a link (group or dataset) called name.
func (g *Group) Has(name string) bool {
	if CheckName("link", name) != nil || g.file.closed {
		return false
	}
	n := cstr(name)
	defer free(n)
	lock()
	defer unlock()
	r := C.H5Lexists(g.id, n, C.H5P_DEFAULT)
	if r < 0 {
		C.H5Eclear2(C.H5E_DEFAULT)
	}
	return r > 0
}

// OpenGroup opens the group name of g.
func (g *Group) OpenGroup(name string) (*Group, error) {
	id, err := g.open("group", name)
	if err != nil {
		return nil, err
	}
	return &Group{object{id, g.file, g.child(name)}}, nil
}

// OpenDataset opens the dataset name of g.
func (g *Group) OpenDataset(name string) (*Dataset, error) {
	id, err := g.open("dataset", name)
	if err != nil {
		return nil, err
	}
	return &Dataset{object{id, g.file, g.child(name)}}, nil
}

// open opens the group or dataset name of g, tracked by the file.
func (g *Group) open(what, name string) (C.hid_t, error) {
	if err := CheckName(what, name); err != nil {
		return -1, err
	}
	if !g.Has(name) {
		return -1, fmt.Errorf("h5: %s: no %s %q", g.path, what, name)
	}
	n := cstr(name)
	defer free(n)
	lock()
	defer unlock()
	var id C.hid_t
	if what == "group" {
		id = C.H5Gopen2(g.id, n, C.H5P_DEFAULT)
	} else {
		id = C.H5Dopen2(g.id, n, C.H5P_DEFAULT)
	}
	if id < 0 {
		return -1, lastError("open %s %s", what, g.child(name))
	}
	g.file.track(id)
	return id, nil
}

// Names returns the names of g's links (groups and datasets) in name
// order.
func (g *Group) Names() ([]string, error) {
	lock()
	defer unlock()
	var info C.H5G_info_t
	if C.H5Gget_info(g.id, &info) < 0 {
		return nil, lastError("%s: list", g.path)
	}
	dot := cstr(".")
	defer free(dot)
	out := make([]string, 0, int(info.nlinks))
	for k := C.hsize_t(0); k < info.nlinks; k++ {
		n := C.H5Lget_name_by_idx(g.id, dot, C.H5_INDEX_NAME, C.H5_ITER_INC, k, nil, 0, C.H5P_DEFAULT)
		if n < 0 {
			return nil, lastError("%s: name of link %d", g.path, k)
		}
		buf := make([]C.char, n+1)
		if C.H5Lget_name_by_idx(g.id, dot, C.H5_INDEX_NAME, C.H5_ITER_INC, k, &buf[0], C.size_t(n+1), C.H5P_DEFAULT) < 0 {
			return nil, lastError("%s: name of link %d", g.path, k)
		}
		out = append(out, C.GoString(&buf[0]))
	}
	return out, nil
}
