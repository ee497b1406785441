//go:build !unix

package store

// lock does nothing where flock is not available: do not open a store
// from two processes at once.
func lock(dir string) (func(), error) { return func() {}, nil }
