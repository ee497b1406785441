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
	// Experimenter, Lab and Institution go into /general when given
	// (DANDI asks for them).
	Experimenter     []string
	Lab, Institution string
	// Subject, when given, is /general/subject (DANDI requires one to
	// upload; a simulation's subject is the model, for instance
	// Subject{SubjectID: "rsfs-model", Species: "Mus musculus",
	// Description: "simulated network"}).
	Subject *Subject
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

// Subject is NWB's Subject: each field that is not empty is written.
type Subject struct {
	SubjectID   string
	Species     string // Latin binomial, such as "Mus musculus"
	Sex         string // "M", "F", "U" or "O"
	Age         string // ISO 8601 duration, such as "P90D"
	Description string
}
