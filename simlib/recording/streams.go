package recording

import (
	"errors"

	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/record"
)

// Streams is a recording written during a network's runs (Stream): each
// of its recorders is a streaming recorder of package record (bounded
// memory, flushed at the end of every run) writing into one StreamWriter.
type Streams struct {
	net *network.Network
	w   *StreamWriter // nil when the directory was refused
}

// Stream starts a recording in dir written during net's runs, one line
// per recorder:
//
//	rs := recording.Stream("long-run", net)
//	rs.Spikes("exc")
//	rs.State("exc", "v", []int{0, 1}, 0.1)
//	err := net.Run(600_000) // memory stays bounded; the files grow
//	err = rs.Close()        // the network's summary, then net.Close()
//
// A directory that cannot be used (see NewStreamWriter) is the network's
// error: Build and Run return it.
func Stream(dir string, net *network.Network) *Streams {
	w, err := NewStreamWriter(dir, MetaOf(net))
	net.Reject(err)
	return &Streams{net: net, w: w}
}

// Writer returns the recording's writer (nil if its directory was
// refused).
func (s *Streams) Writer() *StreamWriter { return s.w }

// Spikes streams the spikes of g (a population or a view of one) into the
// recording, and adds the recorder to the network.
func (s *Streams) Spikes(g network.Group) *record.SpikeStream {
	r := record.NewSpikeStream(s.sink(), g)
	if s.w != nil {
		s.net.Record(r)
	}
	return r
}

// State streams variable of the given neurons of g (nil: all) every
// interval ms (as record.NewState) into the recording, and adds the
// recorder to the network.
func (s *Streams) State(g network.Group, variable string, neurons []int, interval float64) *record.StateStream {
	r := record.NewStateStream(s.sink(), g, variable, neurons, interval)
	if s.w != nil {
		s.net.Record(r)
	}
	return r
}

func (s *Streams) sink() record.Sink {
	if s.w == nil {
		return nil
	}
	return s.w
}

// Close writes the network's summary (seed, fingerprint, ...) into the
// recording and closes the network (network.Close), which flushes and
// closes the streams and the writer. Load then reads everything.
func (s *Streams) Close() error {
	if s.w == nil {
		return errors.Join(s.net.Close(), errors.New("recording: Stream: the recording's directory was refused (see the network's error)"))
	}
	s.w.SetSummary(s.net.Summary())
	return s.net.Close()
}
