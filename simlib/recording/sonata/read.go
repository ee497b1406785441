//go:build hdf5

package sonata

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/internal/h5"
)

// Population is one population of a spike file.
type Population struct {
	Name       string
	Sorting    string    // None, ByID, ByTime, or "" when the file has no sorting attribute
	Units      string    // of Timestamps, as the file says ("ms" in golgi's files)
	Timestamps []float64 // spike times
	NodeIDs    []uint64  // node of each spike
}

// Read reads every population of the SONATA spike file at path, in name
// order.
func Read(path string) ([]Population, error) {
	f, err := h5.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sonata: %w", err)
	}
	defer f.Close()
	g, err := f.Root().OpenGroup("spikes")
	if err != nil {
		return nil, fmt.Errorf("sonata: %s: not a SONATA spike file: %w", path, err)
	}
	names, err := g.Names()
	if err != nil {
		return nil, fmt.Errorf("sonata: %w", err)
	}
	var out []Population
	for _, name := range names {
		p, err := readPopulation(g, name)
		if err != nil {
			return nil, fmt.Errorf("sonata: %s: %w", path, err)
		}
		out = append(out, p)
	}
	return out, nil
}

func readPopulation(g *h5.Group, name string) (Population, error) {
	p := Population{Name: name}
	pg, err := g.OpenGroup(name)
	if err != nil {
		return p, err
	}
	if pg.HasAttr("sorting") {
		v, err := pg.AttrInt64s("sorting")
		if err != nil {
			// a string, as some writers store it
			s, serr := pg.AttrString("sorting")
			if serr != nil {
				return p, err
			}
			p.Sorting = s
		} else if len(v) == 1 && v[0] >= 0 && int(v[0]) < len(sortings.Names) {
			p.Sorting = sortings.Names[v[0]]
		} else {
			return p, fmt.Errorf("population %q: sorting %v: not one of %v", name, v, sortings.Names)
		}
	}
	ts, err := pg.OpenDataset("timestamps")
	if err != nil {
		return p, err
	}
	if p.Timestamps, _, err = ts.Float64s(); err != nil {
		return p, err
	}
	if ts.HasAttr("units") {
		if p.Units, err = ts.AttrString("units"); err != nil {
			return p, err
		}
	}
	ids, err := pg.OpenDataset("node_ids")
	if err != nil {
		return p, err
	}
	if p.NodeIDs, _, err = ids.Uint64s(); err != nil {
		return p, err
	}
	if len(p.NodeIDs) != len(p.Timestamps) {
		return p, fmt.Errorf("population %q: %d timestamps for %d node_ids", name, len(p.Timestamps), len(p.NodeIDs))
	}
	return p, nil
}
