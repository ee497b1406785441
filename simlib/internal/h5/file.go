//go:build hdf5

package h5

/*
#include "h5helpers.h"
*/
import "C"

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// File is an open HDF5 file. The groups and datasets made or opened
// through it stay open until the file is closed; Close closes them all.
type File struct {
	id     C.hid_t
	path   string
	write  bool
	open   []C.hid_t // groups and datasets to close, in order opened
	closed bool
}

// create makes a new HDF5 file at path and fails if path exists.
func create(path string) (*File, error) {
	if initErr != nil {
		return nil, initErr
	}
	p := cstr(path)
	defer free(p)
	lock()
	defer unlock()
	id := C.H5Fcreate(p, C.H5F_ACC_EXCL, C.H5P_DEFAULT, C.H5P_DEFAULT)
	if id < 0 {
		return nil, lastError("create %s", path)
	}
	return &File{id: id, path: path, write: true}, nil
}

// Open opens an existing HDF5 file read-only.
func Open(path string) (*File, error) {
	if initErr != nil {
		return nil, initErr
	}
	if ok, err := IsHDF5(path); err != nil {
		return nil, err
	} else if !ok {
		return nil, fmt.Errorf("h5: %s: not an HDF5 file", path)
	}
	p := cstr(path)
	defer free(p)
	lock()
	defer unlock()
	id := C.H5Fopen(p, C.H5F_ACC_RDONLY, C.H5P_DEFAULT)
	if id < 0 {
		return nil, lastError("open %s", path)
	}
	return &File{id: id, path: path}, nil
}

// IsHDF5 tells whether path is a readable HDF5 file.
func IsHDF5(path string) (bool, error) {
	st, err := os.Stat(path)
	if err != nil {
		return false, fmt.Errorf("h5: %w", err)
	}
	if !st.Mode().IsRegular() {
		return false, nil
	}
	p := cstr(path)
	defer free(p)
	lock()
	defer unlock()
	r := C.H5Fis_hdf5(p)
	if r < 0 {
		C.H5Eclear2(C.H5E_DEFAULT)
		return false, nil
	}
	return r > 0, nil
}

// Path returns the file's path as given.
func (f *File) Path() string { return f.path }

// Root returns the file's root group "/".
func (f *File) Root() *Group { return &Group{object{id: f.id, file: f, path: "/"}} }

func (f *File) track(id C.hid_t) { f.open = append(f.open, id) }

// Close flushes and closes the file and every group and dataset made or
// opened through it. A second Close does nothing.
func (f *File) Close() error {
	if f == nil || f.closed {
		return nil
	}
	f.closed = true
	lock()
	defer unlock()
	var first error
	for k := len(f.open) - 1; k >= 0; k-- {
		id := f.open[k]
		var r C.herr_t
		switch C.H5Iget_type(id) {
		case C.H5I_GROUP:
			r = C.H5Gclose(id)
		case C.H5I_DATASET:
			r = C.H5Dclose(id)
		}
		if r < 0 && first == nil {
			first = lastError("%s: close", f.path)
		}
	}
	f.open = nil
	if C.H5Fclose(f.id) < 0 && first == nil {
		first = lastError("%s: close", f.path)
	}
	return first
}

// ErrExists is returned (wrapped) by Write when the path exists and may
// not be replaced.
var ErrExists = errors.New("the path exists")

// Write makes the HDF5 file path through fill, atomically: fill writes a
// new temporary file in path's directory, and only when fill and closing
// succeeded is the file put at path. A failure removes the temporary file
// and leaves path as it was.
//
// When path exists, replace decides: a nil replace refuses every existing
// path; otherwise replace gets the existing file opened read-only (a path
// that is not an HDF5 file is refused before) and returns nil when it may
// be replaced (for instance because golgi wrote it), or the reason not.
// Only a regular file is ever replaced.
func Write(path string, replace func(existing *File) error, fill func(*File) error) (err error) {
	if path == "" {
		return fmt.Errorf("h5: no path given")
	}
	exists, err := mayReplace(path, replace)
	if err != nil {
		return err
	}
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return fmt.Errorf("h5: %w", err)
	}
	dir, base := filepath.Split(path)
	tmp := filepath.Join(dir, "."+base+".golgi-"+hex.EncodeToString(rnd[:])+".tmp")
	f, err := create(tmp)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = fill(f); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if !exists {
		// a link fails if path appeared meanwhile: never clobbers a file
		if err = os.Link(tmp, path); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("h5: %s: %w (it appeared while writing): not overwritten", path, ErrExists)
			}
			return fmt.Errorf("h5: %w", err)
		}
		return os.Remove(tmp)
	}
	// check again right before replacing
	if _, err = mayReplace(path, replace); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("h5: %w", err)
	}
	return nil
}

// mayReplace tells whether path exists, and errs when it exists and may
// not be replaced.
func mayReplace(path string, replace func(*File) error) (bool, error) {
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("h5: %w", err)
	}
	if replace == nil {
		return true, fmt.Errorf("h5: %s: %w: not overwritten", path, ErrExists)
	}
	if !st.Mode().IsRegular() {
		return true, fmt.Errorf("h5: %s: %w and is not a regular file: not overwritten", path, ErrExists)
	}
	old, err := Open(path)
	if err != nil {
		return true, fmt.Errorf("h5: %s: %w and is not an HDF5 file golgi wrote: not overwritten", path, ErrExists)
	}
	err = replace(old)
	old.Close()
	if err != nil {
		return true, fmt.Errorf("h5: %s: %w and %v: not overwritten", path, ErrExists, err)
	}
	return true, nil
}
