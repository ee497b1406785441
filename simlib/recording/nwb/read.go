//go:build hdf5

package nwb

import (
	"encoding/json"
	"fmt"

	"github.com/golgi-sim/golgi/simlib/internal/h5"
)

// File is what Read gives back of an NWB file golgi wrote, as plain
// values.
type File struct {
	Identifier, SessionDescription, SessionStart string
	Units                                        []UnitRow // rows of /units
	Series                                       []Series  // /acquisition: state recorders
	Rates                                        []Series  // /analysis: rate recorders (one column of Hz; Variable "rate")
	Notes                                        string    // /general/notes (golgi: the run summary as JSON)
}

// UnitRow is one row of the Units table.
type UnitRow struct {
	Population string
	Neuron     int
	SpikeTimes []float64 // s
}

// Series is one TimeSeries of /acquisition.
type Series struct {
	Name       string
	Data       [][]float64 // [neuron column][sample], as recorded
	Timestamps []float64   // s
	Unit       string
	Conversion float64
	Population string // from the comments golgi writes
	Variable   string
	Neurons    []int // the columns of Data
}

// Read reads an NWB file that golgi's Write made (the parts golgi writes:
// other files are refused, as they may hold types it does not read).
func Read(path string) (*File, error) {
	f, err := h5.Open(path)
	if err != nil {
		return nil, fmt.Errorf("nwb: %w", err)
	}
	defer f.Close()
	if err := golgis(f); err != nil {
		return nil, fmt.Errorf("nwb: %s: %v", path, err)
	}
	root := f.Root()
	out := &File{}
	for _, s := range []struct {
		name string
		dst  *string
	}{{"identifier", &out.Identifier}, {"session_description", &out.SessionDescription}, {"session_start_time", &out.SessionStart}} {
		if *s.dst, err = scalarString(root, s.name); err != nil {
			return nil, fmt.Errorf("nwb: %s: %w", path, err)
		}
	}
	gen, err := root.OpenGroup("general")
	if err != nil {
		return nil, fmt.Errorf("nwb: %s: %w", path, err)
	}
	if gen.Has("notes") {
		if out.Notes, err = scalarString(gen, "notes"); err != nil {
			return nil, fmt.Errorf("nwb: %s: %w", path, err)
		}
	}
	if root.Has("units") {
		if out.Units, err = readUnits(root); err != nil {
			return nil, fmt.Errorf("nwb: %s: %w", path, err)
		}
	}
	acq, err := root.OpenGroup("acquisition")
	if err != nil {
		return nil, fmt.Errorf("nwb: %s: %w", path, err)
	}
	names, err := acq.Names()
	if err != nil {
		return nil, fmt.Errorf("nwb: %s: %w", path, err)
	}
	for _, name := range names {
		s, err := readSeries(acq, name)
		if err != nil {
			return nil, fmt.Errorf("nwb: %s: %w", path, err)
		}
		out.Series = append(out.Series, s)
	}
	ana, err := root.OpenGroup("analysis")
	if err != nil {
		return nil, fmt.Errorf("nwb: %s: %w", path, err)
	}
	if names, err = ana.Names(); err != nil {
		return nil, fmt.Errorf("nwb: %s: %w", path, err)
	}
	for _, name := range names {
		s, err := readSeries(ana, name)
		if err != nil {
			return nil, fmt.Errorf("nwb: %s: %w", path, err)
		}
		out.Rates = append(out.Rates, s)
	}
	return out, nil
}

func scalarString(g *h5.Group, name string) (string, error) {
	d, err := g.OpenDataset(name)
	if err != nil {
		return "", err
	}
	v, _, err := d.Strings()
	if err != nil {
		return "", err
	}
	if len(v) != 1 {
		return "", fmt.Errorf("%s: %d strings, want one", d.Path(), len(v))
	}
	return v[0], nil
}

func readUnits(root *h5.Group) ([]UnitRow, error) {
	g, err := root.OpenGroup("units")
	if err != nil {
		return nil, err
	}
	open := func(name string) (*h5.Dataset, error) { return g.OpenDataset(name) }
	st, err := open("spike_times")
	if err != nil {
		return nil, err
	}
	times, _, err := st.Float64s()
	if err != nil {
		return nil, err
	}
	ix, err := open("spike_times_index")
	if err != nil {
		return nil, err
	}
	index, _, err := ix.Uint64s()
	if err != nil {
		return nil, err
	}
	pd, err := open("population")
	if err != nil {
		return nil, err
	}
	pops, _, err := pd.Strings()
	if err != nil {
		return nil, err
	}
	nd, err := open("neuron")
	if err != nil {
		return nil, err
	}
	neurons, _, err := nd.Int64s()
	if err != nil {
		return nil, err
	}
	if len(pops) != len(index) || len(neurons) != len(index) {
		return nil, fmt.Errorf("/units: %d index entries, %d populations, %d neurons: columns differ in length", len(index), len(pops), len(neurons))
	}
	rows := make([]UnitRow, len(index))
	start := uint64(0)
	for k, end := range index {
		if end < start || end > uint64(len(times)) {
			return nil, fmt.Errorf("/units/spike_times_index[%d] = %d: must be in [%d, %d]", k, end, start, len(times))
		}
		rows[k] = UnitRow{pops[k], int(neurons[k]), times[start:end:end]}
		start = end
	}
	return rows, nil
}

func readSeries(acq *h5.Group, name string) (Series, error) {
	s := Series{Name: name}
	g, err := acq.OpenGroup(name)
	if err != nil {
		return s, err
	}
	d, err := g.OpenDataset("data")
	if err != nil {
		return s, err
	}
	flat, dims, err := d.Float64s()
	if err != nil {
		return s, err
	}
	if len(dims) == 1 {
		dims = []int{dims[0], 1}
	}
	if len(dims) != 2 {
		return s, fmt.Errorf("%s: shape %v: golgi writes time × neuron or time", d.Path(), dims)
	}
	nt, nn := dims[0], dims[1]
	s.Data = make([][]float64, nn)
	for j := range s.Data {
		s.Data[j] = make([]float64, nt)
		for t := 0; t < nt; t++ {
			s.Data[j][t] = flat[t*nn+j]
		}
	}
	if s.Unit, err = d.AttrString("unit"); err != nil {
		return s, err
	}
	c, err := d.AttrFloat64s("conversion")
	if err != nil {
		return s, err
	}
	if len(c) == 1 {
		s.Conversion = c[0]
	}
	ts, err := g.OpenDataset("timestamps")
	if err != nil {
		return s, err
	}
	if s.Timestamps, _, err = ts.Float64s(); err != nil {
		return s, err
	}
	com, err := g.AttrString("comments")
	if err != nil {
		return s, err
	}
	var meta struct {
		Population, Variable string
		Neurons              []int
	}
	if err := json.Unmarshal([]byte(com), &meta); err != nil {
		return s, fmt.Errorf("%s@comments: not golgi's JSON: %w", g.Path(), err)
	}
	s.Population, s.Variable, s.Neurons = meta.Population, meta.Variable, meta.Neurons
	return s, nil
}
