//go:build hdf5

// Package nwb writes golgi's recordings as an NWB 2 file (Neurodata
// Without Borders, schema 2.7.0 with hdmf-common), the format DANDI and
// most labs exchange. It is built only with the build tag hdf5 (it uses
// libhdf5 through simlib/internal/h5).
//
//	err := nwb.Write("run.nwb", opt, spikes, vm, rate) // *record.Spikes, *record.State, *record.Rate
//
// What goes where:
//
//   - The root is an NWBFile (attributes nwb_version "2.7.0", namespace
//     "core", neurodata_type "NWBFile", object_id) with the required
//     datasets identifier, session_description, session_start_time,
//     timestamps_reference_time (both the export's time unless given:
//     a simulation has no session clock) and file_create_date, and the
//     groups acquisition, analysis, processing, stimulus/presentation,
//     stimulus/templates and general.
//   - Spikes: the Units table /units (a DynamicTable): one row per
//     neuron of every spike recorder's population or view, in the order
//     given; columns
//     spike_times (float64 s, ragged through the VectorIndex
//     spike_times_index, whose attribute target is an object reference to
//     spike_times; attribute resolution: dt in s), population (golgi's
//     population name, or the view's such as "exc[0:3200]") and neuron
//     (its index as the recorder numbers it: in the population or the
//     view), and id.
//   - Sampled states: one TimeSeries per state recorder in /acquisition,
//     named <population>_<variable>: data (time × recorded neuron, the
//     recorder's values as sampled, bit for bit), timestamps (float64 s),
//     the data's unit and conversion (for golgi's membrane potential "v"
//     in mV: unit "volts", conversion 0.001, so NWB readers scale it), and
//     in comments the population, variable, neurons (the columns of data)
//     and interval as JSON.
//   - Population rates: one TimeSeries per rate recorder in /analysis (a
//     quantity computed from spikes), named <population>_rate: data in Hz
//     per bin, bit for bit, timestamps the bins' starts (s).
//   - The run: /general/notes holds golgi's run summary (seed, dt,
//     fingerprint, populations...) as JSON, /general/data_collection a
//     sentence with seed, dt and fingerprint, /general/source_script
//     (attribute file_name) names golgi and its version; experimenter,
//     lab, institution and a Subject (/general/subject) when given.
//
// Times are NWB's seconds: a spike at update n is (n·dt ms)/1000, the
// state sample times likewise; a reader gets golgi's ms back as
// round(t·1000/dt)·dt.
//
// Membrane voltages are TimeSeries, not ElectricalSeries: an
// ElectricalSeries is an extracellular recording and must point, through
// a DynamicTableRegion, into /general/extracellular_ephys/electrodes, a
// table of physical electrodes with their ElectrodeGroup, device and
// location. A simulated neuron's state has no electrode; inventing one
// would be false metadata. A TimeSeries is NWB's base type for any sampled
// quantity, valid in /acquisition, and carries exactly what golgi knows.
//
// The file does not embed NWB's schema (pynwb caches the specification
// in /specifications): that would copy the schema's files into golgi's
// output. Readers use the schema of the nwb_version the file names
// (pynwb and the DANDI validator ship it).
//
// Write never replaces a file golgi did not write (see Options.Overwrite),
// and the file appears at its path only when written whole. Read gives
// back, as plain values, what Write put in a file (rows of the Units
// table, the TimeSeries and the notes); it refuses files golgi did not
// write.
package nwb
