package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// leaf is one column of a Parquet file being written: its node, and how to
// make row k's value (ok false: null).
type leaf struct {
	name  string
	node  parquet.Node
	value func(k int) (parquet.Value, bool)
}

var codec = &zstd.Codec{Level: zstd.SpeedFastest}

func double(name string, get func(k int) (float64, bool), optional bool) leaf {
	n := parquet.Compressed(parquet.Leaf(parquet.DoubleType), codec)
	if optional {
		n = parquet.Optional(n)
	}
	return leaf{name, n, func(k int) (parquet.Value, bool) {
		v, ok := get(k)
		return parquet.DoubleValue(v), ok
	}}
}

func int64s(name string, get func(k int) int64) leaf {
	return leaf{name, parquet.Compressed(parquet.Int(64), codec), func(k int) (parquet.Value, bool) {
		return parquet.Int64Value(get(k)), true
	}}
}

func uint64s(name string, get func(k int) uint64) leaf {
	return leaf{name, parquet.Compressed(parquet.Uint(64), codec), func(k int) (parquet.Value, bool) {
		return parquet.Int64Value(int64(get(k))), true
	}}
}

func texts(name string, get func(k int) string) leaf {
	return leaf{name, parquet.Compressed(parquet.String(), codec), func(k int) (parquet.Value, bool) {
		return parquet.ByteArrayValue([]byte(get(k))), true
	}}
}

// writeParquet writes rows of the leaves to w. Leaves are stored in the
// order Parquet's schema sorts them (by name); readers find them by name.
func writeParquet(w io.Writer, name string, rows int, leaves []leaf) error {
	g := parquet.Group{}
	for _, l := range leaves {
		if _, dup := g[l.name]; dup {
			return fmt.Errorf("store: Parquet column %q twice", l.name)
		}
		g[l.name] = l.node
	}
	schema := parquet.NewSchema(name, g)
	// Column index of each leaf: the schema's order (sorted names).
	order := slices.Clone(leaves)
	slices.SortFunc(order, func(a, b leaf) int {
		if a.name < b.name {
			return -1
		}
		if a.name > b.name {
			return 1
		}
		return 0
	})
	pw := parquet.NewWriter(w, schema)
	const batch = 1024
	buf := make([]parquet.Row, 0, batch)
	spare := make([]parquet.Row, batch)
	for k := range spare {
		spare[k] = make(parquet.Row, len(order))
	}
	for k := 0; k < rows; k++ {
		row := spare[len(buf)]
		for j, l := range order {
			v, ok := l.value(k)
			def := 0
			if l.node.Optional() {
				def = 1
			}
			if !ok {
				row[j] = parquet.NullValue().Level(0, 0, j)
				continue
			}
			row[j] = v.Level(0, def, j)
		}
		buf = append(buf, row)
		if len(buf) == batch || k == rows-1 {
			if _, err := pw.WriteRows(buf); err != nil {
				return fmt.Errorf("store: writing Parquet: %w", err)
			}
			buf = buf[:0]
		}
	}
	if err := pw.Close(); err != nil {
		return fmt.Errorf("store: writing Parquet: %w", err)
	}
	return nil
}

// writeFileAtomic writes a file with write, through a temporary file in
// the same directory that is synced (unless sync is false) and renamed
// into place: the file at path is either absent, or old, or complete.
// It replaces the file at path: it is for files the user names.
func writeFileAtomic(path string, sync bool, write func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return finishFile(f, path, sync, false, write)
}

// writeNewFile writes a new file at final through the temporary file tmp,
// which it creates (failing if it exists), syncs (unless sync is false)
// and renames to final, which must not exist: it never writes over a
// file.
func writeNewFile(tmp, final string, sync bool, write func(w io.Writer) error) error {
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return finishFile(f, final, sync, true, write)
}

func finishFile(f *os.File, path string, sync, noReplace bool, write func(w io.Writer) error) error {
	tmp := f.Name()
	err := write(f)
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && noReplace {
		if _, serr := os.Lstat(path); serr == nil {
			err = fmt.Errorf("%s exists: golgi does not write over it", path)
		}
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp) // made by this call (CreateTemp or O_EXCL)
		return fmt.Errorf("store: writing %s: %w", path, err)
	}
	return nil
}

// WriteData writes d as a Parquet file at path (atomically, synced to
// disk, replacing a file at path), one column per Column: DOUBLE for
// Float, INT64 for Int.
func WriteData(path string, d sweep.Data) error {
	if err := d.Check(); err != nil {
		return err
	}
	return writeFileAtomic(path, true, dataWriter(d))
}

// writeData writes d as a new file final through the new file tmp.
func writeData(tmp, final string, d sweep.Data, sync bool) error {
	if err := d.Check(); err != nil {
		return err
	}
	return writeNewFile(tmp, final, sync, dataWriter(d))
}

func dataWriter(d sweep.Data) func(w io.Writer) error {
	var leaves []leaf
	for _, c := range d.Columns {
		if c.Int != nil {
			leaves = append(leaves, int64s(c.Name, func(k int) int64 { return c.Int[k] }))
		} else {
			leaves = append(leaves, double(c.Name, func(k int) (float64, bool) { return c.Float[k], true }, false))
		}
	}
	return func(w io.Writer) error { return writeParquet(w, d.Name, d.Rows(), leaves) }
}

// ReadData reads a Parquet file written by WriteData (a point's bulk
// output) back; columns come in the file's order (sorted by name).
func ReadData(path string) (sweep.Data, error) {
	f, err := os.Open(path)
	if err != nil {
		return sweep.Data{}, fmt.Errorf("store: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return sweep.Data{}, fmt.Errorf("store: %w", err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return sweep.Data{}, fmt.Errorf("store: reading %s: %w", path, err)
	}
	schema := pf.Schema()
	d := sweep.Data{Name: schema.Name()}
	fields := schema.Fields()
	for _, fl := range fields {
		c := sweep.Column{Name: fl.Name()}
		switch fl.Type().Kind() {
		case parquet.Int64:
			c.Int = []int64{}
		case parquet.Double:
			c.Float = []float64{}
		default:
			return sweep.Data{}, fmt.Errorf("store: %s: column %q has type %v: want DOUBLE or INT64", path, fl.Name(), fl.Type())
		}
		d.Columns = append(d.Columns, c)
	}
	r := parquet.NewReader(pf)
	defer r.Close()
	buf := make([]parquet.Row, 256)
	for {
		n, err := r.ReadRows(buf)
		for _, row := range buf[:n] {
			for _, v := range row {
				c := &d.Columns[v.Column()]
				if c.Int != nil {
					c.Int = append(c.Int, v.Int64())
				} else {
					c.Float = append(c.Float, v.Double())
				}
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return sweep.Data{}, fmt.Errorf("store: reading %s: %w", path, err)
		}
	}
	return d, nil
}

// WriteTableParquet writes a results table as a Parquet file (atomically,
// replacing a file at path): columns index, seed, one per parameter
// (DOUBLE, or STRING for labels; named as Table.ParamColumns), status, one
// optional DOUBLE per metric (null when a row has none; named as
// Table.MetricColumns), error, start_ns and end_ns (Unix ns, 0 when not
// run), wall_s, host.
func WriteTableParquet(path string, t *sweep.Table) error {
	rows := t.Rows
	leaves := []leaf{
		int64s("index", func(k int) int64 { return int64(rows[k].Index) }),
		uint64s("seed", func(k int) uint64 { return rows[k].Seed }),
		texts("status", func(k int) string { return string(rows[k].Status) }),
		texts("error", func(k int) string { return rows[k].Err }),
		int64s("start_ns", func(k int) int64 { return unixNano(rows[k].Start) }),
		int64s("end_ns", func(k int) int64 { return unixNano(rows[k].End) }),
		double("wall_s", func(k int) (float64, bool) { return rows[k].Wall.Seconds(), true }, false),
		texts("host", func(k int) string { return rows[k].Host }),
	}
	pcols := t.ParamColumns()
	for j, d := range t.Dims {
		if d.Labels != nil {
			leaves = append(leaves, texts(pcols[j], func(k int) string { return rows[k].Values[j].Label }))
		} else {
			leaves = append(leaves, double(pcols[j], func(k int) (float64, bool) { return rows[k].Values[j].Num, true }, false))
		}
	}
	for k, name := range t.MetricColumns() {
		m := t.Metrics[k]
		leaves = append(leaves, double(name, func(k int) (float64, bool) {
			v, ok := rows[k].Metrics[m]
			return v, ok
		}, true))
	}
	return writeFileAtomic(path, true, func(w io.Writer) error { return writeParquet(w, "sweep", len(rows), leaves) })
}

func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}
