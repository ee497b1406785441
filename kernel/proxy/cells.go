package proxy

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/golgi-sim/golgi/kernel/repro"
	"github.com/golgi-sim/golgi/kernel/wire"
	"github.com/golgi-sim/golgi/simlib/runlog"
)

// cell is the kernel's record of one execute_request.
type cell struct {
	parent json.RawMessage
	source string
	// where is what the request said of the cell's notebook and position
	// (golgi run sends both); cellID its nbformat id (JupyterLab sends it).
	where     repro.Location
	cellID    string
	silent    bool
	repro     bool
	notes     [][2]string
	start     time.Time
	started   bool
	logOffset int64
	execCount int
	status    string
	errText   string
	// replied is closed when the execute_reply has been seen.
	replied  chan struct{}
	gotReply bool
}

func (k *Kernel) onShellRequest(m *wire.Message) bool {
	if m.Type() != "execute_request" {
		return true
	}
	var content map[string]any
	if err := json.Unmarshal(m.Content, &content); err != nil {
		k.log.Printf("execute_request content: %v", err)
		return true
	}
	code, _ := content["code"].(string)
	silent, _ := content["silent"].(bool)
	where, cellID := k.requestLocation(m.Metadata)
	mg := parseMagic(code)
	mg.notes = append(mg.notes, funcsAfterMain(mg.code)...)
	if mg.code != code {
		content["code"] = mg.code
		if b, err := json.Marshal(content); err == nil {
			m.Content = b
		}
	}
	k.mu.Lock()
	switch mg.repro {
	case "on":
		k.reproOn = true
	case "off":
		k.reproOn = false
	}
	k.cells[m.ID()] = &cell{
		parent:  append(json.RawMessage(nil), m.Header...),
		source:  code,
		where:   where,
		cellID:  cellID,
		silent:  silent,
		repro:   k.reproOn && !silent,
		notes:   mg.notes,
		start:   time.Now(),
		replied: make(chan struct{}),
	}
	k.mu.Unlock()
	return true
}

// requestLocation reads what an execute_request's metadata says of the
// cell's place: golgi run's {"golgi": {"notebook": path, "cell": n}}, and
// JupyterLab's "cellId"; the server's JPY_SESSION_NAME (the notebook's
// path, set by jupyter_server 2) stands in for the path.
func (k *Kernel) requestLocation(meta json.RawMessage) (repro.Location, string) {
	var md struct {
		Golgi struct {
			Notebook string `json:"notebook"`
			Cell     int    `json:"cell"`
		} `json:"golgi"`
		CellID string `json:"cellId"`
	}
	_ = json.Unmarshal(meta, &md)
	loc := repro.Location{Path: md.Golgi.Notebook, Cell: md.Golgi.Cell}
	if loc.Path != "" && loc.Cell > 0 {
		loc.How = "sent by golgi run"
	}
	if loc.Path == "" {
		loc.Path = k.sessionName
	}
	return loc, md.CellID
}

func (k *Kernel) onShellReply(m *wire.Message) bool {
	if m.Type() != "execute_reply" {
		return true
	}
	var r struct {
		Status         string `json:"status"`
		ExecutionCount int    `json:"execution_count"`
		EName          string `json:"ename"`
		EValue         string `json:"evalue"`
	}
	if json.Unmarshal(m.Content, &r) != nil {
		return true
	}
	k.mu.Lock()
	if c := k.cells[m.ParentID()]; c != nil {
		if r.Status != "" && (c.status == "" || c.status == "ok") {
			c.status = r.Status
		}
		if r.ExecutionCount > 0 {
			c.execCount = r.ExecutionCount
		}
		if r.EName != "" && c.errText == "" {
			c.errText = r.EName + ": " + r.EValue
		}
		if !c.gotReply {
			c.gotReply = true
			close(c.replied)
		}
	}
	k.mu.Unlock()
	return true
}

func (k *Kernel) onControlRequest(m *wire.Message) bool {
	if m.Type() == "shutdown_request" {
		k.log.Printf("shutdown_request received")
	}
	return true
}

func (k *Kernel) onControlReply(m *wire.Message) bool {
	if m.Type() == "shutdown_reply" {
		// Let the reply go out first, then stop.
		go func() {
			time.Sleep(100 * time.Millisecond)
			k.once.Do(func() { close(k.stopping) })
			k.shutdownOnce.Do(func() { close(k.shutdown) })
		}()
	}
	return true
}

// onIOPub records what an iopub message tells about a cell and returns the
// messages to publish before it (the repro block before "idle") and after it
// (golgi's notes after "execute_input").
func (k *Kernel) onIOPub(m *wire.Message) (before, after []*wire.Message) {
	pid := m.ParentID()
	k.mu.Lock()
	c := k.cells[pid]
	k.mu.Unlock()
	if c == nil {
		return nil, nil
	}
	switch m.Type() {
	case "execute_input":
		var r struct {
			ExecutionCount int `json:"execution_count"`
		}
		if json.Unmarshal(m.Content, &r) == nil && r.ExecutionCount > 0 {
			k.mu.Lock()
			c.execCount = r.ExecutionCount
			k.mu.Unlock()
		}
		return nil, k.notes(c)
	case "error":
		var r struct {
			EName  string `json:"ename"`
			EValue string `json:"evalue"`
		}
		_ = json.Unmarshal(m.Content, &r)
		k.mu.Lock()
		c.status = "error"
		if c.errText == "" {
			c.errText = r.EName + ": " + r.EValue
		}
		k.mu.Unlock()
	case "status":
		var r struct {
			State string `json:"execution_state"`
		}
		_ = json.Unmarshal(m.Content, &r)
		switch r.State {
		case "busy":
			k.mu.Lock()
			if !c.started {
				c.started = true
				c.start = time.Now()
				if fi, err := os.Stat(k.runLog); err == nil {
					c.logOffset = fi.Size()
				}
			}
			k.mu.Unlock()
		case "idle":
			// GoNB sends the execute_reply (with the final status) on the
			// shell socket; give it a moment if it is not there yet.
			select {
			case <-c.replied:
			case <-time.After(time.Second):
			}
			k.mu.Lock()
			delete(k.cells, pid)
			snap := *c
			k.mu.Unlock()
			return append(k.notes(c), k.finish(&snap)...), nil
		}
	}
	return nil, nil
}

// notes returns the cell's pending golgi notes as stream messages, once.
func (k *Kernel) notes(c *cell) []*wire.Message {
	k.mu.Lock()
	notes := c.notes
	c.notes = nil
	k.mu.Unlock()
	var out []*wire.Message
	for _, n := range notes {
		if m, err := wire.New("stream", c.parent, map[string]string{"name": n[0], "text": n[1]}); err == nil {
			m.Identities = [][]byte{[]byte("kernel.golgi.stream")}
			out = append(out, m)
		}
	}
	return out
}

// finish builds the messages that close a cell: golgi's notes and the
// reproducibility block.
func (k *Kernel) finish(c *cell) []*wire.Message {
	var out []*wire.Message
	if !c.repro {
		return out
	}
	b := k.block(c, time.Now())
	if len(b.Runs) > 0 && !runsMain(c.source) {
		text := fmt.Sprintf("golgi: this cell has no %%%% but made %d simulation run(s): top-level var initializers are evaluated again by every later cell's program (GoNB keeps declarations, not values), so these runs will repeat; run networks inside a %%%% cell\n", len(b.Runs))
		if m, err := wire.New("stream", c.parent, map[string]string{"name": "stderr", "text": text}); err == nil {
			m.Identities = [][]byte{[]byte("kernel.golgi.stream")}
			out = append(out, m)
		}
	}
	data := map[string]any{
		"text/plain":   b.Text(),
		"text/html":    b.HTML(),
		repro.MIMEType: b,
	}
	m, err := wire.New("display_data", c.parent, map[string]any{"data": data, "metadata": map[string]any{}, "transient": map[string]any{}})
	if err != nil {
		k.log.Printf("repro block: %v", err)
		return out
	}
	m.Identities = [][]byte{[]byte("kernel.golgi.display_data")}
	return append(out, m)
}

// runsMain reports whether a cell has a main part for GoNB: a "%%" or
// "%main" line, or a func main.
func runsMain(src string) bool {
	for _, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "%%") || strings.HasPrefix(l, "%main") || strings.HasPrefix(l, "func main()") {
			return true
		}
	}
	return false
}

func (k *Kernel) block(c *cell, end time.Time) *repro.Block {
	<-k.staticDone
	b := &repro.Block{}
	k.static.Apply(b)
	b.SetTimes(c.start, end)
	b.Status = c.status
	if b.Status == "" {
		b.Status = "ok"
	}
	if b.Status != "ok" {
		b.Error = c.errText
	}
	b.ExecutionCount = c.execCount
	b.SourceSHA256 = repro.HashSource(c.source)
	b.Location = repro.Locate(k.nbDir, c.where, c.cellID, c.source)
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		// The notebook's own file; its directory when the file is not known.
		if b.Location.Path != "" {
			b.Notebook = repro.Git(context.Background(), filepath.Dir(b.Location.Path), filepath.Base(b.Location.Path))
		} else {
			b.Notebook = repro.Git(context.Background(), k.nbDir, ".")
		}
	}()
	go func() { defer wg.Done(); b.Modules, b.ModulesNote = k.linkedModules(c.start) }()
	go func() {
		defer wg.Done()
		if k.cfg.GolgiDir == "" {
			b.Golgi = repro.GitState{Dir: "(unknown)", Note: "kernel started without --golgi-dir"}
			return
		}
		b.Golgi = repro.Git(context.Background(), k.cfg.GolgiDir)
	}()
	b.Runs = k.readRuns(c.logOffset)
	wg.Wait()
	return b
}

// linkedModules returns the modules linked into the program GoNB built for
// the cell that started at start: GoNB writes it to $TMPDIR/gonb_ID/gonb_ID
// (the kernel learns the directory from GoNB's log) and overwrites it for
// every cell. A binary older than the cell was not built by it (a compile
// error).
func (k *Kernel) linkedModules(start time.Time) ([]repro.Module, string) {
	dir := k.gonbDir.get()
	if dir == "" {
		return nil, "GoNB's work directory is unknown (not in its log)"
	}
	bin := filepath.Join(dir, filepath.Base(dir))
	fi, err := os.Stat(bin)
	if err != nil || fi.ModTime().Before(start) {
		return nil, "this cell built no program (declarations only, or a compile error)"
	}
	mods, err := repro.LinkedModules(context.Background(), bin)
	if err != nil {
		return nil, err.Error()
	}
	if len(mods) == 0 {
		return mods, "the cell's program links the standard library only"
	}
	return mods, ""
}

// readRuns returns the runs appended to the run log since offset, in
// runlog.Order: a sweep's runs by point, whatever order they finished in.
func (k *Kernel) readRuns(offset int64) []runlog.Run {
	runs := []runlog.Run{}
	data, err := os.ReadFile(k.runLog)
	if err != nil || int64(len(data)) <= offset {
		return runs
	}
	for _, line := range splitLines(data[offset:]) {
		var r runlog.Run
		if err := json.Unmarshal(line, &r); err != nil {
			runs = append(runs, runlog.Run{Status: "error", Error: "golgi kernel: unreadable run log line: " + err.Error()})
			continue
		}
		runs = append(runs, r)
	}
	return runlog.Order(runs)
}

func splitLines(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		i := 0
		for i < len(b) && b[i] != '\n' {
			i++
		}
		if i > 0 {
			out = append(out, b[:i])
		}
		if i < len(b) {
			i++
		}
		b = b[i:]
	}
	return out
}
