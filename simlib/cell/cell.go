package cell

import "github.com/golgi-sim/golgi/simlib/cell/mech"

// Cell is the description of a compartmental cell as a plain Go value:
// sections, point processes and a spike detector. Build it with literals
// or with AddSection/AddPoint; New (standalone) or NewGroup (N cells for
// the network engine) turn it into a simulation.
type Cell struct {
	Sections []Section
	Points   []PointProcess
	// Detector, optional, is where the cell's spikes are detected.
	Detector *Detector
}

// PointProcess places a point process at position X of a section. As in
// NEURON it acts at the node nearest to X: the centre of the segment that
// contains X, or the section's end node at X = 0 or 1 exactly.
type PointProcess struct {
	Label   string // unique name within the cell, used to deliver events and record; "" means Mech.Name() + "[k]", k counting that type from 0
	Section string
	X       float64 // position in [0, 1]
	Mech    mech.Point
}

// Detector detects spikes as NEURON's NetCon does: a spike when v at the
// location goes above Threshold (strictly) after a step, having been at or
// below it after the previous one; the spike time is the end of that step.
type Detector struct {
	Section   string
	X         float64
	Threshold float64 // mV; NEURON's default is 10
}

// AddSection appends a section and returns the cell (for chaining).
func (c *Cell) AddSection(s Section) *Cell {
	c.Sections = append(c.Sections, s)
	return c
}

// AddPoint appends a point process at (section, x) and returns its label.
func (c *Cell) AddPoint(label, section string, x float64, m mech.Point) string {
	c.Points = append(c.Points, PointProcess{Label: label, Section: section, X: x, Mech: m})
	return c.pointLabel(len(c.Points) - 1)
}

// pointLabel returns point k's label, generating "Name[j]" when empty.
func (c *Cell) pointLabel(k int) string {
	p := c.Points[k]
	if p.Label != "" {
		return p.Label
	}
	j := 0
	for i := 0; i < k; i++ {
		if c.Points[i].Label == "" && c.Points[i].Mech != nil && p.Mech != nil && c.Points[i].Mech.Name() == p.Mech.Name() {
			j++
		}
	}
	name := "?"
	if p.Mech != nil {
		name = p.Mech.Name()
	}
	return name + "[" + itoa(j) + "]"
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	neg := i < 0
	if neg {
		i = -i
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		n--
		b[n] = '-'
	}
	return string(b[n:])
}
