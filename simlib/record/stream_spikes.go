package record

import (
	"fmt"

	"github.com/golgi-sim/golgi/simlib/network"
)

// SpikeStream records the spikes of a population (or of chosen neurons), as
// Spikes does, but keeps only a chunk of them in memory: full chunks go to
// a background goroutine that writes them to a Sink, so a run of any
// length records in bounded memory. The sink is flushed during a run
// every StreamOptions.FlushAfter chunks or FlushEvery of wall time, and at
// the end of every run (network.Flusher), so that when Run returns everything is
// readable; Close (or the network's Close) closes it. An error of the sink
// stops the run (network.RecorderError). Like Spikes it adds nothing to
// the network's Fingerprint (every spike is hashed by the network), so a
// run's fingerprint does not depend on whether it streamed.
type SpikeStream struct {
	cfg  *Spikes // configuration and neuron filter (its Attach checks them)
	sink Sink
	opt  StreamOptions
	life[spikeChunk]
	cur *spikeChunk
	n   int64 // spikes recorded
}

type spikeChunk struct {
	steps []int64
	ids   []int32
}

// NewSpikeStream streams the spikes of g (a population, or a view of one:
// pop.Slice(0, 100), its neurons numbered from 0 as by NewSpikes) to sink,
// with DefaultStreamOptions.
func NewSpikeStream(sink Sink, g network.Group) *SpikeStream {
	return &SpikeStream{cfg: NewSpikes(g), sink: sink, opt: DefaultStreamOptions()}
}

// SetOptions sets the stream's options (before it is added to a network;
// zero fields take the defaults).
func (s *SpikeStream) SetOptions(o StreamOptions) *SpikeStream {
	s.opt = o.withDefaults()
	return s
}

func (s *SpikeStream) String() string { return fmt.Sprintf("spike stream of %q", s.cfg.label) }

func (s *SpikeStream) Attach(v network.View) error {
	if err := s.usable(s.String(), s.sink, s.opt); err != nil {
		return err
	}
	if err := s.cfg.Attach(v); err != nil {
		return err
	}
	if s.st == nil {
		n := s.opt.Chunk + min(s.cfg.size, s.opt.Chunk) // a chunk ends with a whole step
		alloc := func() *spikeChunk {
			return &spikeChunk{make([]int64, 0, n), make([]int32, 0, n)}
		}
		s.st = newStreamer(s.sink, s.opt, s.write, func(c *spikeChunk) {
			c.steps, c.ids = c.steps[:0], c.ids[:0]
		}, alloc)
		s.cur = alloc()
		s.full = func() bool { return len(s.cur.ids) > 0 }
		s.hand = func() {
			if len(s.cur.ids) > 0 {
				s.cur = s.st.send(s.cur)
			}
		}
	}
	return nil
}

// write writes a chunk (on the background goroutine).
func (s *SpikeStream) write(c *spikeChunk, sink bool) error {
	if !sink {
		return nil
	}
	return s.sink.WriteSpikes(s.cfg.label, c.steps, c.ids)
}

func (s *SpikeStream) Reserve(int64)               {}
func (s *SpikeStream) Sample(int64, int, int, int) {}

// Spikes gathers a step's spikes; a full chunk goes to the sink (chunks
// end at the end of a step).
func (s *SpikeStream) Spikes(step int64, pop int, chunks [][]int32) {
	if pop != s.cfg.idx {
		return
	}
	c, pos := s.cur, s.cfg.pos
	before := len(c.ids)
	for _, ch := range chunks {
		for _, i := range ch {
			if pos == nil {
				c.steps = append(c.steps, step)
				c.ids = append(c.ids, i)
			} else if k := pos[i]; k >= 0 {
				c.steps = append(c.steps, step)
				c.ids = append(c.ids, k)
			}
		}
	}
	s.n += int64(len(c.ids) - before)
	if len(c.ids) >= s.opt.Chunk {
		s.cur = s.st.send(c)
	}
}

// Population returns the recorded population's name.
func (s *SpikeStream) Population() string { return s.cfg.label }

// Size returns the size of the recorded population (once attached).
func (s *SpikeStream) Size() int { return s.cfg.size }

// Len returns the number of spikes recorded (written, or about to be).
func (s *SpikeStream) Len() int64 { return s.n }
