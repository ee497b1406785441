//go:build hdf5

package sonata

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/golgi-sim/golgi/simlib/internal/h5"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording/internal/export"
	"github.com/golgi-sim/golgi/simlib/runlog"
)

// The sorting orders of the spec.
const (
	None   = "none"
	ByID   = "by_id"
	ByTime = "by_time"
)

// sortings is the spec's enumeration, as libsonata defines it.
var sortings = h5.Enum8{Names: []string{None, ByID, ByTime}, Values: []int8{0, 1, 2}}

// Options of Write.
type Options struct {
	// Sorting is ByTime (the order golgi records), ByID or None (the
	// order golgi records, claiming no order).
	Sorting string
	// Run, when given, is stored as JSON in the root attribute golgi_run
	// (seed, dt, fingerprint, populations).
	Run *runlog.Run
	// Overwrite replaces an existing file at the path when golgi wrote
	// it (a SONATA file with golgi's mark); any other file is refused.
	Overwrite bool
}

// DefaultOptions sorts by time and never overwrites.
func DefaultOptions() Options { return Options{Sorting: ByTime} }

// Magic is the root attribute magic of every SONATA HDF5 file (with version).
const Magic uint32 = 0x0A7A

func version() []uint32 { return []uint32{0, 1} } // of the spec: 0.1

// Write writes the spikes of the recorders (one per population, attached
// and run) to a new SONATA spike file at path. It refuses an existing
// path unless Options.Overwrite is set and golgi wrote that file. The
// file appears at path only when it was written whole.
func Write(path string, opt Options, spikes ...*record.Spikes) error {
	code := -1
	for k, n := range sortings.Names {
		if n == opt.Sorting {
			code = k
		}
	}
	if code < 0 {
		return fmt.Errorf("sonata: Options.Sorting %q: must be %q, %q or %q (start from sonata.DefaultOptions())", opt.Sorting, ByTime, ByID, None)
	}
	if len(spikes) == 0 {
		return fmt.Errorf("sonata: no spike recorders given")
	}
	seen := map[string]bool{}
	for k, s := range spikes {
		if err := export.Spikes(k, s, seen); err != nil {
			return fmt.Errorf("sonata: %w", err)
		}
	}
	var runJSON string
	if opt.Run != nil {
		b, err := json.Marshal(opt.Run)
		if err != nil {
			return fmt.Errorf("sonata: run summary: %w", err)
		}
		runJSON = string(b)
	}
	var replace func(*h5.File) error
	if opt.Overwrite {
		replace = golgis
	}
	en := sortings
	en.Value = sortings.Values[code]
	return h5.Write(path, replace, func(f *h5.File) error {
		root := f.Root()
		for _, a := range []struct {
			name string
			v    any
		}{{"magic", Magic}, {"version", version()}, {"golgi_version", network.Version}} {
			if err := root.SetAttr(a.name, a.v); err != nil {
				return err
			}
		}
		if runJSON != "" {
			if err := root.SetAttr("golgi_run", runJSON); err != nil {
				return err
			}
		}
		g, err := root.CreateGroup("spikes")
		if err != nil {
			return err
		}
		for _, s := range spikes {
			if err := population(g, s, en); err != nil {
				return err
			}
		}
		return nil
	})
}

// population writes one recorder's group.
func population(g *h5.Group, s *record.Spikes, en h5.Enum8) error {
	times := s.Times()
	ids := make([]uint64, len(times))
	for k, i := range s.Indices() {
		ids[k] = uint64(i)
	}
	if en.Names[en.Value] == ByID {
		order := make([]int, len(ids))
		for k := range order {
			order[k] = k
		}
		// stable: a neuron's spikes stay in time order
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ids[a], ids[b]) })
		t2, i2 := make([]float64, len(order)), make([]uint64, len(order))
		for k, o := range order {
			t2[k], i2[k] = times[o], ids[o]
		}
		times, ids = t2, i2
	}
	p, err := g.CreateGroup(s.Population())
	if err != nil {
		return err
	}
	if err := p.SetAttr("sorting", en); err != nil {
		return err
	}
	l := layout(len(ids))
	ts, err := p.WriteFloat64("timestamps", times, nil, l)
	if err != nil {
		return err
	}
	if err := ts.SetAttr("units", "ms"); err != nil {
		return err
	}
	_, err = p.WriteUint64("node_ids", ids, nil, l)
	return err
}

// layout chunks (and deflates) large spike datasets.
func layout(n int) h5.Layout {
	const chunk = 1 << 16
	if n <= chunk {
		return h5.Layout{}
	}
	return h5.Layout{Chunk: []int{chunk}, Deflate: 4}
}

// golgis accepts a file that golgi's Write made.
func golgis(f *h5.File) error {
	if !f.Root().HasAttr("golgi_version") || !f.Root().Has("spikes") {
		return fmt.Errorf("it is not a SONATA spike file golgi wrote")
	}
	return nil
}
