// Package examples holds the sweeps of the seed documents, rebuilt with
// point neurons: Wscale's weight x section EPSP grid search (wscale.go)
// and HNN-core's 20-point batch simulation over two drive weights
// (batch.go). Command batch (examples/batch) runs the latter as a
// sweep program with a store, for laptops and SLURM clusters alike.
package examples
