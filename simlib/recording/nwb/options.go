//go:build hdf5

package nwb

import (
	"time"

	"github.com/golgi-sim/golgi/simlib/runlog"
)

// Unit is the NWB unit of a recorded variable: data times Conversion is
// in Name (NWB's TimeSeries.data attributes unit and conversion).
type Unit struct {
	Name       string  // SI name, such as "volts"
	Conversion float64 // from golgi's unit to Name, such as 0.001 for mV to volts
}

// Options of Write.
type Options struct {
	// Identifier is the file's unique identifier ("": a random UUID).
	Identifier string
	// SessionDescription is required by NWB ("": "golgi simulation").
	SessionDescription string
	// SessionStart is the session start and timestamps reference time
	// (zero: the time of the export).
	SessionStart time.Time
	// Run is the run's summary (network.Summary()): seed, dt, fingerprint
	// go into /general. Optional.
	Run *runlog.Run
	// Units gives the unit of each state variable recorded, by variable
	// name; a variable not in it is refused (NWB requires a unit).
	Units map[string]Unit
	// Overwrite replaces an existing file at the path when golgi wrote
	// it (an NWB file with golgi's source_script); any other file is
	// refused.
	Overwrite bool
}

// DefaultOptions knows the membrane potential "v" (mV in golgi) and never
// overwrites.
func DefaultOptions() Options {
	return Options{
		SessionDescription: "golgi simulation",
		Units:              map[string]Unit{"v": {Name: "volts", Conversion: 1e-3}},
	}
}
