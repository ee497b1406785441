package recording

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/parquet-go/parquet-go"
)

// writePart writes rows as part n of the table in dir: through a hidden
// temporary file, created new, synced and renamed to its final name
// (which must not exist), the directory synced after. A part is either
// absent or complete; a part never replaces a file.
func writePart[T any](dir string, n int, rows []T, meta map[string]string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("recording: %w", err)
	}
	final := filepath.Join(dir, partFile(n))
	tmp := filepath.Join(dir, tmpName(n))
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("recording: %w", err)
	}
	keys := make([]string, 0, len(meta))
	for k := range meta {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same bytes for the same data
	var opts []parquet.WriterOption
	for _, k := range keys {
		opts = append(opts, parquet.KeyValueMetadata(k, meta[k]))
	}
	w := parquet.NewGenericWriter[T](f, opts...)
	_, err = w.Write(rows)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if _, serr := os.Lstat(final); serr == nil {
			err = fmt.Errorf("%s exists: golgi does not write over it", final)
		} else if !errors.Is(serr, fs.ErrNotExist) {
			err = serr
		}
	}
	if err == nil {
		err = os.Rename(tmp, final)
	}
	if err != nil {
		os.Remove(tmp) // created by this call (O_EXCL)
		return fmt.Errorf("recording: writing %s: %w", final, err)
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("recording: %w", err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("recording: syncing %s: %w", dir, err)
	}
	return nil
}

// writeMarker writes the marker of the recording at dir (atomically: a
// new temporary file renamed over the previous marker, which is ours).
func writeMarker(dir string, m Meta) error {
	mf := markerFile{Format: formatName, Version: formatVersion, DT: m.DT, Simlib: simlibVersion(), Summary: m.Summary}
	sum, err := mf.sum()
	mf.Checksum = sum
	var b []byte
	if err == nil {
		b, err = json.MarshalIndent(mf, "", "  ")
	}
	if err != nil {
		return fmt.Errorf("recording: encoding %s: %w", markerName, err)
	}
	f, err := os.CreateTemp(dir, ".marker-*.tmp")
	if err != nil {
		return fmt.Errorf("recording: %w", err)
	}
	tmp := f.Name()
	_, err = f.Write(append(b, '\n'))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, markerName))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("recording: writing %s: %w", filepath.Join(dir, markerName), err)
	}
	return syncDir(dir)
}
