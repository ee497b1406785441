//go:build hdf5

// Package sonata writes and reads SONATA spike files, the HDF5 spike
// format that NEST, NetPyNE, BMTK and libsonata exchange (SONATA developer
// guide, "Spike file"). It is built only with the build tag hdf5 (it uses
// libhdf5 through simlib/internal/h5).
//
// Write puts each golgi spike recorder's population in its own group:
//
//	/spikes/<population>/timestamps  float64, attribute units = "ms"
//	/spikes/<population>/node_ids    uint64: the neuron's index in its population
//	/spikes/<population>@sorting     enum {none, by_id, by_time}
//
// (<population> is the recorder's Population(): for a recorder of a view,
// the view's name such as "exc[0:3200]", and node_ids are indices in the
// view, as the recorder numbers its neurons)
// and the root attributes every SONATA HDF5 file has: magic (uint32
// 0x0A7A) and version (uint32[2], 0.1). Times are golgi's own spike times,
// n·dt in ms, the same bits Spikes.Times gives. golgi records spikes in
// time order, so the default sorting is by_time; by_id sorts by neuron,
// each neuron's spikes staying in time order (the spec's secondary key).
// The sorting attribute is an HDF5 enumeration, as the spec says and as
// libsonata reads it (none = 0, by_id = 1, by_time = 2).
//
// golgi marks its files with the root attribute golgi_version (and the
// run's summary as JSON in golgi_run when given); Write never replaces a
// file without that mark, and replaces one with it only when
// Options.Overwrite is set.
//
// Read gives back every population of a SONATA spike file as plain
// slices, whoever wrote it (NEST's, BMTK's and golgi's files alike).
package sonata
