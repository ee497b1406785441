package store

import (
	"context"
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

	"github.com/golgi-sim/golgi/simlib/runlog"
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
	madeDir  bool // Open made the directory
	madeLock bool // Open made the lock file
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

// Close closes the store. A store that was never made (Open, then no
// Bind, or a Bind refused) leaves nothing behind: the lock file and the
// directory Open made are removed.
func (s *Store) Close() error {
	var err error
	if s.db != nil {
		err = s.db.Close()
	} else if !s.readOnly {
		if s.madeLock {
			os.Remove(filepath.Join(s.dir, LockName))
		}
		if s.madeDir {
			os.Remove(s.dir) // only if empty
		}
	}
	s.unlock()
	return err
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
		// An empty store of schema 1 (opened by an older golgi, never
		// bound): it holds no rows, so it gets schema 2's data folder.
		if err := s.makeDataDir(m); err != nil {
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
	if err := s.makeDataDir(m); err != nil {
		return err
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

// makeDataDir makes a new store's data folder; an existing one is taken
// only when empty (a store never writes into a folder of someone else's).
func (s *Store) makeDataDir(m *Meta) error {
	data := filepath.Join(s.dir, m.DataDir)
	if err := os.Mkdir(data, 0o755); err != nil {
		if !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("store: %w", err)
		}
		ents, err := os.ReadDir(data)
		if err != nil {
			return fmt.Errorf("store: %s exists and cannot be read as a folder: %w: move it away or give the sweep another directory", data, err)
		}
		if len(ents) > 0 {
			return fmt.Errorf("store: %s: folder %s already exists and holds %d files (e.g. %s), but %s holds no sweep store: golgi writes only into a data folder it made; move the folder away or give the sweep another directory", s.dir, data, len(ents), ents[0].Name(), s.dir)
		}
	}
	return nil
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
		"checksum TEXT NOT NULL DEFAULT ''",
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
	sum := rowSum(r, s.meta.Dims, unixNano(r.Start), unixNano(r.End), r.Wall.Seconds())
	cols := []string{"idx", "seed", "status", "error", "stack", "start_ns", "end_ns", "wall_s", "host", "metric_names", "files", "negative_zero", "checksum"}
	args := []any{r.Index, int64(r.Seed), string(r.Status), r.Err, r.Stack, unixNano(r.Start), unixNano(r.End), r.Wall.Seconds(), r.Host, string(mn), string(fj), string(nz), sum}
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
		var startNs, endNs int64
		var wallS float64
		sum := ""
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
				if startNs = asInt(v); startNs != 0 {
					r.Start = time.Unix(0, startNs)
				}
			case "end_ns":
				if endNs = asInt(v); endNs != 0 {
					r.End = time.Unix(0, endNs)
				}
			case "wall_s":
				wallS = asFloat(v)
				r.Wall = time.Duration(math.Round(wallS * 1e9))
			case "checksum":
				sum = asString(v)
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
						r.Values[j] = sweep.Value{Name: d.Name, Num: float64(slices.Index(d.Labels, l)), Label: l}
					} else {
						r.Values[j] = sweep.Value{Name: d.Name, Num: asFloat(v)}
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
		if sum != "" && sum != rowSum(r, s.meta.Dims, startNs, endNs, wallS) {
			return sweep.Result{}, s.damaged(fmt.Sprintf("the row of point %d does not match its checksum (bytes of it were overwritten)", r.Index), nil)
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

// Options configure Run.
type Options struct {
	// Options are sweep.Run's; Run computes the points of Indices (all
	// of the shard when nil) not yet stored, and calls OnResult (when
	// set) after storing each point. Its table comes from the store:
	// rows name their data files (Files); KeepData has no effect.
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
	var want map[int]bool // Options.Indices, when given: compute only these
	if opt.Indices != nil {
		want = map[int]bool{}
		for _, i := range opt.Indices {
			if i < 0 || i >= space.Len() {
				return nil, fmt.Errorf("store: Run: Options.Indices: index %d: out of range, must be in [0, %d)", i, space.Len())
			}
			want[i] = true
		}
	}
	todo := []int{}
	for i := 0; i < space.Len(); i++ {
		if !opt.Shard.Has(i) || (want != nil && !want[i]) {
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
	number := runlog.NextSweep()
	_, runErr := sweep.Run(runlog.WithSweep(ctx, number), space, f, &so)
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
	tab := sweep.NewTable(space.Dims(), shard)
	if err := report(number, opt.Seed, tab, len(todo), runErr); err != nil && runErr == nil {
		runErr = err
	}
	return tab, runErr
}

// report tells the golgi kernel (package runlog) about the table Run
// returns, points loaded from the store included, after the sweep's own
// record of the points it computed: golgi verify compares this table when
// one of two executions loaded points (see runlog.Run.Stored).
func report(number int, seed uint64, tab *sweep.Table, computed int, err error) error {
	var names []string
	for _, d := range tab.Dims {
		names = append(names, d.Name)
	}
	r := runlog.Run{Kind: "store", Label: strings.Join(names, "×"), Sweep: number, Seed: seed, Points: len(tab.Rows),
		Stored: len(tab.Rows) - computed, Fingerprint: tab.Fingerprint(), Status: "ok", Populations: []runlog.Population{}}
	for _, row := range tab.Rows {
		if row.Status == sweep.Done || row.Status == sweep.Failed {
			r.Done++
		}
		if row.Status == sweep.Failed {
			r.Failed++
		}
	}
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		r.Status, r.Error = "cancelled", err.Error()
	default:
		r.Status, r.Error = "error", err.Error()
	}
	return runlog.Report(r)
}

// ShardDir is the conventional store directory of a shard under base:
// base itself for the whole sweep, else base/shard-KKKK-of-NNNN.
func ShardDir(base string, sh sweep.Shard) string {
	if sh.Whole() {
		return base
	}
	return filepath.Join(base, fmt.Sprintf("shard-%04d-of-%04d", sh.Index, sh.Count))
}
