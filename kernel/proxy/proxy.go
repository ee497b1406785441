package proxy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/golgi-sim/golgi/kernel/repro"
	"github.com/golgi-sim/golgi/kernel/wire"
	"github.com/golgi-sim/golgi/simlib/runlog"
)

// Config configures a kernel.
type Config struct {
	// ConnectionFile is the file Jupyter wrote for this kernel.
	ConnectionFile string
	// GoNB is the path of the gonb binary; GoNBArgs are extra arguments
	// (for instance --go_work=DIR).
	GoNB     string
	GoNBArgs []string
	// PathDirs are put before PATH in GoNB's environment (where go,
	// goimports and gopls are).
	PathDirs []string
	// GolgiDir is the golgi checkout whose git state goes into every block.
	GolgiDir string
	// Log receives the kernel's diagnostics (nil: stderr).
	Log io.Writer
	// ChildLog receives GoNB's log (nil: kept in memory, its end shown if
	// GoNB fails; with GOLGI_KERNEL_DEBUG set, Log).
	ChildLog io.Writer
}

// Kernel is a running golgi kernel.
type Kernel struct {
	cfg      Config
	log      *log.Logger
	front    *wire.Connection
	frontKey []byte
	child    *wire.Connection
	childKey []byte
	dir      string
	runLog   string
	nbDir    string
	cmd      *exec.Cmd
	exited   chan struct{}
	s        *sockets
	exitErr  error

	childTail *tailBuffer
	marker    string
	reaper    *os.File

	static     repro.Static
	staticDone chan struct{}

	mu       sync.Mutex
	cells    map[string]*cell
	reproOn  bool
	shutdown chan struct{}
	once     sync.Once
	stopping chan struct{}
}

// cell is the kernel's record of one execute_request.
type cell struct {
	parent    json.RawMessage
	source    string
	silent    bool
	repro     bool
	notes     [][2]string
	start     time.Time
	started   bool
	logOffset int64
	execCount int
	status    string
	errText   string
}

// Run starts GoNB, relays messages until Jupyter shuts the kernel down, ctx
// is cancelled or GoNB exits, then stops GoNB and every process it started.
func Run(ctx context.Context, cfg Config) error {
	k, err := start(ctx, cfg)
	if err != nil {
		return err
	}
	return k.serve(ctx)
}

func start(ctx context.Context, cfg Config) (*Kernel, error) {
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	childTail := &tailBuffer{max: 64 << 10}
	if cfg.ChildLog == nil {
		cfg.ChildLog = childTail
		if os.Getenv("GOLGI_KERNEL_DEBUG") != "" {
			cfg.ChildLog = cfg.Log
		}
	}
	k := &Kernel{
		cfg:        cfg,
		log:        log.New(cfg.Log, "golgi kernel: ", log.LstdFlags|log.Lmicroseconds),
		cells:      map[string]*cell{},
		reproOn:    true,
		shutdown:   make(chan struct{}),
		stopping:   make(chan struct{}),
		staticDone: make(chan struct{}),
		childTail:  childTail,
		s:          &sockets{},
	}
	if cfg.GoNB == "" {
		return nil, errors.New("proxy: Config.GoNB (path of the gonb binary) is empty")
	}
	front, err := wire.ReadConnection(cfg.ConnectionFile)
	if err != nil {
		return nil, err
	}
	k.front, k.frontKey = front, []byte(front.Key)
	if k.nbDir, err = os.Getwd(); err != nil {
		return nil, fmt.Errorf("proxy: working directory: %w", err)
	}
	// Jupyter's ports first: they were free when Jupyter chose them, and
	// holding them keeps the child's ports from landing on them.
	if err := k.listenFront(ctx); err != nil {
		k.s.close()
		return nil, err
	}
	if k.dir, err = os.MkdirTemp("", "golgi-kernel-"); err != nil {
		k.s.close()
		return nil, fmt.Errorf("proxy: %w", err)
	}
	// The watchdog ends whatever GoNB leaves behind, however the kernel
	// ends.
	k.marker = wire.NewID()
	if k.reaper, err = startReaper(k.marker); err != nil {
		k.log.Printf("no watchdog (%v): processes GoNB leaves may outlive a killed kernel", err)
	}
	k.runLog = filepath.Join(k.dir, "runs.jsonl")
	if err := os.WriteFile(k.runLog, nil, 0o644); err != nil {
		k.cleanup()
		return nil, fmt.Errorf("proxy: run log: %w", err)
	}
	go func() {
		k.static = repro.CollectStatic(ctx, cfg.GoNB, cfg.GolgiDir)
		close(k.staticDone)
	}()
	// A port chosen free may be taken before GoNB binds it: try again with
	// new ports.
	for attempt := 1; ; attempt++ {
		err = k.launch(ctx)
		if err == nil {
			return k, nil
		}
		var early errEarlyExit
		if !errors.As(err, &early) || attempt == 3 {
			k.cleanup()
			return nil, err
		}
		k.log.Printf("attempt %d: %v; trying new ports", attempt, err)
	}
}

func (k *Kernel) cleanup() {
	k.s.close()
	if k.dir != "" {
		os.RemoveAll(k.dir)
	}
	if k.marker != "" {
		Sweep(k.marker, 2*time.Second)
	}
	if k.reaper != nil {
		k.reaper.Close()
	}
}

// errEarlyExit is GoNB exiting before it listened on its ports.
type errEarlyExit struct{ err error }

func (e errEarlyExit) Error() string { return fmt.Sprintf("GoNB exited before listening: %v", e.err) }

// launch starts GoNB on fresh loopback ports and waits until it listens.
func (k *Kernel) launch(ctx context.Context) error {
	f := k.front
	child, err := wire.NewLoopback(f.ShellPort, f.ControlPort, f.StdinPort, f.IOPubPort, f.HBPort)
	if err != nil {
		return err
	}
	k.child, k.childKey = child, []byte(child.Key)
	childFile := filepath.Join(k.dir, "kernel-child.json")
	if err := child.Write(childFile); err != nil {
		return err
	}
	args := append([]string{"--kernel", childFile}, k.cfg.GoNBArgs...)
	cmd := exec.Command(k.cfg.GoNB, args...)
	cmd.Env = append(os.Environ(), runlog.EnvVar+"="+k.runLog, MarkerEnv+"="+k.marker)
	if len(k.cfg.PathDirs) > 0 {
		cmd.Env = append(cmd.Env, "PATH="+strings.Join(append(k.cfg.PathDirs, os.Getenv("PATH")), string(os.PathListSeparator)))
	}
	if k.cfg.GolgiDir != "" {
		cmd.Env = append(cmd.Env, "GOLGI_DIR="+k.cfg.GolgiDir)
	}
	cmd.Stdout = k.cfg.ChildLog
	cmd.Stderr = k.cfg.ChildLog
	detach(cmd)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("proxy: starting GoNB %s: %w", k.cfg.GoNB, err)
	}
	exited := make(chan struct{})
	go func() {
		k.exitErr = cmd.Wait()
		close(exited)
	}()
	k.cmd, k.exited = cmd, exited
	k.log.Printf("started GoNB %s (pid %d), child connection %s", k.cfg.GoNB, cmd.Process.Pid, childFile)
	if err := k.waitChild(ctx); err != nil {
		k.killChild()
		return fmt.Errorf("%w\nGoNB's log ends:\n%s", err, k.childTail.lines(30))
	}
	return nil
}

// waitChild waits until the child listens on all its ports.
func (k *Kernel) waitChild(ctx context.Context) error {
	deadline := time.Now().Add(60 * time.Second)
	for _, p := range []int{k.child.ShellPort, k.child.ControlPort, k.child.StdinPort, k.child.IOPubPort, k.child.HBPort} {
		for {
			c, err := net.DialTimeout("tcp", net.JoinHostPort(k.child.IP, strconv.Itoa(p)), time.Second)
			if err == nil {
				c.Close()
				break
			}
			select {
			case <-k.exited:
				return errEarlyExit{k.exitErr}
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(50 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("proxy: GoNB does not listen on 127.0.0.1:%d after 60 s", p)
			}
		}
	}
	return nil
}

type sockets struct {
	fShell, fControl, fStdin, fIOPub, fHB zmq4.Socket
	bShell, bControl, bStdin, bIOPub      zmq4.Socket
}

func (s *sockets) close() {
	for _, x := range []zmq4.Socket{s.fShell, s.fControl, s.fStdin, s.fIOPub, s.fHB, s.bShell, s.bControl, s.bStdin, s.bIOPub} {
		if x != nil {
			x.Close()
		}
	}
}

// listenFront binds the five sockets Jupyter connects to.
func (k *Kernel) listenFront(ctx context.Context) error {
	s := k.s
	s.fShell = zmq4.NewRouter(ctx)
	s.fControl = zmq4.NewRouter(ctx)
	s.fStdin = zmq4.NewRouter(ctx)
	s.fIOPub = zmq4.NewPub(ctx)
	s.fHB = zmq4.NewRep(ctx)
	for _, l := range []struct {
		s    zmq4.Socket
		port int
		name string
	}{{s.fShell, k.front.ShellPort, "shell"}, {s.fControl, k.front.ControlPort, "control"}, {s.fStdin, k.front.StdinPort, "stdin"}, {s.fIOPub, k.front.IOPubPort, "iopub"}, {s.fHB, k.front.HBPort, "hb"}} {
		if err := l.s.Listen(k.front.Endpoint(l.port)); err != nil {
			return fmt.Errorf("proxy: listening for %s on %s: %w", l.name, k.front.Endpoint(l.port), err)
		}
	}
	return nil
}

func (k *Kernel) serve(ctx context.Context) (err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer func() {
		k.stopChild()
		k.cleanup()
	}()

	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)

	s := k.s
	id := zmq4.WithID(zmq4.SocketIdentity("golgi-" + wire.NewID()[:8]))
	s.bShell = zmq4.NewDealer(ctx, id)
	s.bControl = zmq4.NewDealer(ctx, id)
	s.bStdin = zmq4.NewDealer(ctx, id)
	s.bIOPub = zmq4.NewSub(ctx)
	for _, d := range []struct {
		s    zmq4.Socket
		port int
		name string
	}{{s.bShell, k.child.ShellPort, "shell"}, {s.bControl, k.child.ControlPort, "control"}, {s.bStdin, k.child.StdinPort, "stdin"}, {s.bIOPub, k.child.IOPubPort, "iopub"}} {
		if err := d.s.Dial(k.child.Endpoint(d.port)); err != nil {
			return fmt.Errorf("proxy: connecting to GoNB's %s on %s: %w", d.name, k.child.Endpoint(d.port), err)
		}
	}
	if err := s.bIOPub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		return fmt.Errorf("proxy: subscribing to GoNB's iopub: %w", err)
	}

	go k.relay(ctx, "shell→gonb", s.fShell, s.bShell, k.frontKey, k.childKey, k.onShellRequest)
	go k.relay(ctx, "gonb→shell", s.bShell, s.fShell, k.childKey, k.frontKey, k.onShellReply)
	go k.relay(ctx, "control→gonb", s.fControl, s.bControl, k.frontKey, k.childKey, k.onControlRequest)
	go k.relay(ctx, "gonb→control", s.bControl, s.fControl, k.childKey, k.frontKey, k.onControlReply)
	go k.relay(ctx, "stdin→gonb", s.fStdin, s.bStdin, k.frontKey, k.childKey, nil)
	go k.relay(ctx, "gonb→stdin", s.bStdin, s.fStdin, k.childKey, k.frontKey, nil)
	go k.relayIOPub(ctx, s.bIOPub, s.fIOPub)
	go k.heartbeat(ctx, s.fHB)

	for {
		select {
		case sig := <-sigs:
			if sig == syscall.SIGINT {
				k.log.Printf("SIGINT: interrupting GoNB")
				_ = k.cmd.Process.Signal(syscall.SIGINT)
				continue
			}
			k.log.Printf("%v: shutting down", sig)
			return nil
		case <-k.shutdown:
			k.log.Printf("shutdown requested")
			return nil
		case <-k.exited:
			select {
			case <-k.stopping:
				return nil
			default:
			}
			return fmt.Errorf("proxy: GoNB exited unexpectedly: %v\nGoNB's log ends:\n%s", k.exitErr, k.childTail.lines(30))
		case <-ctx.Done():
			return nil
		}
	}
}

// stopChild ends GoNB and its process group: it waits briefly for a clean
// exit after a shutdown request, then sends SIGTERM, then SIGKILL.
func (k *Kernel) stopChild() {
	k.once.Do(func() { close(k.stopping) })
	k.killChild()
}

// killChild ends the current GoNB and its process group.
func (k *Kernel) killChild() {
	if k.cmd == nil || k.cmd.Process == nil {
		return
	}
	wait := func(d time.Duration) bool {
		select {
		case <-k.exited:
			return true
		case <-time.After(d):
			return false
		}
	}
	if !wait(2 * time.Second) {
		signalGroup(k.cmd, syscall.SIGTERM)
		if !wait(3 * time.Second) {
			k.log.Printf("GoNB did not stop after SIGTERM: killing its process group")
		}
	}
	// Cell programs GoNB started may outlive it: end the group in any case.
	signalGroup(k.cmd, syscall.SIGKILL)
	wait(2 * time.Second)
}

// receive returns the next message on from that parses and carries a valid
// signature, or false when the kernel stops.
func (k *Kernel) receive(ctx context.Context, name string, from zmq4.Socket, key []byte) (*wire.Message, bool) {
	for {
		zm, err := from.Recv()
		if err != nil {
			select {
			case <-ctx.Done():
				return nil, false
			case <-k.stopping:
				return nil, false
			default:
			}
			k.log.Printf("%s: receiving: %v", name, err)
			time.Sleep(10 * time.Millisecond)
			continue
		}
		m, err := wire.Parse(zm.Frames, key)
		if err != nil {
			k.log.Printf("%s: dropping message: %v", name, err)
			continue
		}
		return m, true
	}
}

// relay moves messages from one socket to another, re-signing them. hook,
// when not nil, sees each message first; it may change it, and returns false
// to drop it.
func (k *Kernel) relay(ctx context.Context, name string, from, to zmq4.Socket, fromKey, toKey []byte, hook func(*wire.Message) bool) {
	for {
		m, ok := k.receive(ctx, name, from, fromKey)
		if !ok {
			return
		}
		if hook != nil && !hook(m) {
			continue
		}
		if err := to.Send(zmq4.NewMsgFrom(m.Frames(toKey)...)); err != nil {
			k.log.Printf("%s: sending %s: %v", name, m.Type(), err)
		}
	}
}

// heartbeat relays Jupyter's pings to GoNB's heartbeat socket and GoNB's
// answers back. A ping GoNB does not answer within 5 s gets no answer, so
// Jupyter sees the kernel as it is.
func (k *Kernel) heartbeat(ctx context.Context, hb zmq4.Socket) {
	var req zmq4.Socket
	renew := func() {
		if req != nil {
			req.Close()
		}
		req = zmq4.NewReq(ctx)
		if err := req.Dial(k.child.Endpoint(k.child.HBPort)); err != nil {
			k.log.Printf("heartbeat: connecting to GoNB: %v", err)
		}
	}
	renew()
	defer func() { req.Close() }()
	for {
		m, err := hb.Recv()
		if err != nil {
			select {
			case <-k.stopping:
				return
			case <-ctx.Done():
				return
			default:
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		answer := make(chan zmq4.Msg, 1)
		go func(r zmq4.Socket) {
			if r.Send(m) != nil {
				return
			}
			if a, err := r.Recv(); err == nil {
				answer <- a
			}
		}(req)
		select {
		case a := <-answer:
			_ = hb.Send(a)
		case <-time.After(5 * time.Second):
			k.log.Printf("heartbeat: GoNB did not answer within 5 s")
			renew()
		case <-k.stopping:
			return
		}
	}
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
	mg := parseMagic(code)
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
		parent: append(json.RawMessage(nil), m.Header...),
		source: code,
		silent: silent,
		repro:  k.reproOn && !silent,
		notes:  mg.notes,
		start:  time.Now(),
	}
	k.mu.Unlock()
	return true
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
			select {
			case <-k.shutdown:
			default:
				close(k.shutdown)
			}
		}()
	}
	return true
}

// relayIOPub moves GoNB's iopub messages to Jupyter, adding golgi's own.
func (k *Kernel) relayIOPub(ctx context.Context, from, to zmq4.Socket) {
	for {
		m, ok := k.receive(ctx, "iopub", from, k.childKey)
		if !ok {
			return
		}
		before, after := k.onIOPub(m)
		for _, x := range append(append(before, m), after...) {
			if err := to.Send(zmq4.NewMsgFrom(x.Frames(k.frontKey)...)); err != nil {
				k.log.Printf("iopub: sending %s: %v", x.Type(), err)
			}
		}
	}
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
			k.mu.Lock()
			delete(k.cells, pid)
			k.mu.Unlock()
			return append(k.notes(c), k.finish(c)...), nil
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
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); b.Notebook = repro.Git(context.Background(), k.nbDir) }()
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

// readRuns returns the runs appended to the run log since offset.
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
	return runs
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
