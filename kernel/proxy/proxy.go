package proxy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
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
	// DWARF keeps the debug information in cells' programs; by default the
	// kernel gives GoNB GOFLAGS with CellLinkFlag (-ldflags=-w), which
	// halves the link of every cell.
	DWARF bool
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
	// gonbDir is GoNB's work directory, read from its log.
	gonbDir *workDirWatch
	// sessionName is the notebook's path as the server gives it
	// (JPY_SESSION_NAME), "" when not set.
	sessionName string
	marker      string
	reaper      *os.File

	static     repro.Static
	staticDone chan struct{}

	mu       sync.Mutex
	cells    map[string]*cell
	reproOn  bool
	shutdown chan struct{}
	// shutdownOnce closes shutdown.
	shutdownOnce sync.Once
	once         sync.Once
	stopping     chan struct{}
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
	gonbDir := &workDirWatch{}
	cfg.ChildLog = io.MultiWriter(gonbDir, cfg.ChildLog)
	k := &Kernel{
		cfg:         cfg,
		log:         log.New(cfg.Log, "golgi kernel: ", log.LstdFlags|log.Lmicroseconds),
		cells:       map[string]*cell{},
		reproOn:     true,
		shutdown:    make(chan struct{}),
		stopping:    make(chan struct{}),
		staticDone:  make(chan struct{}),
		childTail:   childTail,
		gonbDir:     gonbDir,
		sessionName: os.Getenv("JPY_SESSION_NAME"),
		s:           &sockets{},
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
	// The kernel's own tools (go for the versions) and GoNB see one PATH.
	if len(cfg.PathDirs) > 0 {
		os.Setenv("PATH", strings.Join(append(append([]string(nil), cfg.PathDirs...), os.Getenv("PATH")), string(os.PathListSeparator)))
	}
	go func() {
		k.static = repro.CollectStatic(ctx, cfg.GoNB)
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
	cmd.Env = append(os.Environ(), runlog.EnvVar+"="+k.runLog, MarkerEnv+"="+k.marker,
		"GOFLAGS="+cellGoFlags(os.Getenv("GOFLAGS"), k.cfg.DWARF))
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

// waitChild waits until GoNB answers a ping on its heartbeat socket, which
// it binds last: then all its sockets listen. (A plain TCP probe would make
// GoNB log failed ZMTP handshakes.)
func (k *Kernel) waitChild(ctx context.Context) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		if k.pingChild(ctx, 2*time.Second) {
			return nil
		}
		select {
		case <-k.exited:
			return errEarlyExit{k.exitErr}
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("proxy: GoNB does not answer on its heartbeat %s after 60 s", k.child.Endpoint(k.child.HBPort))
		}
	}
}

// pingChild sends one heartbeat to GoNB and reports whether it answered
// within d.
func (k *Kernel) pingChild(ctx context.Context, d time.Duration) bool {
	req := zmq4.NewReq(ctx, zmq4.WithDialerMaxRetries(0))
	defer req.Close()
	if err := req.Dial(k.child.Endpoint(k.child.HBPort)); err != nil {
		return false
	}
	answered := make(chan bool, 1)
	go func() {
		if req.Send(zmq4.NewMsgString("golgi-ping")) != nil {
			answered <- false
			return
		}
		_, err := req.Recv()
		answered <- err == nil
	}()
	select {
	case ok := <-answered:
		return ok
	case <-time.After(d):
		return false
	}
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
