package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// RecoverReport says what Recover did.
type RecoverReport struct {
	Points    int // points of the sweep
	Rows      int // rows copied into the new store
	Lost      int // points whose row could not be read, or failed its checksum
	Dropped   int // rows read whose data file is missing or broken (their points run again)
	ReadWhole bool
}

// Recover copies the rows that the store in dir still holds into a new
// store in out (made for the same sweep), when dir's sweep.db is damaged
// (Open refuses it with ErrDamaged): a truncated or partly overwritten
// database loses only the rows on its missing or broken pages. It reads
// dir only (never writes it) and needs the table meta to be readable.
// Resume the sweep on out; rows not recovered are computed again.
func Recover(dir, out string) (RecoverReport, error) {
	rep := RecoverReport{}
	if sameDir(dir, out) {
		return rep, fmt.Errorf("store: Recover: the output %s is the damaged store: give a new directory", out)
	}
	path := filepath.Join(dir, DBName)
	if _, err := os.Stat(path); err != nil {
		return rep, fmt.Errorf("store: Recover: %s is not a sweep store (no %s): give a store directory", dir, DBName)
	}
	// Read a copy cut to whole pages: SQLite fills a page that ends
	// early with zeros, which would decode as wrong values. The WAL, if
	// any, goes with it (its frames are checksummed: SQLite takes only
	// whole ones). writable_schema lets SQLite read a file shorter than
	// its header says instead of refusing it whole.
	tmp, err := os.MkdirTemp("", "golgi-recover-")
	if err != nil {
		return rep, fmt.Errorf("store: Recover: %w", err)
	}
	defer os.RemoveAll(tmp)
	copyPath := filepath.Join(tmp, DBName)
	if err := copyPages(path, copyPath); err != nil {
		return rep, fmt.Errorf("store: Recover: %w", err)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		if err := copyPrefix(path+"-wal", copyPath+"-wal", -1); err != nil {
			return rep, fmt.Errorf("store: Recover: %w", err)
		}
	}
	db, err := openDB(copyPath, "_pragma=writable_schema(1)")
	if err != nil {
		return rep, fmt.Errorf("store: Recover: %w", err)
	}
	defer db.Close()
	src := &Store{dir: dir, db: db, unlock: func() {}, readOnly: true, metrics: map[string]string{}, cols: map[string]bool{}}
	m, err := readMeta(db, dir)
	if err != nil || m == nil {
		if err == nil {
			err = errors.New("it is empty")
		}
		return rep, fmt.Errorf("store: Recover: %s: the table meta (the sweep's definition) cannot be read: %v; nothing can be recovered without it", path, err)
	}
	src.meta = m
	rep.Points = m.Points
	if err := src.loadColumns(); err != nil {
		return rep, fmt.Errorf("store: Recover: %s: the columns of table points cannot be read: %v", path, err)
	}
	var rows []sweep.Result
	if all, err := src.Rows(); err == nil {
		rows, rep.ReadWhole = all, true
	} else {
		// Point by point: each lookup needs only the pages on its path.
		dec := src.decoder()
		for i := 0; i < m.Points; i++ {
			q, err := db.Query(`SELECT * FROM points WHERE idx = ?`, i)
			if err != nil {
				rep.Lost++
				continue
			}
			found, bad := false, false
			for q.Next() {
				r, err := dec(q)
				if err == nil {
					rows, found = append(rows, r), true
				} else {
					bad = true // a damaged row (its checksum fails): lost
				}
			}
			if (q.Err() != nil || bad) && !found {
				rep.Lost++
			}
			q.Close()
		}
	}
	sort.Slice(rows, func(a, b int) bool { return rows[a].Index < rows[b].Index })
	dst, err := Open(out)
	if err != nil {
		return rep, err
	}
	defer dst.Close()
	if err := dst.bind(m); err != nil {
		return rep, fmt.Errorf("store: Recover: %s: %w", out, err)
	}
	for _, r := range rows {
		whole := true
		for _, f := range r.Files {
			if _, ok := src.own(filepath.ToSlash(f)); !ok || !isParquet(filepath.Join(dir, f)) {
				whole = false
			}
		}
		if !whole {
			rep.Dropped++
			continue
		}
		if err := copyRow(dst, dir, r); err != nil {
			return rep, err
		}
		rep.Rows++
	}
	return rep, nil
}

// copyPages copies the SQLite file from to to, cut to a whole number of
// pages (the page size read from its header).
func copyPages(from, to string) error {
	f, err := os.Open(from)
	if err != nil {
		return err
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || string(h[:16]) != "SQLite format 3\x00" {
		return fmt.Errorf("%s has no SQLite header: nothing can be recovered from it", from)
	}
	ps := int64(h[16])<<8 | int64(h[17])
	if ps == 1 {
		ps = 65536
	}
	if ps < 512 || ps&(ps-1) != 0 {
		return fmt.Errorf("%s: page size %d in its header: the header is damaged", from, ps)
	}
	st, err := f.Stat()
	if err != nil {
		return err
	}
	return copyPrefix(from, to, st.Size()/ps*ps)
}

// copyPrefix copies the first n bytes of from (all for n < 0) to a new
// file to.
func copyPrefix(from, to string, n int64) error {
	f, err := os.Open(from)
	if err != nil {
		return err
	}
	defer f.Close()
	g, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	var r io.Reader = f
	if n >= 0 {
		r = io.LimitReader(f, n)
	}
	_, err = io.Copy(g, r)
	if cerr := g.Close(); err == nil {
		err = cerr
	}
	return err
}
