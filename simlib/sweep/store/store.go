package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver "sqlite"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// DBName is the SQLite file inside a store's directory.
const DBName = "sweep.db"

// DataDir is the folder, inside a store's directory, of the Parquet files
// of the points' bulk outputs. The store makes it; it never writes into a
// folder of that name that it did not make (a store made before golgi
// used this name keeps its data/ folder).
const DataDir = "sweep-data"

// legacyDataDir is the data folder of stores of schema 1.
const legacyDataDir = "data"

// LockName is the store's lock file inside its directory.
const LockName = "sweep.lock"

// schemaVersion is the version of the store's tables; stores of the
// versions in readable are opened (schema 1 has no journal of written
// files: see Clean).
const schemaVersion = "2"

var readable = []string{"1", "2"}

// ErrChanged is wrapped by the error returned when a sweep's definition
// differs from the one its store was made for.
var ErrChanged = errors.New("the sweep's definition differs from the store's")

// ErrDamaged is wrapped by the error returned when a store's sweep.db
// cannot be read whole (truncated, corrupt) or is not a sweep store.
// golgi never changes such a file; Recover copies the rows it still holds
// into a new store.
var ErrDamaged = errors.New("the store's database is damaged")

// Meta is what a store records about its sweep.
type Meta struct {
	// Hash identifies the sweep: a hash of Definition, Seed and Version.
	Hash string
	// Definition is the space's canonical description (sweep.Space.Definition).
	Definition string
	Seed       uint64
	Version    string
	Points     int
	Dims       []sweep.Dim
	// DataDir is the folder of the store's Parquet files, relative to
	// its directory (DataDir; "data" for stores of schema 1).
	DataDir string
	// Schema is the store's schema version.
	Schema string
}

// Store is a sweep's store: a directory holding an SQLite database (one
// row per point in table points, the sweep's definition in table meta,
// a journal of the data files being written in table writes) and a
// folder of Parquet files (DataDir: a point's bulk outputs). One process
// at a time opens a store (a lock file enforces it).
type Store struct {
	dir      string
	db       *sql.DB // nil for a new store until Bind
	unlock   func()
	mu       sync.Mutex // serialises writes
	meta     *Meta
	metrics  map[string]string // metric name -> its column of table points
	cols     map[string]bool   // lower-cased column names of table points
	negZero  bool              // table points has column negative_zero
	sync     bool
	readOnly bool
}

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
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("store: %s cannot be a store's directory: %w: give a directory (made if missing)", dir, err)
	}
	unlock, err := lock(dir)
	if err != nil {
		return nil, err
	}
	s := &Store{dir: dir, unlock: unlock}
	if err := s.open(false); err != nil {
		unlock()
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

// SetSync sets whether data files are synced to disk before their rows
// are committed, and commits are synced (see Options.Sync).
func (s *Store) SetSync(on bool) error {
	s.sync = on
	return s.applySync()
}

func (s *Store) applySync() error {
	if s.db == nil {
		return nil
	}
	mode := "NORMAL"
	if s.sync {
		mode = "FULL"
	}
	if _, err := s.db.Exec("PRAGMA synchronous = " + mode); err != nil {
		return s.dbErr("setting synchronous", err)
	}
	return nil
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// Close closes the store.
func (s *Store) Close() error {
	var err error
	if s.db != nil {
		err = s.db.Close()
	}
	s.unlock()
	return err
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
	has := false
	rows, err := s.db.Query(`SELECT name FROM pragma_table_info('points')`)
	if err != nil {
		return s.dbErr("upgrading schema 1", err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		has = has || n == "negative_zero"
	}
	rows.Close()
	if !has {
		if _, err := s.db.Exec(`ALTER TABLE points ADD COLUMN negative_zero TEXT NOT NULL DEFAULT '[]'`); err != nil {
			return s.dbErr("upgrading schema 1", err)
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

// Meta returns the store's sweep, or nil for a new store.
func (s *Store) Meta() *Meta { return s.meta }

// hashOf identifies a sweep.
func hashOf(definition string, seed uint64, version string) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("golgi sweep\x00%s\x00%d\x00%s", definition, seed, version)))
	return hex.EncodeToString(h[:16])
}

// Bind makes the store the store of the sweep (space, master seed,
// version): a new store records it; a store of the same sweep accepts
// it; a store of another sweep refuses with an error wrapping ErrChanged
// that says what changed.
func (s *Store) Bind(space *sweep.Space, seed uint64, version string) error {
	if err := space.Err(); err != nil {
		return err
	}
	m := &Meta{Definition: space.Definition(), Seed: seed, Version: version, Points: space.Len(), Dims: space.Dims()}
	m.Hash = hashOf(m.Definition, seed, version)
	return s.bind(m)
}

func (s *Store) bind(m *Meta) error {
	if s.readOnly && (s.meta == nil || s.meta.Hash != m.Hash) {
		return fmt.Errorf("store: %s is open read-only: open it with Open to write it", s.dir)
	}
	if s.meta != nil {
		if s.meta.Hash == m.Hash {
			return nil
		}
		return fmt.Errorf("store: %s: %w: %s; use a new store directory, or run the old definition (a resumed sweep must be the same sweep)", s.dir, ErrChanged, whatChanged(s.meta, m))
	}
	if err := checkDims(m.Dims); err != nil {
		return err
	}
	m = &Meta{Hash: m.Hash, Definition: m.Definition, Seed: m.Seed, Version: m.Version, Points: m.Points, Dims: m.Dims,
		DataDir: DataDir, Schema: schemaVersion}
	if s.db != nil {
		// An empty store of schema 1 (opened, never bound): its data
		// folder is data/, which golgi made.
		m.DataDir, m.Schema = legacyDataDir, "1"
		if err := s.upgrade(); err != nil {
			return err
		}
		tx, err := s.db.Begin()
		if err != nil {
			return s.dbErr("binding", err)
		}
		defer tx.Rollback()
		if err := createTables(tx, m); err != nil {
			return s.dbErr("creating tables", err)
		}
		if err := tx.Commit(); err != nil {
			return s.dbErr("binding", err)
		}
	} else if err := s.create(m); err != nil {
		return err
	}
	s.meta = m
	return s.loadColumns()
}

// checkDims refuses parameter names that SQL cannot tell apart (column
// names ignore case). sweep's spaces refuse them already; this guards
// stores bound from other Meta.
func checkDims(dims []sweep.Dim) error {
	seen := map[string]string{}
	for _, d := range dims {
		l := strings.ToLower(d.Name)
		if o, ok := seen[l]; ok {
			return fmt.Errorf("store: parameters %q and %q differ only by case: SQL column names ignore case; rename one", o, d.Name)
		}
		seen[l] = d.Name
	}
	return nil
}

// create makes a new store's data folder and database. The database is
// built under a temporary name and renamed into place, so that a sweep.db
// always holds its sweep: an empty or tableless sweep.db is damaged, never
// a new store.
func (s *Store) create(m *Meta) error {
	data := filepath.Join(s.dir, m.DataDir)
	if err := os.Mkdir(data, 0o755); err != nil {
		if !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("store: %w", err)
		}
		ents, err := os.ReadDir(data)
		if err != nil {
			return fmt.Errorf("store: %s exists and cannot be read: %w", data, err)
		}
		if len(ents) > 0 {
			return fmt.Errorf("store: %s: folder %s already exists and holds %d files (e.g. %s), but %s holds no sweep store: golgi writes only into a data folder it made; move the folder away or give the sweep another directory", s.dir, data, len(ents), ents[0].Name(), s.dir)
		}
	}
	f, err := os.CreateTemp(s.dir, ".sweep.db.new-*")
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	tmp := f.Name()
	f.Close()
	fail := func(err error) error {
		for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"} {
			os.Remove(p)
		}
		return err
	}
	db, err := openDB(tmp, rwQuery)
	if err != nil {
		return fail(fmt.Errorf("store: %w", err))
	}
	err = func() error {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := createTables(tx, m); err != nil {
			return err
		}
		return tx.Commit()
	}()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(fmt.Errorf("store: %s: creating the store: %w", s.dir, err))
	}
	path := filepath.Join(s.dir, DBName)
	if _, err := os.Lstat(path); err == nil {
		return fail(fmt.Errorf("store: %s appeared while the store was being made: another program writes this directory", path))
	}
	if err := os.Rename(tmp, path); err != nil {
		return fail(fmt.Errorf("store: %w", err))
	}
	if s.db, err = openDB(path, rwQuery); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return s.applySync()
}

// createTables makes the tables of a store of m's schema and records m.
func createTables(tx *sql.Tx, m *Meta) error {
	params, _ := json.Marshal(m.Dims)
	cols := []string{
		"idx INTEGER PRIMARY KEY",
		"seed INTEGER NOT NULL",
		"status TEXT NOT NULL",
		"error TEXT NOT NULL DEFAULT ''",
		"stack TEXT NOT NULL DEFAULT ''",
		"start_ns INTEGER", "end_ns INTEGER", "wall_s REAL", "host TEXT",
		"metric_names TEXT NOT NULL DEFAULT '[]'",
		"files TEXT NOT NULL DEFAULT '{}'",
		"negative_zero TEXT NOT NULL DEFAULT '[]'",
	}
	for _, d := range m.Dims {
		typ := "REAL"
		if d.Labels != nil {
			typ = "TEXT"
		}
		cols = append(cols, quote("p_"+d.Name)+" "+typ)
	}
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
		`CREATE TABLE points (` + strings.Join(cols, ", ") + `)`,
		`CREATE TABLE IF NOT EXISTS writes (path TEXT PRIMARY KEY)`,
		`CREATE TABLE IF NOT EXISTS metric_columns (name TEXT PRIMARY KEY, col TEXT NOT NULL)`,
	}
	for _, st := range stmts {
		if _, err := tx.Exec(st); err != nil {
			return err
		}
	}
	kv := map[string]string{
		"schema": m.Schema, "hash": m.Hash, "definition": m.Definition, "seed": strconv.FormatUint(m.Seed, 10),
		"version": m.Version, "points": strconv.Itoa(m.Points), "params": string(params),
		"created": time.Now().UTC().Format(time.RFC3339),
	}
	if m.Schema != "1" {
		kv["data_dir"] = m.DataDir
	}
	for k, v := range kv {
		if _, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)`, k, v); err != nil {
			return err
		}
	}
	return nil
}

// whatChanged says how two sweeps differ.
func whatChanged(old, new *Meta) string {
	var why []string
	if old.Version != new.Version {
		why = append(why, fmt.Sprintf("version %q, now %q", old.Version, new.Version))
	}
	if old.Seed != new.Seed {
		why = append(why, fmt.Sprintf("master seed %d, now %d", old.Seed, new.Seed))
	}
	if old.Points != new.Points {
		why = append(why, fmt.Sprintf("%d points, now %d", old.Points, new.Points))
	}
	on, nn := names(old.Dims), names(new.Dims)
	if !slices.Equal(on, nn) {
		why = append(why, fmt.Sprintf("parameters %v, now %v", on, nn))
	}
	if len(why) == 0 && old.Definition != new.Definition {
		why = append(why, "parameter values or the kind of space differ")
	}
	return "the store holds " + strings.Join(why, "; ")
}

func names(ds []sweep.Dim) []string {
	n := make([]string, len(ds))
	for k, d := range ds {
		n[k] = d.Name
	}
	return n
}

func quote(id string) string { return `"` + strings.ReplaceAll(id, `"`, `""`) + `"` }

// ensureMetrics adds a column for every metric not yet in table points.
// A metric's column is m_NAME, unless an existing column has that name
// but for case (SQL column names ignore case): then m_NAME_2, m_NAME_3,
// ...; table metric_columns records each metric's column. Call with s.mu
// held.
func (s *Store) ensureMetrics(ms sweep.Metrics) error {
	var add []string
	for m := range ms {
		if _, ok := s.metrics[m]; !ok {
			add = append(add, m)
		}
	}
	if len(add) == 0 {
		return nil
	}
	slices.Sort(add)
	tx, err := s.db.Begin()
	if err != nil {
		return s.dbErr("adding metric columns", err)
	}
	defer tx.Rollback()
	made := map[string]string{}
	taken := maps.Clone(s.cols)
	for _, m := range add {
		col := "m_" + m
		for k := 2; taken[strings.ToLower(col)]; k++ {
			col = fmt.Sprintf("m_%s_%d", m, k)
		}
		if _, err := tx.Exec(`ALTER TABLE points ADD COLUMN ` + quote(col) + ` REAL`); err != nil {
			return s.dbErr(fmt.Sprintf("adding the column of metric %q", m), err)
		}
		if _, err := tx.Exec(`INSERT OR REPLACE INTO metric_columns (name, col) VALUES (?, ?)`, m, col); err != nil {
			return s.dbErr(fmt.Sprintf("adding the column of metric %q", m), err)
		}
		taken[strings.ToLower(col)] = true
		made[m] = col
	}
	if err := tx.Commit(); err != nil {
		return s.dbErr("adding metric columns", err)
	}
	for m, c := range made {
		s.metrics[m] = c
		s.cols[strings.ToLower(c)] = true
	}
	return nil
}

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

// Put stores a finished point: its bulk data as Parquet files first
// (their names journaled, each written to a new temporary file, synced
// and renamed into place), then its row, in one transaction that replaces
// any earlier row of the point and clears the files from the journal. A
// process killed at any moment leaves either no row (the point runs
// again; its journaled files are orphans that Clean removes) or a
// complete row whose files are complete. Pending and cancelled points are
// not stored. Put may be called concurrently.
func (s *Store) Put(r sweep.Result) error {
	if r.Status != sweep.Done && r.Status != sweep.Failed {
		return nil
	}
	if s.readOnly {
		return fmt.Errorf("store: %s is open read-only: open it with Open to write it", s.dir)
	}
	if s.meta == nil {
		return fmt.Errorf("store: %s: Put before Bind: bind the store to its sweep first (Bind, or use Run)", s.dir)
	}
	names := make([]string, len(r.Data))
	for k, d := range r.Data {
		if err := d.Check(); err != nil {
			return err
		}
		names[k] = d.Name
	}
	slots, err := s.reserve(r.Index, names)
	if err != nil {
		return err
	}
	files := map[string]string{}
	for k, d := range r.Data {
		if err := writeData(filepath.Join(s.dir, slots[k].tmp), filepath.Join(s.dir, slots[k].final), d, s.sync); err != nil {
			return err
		}
		files[d.Name] = filepath.ToSlash(slots[k].final)
	}
	r.Files = files
	var written []string
	for _, sl := range slots {
		written = append(written, filepath.ToSlash(sl.tmp), filepath.ToSlash(sl.final))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putRow(r, written)
}

// putRow writes r's row in a transaction that also removes the paths
// written from the journal, and journals the files of the point's
// earlier row that r does not keep (Clean removes them). Call with s.mu
// held.
func (s *Store) putRow(r sweep.Result, written []string) error {
	if err := s.ensureMetrics(r.Metrics); err != nil {
		return err
	}
	metricNames := make([]string, 0, len(r.Metrics))
	negZero := []string{}
	for m, v := range r.Metrics {
		metricNames = append(metricNames, m)
		if v == 0 && math.Signbit(v) {
			negZero = append(negZero, m)
		}
	}
	slices.Sort(metricNames)
	slices.Sort(negZero)
	mn, _ := json.Marshal(metricNames)
	nz, _ := json.Marshal(negZero)
	if r.Files == nil {
		r.Files = map[string]string{}
	}
	fj, _ := json.Marshal(r.Files)
	cols := []string{"idx", "seed", "status", "error", "stack", "start_ns", "end_ns", "wall_s", "host", "metric_names", "files", "negative_zero"}
	args := []any{r.Index, int64(r.Seed), string(r.Status), r.Err, r.Stack, unixNano(r.Start), unixNano(r.End), r.Wall.Seconds(), r.Host, string(mn), string(fj), string(nz)}
	for k, d := range s.meta.Dims {
		cols = append(cols, quote("p_"+d.Name))
		if d.Labels != nil {
			args = append(args, r.Values[k].Label)
		} else {
			args = append(args, r.Values[k].Num)
		}
	}
	for _, m := range metricNames {
		cols = append(cols, quote(s.metrics[m]))
		v := r.Metrics[m]
		if math.IsNaN(v) {
			args = append(args, nil) // SQLite has no NaN; metric_names says it is set
		} else {
			args = append(args, v)
		}
	}
	q := `INSERT OR REPLACE INTO points (` + strings.Join(cols, ", ") + `) VALUES (?` + strings.Repeat(", ?", len(cols)-1) + `)`
	tx, err := s.db.Begin()
	if err != nil {
		return s.dbErr(fmt.Sprintf("writing point %d", r.Index), err)
	}
	defer tx.Rollback()
	var old string
	switch err := tx.QueryRow(`SELECT files FROM points WHERE idx = ?`, r.Index).Scan(&old); {
	case err == nil:
		var of map[string]string
		json.Unmarshal([]byte(old), &of)
		keep := map[string]bool{}
		for _, f := range r.Files {
			keep[f] = true
		}
		for _, f := range of {
			if !keep[f] {
				if _, err := tx.Exec(`INSERT OR IGNORE INTO writes (path) VALUES (?)`, f); err != nil {
					return s.dbErr(fmt.Sprintf("writing point %d", r.Index), err)
				}
			}
		}
	case !errors.Is(err, sql.ErrNoRows):
		return s.dbErr(fmt.Sprintf("writing point %d", r.Index), err)
	}
	if _, err := tx.Exec(q, args...); err != nil {
		return s.dbErr(fmt.Sprintf("writing point %d", r.Index), err)
	}
	for _, p := range written {
		if _, err := tx.Exec(`DELETE FROM writes WHERE path = ?`, p); err != nil {
			return s.dbErr(fmt.Sprintf("writing point %d", r.Index), err)
		}
	}
	if err := tx.Commit(); err != nil {
		return s.dbErr(fmt.Sprintf("writing point %d", r.Index), err)
	}
	return nil
}

// Rows returns the stored points, ordered by index (without their bulk
// data: Files names each point's Parquet files, relative to Dir).
func (s *Store) Rows() ([]sweep.Result, error) {
	if s.meta == nil {
		return nil, nil
	}
	rows, err := s.db.Query(`SELECT * FROM points ORDER BY idx`)
	if err != nil {
		return nil, s.dbErr("reading table points", err)
	}
	defer rows.Close()
	var out []sweep.Result
	dec := s.decoder()
	for rows.Next() {
		r, err := dec(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.dbErr("reading table points", err)
	}
	return out, nil
}

// decoder returns a function that decodes a row of SELECT * FROM points.
func (s *Store) decoder() func(*sql.Rows) (sweep.Result, error) {
	pcol := map[string]int{}
	for k, d := range s.meta.Dims {
		pcol["p_"+d.Name] = k
	}
	mcol := map[string]string{}
	for m, c := range s.metrics {
		mcol[c] = m
	}
	return func(rows *sql.Rows) (sweep.Result, error) {
		cols, err := rows.Columns()
		if err != nil {
			return sweep.Result{}, s.dbErr("reading table points", err)
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for k := range vals {
			ptrs[k] = &vals[k]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return sweep.Result{}, s.dbErr("reading table points", err)
		}
		r := sweep.Result{Values: make([]sweep.Value, len(s.meta.Dims)), Metrics: sweep.Metrics{}}
		var metricNames, negZero []string
		metricVals := map[string]any{}
		for k, c := range cols {
			v := vals[k]
			switch c {
			case "idx":
				r.Index = int(asInt(v))
			case "seed":
				r.Seed = uint64(asInt(v))
			case "status":
				r.Status = sweep.Status(asString(v))
			case "error":
				r.Err = asString(v)
			case "stack":
				r.Stack = asString(v)
			case "start_ns":
				if n := asInt(v); n != 0 {
					r.Start = time.Unix(0, n)
				}
			case "end_ns":
				if n := asInt(v); n != 0 {
					r.End = time.Unix(0, n)
				}
			case "wall_s":
				r.Wall = time.Duration(math.Round(asFloat(v) * 1e9))
			case "host":
				r.Host = asString(v)
			case "metric_names":
				if err := json.Unmarshal([]byte(asString(v)), &metricNames); err != nil {
					return sweep.Result{}, fmt.Errorf("store: %s: %w: point row damaged: %v", s.dir, ErrDamaged, err)
				}
			case "negative_zero":
				if err := json.Unmarshal([]byte(asString(v)), &negZero); err != nil {
					return sweep.Result{}, fmt.Errorf("store: %s: %w: point row damaged: %v", s.dir, ErrDamaged, err)
				}
			case "files":
				if err := json.Unmarshal([]byte(asString(v)), &r.Files); err != nil {
					return sweep.Result{}, fmt.Errorf("store: %s: %w: point row damaged: %v", s.dir, ErrDamaged, err)
				}
			default:
				if j, ok := pcol[c]; ok {
					d := s.meta.Dims[j]
					if d.Labels != nil {
						l := asString(v)
						r.Values[j] = sweep.Value{Num: float64(slices.Index(d.Labels, l)), Label: l}
					} else {
						r.Values[j] = sweep.Value{Num: asFloat(v)}
					}
				} else if m, ok := mcol[c]; ok {
					metricVals[m] = v
				}
			}
		}
		for _, m := range metricNames {
			if v := metricVals[m]; v == nil {
				r.Metrics[m] = math.NaN()
			} else {
				r.Metrics[m] = asFloat(v)
			}
		}
		for _, m := range negZero {
			if _, ok := r.Metrics[m]; ok {
				r.Metrics[m] = math.Copysign(0, -1) // SQLite stores -0 as 0
			}
		}
		return r, nil
	}
}

func asInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	}
	return 0
}

func asFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return math.NaN()
}

func asString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}

// Table returns the stored points as a results table.
func (s *Store) Table() (*sweep.Table, error) {
	rows, err := s.Rows()
	if err != nil {
		return nil, err
	}
	var dims []sweep.Dim
	if s.meta != nil {
		dims = s.meta.Dims
	}
	return sweep.NewTable(dims, rows), nil
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

// Options configure Run.
type Options struct {
	// Options are sweep.Run's; Run sets Indices to the points still to
	// compute, and calls OnResult (when set) after storing each point.
	sweep.Options
	// Version is the user's version of the sweep's code: a store made
	// with another version refuses to resume.
	Version string
	// RetryFailed computes failed points again; by default resuming
	// skips them as it skips done points.
	RetryFailed bool
	// Sync syncs each data file to disk before its row is committed, and
	// every commit (SQLite synchronous=FULL), so that a power cut loses
	// nothing stored. Without it (the default) a killed process loses
	// nothing either (the kernel holds the data); after a power cut the
	// last points may be lost, and a row whose file did not reach the
	// disk whole is found by Clean and computed again. Sync costs 1 to
	// 5 ms per data file here.
	Sync bool
}

// Run computes a sweep into the store in dir (see sweep.Run): it makes the
// store (or checks that it belongs to the same sweep), removes orphan
// files, computes the points of opt.Shard not yet stored (and the failed
// ones with RetryFailed), storing each as it finishes, and returns the
// shard's table as stored, with pending rows for points not computed.
// Re-running it after an interruption (a kernel interrupt, a crash, a
// killed job) resumes where it stopped.
func Run(ctx context.Context, dir string, space *sweep.Space, f sweep.Func, opt *Options) (*sweep.Table, error) {
	if opt == nil {
		opt = &Options{}
	}
	if space == nil {
		return nil, errors.New("store: Run: the space is nil")
	}
	if err := space.Err(); err != nil {
		return nil, err
	}
	if err := opt.Shard.Check(); err != nil {
		return nil, err
	}
	st, err := Open(dir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if opt.Sync {
		if err := st.SetSync(true); err != nil {
			return nil, err
		}
	}
	if err := st.Bind(space, opt.Seed, opt.Version); err != nil {
		return nil, err
	}
	if _, err := st.Clean(); err != nil {
		return nil, err
	}
	have, err := st.Rows()
	if err != nil {
		return nil, err
	}
	status := map[int]sweep.Status{}
	for _, r := range have {
		status[r.Index] = r.Status
	}
	todo := []int{}
	for i := 0; i < space.Len(); i++ {
		if !opt.Shard.Has(i) {
			continue
		}
		switch status[i] {
		case sweep.Done:
		case sweep.Failed:
			if opt.RetryFailed {
				todo = append(todo, i)
			}
		default:
			todo = append(todo, i)
		}
	}
	so := opt.Options
	so.Indices = todo
	user := opt.OnResult
	so.OnResult = func(r sweep.Result) error {
		if err := st.Put(r); err != nil {
			return err
		}
		if user != nil {
			return user(r)
		}
		return nil
	}
	_, runErr := sweep.Run(ctx, space, f, &so)
	rows, err := st.Rows()
	if err != nil {
		return nil, errors.Join(runErr, err)
	}
	got := map[int]bool{}
	var shard []sweep.Result
	for _, r := range rows {
		if opt.Shard.Has(r.Index) {
			shard = append(shard, r)
			got[r.Index] = true
		}
	}
	for i := 0; i < space.Len(); i++ {
		if opt.Shard.Has(i) && !got[i] {
			shard = append(shard, sweep.Result{Index: i, Seed: sweep.PointSeed(opt.Seed, i), Values: space.Values(i), Status: sweep.Pending})
		}
	}
	return sweep.NewTable(space.Dims(), shard), runErr
}

// ShardDir is the conventional store directory of a shard under base:
// base itself for the whole sweep, else base/shard-KKKK-of-NNNN.
func ShardDir(base string, sh sweep.Shard) string {
	if sh.Whole() {
		return base
	}
	return filepath.Join(base, fmt.Sprintf("shard-%04d-of-%04d", sh.Index, sh.Count))
}
