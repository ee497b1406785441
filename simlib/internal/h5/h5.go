//go:build hdf5

package h5

/*
#cgo pkg-config: hdf5
#include "h5helpers.h"
*/
import "C"

import (
	"fmt"
	"runtime"
	"sync"
	"unsafe"
)

// mu serialises every call into the library (see the package doc).
var mu sync.Mutex

var initErr error

func init() {
	lock()
	defer unlock()
	if C.H5open() < 0 {
		initErr = fmt.Errorf("h5: the HDF5 library does not initialise")
		return
	}
	C.h5_quiet()
}

func lock() {
	mu.Lock()
	runtime.LockOSThread()
	C.h5_quiet() // the library's error settings are per thread
}

func unlock() {
	runtime.UnlockOSThread()
	mu.Unlock()
}

// lastError returns the library's message for the failure just seen
// (with the lock held).
func lastError(format string, a ...any) error {
	var buf [512]C.char
	C.h5_last_error(&buf[0], C.size_t(len(buf)))
	return fmt.Errorf("h5: %s: %s", fmt.Sprintf(format, a...), C.GoString(&buf[0]))
}

// cstr is a C copy of s; free it with C.free.
func cstr(s string) *C.char { return C.CString(s) }

func free(p *C.char) { C.free(unsafe.Pointer(p)) }

// Version returns the HDF5 library's version, such as "1.10.8".
func Version() string {
	lock()
	defer unlock()
	var maj, min, rel C.uint
	C.H5get_libversion(&maj, &min, &rel)
	return fmt.Sprintf("%d.%d.%d", maj, min, rel)
}
