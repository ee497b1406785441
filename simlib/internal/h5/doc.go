//go:build hdf5

// Package h5 is golgi's own small binding to the HDF5 C library (Debian's
// libhdf5, 1.10), for the NWB and SONATA writers of simlib/recording. It is
// built only with the build tag hdf5 (go build -tags hdf5), so the default
// build of golgi stays pure Go.
//
// It holds only what those writers need, and little more: files (created
// anew, never over an existing path, or opened read-only), groups,
// datasets of float64, int64, uint64 and UTF-8 strings of variable or
// fixed length (contiguous or chunked, optionally deflated), attributes (strings, string arrays, numbers,
// number arrays, object references, 8-bit enums), object references, and
// reading the same back.
//
// Every call into the library holds one lock and stays on one OS thread,
// so that the library's error stack read after a failed call is that
// call's; every failure is returned as an error naming the object and the
// library's own message. The library's automatic error printing is off.
//
// Write puts a file in place atomically: it writes a temporary file next
// to the path and links it there only when everything was written, so a
// failure never leaves a half-written file, and an existing file is never
// touched unless the caller's check says it may be replaced.
package h5
