package recording

import (
	"fmt"
	"slices"

	"github.com/parquet-go/parquet-go"
)

// The tables of a recording, one directory each, one schema each (every
// part file of a table has that table's schema). Columns are in the order
// of the row structs; each row names its recorder (the position of the
// recorder in Save's arguments, or the order a StreamWriter first saw it)
// so that two recorders of one population stay apart.
const (
	tableSpikes      = "spikes"
	tableState       = "state"
	tableRate        = "rate"
	tableRateUpdates = "rate_updates"
	tableWeights     = "weights"
)

var tables = []string{tableSpikes, tableState, tableRate, tableRateUpdates, tableWeights}

// spikeRow is one spike: its update (step, exact) and its time step·dt.
type spikeRow struct {
	Recorder   int32   `parquet:"recorder"`
	Population string  `parquet:"population,dict,snappy"`
	Neuron     int32   `parquet:"neuron,snappy"`
	Step       int64   `parquet:"step,snappy"`
	Time       float64 `parquet:"time_ms,snappy"`
}

// stateRow is one value of one neuron at one sample time (long format).
type stateRow struct {
	Recorder   int32   `parquet:"recorder"`
	Population string  `parquet:"population,dict,snappy"`
	Variable   string  `parquet:"variable,dict,snappy"`
	Neuron     int32   `parquet:"neuron,snappy"`
	Step       int64   `parquet:"step,snappy"`
	Time       float64 `parquet:"time_ms,snappy"`
	Value      float64 `parquet:"value,snappy"`
}

// rateRow is one bin of a rate recorder: its start, width, spike count
// and rate (as record.Rate.Rates gives it).
type rateRow struct {
	Recorder   int32   `parquet:"recorder"`
	Population string  `parquet:"population,dict,snappy"`
	Start      float64 `parquet:"bin_start_ms,snappy"`
	Width      float64 `parquet:"bin_ms,snappy"`
	Spikes     int64   `parquet:"spikes,snappy"`
	Rate       float64 `parquet:"rate_hz,snappy"`
}

// rateUpdateRow is the spike count of one update with spikes of a rate
// recorder: what restores it exactly (updates without spikes have no row).
type rateUpdateRow struct {
	Recorder   int32  `parquet:"recorder"`
	Population string `parquet:"population,dict,snappy"`
	Step       int64  `parquet:"step,snappy"`
	Spikes     int32  `parquet:"spikes,snappy"`
}

// weightRow is one value of one synapse of a projection at one sample
// time (long format, as stateRow): a weight ("w") or a plastic rule's
// variable. Projection is record.Weights.Projection's label, "pre → post
// #index"; Synapse the synapse's index in the projection's table order.
type weightRow struct {
	Recorder   int32   `parquet:"recorder"`
	Projection string  `parquet:"projection,dict,snappy"`
	Variable   string  `parquet:"variable,dict,snappy"`
	Synapse    int32   `parquet:"synapse,snappy"`
	Step       int64   `parquet:"step,snappy"`
	Time       float64 `parquet:"time_ms,snappy"`
	Value      float64 `parquet:"value,snappy"`
}

// schemaOf returns the schema of table t's files.
func schemaOf(t string) *parquet.Schema {
	switch t {
	case tableSpikes:
		return parquet.SchemaOf(spikeRow{})
	case tableState:
		return parquet.SchemaOf(stateRow{})
	case tableRate:
		return parquet.SchemaOf(rateRow{})
	case tableWeights:
		return parquet.SchemaOf(weightRow{})
	default:
		return parquet.SchemaOf(rateUpdateRow{})
	}
}

// checkSchema reports how the schema of a file of table t differs from
// the one golgi writes.
func checkSchema(path, t string, got *parquet.Schema) error {
	want := schemaOf(t).Fields()
	have := got.Fields()
	names := func(fs []parquet.Field) []string {
		var n []string
		for _, f := range fs {
			n = append(n, f.Name())
		}
		return n
	}
	if !slices.Equal(names(want), names(have)) {
		return fmt.Errorf("recording: %s: columns %v: a golgi %s table has %v", path, names(have), t, names(want))
	}
	for k, f := range want {
		h := have[k]
		if !h.Leaf() || h.Type().Kind() != f.Type().Kind() || h.Optional() || h.Repeated() {
			return fmt.Errorf("recording: %s: column %q has type %v: a golgi %s table has a required %v", path, f.Name(), h.Type(), t, f.Type())
		}
	}
	return nil
}
