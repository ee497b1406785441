//go:build !unix

package store

// lock does nothing where flock is not available: do not open a store
// from two processes at once.
func lock(dir string) (func(), error) { return func() {}, nil }

// Busy reports whether a process has the store in dir open; without
// flock it cannot tell and reports false.
func Busy(dir string) bool { return false }
