package network

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// Version is simlib's version, part of every run-cache key.
const Version = "0.1.0-dev"

// CacheDirEnv names the environment variable that sets the default run
// cache directory.
const CacheDirEnv = "GOLGI_CACHE_DIR"

// Cacheable is implemented by recorders whose data the run cache can store
// and restore (all of package record's).
type Cacheable interface {
	// CacheKey describes the recorder's configuration (not its data).
	CacheKey() string
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

// DefaultCacheDir is $GOLGI_CACHE_DIR, or golgi/runs in the user's cache
// directory.
func DefaultCacheDir() string {
	if d := os.Getenv(CacheDirEnv); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		d = os.TempDir()
	}
	return filepath.Join(d, "golgi", "runs")
}

// EnableCache turns on the opt-in run cache in dir ("" for
// DefaultCacheDir). A run whose key is in the cache is not simulated: the
// recorders get the stored data, the summary is marked Cached, and the
// network's state is not restored, so it cannot be run further except from
// the cache. The key hashes the network's whole definition (populations,
// models, receptors, initial conditions, stimuli, projections, recorders'
// configuration), the seed and dt, the interval run, and golgi's version
// and source: any change of parameters, seed or golgi invalidates it.
// Networks with function-valued parameters (PoissonSource.RateFunc) or
// recorders that are not Cacheable are simulated normally; CacheStatus
// says why.
func (n *Network) EnableCache(dir string) {
	if dir == "" {
		dir = DefaultCacheDir()
	}
	n.cacheDir = dir
}

// CacheStatus tells whether the last run came from the cache, and why a
// run could not be cached, if it could not.
func (n *Network) CacheStatus() (hit bool, reason string) { return n.cacheHit, n.cacheWhy }

// cacheFormat is the version of the entries' layout (and of the
// recorders' encodings): part of the key, so older entries are not read.
const cacheFormat = 3

type cacheEntry struct {
	Steps, Spikes int64
	Hash          []byte // marshalled fingerprint hash state
	Workers       int
	Wall          float64
	Recorders     [][]byte
	Plastic       [][]float64 // every plastic projection's weights at the end of the run
}

// cacheKey returns the key of a run of steps updates from the current
// state, or a reason why there is none.
func (n *Network) cacheKey(steps int64) (string, string) {
	h := sha256.New()
	w := &keyWriter{w: h}
	fmt.Fprintf(h, "golgi %s %s format %d\n", Version, sourceHash(), cacheFormat)
	fmt.Fprintf(h, "dt %x seed %d from %d steps %d\n", math.Float64bits(n.DT()), n.opt.Seed, n.steps, steps)
	for _, p := range n.pops {
		fmt.Fprintf(h, "population %q %d\n", p.name, p.size)
		w.value("model", reflect.ValueOf(p.model), 0)
		fmt.Fprintf(h, "method %d\n", p.method)
		for _, r := range p.receptors {
			fmt.Fprintf(h, "receptor %q\n", r.name)
			w.value("", reflect.ValueOf(r.r), 0)
		}
		for _, in := range p.inits {
			w.value("init", reflect.ValueOf(in), 0)
		}
		for _, s := range p.stims {
			w.value("stim", reflect.ValueOf(s.s), 0)
			w.value("targets", reflect.ValueOf(s.neurons), 0)
		}
	}
	for _, pr := range n.projs {
		fmt.Fprintf(h, "projection %q %q\n", pr.pre.key(), pr.post.key())
		w.value("rule", reflect.ValueOf(pr.rule), 0)
		w.value("synapse", reflect.ValueOf(pr.syn), 0)
	}
	for k, r := range n.recs {
		c, ok := r.(Cacheable)
		if !ok {
			return "", fmt.Sprintf("recorder %d (%T) cannot be cached", k, r)
		}
		fmt.Fprintf(h, "recorder %T %q\n", r, c.CacheKey())
	}
	if w.err != "" {
		return "", w.err
	}
	return hex.EncodeToString(h.Sum(nil)), ""
}

// keyWriter writes a canonical description of a value: types, fields and
// exact float bits; functions make a value uncacheable.
type keyWriter struct {
	w   io.Writer
	err string
}

func (k *keyWriter) value(name string, v reflect.Value, depth int) {
	if k.err != "" {
		return
	}
	if depth > 32 {
		k.err = fmt.Sprintf("%s: nested too deeply to describe", name)
		return
	}
	if !v.IsValid() {
		fmt.Fprint(k.w, "nil;")
		return
	}
	switch v.Kind() {
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		if !v.IsNil() {
			k.err = fmt.Sprintf("%s has a %s value (e.g. PoissonSource.RateFunc); use arrays to make the run cacheable", name, v.Kind())
		}
		fmt.Fprint(k.w, "nil;")
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			fmt.Fprint(k.w, "nil;")
			return
		}
		fmt.Fprintf(k.w, "%s:", v.Type())
		k.value(name, v.Elem(), depth+1)
	case reflect.Struct:
		fmt.Fprintf(k.w, "%s{", v.Type())
		for i := 0; i < v.NumField(); i++ {
			fmt.Fprintf(k.w, "%s=", v.Type().Field(i).Name)
			k.value(name+"."+v.Type().Field(i).Name, v.Field(i), depth+1)
		}
		fmt.Fprint(k.w, "}")
	case reflect.Slice, reflect.Array:
		fmt.Fprintf(k.w, "[%d:", v.Len())
		for i := 0; i < v.Len(); i++ {
			k.value(name, v.Index(i), depth+1)
		}
		fmt.Fprint(k.w, "]")
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(a, b int) bool { return fmt.Sprint(keys[a]) < fmt.Sprint(keys[b]) })
		fmt.Fprintf(k.w, "map%d{", len(keys))
		for _, key := range keys {
			k.value(name, key, depth+1)
			k.value(name, v.MapIndex(key), depth+1)
		}
		fmt.Fprint(k.w, "}")
	case reflect.Float32, reflect.Float64:
		fmt.Fprintf(k.w, "%x;", math.Float64bits(v.Float()))
	case reflect.Bool:
		fmt.Fprintf(k.w, "%v;", v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		fmt.Fprintf(k.w, "%d;", v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		fmt.Fprintf(k.w, "%d;", v.Uint())
	case reflect.String:
		fmt.Fprintf(k.w, "%q;", v.String())
	default:
		fmt.Fprintf(k.w, "%s?;", v.Kind())
	}
}

var (
	srcOnce sync.Once
	srcHash string
)

// sourceHash hashes golgi's simlib sources when they are on disk (as under
// a notebook's go.work), so that editing golgi invalidates cached runs;
// otherwise it is empty and Version alone stands for the code.
func sourceHash() string {
	srcOnce.Do(func() {
		_, file, _, ok := runtime.Caller(0)
		if !ok {
			return
		}
		root := filepath.Dir(filepath.Dir(file)) // simlib/
		if _, err := os.Stat(root); err != nil {
			return
		}
		h := sha256.New()
		filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err == nil {
				rel, _ := filepath.Rel(root, path)
				fmt.Fprintf(h, "%s %d\n", rel, len(b))
				h.Write(b)
			}
			return nil
		})
		srcHash = hex.EncodeToString(h.Sum(nil)[:8])
	})
	return srcHash
}

// fromCache tries to load a run of steps updates; it reports a hit.
func (n *Network) fromCache(steps int64) (bool, error) {
	n.cacheHit, n.cacheWhy = false, ""
	key, why := n.cacheKey(steps)
	if key == "" {
		n.cacheWhy = why
		return false, nil
	}
	n.cacheFile = filepath.Join(n.cacheDir, key+".gob")
	b, err := os.ReadFile(n.cacheFile)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("network: run cache: %w", err)
	}
	var ce cacheEntry
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&ce); err != nil || len(ce.Recorders) != len(n.recs) {
		n.cacheWhy = fmt.Sprintf("cache file %s is unreadable (%v): simulated instead", n.cacheFile, err)
		return false, nil
	}
	fp := sha256.New()
	if err := fp.(encoding.BinaryUnmarshaler).UnmarshalBinary(ce.Hash); err != nil {
		n.cacheWhy = fmt.Sprintf("cache file %s: %v: simulated instead", n.cacheFile, err)
		return false, nil
	}
	// Restore every recorder, or none: on a failure the ones already
	// restored get their own data back and the run is simulated.
	backup := make([][]byte, len(n.recs))
	for k, r := range n.recs {
		if backup[k], err = r.(Cacheable).MarshalBinary(); err != nil {
			return false, fmt.Errorf("network: run cache: recorder %d: %w", k, err)
		}
	}
	for k, r := range n.recs {
		if err := r.(Cacheable).UnmarshalBinary(ce.Recorders[k]); err != nil {
			for j := 0; j < k; j++ {
				if rerr := n.recs[j].(Cacheable).UnmarshalBinary(backup[j]); rerr != nil {
					return false, fmt.Errorf("network: run cache %s: recorder %d: %v; restoring recorder %d: %w", n.cacheFile, k, err, j, rerr)
				}
			}
			n.cacheWhy = fmt.Sprintf("cache file %s: recorder %d: %v: simulated instead", n.cacheFile, k, err)
			return false, nil
		}
	}
	if !n.restorePlastic(ce.Plastic) {
		for j, r := range n.recs {
			if rerr := r.(Cacheable).UnmarshalBinary(backup[j]); rerr != nil {
				return false, fmt.Errorf("network: run cache %s: plastic weights do not fit; restoring recorder %d: %w", n.cacheFile, j, rerr)
			}
		}
		n.cacheWhy = fmt.Sprintf("cache file %s: the plastic weights do not fit the projections: simulated instead", n.cacheFile)
		return false, nil
	}
	n.fp, n.spikes, n.steps, n.workers = fp, ce.Spikes, ce.Steps, ce.Workers
	n.cacheHit, n.stateless = true, true
	n.cachedWall = ce.Wall
	return true, nil
}

// toCache stores the run just made under the key computed before it.
func (n *Network) toCache(wall time.Duration) error {
	if n.cacheFile == "" {
		return nil
	}
	ce := cacheEntry{Steps: n.steps, Spikes: n.spikes, Workers: n.workers, Wall: wall.Seconds(), Plastic: n.plasticWeights()}
	var err error
	if ce.Hash, err = n.fp.(encoding.BinaryMarshaler).MarshalBinary(); err != nil {
		return fmt.Errorf("network: run cache: %w", err)
	}
	for k, r := range n.recs {
		b, err := r.(Cacheable).MarshalBinary()
		if err != nil {
			return fmt.Errorf("network: run cache: recorder %d: %w", k, err)
		}
		ce.Recorders = append(ce.Recorders, b)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(ce); err != nil {
		return fmt.Errorf("network: run cache: %w", err)
	}
	if err := os.MkdirAll(n.cacheDir, 0o755); err != nil {
		return fmt.Errorf("network: run cache: %w", err)
	}
	tmp := n.cacheFile + ".part"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("network: run cache: %w", err)
	}
	return os.Rename(tmp, n.cacheFile)
}
