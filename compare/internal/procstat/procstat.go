package procstat

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// PeakRSS returns the process's peak resident set (VmHWM of
// /proc/self/status) in bytes.
func PeakRSS() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("peak RSS: %w (needs Linux /proc)", err)
	}
	defer f.Close()
	return parseHWM(f)
}

func parseHWM(f *os.File) (int64, error) {
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("peak RSS: VmHWM line %q: %w", s.Text(), err)
			}
			return kb << 10, nil
		}
	}
	if err := s.Err(); err != nil {
		return 0, fmt.Errorf("peak RSS: %w", err)
	}
	return 0, fmt.Errorf("peak RSS: no VmHWM in /proc/self/status")
}

// Load1 returns the 1-minute load average of /proc/loadavg, NaN if it
// cannot be read.
func Load1() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return math.NaN()
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return math.NaN()
	}
	return v
}
