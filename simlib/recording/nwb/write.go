//go:build hdf5

package nwb

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/golgi-sim/golgi/simlib/internal/h5"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/recording/internal/export"
)

// Version is the NWB schema version the files follow.
const Version = "2.7.0"

// marker is /general/source_script's file_name in golgi's files.
const marker = "github.com/golgi-sim/golgi/simlib/recording/nwb"

// isoTime is NWB's ISO 8601 form with milliseconds.
const isoTime = "2006-01-02T15:04:05.000Z07:00"

// Write writes the recorders (*record.Spikes and *record.State, attached
// and run) to a new NWB file at path. It refuses an existing path unless
// Options.Overwrite is set and golgi wrote that file.
func Write(path string, opt Options, recorders ...network.Recorder) error {
	p, err := plan(opt, recorders)
	if err != nil {
		return fmt.Errorf("nwb: %w", err)
	}
	var replace func(*h5.File) error
	if opt.Overwrite {
		replace = golgis
	}
	if err := h5.Write(path, replace, p.write); err != nil {
		return fmt.Errorf("nwb: %w", err)
	}
	return nil
}

// state is one TimeSeries to write.
type state struct {
	name string
	rec  *record.State
	unit Unit
}

// spikes is one spike recorder's rows of the Units table: one per neuron
// of the recorded group, numbered as the recorder numbers them.
type spikes struct {
	rec *record.Spikes
	dt  float64
}

type writer struct {
	opt                         Options
	ident, desc, start, created string
	run                         string // JSON
	spikes                      []spikes
	states                      []state
	rates                       []*record.Rate
}

// plan checks everything before the file is created.
func plan(opt Options, recorders []network.Recorder) (*writer, error) {
	if len(recorders) == 0 {
		return nil, fmt.Errorf("no recorders given")
	}
	w := &writer{opt: opt, ident: opt.Identifier, desc: opt.SessionDescription}
	if w.ident == "" {
		w.ident = uuid()
	}
	if w.desc == "" {
		w.desc = "golgi simulation"
	}
	now := time.Now().UTC()
	w.created = now.Format(isoTime)
	w.start = w.created
	if !opt.SessionStart.IsZero() {
		w.start = opt.SessionStart.Format(isoTime)
	}
	if opt.Run != nil {
		b, err := json.Marshal(opt.Run)
		if err != nil {
			return nil, fmt.Errorf("run summary: %w", err)
		}
		w.run = string(b)
	}
	seenSpikes, seenStates, seenRates, names := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]string{}
	for k, r := range recorders {
		switch r := r.(type) {
		case *record.Spikes:
			if err := export.Spikes(k, r, seenSpikes); err != nil {
				return nil, err
			}
			dt, err := export.SpikesDT(r)
			if err != nil {
				return nil, err
			}
			w.spikes = append(w.spikes, spikes{r, dt})
		case *record.Rate:
			if r == nil {
				return nil, fmt.Errorf("rate recorder %d is nil", k)
			}
			if err := export.Name("rate recorder: population", r.Population()); err != nil {
				return nil, err
			}
			if t, _ := r.Rates(); len(t) == 0 {
				return nil, fmt.Errorf("rate recorder of %q: no bins (record it and run first)", r.Population())
			}
			if seenRates[r.Population()] {
				return nil, fmt.Errorf("rate recorder of %q: a second recorder of that population: give one per population", r.Population())
			}
			seenRates[r.Population()] = true
			w.rates = append(w.rates, r)
		case *record.State:
			if err := export.State(k, r, seenStates); err != nil {
				return nil, err
			}
			u, ok := opt.Units[r.Variable()]
			if !ok {
				return nil, fmt.Errorf("state recorder of %q.%s: no unit for variable %q in Options.Units (NWB needs one: nwb.DefaultOptions() knows \"v\"; for pA give {Name: \"amperes\", Conversion: 1e-12})", r.Population(), r.Variable(), r.Variable())
			}
			if u.Name == "" || !(u.Conversion > 0) || math.IsInf(u.Conversion, 0) {
				return nil, fmt.Errorf("Options.Units[%q] = %+v: Name must be given and Conversion positive and finite", r.Variable(), u)
			}
			name := r.Population() + "_" + r.Variable()
			key := r.Population() + "." + r.Variable()
			if other, dup := names[name]; dup {
				return nil, fmt.Errorf("state recorders of %s and %s would both be the TimeSeries %q", other, key, name)
			}
			names[name] = key
			w.states = append(w.states, state{name, r, u})
		case nil:
			return nil, fmt.Errorf("recorder %d is nil", k)
		default:
			if rv, ok := r.(interface{ Population() string }); ok {
				return nil, fmt.Errorf("recorder %d (%T of %q): NWB export takes spike, state and rate recorders (*record.Spikes, *record.State, *record.Rate)", k, r, rv.Population())
			}
			return nil, fmt.Errorf("recorder %d (%T): NWB export takes spike, state and rate recorders (*record.Spikes, *record.State, *record.Rate)", k, r)
		}
	}
	return w, nil
}

// uuid returns a random (version 4) UUID, NWB's object_id form.
func uuid() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (it aborts the program when the system has no randomness)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// object is a group or dataset that can take attributes.
type object interface {
	SetAttr(name string, v any) error
}

// typed sets the attributes of an NWB/hdmf typed object.
func typed(o object, namespace, typ string, more ...any) error {
	attrs := append([]any{"namespace", namespace, "neurodata_type", typ, "object_id", uuid()}, more...)
	for k := 0; k < len(attrs); k += 2 {
		if err := o.SetAttr(attrs[k].(string), attrs[k+1]); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) write(f *h5.File) error {
	root := f.Root()
	if err := typed(root, "core", "NWBFile", "nwb_version", Version); err != nil {
		return err
	}
	if _, err := root.WriteStrings("file_create_date", []string{w.created}, nil, h5.Layout{}); err != nil {
		return err
	}
	for _, d := range [][2]string{{"identifier", w.ident}, {"session_description", w.desc},
		{"session_start_time", w.start}, {"timestamps_reference_time", w.start}} {
		if _, err := root.WriteString(d[0], d[1]); err != nil {
			return err
		}
	}
	acq, err := root.CreateGroup("acquisition")
	if err != nil {
		return err
	}
	ana, err := root.CreateGroup("analysis")
	if err != nil {
		return err
	}
	if _, err := root.CreateGroup("processing"); err != nil {
		return err
	}
	stim, err := root.CreateGroup("stimulus")
	if err != nil {
		return err
	}
	for _, name := range []string{"presentation", "templates"} {
		if _, err := stim.CreateGroup(name); err != nil {
			return err
		}
	}
	if err := w.general(root); err != nil {
		return err
	}
	for _, s := range w.states {
		if err := timeSeries(acq, s); err != nil {
			return err
		}
	}
	for _, r := range w.rates {
		if err := rateSeries(ana, r); err != nil {
			return err
		}
	}
	if len(w.spikes) > 0 {
		return w.units(root)
	}
	return nil
}

func (w *writer) general(root *h5.Group) error {
	g, err := root.CreateGroup("general")
	if err != nil {
		return err
	}
	ss, err := g.WriteString("source_script", fmt.Sprintf("golgi %s (github.com/golgi-sim/golgi): simlib/recording/nwb.Write", network.Version))
	if err != nil {
		return err
	}
	if err := ss.SetAttr("file_name", marker); err != nil {
		return err
	}
	if len(w.opt.Experimenter) > 0 {
		if _, err := g.WriteStrings("experimenter", w.opt.Experimenter, nil, h5.Layout{}); err != nil {
			return err
		}
	}
	for _, d := range [][2]string{{"lab", w.opt.Lab}, {"institution", w.opt.Institution}} {
		if d[1] != "" {
			if _, err := g.WriteString(d[0], d[1]); err != nil {
				return err
			}
		}
	}
	if s := w.opt.Subject; s != nil {
		sg, err := g.CreateGroup("subject")
		if err != nil {
			return err
		}
		if err := typed(sg, "core", "Subject"); err != nil {
			return err
		}
		for _, d := range [][2]string{{"subject_id", s.SubjectID}, {"species", s.Species}, {"sex", s.Sex}, {"age", s.Age}, {"description", s.Description}} {
			if d[1] != "" {
				if _, err := sg.WriteString(d[0], d[1]); err != nil {
					return err
				}
			}
		}
	}
	if r := w.opt.Run; r != nil {
		if _, err := g.WriteString("notes", w.run); err != nil {
			return err
		}
		s := fmt.Sprintf("Simulated with golgi %s: seed %d, dt %v ms, %d neurons, fingerprint %s.", network.Version, r.Seed, r.DT, r.Neurons, r.Fingerprint)
		if _, err := g.WriteString("data_collection", s); err != nil {
			return err
		}
	}
	return nil
}

// chunked lays out a dataset of shape dims (float64) in chunks of about
// 64k values, whole in every dimension but the first, when it is larger
// than that.
func chunked(dims ...int) h5.Layout {
	const target = 1 << 16
	n, rest := 1, 1
	for k, d := range dims {
		n *= d
		if k > 0 {
			rest *= d
		}
	}
	if n <= target {
		return h5.Layout{}
	}
	chunk := append([]int{max(1, target/max(1, rest))}, dims[1:]...)
	return h5.Layout{Chunk: chunk, Deflate: 4}
}

func timeSeries(acq *h5.Group, s state) error {
	r := s.rec
	vals, times := r.Values(), r.Times()
	nt, nn := len(times), len(vals)
	data := make([]float64, nt*nn)
	for j, v := range vals {
		for t := 0; t < nt; t++ {
			data[t*nn+j] = v[t]
		}
	}
	ts := make([]float64, nt)
	for k, t := range times {
		ts[k] = t / 1000
	}
	comments, err := json.Marshal(map[string]any{"population": r.Population(), "variable": r.Variable(),
		"neurons": r.Neurons(), "interval_ms": r.Interval(), "golgi_unit_conversion": s.unit.Conversion})
	if err != nil {
		return err
	}
	g, err := acq.CreateGroup(s.name)
	if err != nil {
		return err
	}
	desc := fmt.Sprintf("golgi state recorder: variable %s of population %s, neurons %v (the columns of data)", r.Variable(), r.Population(), r.Neurons())
	if err := typed(g, "core", "TimeSeries", "description", desc, "comments", string(comments)); err != nil {
		return err
	}
	d, err := g.WriteFloat64("data", data, []int{nt, nn}, chunked(nt, nn))
	if err != nil {
		return err
	}
	for _, a := range []struct {
		name string
		v    any
	}{{"unit", s.unit.Name}, {"conversion", s.unit.Conversion}, {"offset", 0.0}, {"resolution", -1.0}, {"continuity", "continuous"}} {
		if err := d.SetAttr(a.name, a.v); err != nil {
			return err
		}
	}
	tsd, err := g.WriteFloat64("timestamps", ts, nil, chunked(nt))
	if err != nil {
		return err
	}
	if err := tsd.SetAttr("interval", int32(1)); err != nil {
		return err
	}
	return tsd.SetAttr("unit", "seconds")
}

// rateSeries writes a rate recorder as the TimeSeries <population>_rate
// of /analysis (a quantity computed from the spikes, not acquired).
func rateSeries(ana *h5.Group, r *record.Rate) error {
	t, hz := r.Rates()
	ts := make([]float64, len(t))
	for k, x := range t {
		ts[k] = x / 1000
	}
	comments, err := json.Marshal(map[string]any{"population": r.Population(), "variable": "rate", "bin_ms": r.Bin()})
	if err != nil {
		return err
	}
	g, err := ana.CreateGroup(r.Population() + "_rate")
	if err != nil {
		return err
	}
	desc := fmt.Sprintf("golgi rate recorder: population rate of %s (spikes per neuron per second) in bins of %v ms (0: one step); timestamps are the bins' starts; a last, partial bin is scaled to its width", r.Population(), r.Bin())
	if err := typed(g, "core", "TimeSeries", "description", desc, "comments", string(comments)); err != nil {
		return err
	}
	d, err := g.WriteFloat64("data", hz, nil, chunked(len(hz)))
	if err != nil {
		return err
	}
	for _, a := range []struct {
		name string
		v    any
	}{{"unit", "Hz"}, {"conversion", 1.0}, {"offset", 0.0}, {"resolution", -1.0}, {"continuity", "step"}} {
		if err := d.SetAttr(a.name, a.v); err != nil {
			return err
		}
	}
	tsd, err := g.WriteFloat64("timestamps", ts, nil, chunked(len(ts)))
	if err != nil {
		return err
	}
	if err := tsd.SetAttr("interval", int32(1)); err != nil {
		return err
	}
	return tsd.SetAttr("unit", "seconds")
}

// units writes the Units table.
func (w *writer) units(root *h5.Group) error {
	var (
		times   []float64
		index   []uint64
		ids     []int64
		pops    []string
		neurons []int64
		dt      float64
	)
	for _, s := range w.spikes {
		trains := make([][]float64, s.rec.Size())
		for st, i := range s.rec.All() {
			trains[i] = append(trains[i], float64(st)*s.dt/1000)
		}
		for i, tr := range trains {
			times = append(times, tr...)
			index = append(index, uint64(len(times)))
			ids = append(ids, int64(len(ids)))
			pops = append(pops, s.rec.Population())
			neurons = append(neurons, int64(i))
		}
		if dt == 0 || s.dt < dt {
			dt = s.dt
		}
	}
	g, err := root.CreateGroup("units")
	if err != nil {
		return err
	}
	desc := "golgi spike recorders: one row per neuron of each recorded population or view; population and neuron say which"
	if err := typed(g, "core", "Units", "description", desc, "colnames", []string{"spike_times", "population", "neuron"}); err != nil {
		return err
	}
	id, err := g.WriteInt64("id", ids, nil, h5.Layout{})
	if err != nil {
		return err
	}
	if err := typed(id, "hdmf-common", "ElementIdentifiers"); err != nil {
		return err
	}
	stimes, err := g.WriteFloat64("spike_times", times, nil, chunked(len(times)))
	if err != nil {
		return err
	}
	if err := typed(stimes, "hdmf-common", "VectorData", "description", "the spike times of each unit, in seconds (golgi: update n at n·dt)", "resolution", dt/1000); err != nil {
		return err
	}
	ref, err := stimes.Ref()
	if err != nil {
		return err
	}
	ix, err := g.WriteUint64("spike_times_index", index, nil, h5.Layout{})
	if err != nil {
		return err
	}
	if err := typed(ix, "hdmf-common", "VectorIndex", "description", "index into the spike_times column", "target", ref); err != nil {
		return err
	}
	pd, err := g.WriteStrings("population", pops, nil, h5.Layout{})
	if err != nil {
		return err
	}
	if err := typed(pd, "hdmf-common", "VectorData", "description", "golgi population of the unit"); err != nil {
		return err
	}
	nd, err := g.WriteInt64("neuron", neurons, nil, h5.Layout{})
	if err != nil {
		return err
	}
	return typed(nd, "hdmf-common", "VectorData", "description", "index of the unit's neuron in its golgi population or view (as golgi's recorders number them)")
}

// golgis accepts an NWB file that golgi's Write made.
func golgis(f *h5.File) error {
	root := f.Root()
	if t, err := root.AttrString("neurodata_type"); err != nil || t != "NWBFile" {
		return fmt.Errorf("it is not an NWB file")
	}
	g, err := root.OpenGroup("general")
	if err == nil {
		var d *h5.Dataset
		if d, err = g.OpenDataset("source_script"); err == nil {
			var name string
			if name, err = d.AttrString("file_name"); err == nil && name == marker {
				return nil
			}
		}
	}
	return fmt.Errorf("it is an NWB file golgi did not write")
}
