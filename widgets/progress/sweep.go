package progress

// Sweep is a Bar over the points of a parameter sweep that also shows how
// many points failed and how many are running.
type Sweep struct{ *Bar }

// NewSweep returns a bar over total sweep points.
func NewSweep(total int) Sweep {
	b := New(float64(total), "points")
	b.Label = "sweep"
	b.sweep = true
	return Sweep{b}
}

// Update sets the counts: done points (including failed ones), of which
// failed, and points running now.
func (s Sweep) Update(done, failed, running int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done, s.failed, s.running = float64(done), failed, running
	s.maybeDraw()
}
