package recording

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
)

// A recording is a directory:
//
//	run/
//	  golgi-recording.json          what makes it a golgi recording (format, dt, summary)
//	  spikes/part-000001.parquet    one Parquet schema per table directory,
//	  state/part-000001.parquet     parts numbered in the order written
//	  rate/part-000001.parquet
//	  rate_updates/part-000001.parquet
//	  weights/part-000001.parquet
//
// Save writes one part per table; a StreamWriter one per table at each
// flush. Each table directory is a Parquet data set as pandas, pyarrow,
// DuckDB and polars read it (a directory, or a glob of its parts).

var partName = regexp.MustCompile(`^part-([0-9]{6,})\.parquet$`)

func partFile(n int) string { return fmt.Sprintf("part-%06d.parquet", n) }

// tmpName is the temporary name of part n while it is written: hidden
// (readers of data sets skip names starting with a dot).
func tmpName(n int) string { return fmt.Sprintf(".part-%06d.parquet.tmp", n) }

var tmpPart = regexp.MustCompile(`^\.part-[0-9]{6,}\.parquet\.tmp$`)

// tmpMarker is the name of a marker being written (see writeMarker).
var tmpMarker = regexp.MustCompile(`^\.marker-[0-9]+\.tmp$`)

// parts lists the part files of table dir, in order.
func parts(dir string) ([]string, error) {
	es, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("recording: %w", err)
	}
	type part struct {
		n    uint64
		name string
	}
	var ps []part
	for _, e := range es {
		m := partName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		n, err := strconv.ParseUint(m[1], 10, 63)
		if err != nil {
			return nil, fmt.Errorf("recording: %s: part number out of range", filepath.Join(dir, e.Name()))
		}
		ps = append(ps, part{n, e.Name()})
	}
	slices.SortFunc(ps, func(a, b part) int { return cmp.Compare(a.n, b.n) })
	var out []string
	for k, p := range ps {
		// parts are written one after the other, each renamed into place
		// once complete: a gap is a part removed since
		if p.n != uint64(k+1) {
			return nil, fmt.Errorf("recording: %s: part %s is missing (found %s): the recording was changed", dir, partFile(k+1), p.name)
		}
		out = append(out, filepath.Join(dir, p.name))
	}
	return out, nil
}

// readMarker reads the marker of the recording at dir.
func readMarker(dir string) (markerFile, error) {
	var m markerFile
	st, err := os.Stat(dir)
	if err != nil {
		return m, fmt.Errorf("recording: %w", err)
	}
	if !st.IsDir() {
		return m, fmt.Errorf("recording: %s is a file, not a golgi recording (a recording is a directory with %s)", dir, markerName)
	}
	b, err := os.ReadFile(filepath.Join(dir, markerName))
	if errors.Is(err, fs.ErrNotExist) {
		return m, fmt.Errorf("recording: %s is not a golgi recording: it has no %s", dir, markerName)
	}
	if err != nil {
		return m, fmt.Errorf("recording: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Format != formatName {
		return m, fmt.Errorf("recording: %s: not a golgi recording marker (want JSON with \"format\": %q)", filepath.Join(dir, markerName), formatName)
	}
	if m.Version != formatVersion {
		return m, fmt.Errorf("recording: %s: format version %d: this golgi reads version %d", filepath.Join(dir, markerName), m.Version, formatVersion)
	}
	if sum, err := m.sum(); err != nil || sum != m.Checksum {
		return m, fmt.Errorf("recording: %s: the marker does not match its checksum: it was changed or damaged", filepath.Join(dir, markerName))
	}
	return m, nil
}

// ours returns the files and directories of the recording at dir, deepest
// first, or an error when dir holds anything golgi did not write there.
// A missing dir has none; an empty directory is taken as it is.
func ours(dir string) (files []string, err error) {
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("recording: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("recording: %s exists and is not a golgi recording (a file): golgi does not write over it", dir)
	}
	es, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("recording: %w", err)
	}
	if len(es) == 0 {
		return nil, nil
	}
	if _, err := readMarker(dir); err != nil {
		return nil, fmt.Errorf("%w: golgi does not write over it", err)
	}
	foreign := func(p string) error {
		return fmt.Errorf("recording: %s holds %s, which golgi did not write: golgi does not write over it (move it away, or choose another path)", dir, p)
	}
	var after []string // the marker and table directories, removed last
	for _, e := range es {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.Name() == markerName && e.Type().IsRegular():
		case tmpMarker.MatchString(e.Name()) && e.Type().IsRegular():
		case slices.Contains(tables, e.Name()) && e.IsDir():
			sub, err := os.ReadDir(p)
			if err != nil {
				return nil, fmt.Errorf("recording: %w", err)
			}
			for _, s := range sub {
				if !s.Type().IsRegular() || !(partName.MatchString(s.Name()) || tmpPart.MatchString(s.Name())) {
					return nil, foreign(filepath.Join(p, s.Name()))
				}
				files = append(files, filepath.Join(p, s.Name()))
			}
		default:
			return nil, foreign(p)
		}
		after = append(after, p)
	}
	return append(files, after...), nil
}

// clearRecording removes what the recording at dir holds (what ours lists), not
// dir itself.
func clearRecording(dir string) error {
	files, err := ours(dir)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := os.Remove(f); err != nil {
			return fmt.Errorf("recording: %w", err)
		}
	}
	return nil
}
