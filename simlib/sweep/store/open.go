package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// dsn is the SQLite URI of the database file at path: always a "file:"
// URI of the absolute path with every byte but [A-Za-z0-9/._~-]
// percent-encoded, so that a path is a path whatever it holds ('?', '#',
// '%', spaces, unicode), never URI parameters.
func dsn(path string, query string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	abs = filepath.ToSlash(abs)
	if !strings.HasPrefix(abs, "/") {
		abs = "/" + abs // a Windows drive path
	}
	var b strings.Builder
	b.WriteString("file:")
	for i := 0; i < len(abs); i++ {
		c := abs[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("/._~-", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	b.WriteString("?")
	b.WriteString(query)
	return b.String(), nil
}

const rwQuery = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
const roQuery = "mode=ro&_pragma=busy_timeout(10000)"

func openDB(path, query string) (*sql.DB, error) {
	d, err := dsn(path, query)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", d)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// Open opens the store in dir, creating the directory if needed; a
// directory without a store gets one at Bind (nothing but the lock file
// is written before). Close it when done. An existing sweep.db is checked
// first (SQLite's quick_check, and that it holds a sweep): a damaged one
// gives an error wrapping ErrDamaged and is left unchanged.
func Open(dir string) (*Store, error) {
	_, err := os.Stat(dir)
	madeDir := errors.Is(err, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("store: %s cannot be a store's directory: %w: give a directory (made if missing)", dir, err)
	}
	_, err = os.Lstat(filepath.Join(dir, LockName))
	madeLock := errors.Is(err, fs.ErrNotExist)
	unlock, err := lock(dir)
	if err != nil {
		if madeDir {
			os.Remove(dir)
		}
		return nil, err
	}
	s := &Store{dir: dir, unlock: unlock, madeDir: madeDir, madeLock: madeLock}
	if err := s.open(false); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// OpenReadOnly opens the existing store in dir for reading only, without
// taking its lock: a sweep may be writing it at the same time (SQLite's
// WAL mode lets readers see every committed row). Bind, Put and Clean
// fail on it.
func OpenReadOnly(dir string) (*Store, error) {
	if _, err := os.Stat(filepath.Join(dir, DBName)); err != nil {
		return nil, fmt.Errorf("store: %s is not a sweep store (no %s): give a store directory", dir, DBName)
	}
	s := &Store{dir: dir, unlock: func() {}, readOnly: true}
	if err := s.open(true); err != nil {
		return nil, err
	}
	if s.meta == nil {
		s.Close()
		return nil, fmt.Errorf("store: %s holds no sweep yet (an empty store): run the sweep into it first", dir)
	}
	return s, nil
}

// open opens the store's database when it exists, after checking it.
func (s *Store) open(readOnly bool) error {
	s.metrics, s.cols = map[string]string{}, map[string]bool{}
	path := filepath.Join(s.dir, DBName)
	st, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // a new store
	}
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if !st.Mode().IsRegular() {
		return s.damaged("it is not a regular file", nil)
	}
	m, err := s.check(path)
	if err != nil {
		return err
	}
	q := rwQuery
	if readOnly {
		q = roQuery
	}
	db, err := openDB(path, q)
	if err != nil {
		return fmt.Errorf("store: opening %s: %w", path, err)
	}
	s.db = db
	s.meta = m
	if m == nil {
		return nil // an old store opened but never bound: empty
	}
	if !readOnly && m.Schema == "1" {
		if err := s.upgrade(); err != nil {
			db.Close()
			return err
		}
	}
	if !readOnly {
		// The store's own data folder, made again if it was removed.
		if err := os.MkdirAll(filepath.Join(s.dir, m.DataDir), 0o755); err != nil {
			db.Close()
			return fmt.Errorf("store: %w", err)
		}
	}
	if err := s.loadColumns(); err != nil {
		db.Close()
		return err
	}
	return nil
}

// damaged is the error for a sweep.db that cannot be used.
func (s *Store) damaged(what string, err error) error {
	path := filepath.Join(s.dir, DBName)
	msg := what
	if err != nil {
		msg += ": " + err.Error()
	}
	return fmt.Errorf("store: %s: %w: %s. golgi has not changed it. To keep the rows it still holds, copy them into a new store with 'golgi sweep recover %s NEWDIR' (store.Recover) and resume the sweep there; to start the sweep over instead, move %s away", path, ErrDamaged, msg, s.dir, path)
}

// isCorrupt reports whether err is SQLite's "corrupt" or "not a database".
func isCorrupt(err error) bool {
	var c interface{ Code() int }
	if errors.As(err, &c) {
		switch c.Code() & 0xff {
		case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
			return true
		}
	}
	return false
}

// dbErr wraps an error of the database: a corruption found while reading
// or writing becomes the damaged error.
func (s *Store) dbErr(what string, err error) error {
	if isCorrupt(err) {
		return s.damaged("SQLite found it damaged while "+what, err)
	}
	return fmt.Errorf("store: %s: %s: %w", s.dir, what, err)
}

// check reads the database at path read-only (never changing it): it
// must pass SQLite's quick_check and hold a sweep store's tables. It
// returns the store's sweep (nil for a store of schema 1 that was
// opened but never bound).
func (s *Store) check(path string) (*Meta, error) {
	db, err := openDB(path, roQuery)
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	defer db.Close()
	var res []string
	rows, err := db.Query(`PRAGMA quick_check(5)`)
	if err == nil {
		for rows.Next() {
			var r string
			if err = rows.Scan(&r); err != nil {
				break
			}
			res = append(res, r)
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
	}
	if err != nil {
		if isCorrupt(err) {
			return nil, s.damaged("SQLite cannot read it (truncated, overwritten or not a database)", err)
		}
		return nil, fmt.Errorf("store: reading %s: %w", path, err)
	}
	if len(res) != 1 || res[0] != "ok" {
		return nil, s.damaged("SQLite's quick_check reports", errors.New(strings.Join(res, "; ")))
	}
	tables := map[string]bool{}
	trows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return nil, s.damaged("reading its tables", err)
	}
	for trows.Next() {
		var n string
		if err := trows.Scan(&n); err != nil {
			trows.Close()
			return nil, s.damaged("reading its tables", err)
		}
		tables[n] = true
	}
	trows.Close()
	if !tables["meta"] {
		if len(tables) == 0 {
			st, _ := os.Stat(path)
			return nil, s.damaged(fmt.Sprintf("it holds no tables (%d bytes): a store's sweep.db always holds its sweep, so this one was truncated or is not golgi's", st.Size()), nil)
		}
		return nil, s.damaged("it is an SQLite database without a sweep store's table meta: it is not golgi's", nil)
	}
	m, err := readMeta(db, s.dir)
	if err != nil {
		if isCorrupt(err) {
			return nil, s.damaged("reading its table meta", err)
		}
		return nil, err
	}
	if m == nil && tables["points"] {
		return nil, s.damaged("its table meta is empty but it holds points", nil)
	}
	if m != nil && !tables["points"] {
		return nil, s.damaged("it has no table points", nil)
	}
	return m, nil
}

func readMeta(db *sql.DB, dir string) (*Meta, error) {
	rows, err := db.Query(`SELECT key, value FROM meta`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	kv := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		kv[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(kv) == 0 {
		return nil, nil
	}
	if _, ok := kv["schema"]; !ok || kv["hash"] == "" {
		return nil, fmt.Errorf("store: %s: %w: %s has a table meta without a sweep's schema and hash: it is not golgi's. golgi has not changed it; give the sweep another directory", dir, ErrDamaged, filepath.Join(dir, DBName))
	}
	if !slices.Contains(readable, kv["schema"]) {
		return nil, fmt.Errorf("store: %s: schema version %q: this golgi reads versions %s", dir, kv["schema"], strings.Join(readable, ", "))
	}
	m := &Meta{Hash: kv["hash"], Definition: kv["definition"], Version: kv["version"], Schema: kv["schema"], DataDir: kv["data_dir"]}
	if m.DataDir == "" {
		m.DataDir = legacyDataDir
	}
	var err1, err2, err3, err4 error
	m.Seed, err1 = strconv.ParseUint(kv["seed"], 10, 64)
	m.Points, err2 = strconv.Atoi(kv["points"])
	err3 = json.Unmarshal([]byte(kv["params"]), &m.Dims)
	if m.DataDir != filepath.Base(m.DataDir) || m.DataDir == "." || m.DataDir == ".." {
		err4 = fmt.Errorf("data_dir %q is not a folder name", m.DataDir)
	}
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return nil, fmt.Errorf("store: %s: %w: table meta is damaged: %v", dir, ErrDamaged, err)
	}
	return m, nil
}

// upgrade adds to a store of schema 1 what schema 2 writes: the journal
// of data files, the metric column names, the negative zeros.
func (s *Store) upgrade() error {
	for _, st := range []string{
		`CREATE TABLE IF NOT EXISTS writes (path TEXT PRIMARY KEY)`,
		`CREATE TABLE IF NOT EXISTS metric_columns (name TEXT PRIMARY KEY, col TEXT NOT NULL)`,
	} {
		if _, err := s.db.Exec(st); err != nil {
			return s.dbErr("upgrading schema 1", err)
		}
	}
	has := map[string]bool{}
	rows, err := s.db.Query(`SELECT name FROM pragma_table_info('points')`)
	if err != nil {
		return s.dbErr("upgrading schema 1", err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		has[n] = true
	}
	rows.Close()
	for _, c := range []string{"negative_zero TEXT NOT NULL DEFAULT '[]'", "checksum TEXT NOT NULL DEFAULT ''"} {
		if name, _, _ := strings.Cut(c, " "); !has[name] {
			if _, err := s.db.Exec(`ALTER TABLE points ADD COLUMN ` + c); err != nil {
				return s.dbErr("upgrading schema 1", err)
			}
		}
	}
	return nil
}

func (s *Store) loadColumns() error {
	rows, err := s.db.Query(`SELECT name FROM pragma_table_info('points')`)
	if err != nil {
		return s.dbErr("reading table points", err)
	}
	var metricCols []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return s.dbErr("reading table points", err)
		}
		s.cols[strings.ToLower(n)] = true
		if strings.HasPrefix(n, "m_") {
			metricCols = append(metricCols, n)
		}
		if n == "negative_zero" {
			s.negZero = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.dbErr("reading table points", err)
	}
	named := map[string]string{} // column -> metric
	var hasMap int
	s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'metric_columns'`).Scan(&hasMap)
	if hasMap > 0 {
		mr, err := s.db.Query(`SELECT name, col FROM metric_columns`)
		if err != nil {
			return s.dbErr("reading table metric_columns", err)
		}
		for mr.Next() {
			var n, c string
			if err := mr.Scan(&n, &c); err != nil {
				mr.Close()
				return s.dbErr("reading table metric_columns", err)
			}
			named[c] = n
		}
		mr.Close()
	}
	for _, c := range metricCols {
		if n, ok := named[c]; ok {
			s.metrics[n] = c
		} else {
			s.metrics[strings.TrimPrefix(c, "m_")] = c
		}
	}
	return nil
}
