package recording

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/runlog"
)

// Meta describes the run a recording is of.
type Meta struct {
	// DT is the network's time step (ms): a spike or sample of update n is
	// at time n·DT. Required, positive and finite.
	DT float64
	// Summary is the network's summary (seed, populations and their
	// models and sizes, fingerprint, steps of the last run...); optional.
	// Its populations' sizes are the sizes of streamed spike recorders.
	Summary *runlog.Run
}

// MetaOf returns the meta of net as it is now: its dt and summary.
func MetaOf(net *network.Network) Meta {
	s := net.Summary()
	return Meta{DT: net.DT(), Summary: &s}
}

func (m Meta) check(path string) error {
	if !(m.DT > 0 && !math.IsInf(m.DT, 0)) {
		return fmt.Errorf("recording: %s: Meta.DT = %v ms: must be positive and finite", path, m.DT)
	}
	return nil
}

// sizes returns the populations' sizes known from the summary.
func (m Meta) sizes() map[string]int {
	s := map[string]int{}
	if m.Summary != nil {
		for _, p := range m.Summary.Populations {
			s[p.Name] = p.Size
		}
	}
	return s
}

// Keys of the Parquet key-value metadata of every part file.
const (
	keyFormat      = "golgi.format" // formatName
	keyVersion     = "golgi.format_version"
	keyTable       = "golgi.table"       // spikes, state, rate, rate_updates, weights
	keyPart        = "golgi.part"        // part number, from 1
	keyRecorders   = "golgi.recorders"   // JSON list of recorderInfo
	keyDT          = "golgi.dt_ms"       // the network's dt
	keySimlib      = "golgi.simlib"      // simlib's version
	keySummary     = "golgi.summary"     // JSON runlog.Run, when known
	keySeed        = "golgi.seed"        // from the summary
	keyFingerprint = "golgi.fingerprint" // from the summary
	keySteps       = "golgi.steps"       // updates of the last run, from the summary
	keyChecksum    = "golgi.checksum"    // SHA-256 of the keys above (see checksum)
)

// checked are the keys keyChecksum covers.
var checked = []string{keyFormat, keyVersion, keyTable, keyPart, keyRecorders, keyDT, keySimlib, keySummary, keySeed, keyFingerprint, keySteps}

// checksum returns the hex SHA-256 of the checked keys as lookup gives
// them (absent keys count as absent): the pages of a Parquet file have a
// CRC, its key-value metadata has none.
func checksum(lookup func(string) (string, bool)) string {
	h := sha256.New()
	for _, k := range checked {
		v, ok := lookup(k)
		fmt.Fprintf(h, "%d:%s %t %d:%s\n", len(k), k, ok, len(v), v)
	}
	return hex.EncodeToString(h.Sum(nil))
}

const (
	formatName    = "golgi recording"
	formatVersion = 1
)

// recorderInfo describes one recorder in a part file: its configuration
// and what restores it exactly. Every = 0 (a streamed state recorder)
// means the sampling is known from the rows' steps only.
type recorderInfo struct {
	Recorder   int     `json:"recorder"`
	Kind       string  `json:"kind"`                       // spikes, state, rate, weights
	Population string  `json:"population"`                 // the group's name (as Population() gives it); weights: the projection's label
	Projection *int    `json:"projection_index,omitempty"` // weights: the projection's index in the network
	Pre        string  `json:"pre,omitempty"`              // weights: the projection's source group
	Post       string  `json:"post,omitempty"`             // weights: the projection's target group
	Synapses   []int   `json:"synapses,omitempty"`         // weights: table order indices, in the order given
	All        bool    `json:"all_synapses,omitempty"`     // weights: every synapse was asked for
	Key        string  `json:"key,omitempty"`              // network.GroupKey of the group (streams: the population)
	Variable   string  `json:"variable,omitempty"`
	Neurons    []int   `json:"neurons,omitempty"` // state: in the order given
	Size       int     `json:"size"`              // population size
	DT         float64 `json:"dt_ms"`
	Interval   float64 `json:"interval_ms,omitempty"` // state, weights: asked for
	Every      int64   `json:"every_steps,omitempty"` // state, weights: sampling (updates)
	First      int64   `json:"first"`                 // state, weights: first sample's index; rate: first counted update
	Bin        float64 `json:"bin_ms,omitempty"`      // rate: asked for
	BinSteps   int64   `json:"bin_steps,omitempty"`   // rate
	Updates    int64   `json:"updates,omitempty"`     // rate: updates counted
	Rows       int64   `json:"rows"`                  // rows of this recorder in this file
}

// marker is the file that makes a directory a golgi recording.
const markerName = "golgi-recording.json"

type markerFile struct {
	Format  string      `json:"format"`
	Version int         `json:"version"`
	DT      float64     `json:"dt_ms"`
	Simlib  string      `json:"simlib"`
	Summary *runlog.Run `json:"summary,omitempty"`
	// Checksum is the hex SHA-256 of the marker's JSON with Checksum
	// empty (a changed or damaged marker is refused).
	Checksum string `json:"checksum"`
}

// sum returns the checksum of m.
func (m markerFile) sum() (string, error) {
	m.Checksum = ""
	b, err := json.Marshal(m)
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}

// kv returns the key-value metadata of a part of table t.
func kv(m Meta, t string, part int, infos []recorderInfo) (map[string]string, error) {
	ri, err := json.Marshal(infos)
	if err != nil {
		return nil, fmt.Errorf("recording: encoding recorders: %w", err)
	}
	out := map[string]string{
		keyFormat: formatName, keyVersion: strconv.Itoa(formatVersion), keyTable: t,
		keyPart: strconv.Itoa(part), keyRecorders: string(ri),
		keyDT: strconv.FormatFloat(m.DT, 'g', -1, 64), keySimlib: simlibVersion(),
	}
	if m.Summary != nil {
		s, err := json.Marshal(m.Summary)
		if err != nil {
			return nil, fmt.Errorf("recording: encoding the summary: %w", err)
		}
		out[keySummary] = string(s)
		out[keySeed] = strconv.FormatUint(m.Summary.Seed, 10)
		out[keyFingerprint] = m.Summary.Fingerprint
		out[keySteps] = strconv.FormatInt(m.Summary.Steps, 10)
	}
	out[keyChecksum] = checksum(func(k string) (string, bool) { v, ok := out[k]; return v, ok })
	return out, nil
}

func simlibVersion() string { return network.Version }
