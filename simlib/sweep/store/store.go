package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
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

// DBName is the SQLite file inside a store's directory; bulk data files
// are under its data/ folder.
const DBName = "sweep.db"

// schemaVersion is the version of the store's tables.
const schemaVersion = "1"

// ErrChanged is wrapped by the error returned when a sweep's definition
// differs from the one its store was made for.
var ErrChanged = errors.New("the sweep's definition differs from the store's")

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
}

// Store is a sweep's store: a directory holding an SQLite database (one
// row per point in table points, the sweep's definition in table meta)
// and a data/ folder of Parquet files (a point's bulk outputs). One
// process at a time opens a store (a lock file enforces it).
type Store struct {
	dir      string
	db       *sql.DB
	unlock   func()
	mu       sync.Mutex // serialises writes
	meta     *Meta
	metrics  map[string]bool // metric columns of table points
	sync     bool
	readOnly bool
}

// Open opens the store in dir, creating the directory and an empty store
// if needed. Close it when done.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	unlock, err := lock(dir)
	if err != nil {
		return nil, err
	}
	dsn := "file:" + filepath.Join(dir, DBName) + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		unlock()
		return nil, fmt.Errorf("store: opening %s: %w", dir, err)
	}
	db.SetMaxOpenConns(1)
	s := &Store{dir: dir, db: db, unlock: unlock, metrics: map[string]bool{}}
	if err := s.init(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// SetSync sets whether data files are synced to disk before their rows
// are committed, and commits are synced (see Options.Sync).
func (s *Store) SetSync(on bool) error {
	mode := "NORMAL"
	if on {
		mode = "FULL"
	}
	if _, err := s.db.Exec("PRAGMA synchronous = " + mode); err != nil {
		return fmt.Errorf("store: %s: %w", s.dir, err)
	}
	s.sync = on
	return nil
}

// OpenReadOnly opens the existing store in dir for reading only, without
// taking its lock: a sweep may be writing it at the same time (SQLite's
// WAL mode lets readers see every committed row). Bind, Put and Clean
// fail on it.
func OpenReadOnly(dir string) (*Store, error) {
	path := filepath.Join(dir, DBName)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store: %s is not a sweep store (no %s)", dir, DBName)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", dir, err)
	}
	db.SetMaxOpenConns(1)
	s := &Store{dir: dir, db: db, unlock: func() {}, metrics: map[string]bool{}, readOnly: true}
	m, err := s.readMeta()
	if err == nil && m == nil {
		err = fmt.Errorf("store: %s holds no sweep", dir)
	}
	if err == nil {
		s.meta = m
		err = s.loadColumns()
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// Close closes the store.
func (s *Store) Close() error {
	err := s.db.Close()
	s.unlock()
	return err
}

func (s *Store) init() error {
	_, err := s.db.Exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`)
	if err != nil {
		return fmt.Errorf("store: %s: %w", s.dir, err)
	}
	m, err := s.readMeta()
	if err != nil {
		return err
	}
	s.meta = m
	if m != nil {
		return s.loadColumns()
	}
	return nil
}

func (s *Store) readMeta() (*Meta, error) {
	rows, err := s.db.Query(`SELECT key, value FROM meta`)
	if err != nil {
		return nil, fmt.Errorf("store: %s: reading meta: %w", s.dir, err)
	}
	defer rows.Close()
	kv := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("store: %s: reading meta: %w", s.dir, err)
		}
		kv[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: reading meta: %w", s.dir, err)
	}
	if len(kv) == 0 {
		return nil, nil
	}
	if kv["schema"] != schemaVersion {
		return nil, fmt.Errorf("store: %s: schema version %q: this golgi reads version %s", s.dir, kv["schema"], schemaVersion)
	}
	m := &Meta{Hash: kv["hash"], Definition: kv["definition"], Version: kv["version"]}
	var err1, err2, err3 error
	m.Seed, err1 = strconv.ParseUint(kv["seed"], 10, 64)
	m.Points, err2 = strconv.Atoi(kv["points"])
	err3 = json.Unmarshal([]byte(kv["params"]), &m.Dims)
	if err := errors.Join(err1, err2, err3); err != nil {
		return nil, fmt.Errorf("store: %s: meta table is damaged: %w", s.dir, err)
	}
	return m, nil
}

func (s *Store) loadColumns() error {
	rows, err := s.db.Query(`SELECT name FROM pragma_table_info('points')`)
	if err != nil {
		return fmt.Errorf("store: %s: %w", s.dir, err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return err
		}
		if m, ok := strings.CutPrefix(n, "m_"); ok {
			s.metrics[m] = true
		}
	}
	return rows.Err()
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
		return fmt.Errorf("store: %s is open read-only", s.dir)
	}
	if s.meta != nil {
		if s.meta.Hash == m.Hash {
			return nil
		}
		return fmt.Errorf("store: %s: %w: %s; use a new store directory, or run the old definition (a resumed sweep must be the same sweep)", s.dir, ErrChanged, whatChanged(s.meta, m))
	}
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
	}
	for _, d := range m.Dims {
		typ := "REAL"
		if d.Labels != nil {
			typ = "TEXT"
		}
		cols = append(cols, quote("p_"+d.Name)+" "+typ)
	}
	tx, err := s.db.Begin()
	if err != nil {
		return fmt.Errorf("store: %s: %w", s.dir, err)
	}
	defer tx.Rollback()
	stmts := []string{`CREATE TABLE points (` + strings.Join(cols, ", ") + `)`}
	for _, st := range stmts {
		if _, err := tx.Exec(st); err != nil {
			return fmt.Errorf("store: %s: creating tables: %w", s.dir, err)
		}
	}
	for k, v := range map[string]string{
		"schema": schemaVersion, "hash": m.Hash, "definition": m.Definition, "seed": strconv.FormatUint(m.Seed, 10),
		"version": m.Version, "points": strconv.Itoa(m.Points), "params": string(params),
		"created": time.Now().UTC().Format(time.RFC3339),
	} {
		if _, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)`, k, v); err != nil {
			return fmt.Errorf("store: %s: %w", s.dir, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: %w", s.dir, err)
	}
	s.meta = m
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
// Call with s.mu held.
func (s *Store) ensureMetrics(ms sweep.Metrics) error {
	var add []string
	for m := range ms {
		if !s.metrics[m] {
			add = append(add, m)
		}
	}
	slices.Sort(add)
	for _, m := range add {
		if _, err := s.db.Exec(`ALTER TABLE points ADD COLUMN ` + quote("m_"+m) + ` REAL`); err != nil {
			return fmt.Errorf("store: %s: adding metric column %q: %w", s.dir, m, err)
		}
		s.metrics[m] = true
	}
	return nil
}

// Put stores a finished point: its bulk data as Parquet files first
// (each written to a temporary file, synced and renamed into place), then
// its row, in one transaction that replaces any earlier row of the point.
// A process killed at any moment leaves either no row (the point runs
// again; a file already renamed is an orphan that Clean removes) or a
// complete row whose files are complete. Pending and cancelled points are
// not stored. Put may be called concurrently.
func (s *Store) Put(r sweep.Result) error {
	if r.Status != sweep.Done && r.Status != sweep.Failed {
		return nil
	}
	if s.meta == nil {
		return fmt.Errorf("store: %s: Put before Bind", s.dir)
	}
	if s.readOnly {
		return fmt.Errorf("store: %s is open read-only", s.dir)
	}
	files := map[string]string{}
	for _, d := range r.Data {
		rel := dataFile(r.Index, d.Name)
		if err := writeData(filepath.Join(s.dir, rel), d, s.sync); err != nil {
			return err
		}
		files[d.Name] = rel
	}
	r.Files = files
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putRow(r)
}

// putRow writes r's row in a transaction. Call with s.mu held.
func (s *Store) putRow(r sweep.Result) error {
	if err := s.ensureMetrics(r.Metrics); err != nil {
		return err
	}
	metricNames := make([]string, 0, len(r.Metrics))
	for m := range r.Metrics {
		metricNames = append(metricNames, m)
	}
	slices.Sort(metricNames)
	mn, _ := json.Marshal(metricNames)
	if r.Files == nil {
		r.Files = map[string]string{}
	}
	fj, _ := json.Marshal(r.Files)
	cols := []string{"idx", "seed", "status", "error", "stack", "start_ns", "end_ns", "wall_s", "host", "metric_names", "files"}
	args := []any{r.Index, int64(r.Seed), string(r.Status), r.Err, r.Stack, unixNano(r.Start), unixNano(r.End), r.Wall.Seconds(), r.Host, string(mn), string(fj)}
	for k, d := range s.meta.Dims {
		cols = append(cols, quote("p_"+d.Name))
		if d.Labels != nil {
			args = append(args, r.Values[k].Label)
		} else {
			args = append(args, r.Values[k].Num)
		}
	}
	for _, m := range metricNames {
		cols = append(cols, quote("m_"+m))
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
		return fmt.Errorf("store: %s: %w", s.dir, err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(q, args...); err != nil {
		return fmt.Errorf("store: %s: writing point %d: %w", s.dir, r.Index, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: writing point %d: %w", s.dir, r.Index, err)
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
		return nil, fmt.Errorf("store: %s: %w", s.dir, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	pcol := map[string]int{}
	for k, d := range s.meta.Dims {
		pcol["p_"+d.Name] = k
	}
	var out []sweep.Result
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for k := range vals {
		ptrs[k] = &vals[k]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("store: %s: %w", s.dir, err)
		}
		r := sweep.Result{Values: make([]sweep.Value, len(s.meta.Dims)), Metrics: sweep.Metrics{}}
		var metricNames []string
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
					return nil, fmt.Errorf("store: %s: point row damaged: %w", s.dir, err)
				}
			case "files":
				if err := json.Unmarshal([]byte(asString(v)), &r.Files); err != nil {
					return nil, fmt.Errorf("store: %s: point row damaged: %w", s.dir, err)
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
				} else if m, ok := strings.CutPrefix(c, "m_"); ok {
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
		out = append(out, r)
	}
	return out, rows.Err()
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

// Clean removes files of data/ that no row references: temporary files
// and files of points whose row was never written (a process killed
// between the two). A row whose file is missing or not a whole Parquet
// file is removed first, so that its point is computed again. It returns
// how many files it removed. Only call it when no
// other process writes the store (the store's lock ensures that).
func (s *Store) Clean() (int, error) {
	if s.readOnly {
		return 0, fmt.Errorf("store: %s is open read-only", s.dir)
	}
	rows, err := s.Rows()
	if err != nil {
		return 0, err
	}
	ref := map[string]bool{}
	for _, r := range rows {
		whole := true
		for _, f := range r.Files {
			whole = whole && isParquet(filepath.Join(s.dir, f))
		}
		if !whole {
			// A file that did not reach the disk whole (a power cut
			// without Sync): forget the point, it runs again.
			s.mu.Lock()
			_, err := s.db.Exec(`DELETE FROM points WHERE idx = ?`, r.Index)
			s.mu.Unlock()
			if err != nil {
				return 0, fmt.Errorf("store: %s: %w", s.dir, err)
			}
			continue
		}
		for _, f := range r.Files {
			ref[filepath.Clean(f)] = true
		}
	}
	ents, err := os.ReadDir(filepath.Join(s.dir, "data"))
	if err != nil {
		return 0, fmt.Errorf("store: %w", err)
	}
	n := 0
	for _, e := range ents {
		rel := filepath.Join("data", e.Name())
		if e.IsDir() || ref[rel] {
			continue
		}
		if err := os.Remove(filepath.Join(s.dir, rel)); err != nil {
			return n, fmt.Errorf("store: removing orphan %s: %w", rel, err)
		}
		n++
	}
	return n, nil
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
