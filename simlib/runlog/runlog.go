package runlog

import (
	"encoding/json"
	"fmt"
	"os"
)

// EnvVar names the environment variable that holds the path of the run log.
const EnvVar = "GOLGI_RUN_LOG"

// Population is one population of a run: its name, model kind and size.
type Population struct {
	Name  string `json:"name"`
	Model string `json:"model"`
	Size  int    `json:"size"`
}

// Run is the summary of one call of network.Run, as recorded by the kernel,
// or (Kind "sweep") of one call of sweep.Run, or (Kind "store") of a
// sweep run into a store, or (Kind "result") the numbers a program
// reported with Result.
type Run struct {
	// Kind is "" for a network run, "sweep" for a sweep's result table,
	// "store" for the table of a store a sweep ran into (all its points,
	// those loaded included) and "result" for numbers reported with
	// Result.
	Kind string `json:"kind,omitempty"`
	// Label is an optional user-given name of the network (of a sweep: its
	// dimensions' names).
	Label string `json:"label,omitempty"`
	// Sweep and Point say which sweep of the program (its number, from 1)
	// and which point of it made this run, when the run was given the
	// point's context (see WithPoint); a sweep's own record has Sweep and
	// no Point.
	Sweep int  `json:"sweep,omitempty"`
	Point *int `json:"point,omitempty"`
	// Seed is the master seed of the network (of a sweep: its Options.Seed).
	Seed uint64 `json:"seed"`
	// Neurons and Synapses count the whole network.
	Neurons  int   `json:"neurons"`
	Synapses int64 `json:"synapses"`
	// Populations lists the populations in the order they were added.
	Populations []Population `json:"populations"`
	// DT is the time step (ms).
	DT float64 `json:"dt_ms"`
	// Start and Duration give the simulated interval of this call (ms):
	// Duration is what was simulated, less than asked when the run stopped
	// early; Reached is the time reached, Start+Duration.
	Start    float64 `json:"start_ms"`
	Duration float64 `json:"duration_ms"`
	Reached  float64 `json:"reached_ms"`
	// Steps is the number of steps this call made, of StepsAsked.
	Steps      int64 `json:"steps"`
	StepsAsked int64 `json:"steps_asked"`
	// Points, Done and Failed count a sweep's points: those it computes
	// (of a store: its table's), those finished (failed ones included),
	// and those that failed. Stored counts a store's points that were
	// loaded, not computed (a resumed sweep).
	Points int `json:"points,omitempty"`
	Done   int `json:"done,omitempty"`
	Failed int `json:"failed,omitempty"`
	Stored int `json:"stored,omitempty"`
	// Workers is the number of goroutines that stepped the network (of a
	// sweep: points computed at once).
	Workers int `json:"workers"`
	// Wall is the wall-clock time of this call (s).
	Wall float64 `json:"wall_s"`
	// Spikes counts all spikes emitted since the network was built.
	Spikes int64 `json:"spikes"`
	// Fingerprint is a hash of everything the network produced since it
	// was built: every spike, and every sample of its state and rate
	// recorders (see network.Network.Fingerprint); equal fingerprints mean
	// bit-identical results. Of a sweep, it is the result table's
	// fingerprint (sweep.Table.Fingerprint); of a store, that of the
	// table it returns; of a result, its values'.
	Fingerprint string `json:"fingerprint"`
	// Values are a result's numbers (Kind "result"), exact.
	Values map[string]string `json:"values,omitempty"`
	// SpikeFingerprint hashes the spikes alone (network.SpikeFingerprint).
	SpikeFingerprint string `json:"spike_fingerprint,omitempty"`
	// Cached is true when the run was loaded from a run cache instead of
	// being simulated.
	Cached bool `json:"cached,omitempty"`
	// Status is "ok", "cancelled" (its context was cancelled),
	// "interrupted" (SIGINT or SIGTERM, e.g. a kernel interrupt, while it
	// ran), "error" or "panic"; Error holds the message.
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// Report appends r as one JSON line to the file named by GOLGI_RUN_LOG. It
// does nothing when the variable is unset or empty.
func Report(r Run) error {
	path := os.Getenv(EnvVar)
	if path == "" {
		return nil
	}
	return Append(path, r)
}

// Append appends r as one JSON line to the file at path.
func Append(path string, r Run) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("runlog: encoding run: %w", err)
	}
	b = append(b, '\n')
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("runlog: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("runlog: writing %s: %w", path, err)
	}
	return f.Close()
}

// Read returns the runs recorded in the file at path, in order. A missing
// file holds no runs.
func Read(path string) ([]Run, error) {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("runlog: %w", err)
	}
	var runs []Run
	line := 0
	for len(b) > 0 {
		line++
		i := 0
		for i < len(b) && b[i] != '\n' {
			i++
		}
		if i > 0 {
			var r Run
			if err := json.Unmarshal(b[:i], &r); err != nil {
				return runs, fmt.Errorf("runlog: %s line %d: %w", path, line, err)
			}
			runs = append(runs, r)
		}
		if i < len(b) {
			i++
		}
		b = b[i:]
	}
	return runs, nil
}
