package morph

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// SWC types (the standard's first four).
const (
	Soma   = 1
	Axon   = 2
	Basal  = 3
	Apical = 4
)

// Sample is one line of an SWC file.
type Sample struct {
	ID      int     // sample number, unique
	Type    int     // 1 soma, 2 axon, 3 basal dendrite, 4 apical dendrite, other t >= 0: "dend_<t>" sections
	X, Y, Z float64 // µm
	Radius  float64 // µm (> 0)
	Parent  int     // id of the parent sample, -1 for the root
	Line    int     // line in the file (1-based), for error messages
}

// ReadSWCFile reads an SWC file from disk; see ReadSWC.
func ReadSWCFile(path string) (*Morphology, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("morph: %w", err)
	}
	defer f.Close()
	m, err := ReadSWC(f)
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, path)
	}
	return m, nil
}

// ReadSWC parses SWC samples from r and forms sections (see the package
// documentation for the conventions).
func ReadSWC(r io.Reader) (*Morphology, error) {
	samples, err := ParseSWC(r)
	if err != nil {
		return nil, err
	}
	return FromSamples(samples)
}

// ParseSWC reads the samples of an SWC file without forming sections.
func ParseSWC(r io.Reader) ([]Sample, error) {
	var out []Sample
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if i := strings.IndexByte(text, '#'); i >= 0 {
			text = text[:i]
		}
		f := strings.Fields(text)
		if len(f) == 0 {
			continue
		}
		if len(f) != 7 {
			return nil, fmt.Errorf("morph: SWC line %d: %d fields, want 7 (id type x y z radius parent)", line, len(f))
		}
		var s Sample
		s.Line = line
		ints := []struct {
			name string
			dst  *int
			text string
		}{{"id", &s.ID, f[0]}, {"type", &s.Type, f[1]}, {"parent", &s.Parent, f[6]}}
		for _, c := range ints {
			v, err := parseInt(c.text)
			if err != nil {
				return nil, fmt.Errorf("morph: SWC line %d: %s %q: want an integer", line, c.name, c.text)
			}
			*c.dst = v
		}
		floats := []struct {
			name string
			dst  *float64
			text string
		}{{"x", &s.X, f[2]}, {"y", &s.Y, f[3]}, {"z", &s.Z, f[4]}, {"radius", &s.Radius, f[5]}}
		for _, c := range floats {
			v, err := strconv.ParseFloat(c.text, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("morph: SWC line %d: %s %q: want a finite number", line, c.name, c.text)
			}
			*c.dst = v
		}
		if s.ID < 0 {
			return nil, fmt.Errorf("morph: SWC line %d: id %d: must be >= 0", line, s.ID)
		}
		if s.Type < 0 {
			return nil, fmt.Errorf("morph: SWC line %d: type %d: must be >= 0 (1 soma, 2 axon, 3 basal, 4 apical)", line, s.Type)
		}
		if !(s.Radius > 0) {
			return nil, fmt.Errorf("morph: SWC line %d (sample %d): radius %v µm: must be > 0", line, s.ID, s.Radius)
		}
		if s.Parent < -1 || s.Parent == s.ID {
			return nil, fmt.Errorf("morph: SWC line %d (sample %d): parent %d: must be -1 (root) or another sample's id", line, s.ID, s.Parent)
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("morph: SWC: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("morph: SWC: no samples")
	}
	return out, nil
}

// parseInt accepts integers written as floats ("3.0"), which some tools emit.
func parseInt(s string) (int, error) {
	if v, err := strconv.Atoi(s); err == nil {
		return v, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<31 {
		return 0, fmt.Errorf("not an integer")
	}
	return int(f), nil
}
