package nbrun

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/golgi-sim/golgi/kernel/repro"
)

//go:embed driver.py
var driver []byte

// Python is the interpreter with Debian's Jupyter packages.
var Python = "/usr/bin/python3"

// Options configures Execute and Verify.
type Options struct {
	// Kernel is the kernel spec name (default "golgi").
	Kernel string
	// Timeout is the limit for each cell (default 10 minutes).
	Timeout time.Duration
	// HTML, when not empty, is where Execute writes an HTML export
	// (classic template).
	HTML string
	// JupyterDataDir, when not empty, is set as JUPYTER_DATA_DIR.
	JupyterDataDir string
	// Env is added to the environment of Jupyter (and so of the kernel).
	Env []string
}

// Failure describes the first cell that failed.
type Failure struct {
	// Index is the cell's 0-based index in the notebook (-1: the kernel
	// failed before any cell ran); it is named as cell Index+1, with its
	// execution count ExecutionCount when it got one (repro.CellName).
	Index          int    `json:"index"`
	ExecutionCount int    `json:"-"`
	Kind           string `json:"kind"`
	EName          string `json:"ename"`
	EValue         string `json:"evalue"`
	// Message is nbclient's message (the cell's traceback).
	Message string `json:"message"`
	// Source is the start of the cell's source.
	Source string `json:"-"`
	// Output is the readable end of the cell's outputs (compile errors,
	// panics).
	Output string `json:"-"`
}

func (f *Failure) String() string {
	if f.Index < 0 {
		return fmt.Sprintf("kernel start: %s: %s", f.EName, f.EValue)
	}
	s := repro.CellName(f.Index+1, f.ExecutionCount) + ": " + f.Kind
	if f.Source != "" {
		s += " in `" + f.Source + "`"
	}
	msg := strings.TrimSpace(f.EName + ": " + f.EValue)
	if f.EName == "" && f.EValue == "" {
		msg = lastLines(f.Message, 6)
	}
	s += ": " + msg
	if f.Output != "" {
		s += "\n    " + strings.ReplaceAll(f.Output, "\n", "\n    ")
	}
	return s
}

// Result is the outcome of Execute.
type Result struct {
	// Executed counts the code cells that ran.
	Executed int `json:"executed"`
	// Failure is the first failing cell, nil when all passed.
	Failure *Failure `json:"failure"`
	// Wall is the time Execute took.
	Wall time.Duration `json:"-"`
}

// Execute runs the notebook at src with the kernel, writes the executed
// notebook to dst and, when o.HTML is set, an HTML export (both also when a
// cell fails, with the outputs obtained so far). The kernel's working directory is src's.
// An error means the notebook could not be executed at all; a failing cell
// is reported in Result.Failure.
func Execute(ctx context.Context, src, dst string, o Options) (*Result, error) {
	t0 := time.Now()
	if o.Kernel == "" {
		o.Kernel = "golgi"
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Minute
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("nbrun: notebook %s: %w", src, err)
	}
	if _, err := os.Stat(Python); err != nil {
		return nil, fmt.Errorf("nbrun: %s not found: run `go run ./kernel/cmd/golgi setup` (installs Debian's Jupyter packages)", Python)
	}
	if dst, err = filepath.Abs(dst); err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	html := o.HTML
	if html != "" {
		if html, err = filepath.Abs(html); err != nil {
			return nil, fmt.Errorf("nbrun: %w", err)
		}
	}
	tmp, err := os.CreateTemp("", "golgi-nbrun-*.py")
	if err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(driver); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	tmp.Close()
	cmd := exec.CommandContext(ctx, Python, tmp.Name(), abs, dst, o.Kernel,
		strconv.FormatFloat(o.Timeout.Seconds(), 'f', -1, 64), filepath.Dir(abs), html)
	cmd.Dir = filepath.Dir(abs)
	cmd.Env = append(os.Environ(), o.Env...)
	if o.JupyterDataDir != "" {
		cmd.Env = append(cmd.Env, "JUPYTER_DATA_DIR="+o.JupyterDataDir)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var res Result
	if jerr := json.Unmarshal(stdout.Bytes(), &res); jerr != nil {
		if err == nil {
			err = jerr
		}
		return nil, fmt.Errorf("nbrun: executing %s: %v: %s", src, err, lastLines(stderr.String(), 12))
	}
	res.Wall = time.Since(t0)
	if res.Failure != nil {
		if res.Failure.Kind == "kernel" || res.Failure.Kind == "dead kernel" {
			if strings.Contains(res.Failure.EName, "NoSuchKernel") {
				res.Failure.EValue += " (run `go run ./kernel/cmd/golgi setup`)"
			}
			// The kernel's own words are on stderr.
			res.Failure.Output = lastLines(stderr.String(), 15)
		}
		if nb, err := ReadNotebook(dst); err == nil && res.Failure.Index >= 0 && res.Failure.Index < len(nb.Cells) {
			c := nb.Cells[res.Failure.Index]
			if c.ExecutionCount != nil {
				res.Failure.ExecutionCount = *c.ExecutionCount
			}
			if res.Failure.Output == "" {
				res.Failure.Source = firstLine(c.Text())
				res.Failure.Output = ErrorText(c, 4)
			}
		}
	}
	return &res, nil
}

// firstLine is the first line of a cell's source that is not a magic.
func firstLine(src string) string {
	var s string
	lines := strings.Split(strings.TrimSpace(src), "\n")
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "%") {
			s = t
			if i < len(lines)-1 {
				s += " …"
			}
			break
		}
	}
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Notebook is the part of an .ipynb file that golgi reads.
type Notebook struct {
	Cells []Cell `json:"cells"`
}

// Cell is one notebook cell.
type Cell struct {
	CellType       string          `json:"cell_type"`
	Source         json.RawMessage `json:"source"`
	ExecutionCount *int            `json:"execution_count,omitempty"`
	Outputs        []Output        `json:"outputs,omitempty"`
}

// Output is one output of a code cell.
type Output struct {
	OutputType string                     `json:"output_type"`
	Name       string                     `json:"name,omitempty"`
	Text       json.RawMessage            `json:"text,omitempty"`
	Data       map[string]json.RawMessage `json:"data,omitempty"`
	EName      string                     `json:"ename,omitempty"`
	EValue     string                     `json:"evalue,omitempty"`
}

// Text returns the cell's source as one string.
func (c Cell) Text() string { return multiline(c.Source) }

func multiline(raw json.RawMessage) string { return repro.MultilineText(raw) }

// TextOf returns a stream output's text or a data output's text/plain.
func (o Output) TextOf() string {
	if o.OutputType == "stream" {
		return multiline(o.Text)
	}
	if raw, ok := o.Data["text/plain"]; ok {
		return multiline(raw)
	}
	return ""
}

// ReadNotebook reads an .ipynb file.
func ReadNotebook(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("nbrun: %w", err)
	}
	var nb Notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("nbrun: notebook %s: %w", path, err)
	}
	return &nb, nil
}

// Blocks returns the reproducibility blocks in the cell's outputs.
func (c Cell) Blocks() ([]*repro.Block, error) {
	var out []*repro.Block
	for i, o := range c.Outputs {
		raw, ok := o.Data[repro.MIMEType]
		if !ok {
			continue
		}
		var b repro.Block
		if err := json.Unmarshal(raw, &b); err != nil {
			return out, fmt.Errorf("nbrun: output %d: %s: %w", i, repro.MIMEType, err)
		}
		out = append(out, &b)
	}
	return out, nil
}

// ErrNoBlocks is returned by Verify for a notebook without repro blocks.
var ErrNoBlocks = errors.New("nbrun: the notebook has no golgi reproducibility blocks: execute it with `golgi run` (or in Jupyter with the kernel \"Go (golgi)\") and save it first")
