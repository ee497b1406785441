package recording

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/record"
)

// Save writes the recorders of a run, and the summary of net (nil: none),
// as a recording at directory path (see the package doc for the layout).
// The recorders are record.Spikes, record.State, record.Rate and
// record.Weights (weights or rule variables of synapses), attached
// to a network (net.Record before the run). A golgi recording at path is
// replaced, all at once (the new one is written aside first); anything
// else at path is refused.
func Save(path string, net *network.Network, recs ...network.Recorder) error {
	if path == "" {
		return errors.New("recording: Save: empty path")
	}
	if net == nil && len(recs) == 0 {
		return fmt.Errorf("recording: Save %s: nothing to save (no network, no recorder)", path)
	}
	var meta Meta
	if net != nil {
		meta = MetaOf(net)
	}
	var spk []spikeRow
	var st []stateRow
	var rt []rateRow
	var ru []rateUpdateRow
	var wt []weightRow
	var spkInfo, stInfo, rtInfo, ruInfo, wtInfo []recorderInfo
	for k, r := range recs {
		info, err := describe(path, k, r)
		if err != nil {
			return err
		}
		if meta.DT == 0 {
			meta.DT = info.DT
		}
		if net != nil && info.DT != meta.DT {
			return fmt.Errorf("recording: Save %s: recorder %d (%s of %q) has dt %v ms, the network %v ms: it records another network", path, k, info.Kind, info.Population, info.DT, meta.DT)
		}
		rec := int32(k)
		switch r := r.(type) {
		case *record.Spikes:
			d := r.Data()
			for j, i := range d.IDs {
				spk = append(spk, spikeRow{rec, d.Label, i, d.Steps[j], float64(d.Steps[j]) * d.DT})
			}
			info.Rows = int64(len(d.IDs))
			spkInfo = append(spkInfo, info)
		case *record.State:
			d := r.Data()
			st = appendLong(st, r.Times(), d.Neurons, d.K0, d.Every, d.Vals, func(i int32, step int64, t, v float64) stateRow {
				return stateRow{rec, d.Label, d.Variable, i, step, t, v}
			})
			info.Rows = int64(len(r.Times()) * len(d.Neurons))
			stInfo = append(stInfo, info)
		case *record.Rate:
			d := r.Data()
			t, hz := r.Rates()
			for b := range t {
				spikes, width := binOf(d, b)
				rt = append(rt, rateRow{rec, d.Label, t[b], width, spikes, hz[b]})
			}
			info.Rows = int64(len(t))
			rtInfo = append(rtInfo, info)
			n := 0
			for j, c := range d.Counts {
				if c != 0 {
					ru = append(ru, rateUpdateRow{rec, d.Label, d.First + int64(j), c})
					n++
				}
			}
			info.Rows = int64(n)
			ruInfo = append(ruInfo, info)
		case *record.Weights:
			d := r.Data()
			wt = appendLong(wt, r.Times(), d.Synapses, d.K0, d.Every, d.Vals, func(i int32, step int64, t, v float64) weightRow {
				return weightRow{rec, info.Population, d.Variable, i, step, t, v}
			})
			info.Rows = int64(len(r.Times()) * len(d.Synapses))
			wtInfo = append(wtInfo, info)
		}
	}
	if err := meta.check(path); err != nil {
		return err
	}
	if _, err := ours(path); err != nil {
		return err
	}
	parent := filepath.Dir(path)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("recording: %w", err)
	}
	err = writeMarker(tmp, meta)
	if err == nil && len(spkInfo) > 0 {
		err = savePart(tmp, tableSpikes, meta, spkInfo, spk)
	}
	if err == nil && len(stInfo) > 0 {
		err = savePart(tmp, tableState, meta, stInfo, st)
	}
	if err == nil && len(rtInfo) > 0 {
		err = savePart(tmp, tableRate, meta, rtInfo, rt)
	}
	if err == nil && len(ruInfo) > 0 {
		err = savePart(tmp, tableRateUpdates, meta, ruInfo, ru)
	}
	if err == nil && len(wtInfo) > 0 {
		err = savePart(tmp, tableWeights, meta, wtInfo, wt)
	}
	if err == nil {
		err = swap(tmp, path)
	}
	if err != nil {
		if cerr := clearRecording(tmp); cerr == nil {
			os.Remove(tmp) // made by this call
		}
		return err
	}
	return nil
}

// appendLong appends the rows of a long table (state, weights): for each
// sample time t[s] (at step (k0+s)·every), one row per index (neuron or
// synapse) in order, with its value vals[j][s].
func appendLong[T any](rows []T, t []float64, indices []int, k0, every int64, vals [][]float64, row func(index int32, step int64, t, v float64) T) []T {
	for s := range t {
		for j, i := range indices {
			rows = append(rows, row(int32(i), (k0+int64(s))*every, t[s], vals[j][s]))
		}
	}
	return rows
}

// describe checks recorder k and returns its description.
func describe(path string, k int, r network.Recorder) (recorderInfo, error) {
	bad := func(what, pop, why string) error {
		return fmt.Errorf("recording: Save %s: recorder %d (%s of %q): %s", path, k, what, pop, why)
	}
	const unattached = "not attached to a network: give it to net.Record before the run"
	switch r := r.(type) {
	case *record.Spikes:
		if r == nil {
			return recorderInfo{}, fmt.Errorf("recording: Save %s: recorder %d is a nil *record.Spikes", path, k)
		}
		d := r.Data()
		if d.DT == 0 {
			return recorderInfo{}, bad("spikes", d.Label, unattached)
		}
		return recorderInfo{Recorder: k, Kind: "spikes", Population: d.Label, Key: d.Pop, Size: d.Size, DT: d.DT}, nil
	case *record.State:
		if r == nil {
			return recorderInfo{}, fmt.Errorf("recording: Save %s: recorder %d is a nil *record.State", path, k)
		}
		d := r.Data()
		if d.DT == 0 || d.Every < 1 {
			return recorderInfo{}, bad("state", d.Label, unattached)
		}
		return recorderInfo{Recorder: k, Kind: "state", Population: d.Label, Key: d.Pop, Variable: d.Variable, Neurons: d.Neurons,
			DT: d.DT, Interval: d.Interval, Every: d.Every, First: d.K0}, nil
	case *record.Rate:
		if r == nil {
			return recorderInfo{}, fmt.Errorf("recording: Save %s: recorder %d is a nil *record.Rate", path, k)
		}
		d := r.Data()
		if d.DT == 0 || d.BinSteps < 1 {
			return recorderInfo{}, bad("rate", d.Label, unattached)
		}
		return recorderInfo{Recorder: k, Kind: "rate", Population: d.Label, Key: d.Pop, Size: d.Size, DT: d.DT,
			Bin: d.Bin, BinSteps: d.BinSteps, First: d.First, Updates: int64(len(d.Counts))}, nil
	case *record.Weights:
		if r == nil {
			return recorderInfo{}, fmt.Errorf("recording: Save %s: recorder %d is a nil *record.Weights", path, k)
		}
		d := r.Data()
		if d.DT == 0 || d.Every < 1 {
			return recorderInfo{}, bad("weights", r.Projection(), unattached)
		}
		for _, i := range d.Synapses {
			if i > math.MaxInt32 {
				return recorderInfo{}, bad("weights", r.Projection(), fmt.Sprintf("synapse %d: the weights table holds synapse indices up to %d", i, math.MaxInt32))
			}
		}
		return recorderInfo{Recorder: k, Kind: "weights", Population: r.Projection(), Projection: &d.Proj, Pre: d.Pre, Post: d.Post,
			Variable: d.Variable, Synapses: d.Synapses, All: d.All, DT: d.DT, Interval: d.Interval, Every: d.Every, First: d.K0}, nil
	case nil:
		return recorderInfo{}, fmt.Errorf("recording: Save %s: recorder %d is nil", path, k)
	default:
		return recorderInfo{}, fmt.Errorf("recording: Save %s: recorder %d is a %T: Save writes *record.Spikes, *record.State, *record.Rate and *record.Weights", path, k, r)
	}
}

func savePart[T any](dir, t string, meta Meta, infos []recorderInfo, rows []T) error {
	m, err := kv(meta, t, 1, infos)
	if err != nil {
		return err
	}
	return writePart(filepath.Join(dir, t), 1, rows, m)
}

// swap puts the recording written at tmp at path, replacing the golgi
// recording there: the old one is renamed aside, then removed.
func swap(tmp, path string) error {
	old := ""
	if _, err := os.Lstat(path); err == nil {
		// checked again: it must still be ours
		if _, err := ours(path); err != nil {
			return err
		}
		o, err := os.MkdirTemp(filepath.Dir(path), "."+filepath.Base(path)+".old-")
		if err != nil {
			return fmt.Errorf("recording: %w", err)
		}
		os.Remove(o) // only its unique name is wanted
		if err := os.Rename(path, o); err != nil {
			return fmt.Errorf("recording: %w", err)
		}
		old = o
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("recording: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		if old != "" {
			os.Rename(old, path) // put the old one back
		}
		return fmt.Errorf("recording: %w", err)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return err
	}
	if old != "" {
		if err := clearRecording(old); err != nil {
			return err
		}
		if err := os.Remove(old); err != nil {
			return fmt.Errorf("recording: %w", err)
		}
	}
	return nil
}
