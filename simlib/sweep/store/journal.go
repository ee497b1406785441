package store

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// slot is where a data file of a point goes: its final path and the
// temporary file it is written to, both relative to the store.
type slot struct{ final, tmp string }

// reserve chooses the files of a point's data and records them in the
// journal (table writes) before any is made, so that Clean can tell the
// store's own orphans from anything else: a file is never written over
// (an existing one, whoever made it, gets the next free name
// NNNNNNNN_NAME.K.parquet), and names are compared ignoring case (a
// case-insensitive file system would otherwise merge two).
func (s *Store) reserve(idx int, names []string) ([]slot, error) {
	if len(names) == 0 {
		return nil, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	taken := map[string]bool{}
	slots := make([]slot, len(names))
	for k, name := range names {
		var rel string
		for j := 0; ; j++ {
			if j == 1000 {
				return nil, fmt.Errorf("store: %s: no free file name for data %q of point %d (1000 tried)", s.dir, name, idx)
			}
			base := fmt.Sprintf("%08d_%s.parquet", idx, name)
			if j > 0 {
				base = fmt.Sprintf("%08d_%s.%d.parquet", idx, name, j)
			}
			rel = filepath.Join(s.meta.DataDir, base)
			if taken[strings.ToLower(rel)] {
				continue
			}
			if _, err := os.Lstat(filepath.Join(s.dir, rel)); errors.Is(err, fs.ErrNotExist) {
				break
			}
		}
		taken[strings.ToLower(rel)] = true
		var r [8]byte
		if _, err := rand.Read(r[:]); err != nil {
			return nil, err
		}
		slots[k] = slot{final: rel, tmp: filepath.Join(s.meta.DataDir, ".tmp-"+filepath.Base(rel)+"-"+hex.EncodeToString(r[:]))}
	}
	if s.sync {
		// The journal's commit need not reach the disk by itself: the
		// row's commit, synced, makes the WAL durable up to it. A power
		// cut before then can only lose the entry, leaving a file no
		// row references (kept, never a foreign file removed).
		if _, err := s.db.Exec("PRAGMA synchronous = NORMAL"); err != nil {
			return nil, s.dbErr("journaling data files", err)
		}
		defer s.db.Exec("PRAGMA synchronous = FULL")
	}
	tx, err := s.db.Begin()
	if err != nil {
		return nil, s.dbErr("journaling data files", err)
	}
	defer tx.Rollback()
	for _, sl := range slots {
		for _, p := range []string{sl.tmp, sl.final} {
			if _, err := tx.Exec(`INSERT OR IGNORE INTO writes (path) VALUES (?)`, filepath.ToSlash(p)); err != nil {
				return nil, s.dbErr("journaling data files", err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, s.dbErr("journaling data files", err)
	}
	return slots, nil
}

// Clean removes the store's own orphans: the files in its journal (table
// writes) that no row references, i.e. temporary files and files of
// points whose row was never written (a process killed between the two),
// and files of rows that were replaced. A row whose file is missing or
// not a whole Parquet file is removed first (its files journaled), so
// that its point is computed again. It never removes a file the journal
// does not name: files it did not write, in its folder or anywhere else,
// are left alone (and so are orphans of a store of schema 1, which had
// no journal). It returns how many files it removed. Only call it when no
// other process writes the store (the store's lock ensures that).
func (s *Store) Clean() (int, error) {
	if s.readOnly {
		return 0, fmt.Errorf("store: %s is open read-only: open it with Open to write it", s.dir)
	}
	if s.meta == nil {
		return 0, nil
	}
	rows, err := s.Rows()
	if err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ref := map[string]bool{}
	for _, r := range rows {
		whole := true
		for _, f := range r.Files {
			whole = whole && isParquet(filepath.Join(s.dir, f))
		}
		if whole {
			for _, f := range r.Files {
				ref[filepath.ToSlash(f)] = true
			}
			continue
		}
		// A file that did not reach the disk whole (a power cut
		// without Sync): forget the point, it runs again.
		err := func() error {
			tx, err := s.db.Begin()
			if err != nil {
				return err
			}
			defer tx.Rollback()
			for _, f := range r.Files {
				if _, err := tx.Exec(`INSERT OR IGNORE INTO writes (path) VALUES (?)`, filepath.ToSlash(f)); err != nil {
					return err
				}
			}
			if _, err := tx.Exec(`DELETE FROM points WHERE idx = ?`, r.Index); err != nil {
				return err
			}
			return tx.Commit()
		}()
		if err != nil {
			return 0, s.dbErr(fmt.Sprintf("dropping point %d, whose data file is broken", r.Index), err)
		}
	}
	jr, err := s.db.Query(`SELECT path FROM writes`)
	if err != nil {
		return 0, s.dbErr("reading the journal", err)
	}
	var journal []string
	for jr.Next() {
		var p string
		if err := jr.Scan(&p); err != nil {
			jr.Close()
			return 0, s.dbErr("reading the journal", err)
		}
		journal = append(journal, p)
	}
	jr.Close()
	n := 0
	for _, p := range journal {
		if !ref[p] {
			full, ok := s.own(p)
			if !ok {
				return n, fmt.Errorf("store: %s: %w: the journal names %q, outside the data folder %s; golgi removes nothing there", s.dir, ErrDamaged, p, s.meta.DataDir)
			}
			if st, err := os.Lstat(full); err == nil && st.Mode().IsRegular() {
				if err := os.Remove(full); err != nil {
					return n, fmt.Errorf("store: removing orphan %s: %w", p, err)
				}
				n++
			}
		}
		if _, err := s.db.Exec(`DELETE FROM writes WHERE path = ?`, p); err != nil {
			return n, s.dbErr("clearing the journal", err)
		}
	}
	return n, nil
}

// own returns the file of a path recorded by the store, checking that
// it is a file directly inside the store's data folder.
func (s *Store) own(p string) (string, bool) {
	rel := filepath.FromSlash(p)
	if filepath.Dir(rel) != s.meta.DataDir || filepath.Base(rel) == ".." || filepath.Base(rel) == "." {
		return "", false
	}
	return filepath.Join(s.dir, rel), true
}

// isParquet reports whether the file at path ends as a whole Parquet
// file does: a footer length that fits, and the magic "PAR1" at both ends.
func isParquet(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() < 12 {
		return false
	}
	var head [4]byte
	var tail [8]byte
	if _, err := f.ReadAt(head[:], 0); err != nil {
		return false
	}
	if _, err := f.ReadAt(tail[:], st.Size()-8); err != nil {
		return false
	}
	n := int64(tail[0]) | int64(tail[1])<<8 | int64(tail[2])<<16 | int64(tail[3])<<24
	return string(head[:]) == "PAR1" && string(tail[4:]) == "PAR1" && n > 0 && n <= st.Size()-12
}
