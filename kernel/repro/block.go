package repro

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/golgi-sim/golgi/simlib/runlog"
)

// MIMEType is the MIME type under which a Block's JSON is stored in a cell's
// outputs.
const MIMEType = "application/vnd.golgi.repro+json"

// SchemaVersion is the version of the Block JSON layout. Version 2 added
// the cell's location (notebook and cell), restricted notebook_git to the
// notebook's file and made modules the modules linked into the cell's
// program (version 1 listed golgi's go.mod).
const SchemaVersion = 2

// Block is the reproducibility record of one executed cell.
type Block struct {
	Schema int `json:"schema"`
	// User and Host ran the cell.
	User string `json:"user"`
	Host string `json:"host"`
	// Start and End bound the cell's execution as seen by the kernel (UTC,
	// RFC 3339); Duration is End-Start in seconds.
	Start    string  `json:"start"`
	End      string  `json:"end"`
	Duration float64 `json:"duration_s"`
	// Status is the execute_reply status: "ok", "error" or "aborted".
	Status string `json:"status"`
	// Error is the exception name and value when Status is "error".
	Error string `json:"error,omitempty"`
	// ExecutionCount is the cell's execution count, as in the notebook
	// ("In [4]").
	ExecutionCount int `json:"execution_count"`
	// Location is the notebook file and the cell's position in it.
	Location Location `json:"location"`
	// SourceSHA256 is the hex SHA-256 of the cell's source as executed
	// (including golgi magics, which the kernel strips before GoNB sees it).
	SourceSHA256 string `json:"source_sha256"`
	// Versions of the software stack.
	Versions Versions `json:"versions"`
	// Platform is the machine.
	Platform Platform `json:"platform"`
	// Notebook is the git state of the notebook's file (of the directory
	// the kernel runs in, the notebook's, when the file is not known);
	// Golgi is that of the whole golgi checkout the kernel was registered
	// with.
	Notebook GitState `json:"notebook_git"`
	Golgi    GitState `json:"golgi_git"`
	// Modules lists the modules linked into the cell's program, with their
	// versions, as its build info records them (`go version -m`); empty
	// when the cell built no program, and ModulesNote then says why.
	Modules     []Module `json:"modules"`
	ModulesNote string   `json:"modules_note,omitempty"`
	// Runs are the simulation runs the cell made, in runlog.Order: in the
	// order they were reported, but a sweep's runs by point index (then
	// the sweep's own record), whatever order its points finished in.
	Runs []runlog.Run `json:"runs"`
}

// Versions are the versions of the software that ran the cell.
type Versions struct {
	Kernel string `json:"golgi_kernel"`
	GoNB   string `json:"gonb"`
	Go     string `json:"go"`
}

// Platform describes the machine.
type Platform struct {
	OS         string `json:"os"`
	Arch       string `json:"arch"`
	Kernel     string `json:"os_kernel,omitempty"`
	CPU        string `json:"cpu"`
	Cores      int    `json:"cores"`
	GOMAXPROCS int    `json:"gomaxprocs"`
}

// Module is a Go module and its version. Replace is set when the build
// replaced it (a go.mod replace directive: a path or another module).
type Module struct {
	Path    string `json:"path"`
	Version string `json:"version"`
	Replace string `json:"replace,omitempty"`
}

// GitState is the state of a git work tree.
type GitState struct {
	Dir string `json:"dir"`
	// Paths, when set, are the files (relative to Dir) that Dirty,
	// Changed, Changes and DiffSHA256 are limited to: for a notebook, its
	// own file. Commit is always the repository's HEAD.
	Paths []string `json:"paths,omitempty"`
	// Commit is the full hash of HEAD ("" when Dir is not in a repository).
	Commit string `json:"commit"`
	// Dirty is true when `git status --porcelain` lists anything; Changed
	// counts those lines.
	Dirty   bool `json:"dirty"`
	Changed int  `json:"changed"`
	// Changes are the first MaxChanges lines of `git status --porcelain`
	// (e.g. " M notebooks/00_tour.ipynb").
	Changes []string `json:"changes,omitempty"`
	// DiffSHA256 is the hex SHA-256 of `git diff HEAD` (tracked changes).
	DiffSHA256 string `json:"diff_sha256"`
	// Note says why the other fields are empty, e.g. "not a git repository".
	Note string `json:"note,omitempty"`
}

// MaxChanges bounds GitState.Changes.
const MaxChanges = 20

// HashSource returns the hex SHA-256 of a cell's source.
func HashSource(src string) string {
	s := sha256.Sum256([]byte(src))
	return hex.EncodeToString(s[:])
}

// SetTimes fills Start, End and Duration.
func (b *Block) SetTimes(start, end time.Time) {
	b.Start = start.UTC().Format(time.RFC3339Nano)
	b.End = end.UTC().Format(time.RFC3339Nano)
	b.Duration = end.Sub(start).Seconds()
}

// Check reports the first required field that is empty, as an error naming
// it; tests use it to prove that every block is complete.
func (b *Block) Check() error {
	req := []struct{ name, v string }{
		{"user", b.User}, {"host", b.Host}, {"start", b.Start}, {"end", b.End},
		{"status", b.Status}, {"source_sha256", b.SourceSHA256},
		{"versions.golgi_kernel", b.Versions.Kernel}, {"versions.gonb", b.Versions.GoNB}, {"versions.go", b.Versions.Go},
		{"platform.os", b.Platform.OS}, {"platform.arch", b.Platform.Arch}, {"platform.cpu", b.Platform.CPU},
		{"notebook_git.dir", b.Notebook.Dir}, {"golgi_git.dir", b.Golgi.Dir},
	}
	for _, r := range req {
		if r.v == "" {
			return fmt.Errorf("repro: block field %s is empty", r.name)
		}
	}
	if b.Schema != SchemaVersion {
		return fmt.Errorf("repro: block schema is %d, want %d", b.Schema, SchemaVersion)
	}
	if b.ExecutionCount <= 0 {
		return fmt.Errorf("repro: block field execution_count is %d, want > 0", b.ExecutionCount)
	}
	if b.Platform.Cores <= 0 || b.Platform.GOMAXPROCS <= 0 {
		return fmt.Errorf("repro: block platform cores=%d gomaxprocs=%d, want > 0", b.Platform.Cores, b.Platform.GOMAXPROCS)
	}
	for _, g := range []struct {
		name string
		s    GitState
	}{{"notebook_git", b.Notebook}, {"golgi_git", b.Golgi}} {
		if g.s.Commit == "" && g.s.Note == "" {
			return fmt.Errorf("repro: block field %s.commit is empty and no note says why", g.name)
		}
		if g.s.Commit != "" && g.s.DiffSHA256 == "" {
			return fmt.Errorf("repro: block field %s.diff_sha256 is empty", g.name)
		}
	}
	if len(b.Modules) == 0 && b.ModulesNote == "" {
		return fmt.Errorf("repro: block field modules is empty and no modules_note says why")
	}
	if b.Location.Path == "" && b.Location.Note == "" {
		return fmt.Errorf("repro: block field location.path is empty and no note says why")
	}
	if b.Runs == nil {
		return fmt.Errorf("repro: block field runs is null, want a list (possibly empty)")
	}
	return nil
}
