package recording

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/parquet-go/parquet-go"

	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/runlog"
)

// Recording is a recording read back: golgi's own recorders, restored
// exactly (every getter gives what the original gave, Digest included),
// in the order they were saved.
type Recording struct {
	Path string
	// DT is the network's time step (ms).
	DT float64
	// Summary is the network's summary (seed, populations, fingerprint,
	// steps of the last run, ...); nil when the recording has none.
	Summary *runlog.Run
	Spikes  []*record.Spikes
	States  []*record.State
	Rates   []*record.Rate
	// Weights are the synapse recorders (record.NewWeights,
	// record.NewSynapseVar); none in a recording without a weights table.
	Weights []*record.Weights
}

// SpikesOf returns the first spike recorder of population pop, or nil.
func (r *Recording) SpikesOf(pop string) *record.Spikes {
	for _, s := range r.Spikes {
		if s.Population() == pop {
			return s
		}
	}
	return nil
}

// StateOf returns the first state recorder of variable of population pop,
// or nil.
func (r *Recording) StateOf(pop, variable string) *record.State {
	for _, s := range r.States {
		if s.Population() == pop && s.Variable() == variable {
			return s
		}
	}
	return nil
}

// RateOf returns the first rate recorder of population pop, or nil.
func (r *Recording) RateOf(pop string) *record.Rate {
	for _, s := range r.Rates {
		if s.Population() == pop {
			return s
		}
	}
	return nil
}

// WeightsOf returns the first synapse recorder of variable ("w": the
// weights) of a projection from group pre to group post, or nil.
func (r *Recording) WeightsOf(pre, post, variable string) *record.Weights {
	for _, w := range r.Weights {
		if d := w.Data(); d.Pre == pre && d.Post == post && d.Variable == variable {
			return w
		}
	}
	return nil
}

// table is what the parts of one table hold: the recorders' descriptions
// (the first part's, sizes the largest) and their rows in order.
type table[T any] struct {
	infos map[int]recorderInfo
	rows  map[int][]T
	order []int            // recorders in order of first appearance
	files map[int][]string // the parts each recorder has rows in
	dir   string
}

// where names the files recorder k's rows come from.
func (tb *table[T]) where(k int) string {
	f := tb.files[k]
	switch len(f) {
	case 0:
		return tb.dir
	case 1:
		return f[0]
	}
	return fmt.Sprintf("%s (parts %s to %s)", tb.dir, filepath.Base(f[0]), filepath.Base(f[len(f)-1]))
}

// Load reads the recording at path, written by Save or by a StreamWriter
// (every part, in order: a stream that was killed gives what it flushed).
// A directory that is not a golgi recording, a part that is truncated, of
// another schema or whose rows do not fit its recorders is refused with
// an error naming the file.
func Load(path string) (*Recording, error) {
	m, err := readMarker(path)
	if err != nil {
		return nil, err
	}
	if !(m.DT > 0 && !math.IsInf(m.DT, 0)) {
		return nil, fmt.Errorf("recording: %s: dt_ms = %v: must be positive and finite", filepath.Join(path, markerName), m.DT)
	}
	rec := &Recording{Path: path, DT: m.DT, Summary: m.Summary}
	spk, err := readTable[spikeRow](path, tableSpikes, func(r spikeRow) int32 { return r.Recorder })
	if err != nil {
		return nil, err
	}
	st, err := readTable[stateRow](path, tableState, func(r stateRow) int32 { return r.Recorder })
	if err != nil {
		return nil, err
	}
	rt, err := readTable[rateRow](path, tableRate, func(r rateRow) int32 { return r.Recorder })
	if err != nil {
		return nil, err
	}
	ru, err := readTable[rateUpdateRow](path, tableRateUpdates, func(r rateUpdateRow) int32 { return r.Recorder })
	if err != nil {
		return nil, err
	}
	wt, err := readTable[weightRow](path, tableWeights, func(r weightRow) int32 { return r.Recorder })
	if err != nil {
		return nil, err
	}
	for _, k := range spk.order {
		s, err := restoreSpikes(spk.infos[k], spk.rows[k])
		if err != nil {
			return nil, fmt.Errorf("recording: %s: recorder %d: %w", spk.where(k), k, err)
		}
		rec.Spikes = append(rec.Spikes, s)
	}
	for _, k := range st.order {
		s, err := restoreState(st.infos[k], st.rows[k])
		if err != nil {
			return nil, fmt.Errorf("recording: %s: recorder %d: %w", st.where(k), k, err)
		}
		rec.States = append(rec.States, s)
	}
	for _, k := range ru.order {
		if _, ok := rt.infos[k]; !ok {
			return nil, fmt.Errorf("recording: %s: recorder %d has update counts but no bins in %s", ru.where(k), k, rt.dir)
		}
	}
	for _, k := range rt.order {
		s, err := restoreRate(rt.infos[k], rt.rows[k], ru.rows[k])
		if err != nil {
			return nil, fmt.Errorf("recording: %s and %s: recorder %d: %w", rt.where(k), ru.where(k), k, err)
		}
		rec.Rates = append(rec.Rates, s)
	}
	for _, k := range wt.order {
		s, err := restoreWeights(wt.infos[k], wt.rows[k])
		if err != nil {
			return nil, fmt.Errorf("recording: %s: recorder %d: %w", wt.where(k), k, err)
		}
		rec.Weights = append(rec.Weights, s)
	}
	return rec, nil
}

// readTable reads every part of table t of the recording at dir.
func readTable[T any](dir, t string, recorder func(T) int32) (*table[T], error) {
	ps, err := parts(filepath.Join(dir, t))
	if err != nil {
		return nil, err
	}
	tb := &table[T]{infos: map[int]recorderInfo{}, rows: map[int][]T{}, files: map[int][]string{}, dir: filepath.Join(dir, t)}
	for _, p := range ps {
		infos, rows, err := readPart[T](p, t)
		if err != nil {
			return nil, err
		}
		counts := map[int]int64{}
		for _, row := range rows {
			k := int(recorder(row))
			if _, ok := infos[k]; !ok {
				return nil, fmt.Errorf("recording: %s: a row of recorder %d, which the file does not describe (%s)", p, k, keyRecorders)
			}
			counts[k]++
			tb.rows[k] = append(tb.rows[k], row)
		}
		for _, k := range slices.Sorted(maps.Keys(infos)) {
			info := infos[k]
			tb.files[k] = append(tb.files[k], p)
			if counts[k] != info.Rows {
				return nil, fmt.Errorf("recording: %s: recorder %d has %d rows: the file says %d", p, k, counts[k], info.Rows)
			}
			prev, seen := tb.infos[k]
			if !seen {
				tb.order = append(tb.order, k)
				tb.infos[k] = info
				continue
			}
			if prev.Kind != info.Kind || prev.Population != info.Population || prev.Variable != info.Variable {
				return nil, fmt.Errorf("recording: %s: recorder %d is %s of %q.%s: an earlier part has it %s of %q.%s", p, k, info.Kind, info.Population, info.Variable, prev.Kind, prev.Population, prev.Variable)
			}
			prev.Size = max(prev.Size, info.Size)
			prev.Rows += info.Rows
			tb.infos[k] = prev
		}
	}
	return tb, nil
}

// readPart reads one part file of table t: its recorders and rows.
func readPart[T any](path, t string) (infos map[int]recorderInfo, rows []T, err error) {
	defer func() {
		// the Parquet library may panic on a forged file: that is an
		// error of the file
		if e := recover(); e != nil {
			infos, rows, err = nil, nil, fmt.Errorf("recording: %s: not a readable Parquet file: %v", path, e)
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("recording: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("recording: %w", err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return nil, nil, fmt.Errorf("recording: %s: not a readable Parquet file (truncated or damaged?): %w", path, err)
	}
	if v, _ := pf.Lookup(keyFormat); v != formatName {
		return nil, nil, fmt.Errorf("recording: %s: not a golgi recording part: key-value metadata %s = %q, want %q", path, keyFormat, v, formatName)
	}
	if v, _ := pf.Lookup(keyVersion); v != strconv.Itoa(formatVersion) {
		return nil, nil, fmt.Errorf("recording: %s: format version %q: this golgi reads version %d", path, v, formatVersion)
	}
	if v, _ := pf.Lookup(keyChecksum); v != checksum(pf.Lookup) {
		return nil, nil, fmt.Errorf("recording: %s: the golgi key-value metadata does not match its checksum (%s): the file was changed or damaged", path, keyChecksum)
	}
	if v, _ := pf.Lookup(keyTable); v != t {
		return nil, nil, fmt.Errorf("recording: %s: a part of table %q in the directory of table %q", path, v, t)
	}
	if err := checkSchema(path, t, pf.Schema()); err != nil {
		return nil, nil, err
	}
	ri, _ := pf.Lookup(keyRecorders)
	var list []recorderInfo
	if err := json.Unmarshal([]byte(ri), &list); err != nil {
		return nil, nil, fmt.Errorf("recording: %s: key-value metadata %s: %v", path, keyRecorders, err)
	}
	infos = map[int]recorderInfo{}
	for _, info := range list {
		if _, dup := infos[info.Recorder]; dup || info.Recorder < 0 || info.Recorder > math.MaxInt32 {
			return nil, nil, fmt.Errorf("recording: %s: %s: recorder %d: described twice or out of range", path, keyRecorders, info.Recorder)
		}
		infos[info.Recorder] = info
	}
	n := pf.NumRows()
	// read in batches: memory follows the rows really in the file, not a
	// count its footer claims
	r := parquet.NewGenericReader[T](pf)
	defer r.Close()
	batch := make([]T, 1<<14)
	for int64(len(rows)) < n {
		k, err := r.Read(batch)
		rows = append(rows, batch[:k]...)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("recording: %s: %w", path, err)
		}
		if k == 0 {
			break
		}
	}
	if int64(len(rows)) != n {
		return nil, nil, fmt.Errorf("recording: %s: read %d rows: the footer says %d", path, len(rows), n)
	}
	return infos, rows, nil
}

// sameBits reports whether a and b are the same float64, bit for bit.
func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

func restoreSpikes(info recorderInfo, rows []spikeRow) (*record.Spikes, error) {
	d := record.SpikesData{Pop: info.key(), Label: info.Population, DT: info.DT, Size: info.Size,
		Steps: make([]int64, len(rows)), IDs: make([]int32, len(rows))}
	for k, r := range rows {
		if r.Population != info.Population {
			return nil, fmt.Errorf("row %d is of population %q: the recorder's is %q", k, r.Population, info.Population)
		}
		if t := float64(r.Step) * info.DT; !sameBits(r.Time, t) {
			return nil, fmt.Errorf("row %d: time_ms = %v at step %d: step·dt is %v", k, r.Time, r.Step, t)
		}
		d.Steps[k], d.IDs[k] = r.Step, r.Neuron
	}
	return record.RestoreSpikes(d)
}

func restoreState(info recorderInfo, rows []stateRow) (*record.State, error) {
	n := len(info.Neurons)
	if n == 0 {
		return nil, errors.New("the recorder has no neurons")
	}
	if len(rows)%n != 0 {
		return nil, fmt.Errorf("%d rows for %d neurons: not whole samples", len(rows), n)
	}
	samples := len(rows) / n
	d := record.StateData{Pop: info.key(), Label: info.Population, Variable: info.Variable, Neurons: info.Neurons,
		Interval: info.Interval, Every: info.Every, DT: info.DT, K0: info.First, Vals: make([][]float64, n)}
	if d.Every == 0 { // streamed: the sampling is that of the steps
		d.Every, d.K0 = 1, -1
		switch {
		case samples >= 2:
			d.Every = rows[n].Step - rows[0].Step
		case samples == 1 && rows[0].Step > 0:
			d.Every = rows[0].Step
		}
		if d.Every < 1 {
			return nil, fmt.Errorf("samples at steps %d and %d: must increase", rows[0].Step, rows[n].Step)
		}
		if samples > 0 {
			d.K0 = rows[0].Step / d.Every
		}
		d.Interval = float64(d.Every) * d.DT
	}
	if samples == 0 {
		d.K0 = -1
	}
	want := longRow{info.Population, info.Variable, 0, 0, 0, 0}
	vals, err := traces(rows, func(r stateRow) longRow {
		return longRow{r.Population, r.Variable, int(r.Neuron), r.Step, r.Time, r.Value}
	}, want, "neuron", info.Neurons, samples, d.K0, d.Every, info.DT)
	if err != nil {
		return nil, err
	}
	d.Vals = vals
	return record.RestoreState(d)
}

// longRow is a row of a long table (state, weights): what it is of (a
// population or projection, a variable, a neuron or synapse), when and
// its value.
type longRow struct {
	label, variable string
	index           int
	step            int64
	time, value     float64
}

// traces checks the rows of a long table, samples in time order and the
// recorder's indices (neurons or synapses, called what) in order within a
// sample, against want's label and variable, the sampling (sample s at
// step (k0+s)·every) and step·dt, and returns one trace per index.
func traces[T any](rows []T, of func(T) longRow, want longRow, what string, indices []int, samples int, k0, every int64, dt float64) ([][]float64, error) {
	n := len(indices)
	vals := make([][]float64, n)
	for k := range vals {
		vals[k] = make([]float64, samples)
	}
	for j, row := range rows {
		r := of(row)
		s, k := j/n, j%n
		step := (k0 + int64(s)) * every
		if r.label != want.label || r.variable != want.variable || r.index != indices[k] || r.step != step {
			return nil, fmt.Errorf("row %d is %q %s of %s %d at step %d: want %q %s of %s %d at step %d", j, r.label, r.variable, what, r.index, r.step, want.label, want.variable, what, indices[k], step)
		}
		if t := float64(r.step) * dt; !sameBits(r.time, t) {
			return nil, fmt.Errorf("row %d: time_ms = %v at step %d: step·dt is %v", j, r.time, r.step, t)
		}
		vals[k][s] = r.value
	}
	return vals, nil
}

func restoreWeights(info recorderInfo, rows []weightRow) (*record.Weights, error) {
	if info.Kind != "weights" || info.Projection == nil {
		return nil, fmt.Errorf("kind %q, projection index %v: a recorder of the weights table is of kind \"weights\" with a projection_index", info.Kind, info.Projection)
	}
	d := record.WeightsData{Proj: *info.Projection, Pre: info.Pre, Post: info.Post, Variable: info.Variable, Synapses: info.Synapses, All: info.All,
		Interval: info.Interval, Every: info.Every, DT: info.DT, K0: info.First}
	if d.Proj < 0 {
		return nil, fmt.Errorf("projection_index = %d: must be >= 0", d.Proj)
	}
	if label := fmt.Sprintf("%s → %s #%d", d.Pre, d.Post, d.Proj); info.Population != label {
		return nil, fmt.Errorf("projection %q: its pre, post and index make %q", info.Population, label)
	}
	n := len(d.Synapses)
	if n == 0 && len(rows) > 0 {
		return nil, fmt.Errorf("%d rows for no synapses", len(rows))
	}
	if n > 0 && len(rows)%n != 0 {
		return nil, fmt.Errorf("%d rows for %d synapses: not whole samples", len(rows), n)
	}
	if d.Synapses == nil {
		d.Synapses = []int{}
	}
	for k, i := range d.Synapses {
		if i < 0 || i > math.MaxInt32 {
			return nil, fmt.Errorf("synapse %d is %d: must be in [0, %d]", k, i, math.MaxInt32)
		}
	}
	samples := 0
	if n > 0 {
		samples = len(rows) / n
	}
	if d.Every < 1 {
		return nil, fmt.Errorf("every_steps = %d: must be >= 1", d.Every)
	}
	if samples == 0 {
		d.K0 = -1
	} else if d.K0 < 0 || d.K0 > math.MaxInt64/d.Every-int64(samples) {
		return nil, fmt.Errorf("first = %d for %d samples every %d steps: out of range", d.K0, samples, d.Every)
	}
	want := longRow{info.Population, d.Variable, 0, 0, 0, 0}
	vals, err := traces(rows, func(r weightRow) longRow {
		return longRow{r.Projection, r.Variable, int(r.Synapse), r.Step, r.Time, r.Value}
	}, want, "synapse", d.Synapses, samples, d.K0, d.Every, info.DT)
	if err != nil {
		return nil, err
	}
	d.Vals = vals
	return record.RestoreWeights(d)
}

func restoreRate(info recorderInfo, bins []rateRow, updates []rateUpdateRow) (*record.Rate, error) {
	if info.Updates < 0 || info.Updates > 1<<40 {
		return nil, fmt.Errorf("updates = %d: out of range", info.Updates)
	}
	d := record.RateData{Pop: info.key(), Label: info.Population, Bin: info.Bin, BinSteps: info.BinSteps, DT: info.DT, Size: info.Size, First: info.First}
	if info.Updates > 0 {
		d.Counts = make([]int32, info.Updates)
	}
	for k, u := range updates {
		i := u.Step - info.First
		if u.Population != info.Population || i < 0 || i >= info.Updates || (k > 0 && u.Step <= updates[k-1].Step) {
			return nil, fmt.Errorf("update row %d: %q at step %d: want %q, steps increasing in [%d, %d)", k, u.Population, u.Step, info.Population, info.First, info.First+info.Updates)
		}
		d.Counts[i] = u.Spikes
	}
	r, err := record.RestoreRate(d)
	if err != nil {
		return nil, err
	}
	// the bins must be what the counts give
	t, hz := r.Rates()
	if len(t) != len(bins) {
		return nil, fmt.Errorf("%d bins: the update counts make %d", len(bins), len(t))
	}
	for k, b := range bins {
		spikes, width := binOf(d, k)
		if b.Population != info.Population || !sameBits(b.Start, t[k]) || !sameBits(b.Rate, hz[k]) || b.Spikes != spikes || !sameBits(b.Width, width) {
			return nil, fmt.Errorf("bin %d (%q at %v ms, %v ms wide, %d spikes, %v Hz): the update counts make %q at %v ms, %v ms wide, %d spikes, %v Hz", k, b.Population, b.Start, b.Width, b.Spikes, b.Rate, info.Population, t[k], width, spikes, hz[k])
		}
	}
	return r, nil
}

// binOf returns the spikes and the width (ms) of bin k of a rate recorder
// (as record.Rate.Rates makes its bins).
func binOf(d record.RateData, k int) (spikes int64, width float64) {
	lo := int64(k) * d.BinSteps
	hi := min(lo+d.BinSteps, int64(len(d.Counts)))
	for j := lo; j < hi; j++ {
		spikes += int64(d.Counts[j])
	}
	return spikes, float64(hi-lo) * d.DT
}

// key returns the recorder's group key (a stream's recorders have the
// population's name).
func (info recorderInfo) key() string {
	if info.Key != "" {
		return info.Key
	}
	return info.Population
}
