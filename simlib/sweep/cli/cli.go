package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/golgi-sim/golgi/simlib/sweep"
	"github.com/golgi-sim/golgi/simlib/sweep/store"
)

const usage = `usage: golgi sweep COMMAND [flags] [args]

Commands:
  slurm   write a SLURM job-array script that runs a sweep program's shards
  merge   join shard stores into one store
  status  show a store's sweep and how far it is
  export  write a store's results table as CSV or Parquet
  diff    compare the results of two stores bit for bit
  recover copy the rows a damaged store still holds into a new store

Run 'golgi sweep COMMAND -h' for a command's flags. docs/sweeps.md has the
cluster workflow.
`

// Main runs "golgi sweep" with args (the words after "sweep") and returns
// the exit code: 0 success, 1 failure (or stores that differ, for diff),
// 2 bad usage.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmds := map[string]func([]string, io.Writer, io.Writer) int{
		"slurm": slurm, "merge": merge, "status": status, "export": export, "diff": diff, "recover": recoverCmd,
	}
	run, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "golgi sweep: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	return run(args[1:], stdout, stderr)
}

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("golgi sweep "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: golgi sweep %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, returning -1 to go on or the exit code.
func parse(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	return -1
}

func fail(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "golgi sweep:", err)
	return 1
}

var slurmScript = template.Must(template.New("sbatch").Parse(`#!/bin/bash
# SLURM job array for a golgi sweep: task k runs shard k of {{.Shards}},
# storing it in {{.Store}}/shard-KKKK-of-{{printf "%04d" .Shards}}.
# Written by golgi sweep slurm. Submit with:
#   sbatch {{.Script}}
# When every task has finished, join the shards:
#   golgi sweep merge {{.QStore}}
# A task that failed or was cut by the time limit can be submitted again
# (sbatch --array=K {{.Script}}): task K computes shard K (the task ID is
# the shard index) and resumes it where it stopped.
#SBATCH --job-name={{.Name}}
#SBATCH --array=0-{{.Last}}{{if .Parallel}}%{{.Parallel}}{{end}}
#SBATCH --ntasks=1
#SBATCH --cpus-per-task={{.CPUs}}
{{- if .Mem}}
#SBATCH --mem={{.Mem}}{{end}}
{{- if .Time}}
#SBATCH --time={{.Time}}{{end}}
{{- if .Partition}}
#SBATCH --partition={{.Partition}}{{end}}
{{- if .Account}}
#SBATCH --account={{.Account}}{{end}}
#SBATCH --output={{.LogPattern}}/%x-%A_%a.out
{{- range .Extra}}
#SBATCH {{.}}{{end}}
set -euo pipefail
mkdir -p {{.QStore}}
# The program reads its shard index from $SLURM_ARRAY_TASK_ID.
exec {{.Command}}
`))

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && regexp.MustCompile(`^[A-Za-z0-9_./:=@%+,-]+$`).MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// scriptMarker is in every script golgi sweep slurm writes: -o replaces
// a file only when it holds it (or with -force).
const scriptMarker = "# Written by golgi sweep slurm."

var (
	memRe   = regexp.MustCompile(`^[0-9]+[KMGT]?$`)
	timeRe  = regexp.MustCompile(`^([0-9]+-)?[0-9]+(:[0-9]+){0,2}$`)
	identRe = regexp.MustCompile(`^[A-Za-z0-9_.,+-]+$`)
	nameRe  = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)
)

// plainPath reports why a path cannot go in a job script, or "".
func plainPath(p string) string {
	for _, c := range p {
		if c < 0x20 || c == 0x7f {
			return "must not hold control characters (a newline would end the script's line)"
		}
	}
	if strings.ContainsRune(p, '\\') {
		return "must not hold a backslash (sbatch then ignores the log file's %x, %A, %a patterns)"
	}
	return ""
}

// maxNodeCPUs returns the largest number of CPUs of a node of the
// cluster (of partition, when given) as sinfo reports it.
func maxNodeCPUs(partition string) (int, error) {
	sinfo, err := exec.LookPath("sinfo")
	if err != nil {
		return 0, err
	}
	args := []string{"-h", "-N", "-o", "%c"}
	if partition != "" {
		args = append(args, "-p", partition)
	}
	out, err := exec.Command(sinfo, args...).Output()
	if err != nil {
		return 0, fmt.Errorf("sinfo: %v", err)
	}
	n := 0
	for _, f := range strings.Fields(string(out)) {
		v, err := strconv.Atoi(strings.TrimRight(f, "+"))
		if err == nil && v > n {
			n = v
		}
	}
	if n == 0 {
		return 0, fmt.Errorf("sinfo lists no nodes")
	}
	return n, nil
}

// maxArraySize returns the cluster's MaxArraySize (array indices are
// below it) as scontrol reports it.
func maxArraySize() (int, error) {
	sc, err := exec.LookPath("scontrol")
	if err != nil {
		return 0, err
	}
	out, err := exec.Command(sc, "show", "config").Output()
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == "MaxArraySize" {
			return strconv.Atoi(strings.TrimSpace(v))
		}
	}
	return 0, errors.New("scontrol show config has no MaxArraySize")
}

func slurm(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("slurm", "-program PATH -store DIR -shards N [flags] [-- program args]", stderr)
	program := fs.String("program", "", "the sweep program (a Go binary using store.Flags); made absolute")
	dir := fs.String("store", "", "the sweep's store directory (on a file system every node sees; its logs/ folder is made now); made absolute")
	shards := fs.Int("shards", 0, "number of shards = array tasks")
	out := fs.String("o", "", "write the script to this `file` (default: standard output); an existing file is replaced only if golgi wrote it")
	force := fs.Bool("force", false, "with -o, replace the file even if golgi did not write it")
	name := fs.String("name", "golgi-sweep", "job name")
	cpus := fs.Int("cpus", 1, "CPUs per task (the program computes that many points at once); at most a node's CPUs (checked with sinfo when it is on PATH)")
	mem := fs.String("mem", "", "memory per task (sbatch --mem, e.g. 4G)")
	tlimit := fs.String("time", "", "time limit per task (sbatch --time, e.g. 02:00:00)")
	partition := fs.String("partition", "", "partition (sbatch --partition)")
	account := fs.String("account", "", "account (sbatch --account)")
	parallel := fs.Int("parallel", 0, "at most this many tasks at once (0: no limit)")
	var extra multi
	fs.Var(&extra, "sbatch", "an extra #SBATCH line, e.g. -sbatch --qos=short (repeatable)")
	if c := parse(fs, args); c >= 0 {
		return c
	}
	var bad []string
	if *program == "" {
		bad = append(bad, "-program is required (the path of the sweep program)")
	}
	if *dir == "" {
		bad = append(bad, "-store is required (the store directory)")
	}
	if *shards < 1 {
		bad = append(bad, fmt.Sprintf("-shards = %d: must be >= 1", *shards))
	}
	if *cpus < 1 || *cpus > 4096 {
		bad = append(bad, fmt.Sprintf("-cpus = %d: must be in [1, 4096] (and at most a node's CPUs)", *cpus))
	}
	if *parallel < 0 {
		bad = append(bad, fmt.Sprintf("-parallel = %d: must be >= 0", *parallel))
	}
	if !nameRe.MatchString(*name) {
		bad = append(bad, fmt.Sprintf("-name = %q: use letters, digits, '_', '.', '-'", *name))
	}
	if *mem != "" && !memRe.MatchString(*mem) {
		bad = append(bad, fmt.Sprintf("-mem = %q: must be a number with an optional unit K, M, G or T (e.g. 4G)", *mem))
	}
	if *tlimit != "" && !timeRe.MatchString(*tlimit) {
		bad = append(bad, fmt.Sprintf("-time = %q: must be minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS", *tlimit))
	}
	for _, f := range []struct{ flag, v string }{{"-partition", *partition}, {"-account", *account}} {
		if f.v != "" && !identRe.MatchString(f.v) {
			bad = append(bad, fmt.Sprintf("%s = %q: use letters, digits, '_', '.', ',', '+', '-'", f.flag, f.v))
		}
	}
	for _, e := range extra {
		if !strings.HasPrefix(e, "-") || plainPath(e) != "" {
			bad = append(bad, fmt.Sprintf("-sbatch %q: must be an sbatch option starting with '-', without control characters", e))
		}
	}
	for _, f := range []struct{ flag, v string }{{"-store", *dir}, {"-o", *out}, {"-program", *program}} {
		if why := plainPath(f.v); why != "" {
			bad = append(bad, fmt.Sprintf("%s = %q: %s", f.flag, f.v, why))
		}
	}
	if len(bad) > 0 {
		fmt.Fprintln(stderr, "golgi sweep slurm: "+strings.Join(bad, "; "))
		return 2
	}
	if strings.ContainsRune(*dir, '"') {
		fmt.Fprintf(stderr, "golgi sweep slurm: -store = %q: must not hold a double quote (it goes in an #SBATCH line)\n", *dir)
		return 2
	}
	if n, err := maxArraySize(); err == nil && *shards > n {
		fmt.Fprintf(stderr, "golgi sweep slurm: -shards = %d: the cluster's MaxArraySize is %d (scontrol show config), so the array 0-%d would be refused: give -shards %d or less\n", *shards, n, *shards-1, n)
		return 2
	}
	if n, err := maxNodeCPUs(*partition); err == nil && *cpus > n {
		where := "the cluster"
		if *partition != "" {
			where = "partition " + *partition
		}
		fmt.Fprintf(stderr, "golgi sweep slurm: -cpus = %d: the largest node of %s has %d CPUs (sinfo), so the tasks could never start: give -cpus %d or less\n", *cpus, where, n, n)
		return 2
	} else if err != nil {
		fmt.Fprintf(stderr, "golgi sweep slurm: note: -cpus %d not checked against the cluster's nodes (%v): it must be at most a node's CPUs (sinfo -N -o %%c)\n", *cpus, err)
	}
	prog, err := filepath.Abs(*program)
	if err != nil {
		return fail(stderr, err)
	}
	if st, err := os.Stat(prog); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
		return fail(stderr, fmt.Errorf("slurm: -program %s: not an executable file (build it with go build first)", prog))
	}
	base, err := filepath.Abs(*dir)
	if err != nil {
		return fail(stderr, err)
	}
	if *out != "" && !*force {
		if b, err := os.ReadFile(*out); err == nil && !bytes.Contains(b, []byte(scriptMarker)) {
			return fail(stderr, fmt.Errorf("slurm: -o %s exists and was not written by golgi sweep slurm: golgi does not replace it; give another file, or -force", *out))
		} else if err != nil && !errors.Is(err, os.ErrNotExist) {
			return fail(stderr, err)
		}
	}
	cmd := []string{shellQuote(prog), "-store", shellQuote(base), "-shards", fmt.Sprint(*shards), "-workers", fmt.Sprint(*cpus)}
	for _, a := range fs.Args() {
		cmd = append(cmd, shellQuote(a))
	}
	script := *out
	if script == "" {
		script = "SCRIPT"
	}
	logs := filepath.Join(base, "logs")
	var buf bytes.Buffer
	err = slurmScript.Execute(&buf, map[string]any{
		"Shards": *shards, "Last": *shards - 1, "Parallel": *parallel, "Store": base, "QStore": shellQuote(base),
		"Name": *name, "CPUs": *cpus, "Mem": *mem, "Time": *tlimit, "Partition": *partition, "Account": *account,
		// In sbatch's file name patterns %% is a %; a path with spaces
		// is quoted.
		"LogPattern": sbatchQuote(strings.ReplaceAll(logs, "%", "%%")),
		"Extra":      []string(extra), "Command": strings.Join(cmd, " "), "Script": script,
	})
	if err != nil {
		return fail(stderr, err)
	}
	// SLURM does not make the directory of --output: without it the
	// tasks would fail.
	if err := os.MkdirAll(logs, 0o755); err != nil {
		return fail(stderr, err)
	}
	if *out == "" {
		stdout.Write(buf.Bytes())
		return 0
	}
	if err := writeAtomic(*out, buf.Bytes(), 0o755); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "wrote %s: %d array tasks of %s\nsubmit:  sbatch %s\nthen:    golgi sweep merge %s\n", *out, *shards, filepath.Base(prog), shellQuote(*out), shellQuote(base))
	return 0
}

// sbatchQuote quotes an #SBATCH option value holding spaces.
func sbatchQuote(s string) string {
	if !strings.ContainsAny(s, " \t\"'") {
		return s
	}
	return `"` + s + `"`
}

// writeAtomic writes a file through a temporary file renamed into place.
func writeAtomic(path string, b []byte, mode os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-golgi-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), mode)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

type multi []string

func (m *multi) String() string     { return strings.Join(*m, " ") }
func (m *multi) Set(s string) error { *m = append(*m, s); return nil }

var shardRe = regexp.MustCompile(`^shard-[0-9]{4,}-of-[0-9]{4,}$`)

// shardDirs lists the shard stores under base (base is a path, never a
// pattern: '*' or '[' in it are plain characters).
func shardDirs(base string) ([]string, error) {
	ents, err := os.ReadDir(base)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var dirs []string
	for _, e := range ents {
		d := filepath.Join(base, e.Name())
		if shardRe.MatchString(e.Name()) && e.IsDir() {
			if _, err := os.Stat(filepath.Join(d, store.DBName)); err == nil {
				dirs = append(dirs, d)
			}
		}
	}
	sort.Strings(dirs)
	return dirs, nil
}

func merge(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("merge", "[-o OUT] [-complete] DIR | -o OUT STORE...", stderr)
	out := fs.String("o", "", "the merged store (default: DIR, merging DIR/shard-*-of-* into it)")
	complete := fs.Bool("complete", false, "fail when points are missing or failed")
	if c := parse(fs, args); c >= 0 {
		return c
	}
	inputs := fs.Args()
	switch {
	case len(inputs) == 0:
		fmt.Fprintln(stderr, "golgi sweep merge: give the sweep's base directory (or -o OUT and the stores to merge)")
		return 2
	case *out == "" && len(inputs) > 1:
		fmt.Fprintln(stderr, "golgi sweep merge: several stores given: name the merged store with -o")
		return 2
	case len(inputs) == 1:
		dirs, err := shardDirs(inputs[0])
		if err != nil {
			return fail(stderr, err)
		}
		if len(dirs) > 0 {
			if *out == "" {
				*out = inputs[0]
			}
			inputs = dirs
		} else if *out == "" {
			fmt.Fprintf(stderr, "golgi sweep merge: %s has no shard stores (shard-*-of-*)\n", inputs[0])
			return 1
		}
	}
	rep, err := store.Merge(*out, inputs...)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "merged %d stores into %s: %d rows added, %d already there, %d skipped\n%d points: %d done, %d failed, %d missing\n",
		rep.Inputs, *out, rep.Added, rep.Same, rep.Skipped, rep.Points, rep.Done, rep.Failed, rep.Missing())
	if rep.Missing() > 0 {
		fmt.Fprintf(stdout, "missing points: re-run their shards (they resume), or run the sweep program with -store %s and no shard to compute them\n", *out)
	}
	if *complete && (rep.Missing() > 0 || rep.Failed > 0) {
		fmt.Fprintf(stderr, "golgi sweep merge: -complete: %d missing and %d failed points\n", rep.Missing(), rep.Failed)
		return 1
	}
	return 0
}

// load opens a store read-only (a sweep may be writing it) and returns
// its sweep and table.
func load(dir string) (*store.Meta, *sweep.Table, error) {
	st, err := store.OpenReadOnly(dir)
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	tab, err := st.Table()
	return st.Meta(), tab, err
}

func status(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("status", "DIR", stderr)
	if c := parse(fs, args); c >= 0 {
		return c
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	dir := fs.Arg(0)
	shards, err := shardDirs(dir)
	if err != nil {
		return fail(stderr, err)
	}
	_, statErr := os.Stat(filepath.Join(dir, store.DBName))
	if statErr != nil && len(shards) == 0 {
		return fail(stderr, fmt.Errorf("%s is not a sweep store (no %s) and holds no shard stores", dir, store.DBName))
	}
	var m *store.Meta
	var tab *sweep.Table
	if statErr == nil {
		if m, tab, err = load(dir); err != nil {
			return fail(stderr, err)
		}
	}
	type shardState struct {
		name               string
		done, failed, todo int
		busy               bool
		err                error
	}
	var states []shardState
	sum := shardState{}
	for _, d := range shards {
		sm, st, err := load(d)
		s := shardState{name: filepath.Base(d), busy: store.Busy(d), err: err}
		if err == nil {
			if m == nil {
				m = sm
			}
			s.done, s.failed = st.Count(sweep.Done), st.Count(sweep.Failed)
			if tab == nil {
				tab = st
			}
			sum.done += s.done
			sum.failed += s.failed
		}
		states = append(states, s)
	}
	if m == nil {
		var why []string
		for _, s := range states {
			why = append(why, fmt.Sprintf("%s: %v", s.name, s.err))
		}
		return fail(stderr, fmt.Errorf("%s: no shard store could be read (%s)", dir, strings.Join(why, "; ")))
	}
	var names []string
	for _, d := range m.Dims {
		names = append(names, d.Name)
	}
	fmt.Fprintf(stdout, "sweep %s (version %q, master seed %d)\nparameters: %s\n", m.Hash, m.Version, m.Seed, strings.Join(names, ", "))
	if statErr == nil {
		done, failed := tab.Count(sweep.Done), tab.Count(sweep.Failed)
		fmt.Fprintf(stdout, "metrics: %s\npoints: %d: %d done, %d failed, %d to do\n", strings.Join(tab.Metrics, ", "), m.Points, done, failed, m.Points-done-failed)
		shown := 0
		for _, r := range tab.Rows {
			if r.Status == sweep.Failed && shown < 5 {
				fmt.Fprintf(stdout, "  point %d failed: %s\n", r.Index, firstLine(r.Err))
				shown++
			}
		}
	}
	if len(states) > 0 {
		fmt.Fprintf(stdout, "shard stores: %d, holding %d done and %d failed points of %d\n", len(states), sum.done, sum.failed, m.Points)
		for _, s := range states {
			switch {
			case s.err != nil:
				fmt.Fprintf(stdout, "  %s: %v\n", s.name, s.err)
			case s.busy:
				fmt.Fprintf(stdout, "  %s: %d done, %d failed, running\n", s.name, s.done, s.failed)
			default:
				fmt.Fprintf(stdout, "  %s: %d done, %d failed\n", s.name, s.done, s.failed)
			}
		}
	}
	return 0
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}

func export(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", "[-format csv|parquet] [-o FILE] [-force] DIR", stderr)
	format := fs.String("format", "csv", "csv or parquet")
	out := fs.String("o", "", "output `file` (default: standard output, for csv); must not exist")
	force := fs.Bool("force", false, "replace the -o file if it exists")
	if c := parse(fs, args); c >= 0 {
		return c
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	if *format != "csv" && *format != "parquet" {
		fmt.Fprintf(stderr, "golgi sweep export: -format %q: use csv or parquet\n", *format)
		return 2
	}
	if *format == "parquet" && *out == "" {
		fmt.Fprintln(stderr, "golgi sweep export: -format parquet needs -o FILE")
		return 2
	}
	if *out != "" && !*force {
		if _, err := os.Lstat(*out); err == nil {
			fmt.Fprintf(stderr, "golgi sweep export: -o %s exists: golgi does not replace a file it may not have written; give another file, or -force\n", *out)
			return 2
		}
	}
	_, tab, err := load(fs.Arg(0))
	if err != nil {
		return fail(stderr, err)
	}
	if *format == "parquet" {
		if err := store.WriteTableParquet(*out, tab); err != nil {
			return fail(stderr, err)
		}
		return 0
	}
	if *out == "" {
		if err := tab.WriteCSV(stdout); err != nil {
			return fail(stderr, err)
		}
		return 0
	}
	var buf bytes.Buffer
	if err := tab.WriteCSV(&buf); err != nil {
		return fail(stderr, err)
	}
	if err := writeAtomic(*out, buf.Bytes(), 0o644); err != nil {
		return fail(stderr, err)
	}
	return 0
}

func recoverCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("recover", "DIR NEWDIR", stderr)
	if c := parse(fs, args); c >= 0 {
		return c
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	rep, err := store.Recover(fs.Arg(0), fs.Arg(1))
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "recovered %d rows of %d points into %s (%d lookups failed, %d rows dropped for a missing or broken data file); %s is unchanged\n"+
		"resume the sweep with its store at %s: the points not recovered are computed again\n",
		rep.Rows, rep.Points, fs.Arg(1), rep.Lost, rep.Dropped, fs.Arg(0), fs.Arg(1))
	return 0
}

func diff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", "STORE_A STORE_B", stderr)
	if c := parse(fs, args); c >= 0 {
		return c
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	ma, a, err := load(fs.Arg(0))
	if err != nil {
		return fail(stderr, err)
	}
	mb, b, err := load(fs.Arg(1))
	if err != nil {
		return fail(stderr, err)
	}
	if ma.Hash != mb.Hash {
		fmt.Fprintf(stdout, "different sweeps: %s is %s, %s is %s\n", fs.Arg(0), ma.Hash, fs.Arg(1), mb.Hash)
		return 1
	}
	if d := a.Diff(b); d != "" {
		fmt.Fprintf(stdout, "differ: %s\n", d)
		return 1
	}
	fmt.Fprintf(stdout, "identical: %d points, fingerprint %s\n", a.Len(), a.Fingerprint())
	return 0
}
