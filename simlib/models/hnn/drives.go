package hnn

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golgi-sim/golgi/simlib/rng"
)

// DriveKind says how a drive's event times are made.
type DriveKind int

const (
	Evoked  DriveKind = iota // NumSpikes times ~ Normal(Mu, Sigma) per drive cell (add_evoked_drive)
	Poisson                  // a Poisson train of Rate Hz from TStart to TStop (add_poisson_drive)
	Bursty                   // bursts of NumSpikes spikes SpikeISI apart at BurstRate Hz (add_bursty_drive)
	Replay                   // the given Events, exactly (add_spike_train_drive; or hnn-core's own events)
)

func (k DriveKind) String() string {
	switch k {
	case Evoked:
		return "evoked"
	case Poisson:
		return "poisson"
	case Bursty:
		return "bursty"
	case Replay:
		return "replay"
	}
	return fmt.Sprintf("DriveKind(%d)", int(k))
}

// Drive is an external input to the column: artificial drive cells at
// the column's origin whose events reach the target cell types' AMPA and
// NMDA synapses on Location, with weight W·exp(−d²/λ²) and delay
// Delay/exp(−d²/λ²), λ = SpaceConstant × inplane distance, d the xy
// distance from the origin (hnn-core's _attach_drive). With CellSpecific
// there is one drive cell per target cell (in cell-type order, then cell
// order), connected one to one; otherwise NDriveCells drive cells connect
// to every target cell.
//
// Event times come from the drive's own random stream (Seed, the drive's
// name, the trial and the drive cell: golgi's streams, not numpy's), or,
// for Replay, from Events. Generated times outside (0, tstop] are
// dropped, as hnn-core drops them.
type Drive struct {
	Name string
	Kind DriveKind

	Mu, Sigma float64 // Evoked: mean and standard deviation of the times (ms)
	NumSpikes int     // Evoked: spikes per drive cell; Bursty: spikes per burst (2)

	Rate         float64            // Poisson: rate (Hz) of every drive cell
	RateByType   map[string]float64 // Poisson, CellSpecific: rate (Hz) per target type (overrides Rate)
	TStart       float64            // Poisson, Bursty: start (ms)
	TStop        float64            // Poisson, Bursty: stop (ms); 0: the run's tstop
	BurstRate    float64            // Bursty: bursts per second (Hz)
	BurstStd     float64            // Bursty: jitter of each burst (ms)
	TStartStd    float64            // Bursty: jitter of the start, one draw per trial (ms)
	SpikeISI     float64            // Bursty: interval between the spikes of a burst (ms; 10)
	Events       [][]float64        // Replay: event times (ms) per drive cell
	Location     string             // "proximal", "distal" or a section name
	WeightsAMPA  map[string]float64 // µS per target cell type
	WeightsNMDA  map[string]float64 // µS per target cell type
	Delays       map[string]float64 // synaptic delay (ms) per target type; missing types use Delay
	Delay        float64            // synaptic delay at the origin (ms; 0.1)
	Space        float64            // space constant (in inplane distances; evoked 3, others 100)
	Probability  float64            // fraction of drive→cell pairs kept, (0, 1]; 0 means 1
	CellSpecific bool               // one drive cell per target cell
	NDriveCells  int                // drive cells when not CellSpecific (>= 1)
	Seed         uint64             // event stream
	ConnSeed     uint64             // pairs kept when Probability < 1
}

// EvokedDrive returns hnn-core's add_evoked_drive defaults: one spike per
// cell-specific drive cell, space constant 3, delay 0.1 ms.
func EvokedDrive(name string, mu, sigma float64, location string) Drive {
	return Drive{Name: name, Kind: Evoked, Mu: mu, Sigma: sigma, NumSpikes: 1, Location: location,
		Delay: 0.1, Space: 3, CellSpecific: true, Seed: 2, ConnSeed: 3}
}

// PoissonDrive returns hnn-core's add_poisson_drive defaults (cell
// specific, space constant 100, delay 0.1 ms, from 0 to the run's end).
func PoissonDrive(name string, rate float64, location string) Drive {
	return Drive{Name: name, Kind: Poisson, Rate: rate, Location: location,
		Delay: 0.1, Space: 100, CellSpecific: true, Seed: 2, ConnSeed: 3}
}

// BurstyDrive returns hnn-core's add_bursty_drive defaults: one drive cell
// to all targets, doublets 10 ms apart, space constant 100, delay 0.1 ms.
func BurstyDrive(name string, burstRate float64, location string) Drive {
	return Drive{Name: name, Kind: Bursty, BurstRate: burstRate, NumSpikes: 2, SpikeISI: 10, Location: location,
		Delay: 0.1, Space: 100, NDriveCells: 1, Seed: 2, ConnSeed: 3}
}

// ReplayDrive replays events (per drive cell) exactly, cell specific by
// default (set CellSpecific false and NDriveCells for all-to-all).
func ReplayDrive(name string, events [][]float64, location string) Drive {
	return Drive{Name: name, Kind: Replay, Events: events, Location: location,
		Delay: 0.1, Space: 3, CellSpecific: true, ConnSeed: 3}
}

// targets returns the target types in gid order.
func (d Drive) targets() []string {
	var t []string
	for _, typ := range CellTypes {
		_, a := d.WeightsAMPA[typ]
		_, n := d.WeightsNMDA[typ]
		if a || n {
			t = append(t, typ)
		}
	}
	return t
}

func (d Drive) delay(typ string) float64 {
	if v, ok := d.Delays[typ]; ok {
		return v
	}
	return d.Delay
}

func (d Drive) probability() float64 {
	if d.Probability == 0 {
		return 1
	}
	return d.Probability
}

// nCells returns the number of drive cells given the column's sizes.
func (d Drive) nCells(sizes map[string]int) int {
	if !d.CellSpecific {
		return d.NDriveCells
	}
	n := 0
	for _, t := range d.targets() {
		n += sizes[t]
	}
	return n
}

func bad(e *[]string, obj, format string, args ...any) {
	*e = append(*e, obj+": "+fmt.Sprintf(format, args...))
}

// validate checks the drive against the column (cell types, locations,
// receptors) and the run's tstop.
func (d Drive) validate(k int, c *Column, sizes map[string]int, e *[]string) {
	obj := fmt.Sprintf("drive %d (%q)", k, d.Name)
	if d.Name == "" || strings.ContainsAny(d.Name, "/") {
		bad(e, obj, "Name %q: give each drive a name without '/'", d.Name)
	}
	for _, w := range []struct {
		f string
		m map[string]float64
	}{{"WeightsAMPA", d.WeightsAMPA}, {"WeightsNMDA", d.WeightsNMDA}, {"Delays", d.Delays}, {"RateByType", d.RateByType}} {
		for typ, v := range w.m {
			if !slices.Contains(CellTypes, typ) {
				bad(e, obj, "%s[%q]: unknown cell type (the column has %s)", w.f, typ, strings.Join(CellTypes, ", "))
				continue
			}
			if !finite(v) || v < 0 {
				bad(e, obj, "%s[%q] = %v: must be finite and >= 0", w.f, typ, v)
			}
		}
	}
	if len(d.targets()) == 0 {
		bad(e, obj, "WeightsAMPA and WeightsNMDA name no cell type: give a weight (µS) for at least one of %s", strings.Join(CellTypes, ", "))
	}
	for _, typ := range d.targets() {
		m, ok := c.Cells[typ]
		if !ok {
			continue
		}
		for _, rec := range []string{"ampa", "nmda"} {
			ws := d.WeightsAMPA
			if rec == "nmda" {
				ws = d.WeightsNMDA
			}
			if _, ok := ws[typ]; !ok {
				continue
			}
			if _, err := m.sections(typ, d.Location, rec); err != nil {
				bad(e, obj, "Location: %v", err)
			}
		}
	}
	if !finite(d.Delay) || d.Delay <= 0 {
		bad(e, obj, "Delay = %v ms: must be positive and finite", d.Delay)
	}
	if !finite(d.Space) || d.Space <= 0 {
		bad(e, obj, "Space = %v: the space constant must be positive and finite", d.Space)
	}
	if p := d.Probability; !finite(p) || p < 0 || p > 1 {
		bad(e, obj, "Probability = %v: must be in (0, 1] (0 means 1)", p)
	}
	if !d.CellSpecific && d.NDriveCells < 1 {
		bad(e, obj, "NDriveCells = %d: a drive that is not cell specific needs >= 1 drive cells", d.NDriveCells)
	}
	if d.CellSpecific && d.NDriveCells != 0 {
		bad(e, obj, "NDriveCells = %d with CellSpecific: a cell-specific drive has one drive cell per target cell; leave NDriveCells 0", d.NDriveCells)
	}
	tstop := c.TStop
	stop := d.TStop
	if stop == 0 {
		stop = tstop
	}
	switch d.Kind {
	case Evoked:
		if !finite(d.Mu) {
			bad(e, obj, "Mu = %v ms: must be finite", d.Mu)
		}
		if !finite(d.Sigma) || d.Sigma <= 0 {
			bad(e, obj, "Sigma = %v ms: must be positive and finite", d.Sigma)
		}
		if d.NumSpikes < 1 || d.NumSpikes > 1e6 {
			bad(e, obj, "NumSpikes = %d: must be in [1, 1e6]", d.NumSpikes)
		}
	case Poisson, Bursty:
		if !finite(d.TStart) || d.TStart < 0 {
			bad(e, obj, "TStart = %v ms: must be >= 0 and finite", d.TStart)
		}
		if !finite(d.TStop) || d.TStop < 0 || d.TStop > tstop {
			bad(e, obj, "TStop = %v ms: must be in [0, tstop = %v ms] (0: tstop)", d.TStop, tstop)
		} else if stop <= d.TStart {
			bad(e, obj, "TStop = %v ms: must be after TStart = %v ms", stop, d.TStart)
		}
		if d.Kind == Poisson {
			if d.RateByType == nil && (!finite(d.Rate) || d.Rate <= 0) {
				bad(e, obj, "Rate = %v Hz: must be positive and finite", d.Rate)
			}
			if d.RateByType != nil && !d.CellSpecific {
				bad(e, obj, "RateByType needs CellSpecific (one rate per target type)")
			}
			for _, typ := range d.targets() {
				if r, ok := d.RateByType[typ]; d.RateByType != nil && (!ok || r <= 0) {
					bad(e, obj, "RateByType[%q] = %v Hz: every target type needs a positive rate", typ, r)
				}
			}
			if r := max(d.Rate, maxVal(d.RateByType)); finite(r) && r*(stop-d.TStart)/1000 > 1e6 {
				bad(e, obj, "Rate = %v Hz over %v ms: more than 1e6 events per drive cell", r, stop-d.TStart)
			}
		} else {
			if !finite(d.BurstRate) || d.BurstRate <= 0 {
				bad(e, obj, "BurstRate = %v Hz: must be positive and finite", d.BurstRate)
			} else if (stop-d.TStart)*d.BurstRate/1000 > 1e6 {
				bad(e, obj, "BurstRate = %v Hz: more than 1e6 bursts", d.BurstRate)
			}
			if !finite(d.BurstStd) || d.BurstStd < 0 {
				bad(e, obj, "BurstStd = %v ms: must be >= 0 and finite", d.BurstStd)
			}
			if !finite(d.TStartStd) || d.TStartStd < 0 {
				bad(e, obj, "TStartStd = %v ms: must be >= 0 and finite", d.TStartStd)
			}
			if d.NumSpikes < 1 || d.NumSpikes > 1000 {
				bad(e, obj, "NumSpikes = %d: spikes per burst must be in [1, 1000]", d.NumSpikes)
			}
			if !finite(d.SpikeISI) || d.SpikeISI < 0 {
				bad(e, obj, "SpikeISI = %v ms: must be >= 0 and finite", d.SpikeISI)
			} else if d.BurstRate > 0 && float64(d.NumSpikes-1)*d.SpikeISI > 1000/d.BurstRate {
				bad(e, obj, "a burst lasts %v ms, longer than the burst period %v ms: raise BurstRate or lower SpikeISI", float64(d.NumSpikes-1)*d.SpikeISI, 1000/d.BurstRate)
			}
		}
	case Replay:
		n := d.nCells(sizes)
		if len(d.Events) != n {
			bad(e, obj, "Events has %d trains for %d drive cells: give one per drive cell", len(d.Events), n)
		}
		for i, tr := range d.Events {
			for j, t := range tr {
				if !finite(t) || t < 0 || t > tstop {
					bad(e, obj, "Events[%d][%d] = %v ms: must be in [0, tstop = %v ms]", i, j, t, tstop)
					break
				}
			}
		}
	default:
		bad(e, obj, "Kind = %v: must be Evoked, Poisson, Bursty or Replay", d.Kind)
	}
}

func maxVal(m map[string]float64) float64 {
	r := 0.0
	for _, v := range m {
		r = max(r, v)
	}
	return r
}

// driveCellTypes returns, per drive cell, the type of the cells it
// targets when cell specific ("" otherwise).
func (d Drive) driveCellTypes(sizes map[string]int) []string {
	if !d.CellSpecific {
		return make([]string, d.NDriveCells)
	}
	var out []string
	for _, t := range d.targets() {
		for range sizes[t] {
			out = append(out, t)
		}
	}
	return out
}

// EventTimes returns the drive's events for trial (per drive cell, sorted
// ms), for a column of the given sizes and tstop: Events for Replay,
// otherwise drawn from the drive's stream.
func (d Drive) EventTimes(trial int, sizes map[string]int, tstop float64) [][]float64 {
	n := d.nCells(sizes)
	out := make([][]float64, n)
	if d.Kind == Replay {
		for i := range out {
			out[i] = slices.Clone(d.Events[i])
			slices.Sort(out[i])
		}
		return out
	}
	types := d.driveCellTypes(sizes)
	stop := d.TStop
	if stop == 0 {
		stop = tstop
	}
	key := rng.Key("hnn drive " + d.Name)
	t0 := d.TStart
	if d.Kind == Bursty && d.TStartStd > 0 {
		r2 := rng.New(d.Seed, key, uint64(trial), rng.Key("start"))
		t0 = d.TStart + float64(d.TStartStd*rng.Normal(r2))
	}
	for i := range out {
		r := rng.New(d.Seed, key, uint64(trial), uint64(i))
		var ev []float64
		switch d.Kind {
		case Evoked:
			for range d.NumSpikes {
				ev = append(ev, d.Mu+float64(d.Sigma*rng.Normal(r)))
			}
		case Poisson:
			rate := d.Rate
			if d.RateByType != nil {
				rate = d.RateByType[types[i]]
			}
			for t := d.TStart; ; {
				t += float64(rng.Exp(r) / rate * 1000)
				if t >= stop {
					break
				}
				ev = append(ev, t)
			}
		case Bursty:
			period := 1000 / d.BurstRate
			for k := 0; ; k++ {
				c := t0 + float64(float64(k)*period)
				if c >= stop {
					break
				}
				c += float64(d.BurstStd * rng.Normal(r))
				for j := range d.NumSpikes {
					ev = append(ev, c+float64(d.SpikeISI*(float64(j)-float64(float64(d.NumSpikes-1)/2))))
				}
			}
		}
		kept := ev[:0]
		for _, t := range ev {
			if t > 0 && t <= tstop {
				kept = append(kept, t)
			}
		}
		slices.Sort(kept)
		out[i] = kept
	}
	return out
}
