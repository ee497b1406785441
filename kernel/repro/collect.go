package repro

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// Static is the part of a Block that does not change while a kernel lives:
// who, where and which versions. CollectStatic computes it once.
type Static struct {
	User     string
	Host     string
	Versions Versions
	Platform Platform
}

// CollectStatic gathers the static fields. gonb is the path of the GoNB
// binary; it may be empty, and what
// cannot be found is recorded as "unknown (...)" rather than failing.
func CollectStatic(ctx context.Context, gonb string) Static {
	s := Static{
		User:     currentUser(),
		Host:     hostname(),
		Platform: collectPlatform(),
	}
	s.Versions.Kernel = kernelVersion()
	s.Versions.GoNB = ModuleVersion(ctx, gonb, "github.com/janpfeifer/gonb")
	if s.Versions.GoNB == "" {
		s.Versions.GoNB = "unknown (no GoNB module in " + strconv.Quote(gonb) + ")"
	}
	s.Versions.Go = goVersion(ctx)
	return s
}

// Apply copies s into b.
func (s Static) Apply(b *Block) {
	b.Schema = SchemaVersion
	b.User, b.Host = s.User, s.Host
	b.Versions, b.Platform = s.Versions, s.Platform
}

func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, v := range []string{"USER", "LOGNAME"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return "unknown (uid " + strconv.Itoa(os.Getuid()) + ")"
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "unknown (" + errString(err) + ")"
	}
	return h
}

func collectPlatform() Platform {
	p := Platform{
		OS:         runtime.GOOS,
		Arch:       runtime.GOARCH,
		Cores:      runtime.NumCPU(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		CPU:        cpuModel(),
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		p.Kernel = strings.TrimSpace(string(b))
	}
	return p
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown (" + runtime.GOARCH + ")"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "model name", "Model", "cpu model":
			return strings.TrimSpace(v)
		}
	}
	return "unknown (" + runtime.GOARCH + ")"
}

// kernelVersion is the version of the running golgi binary: its main
// module version, with the VCS revision when the build recorded one.
func kernelVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (no build info)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v + " " + bi.GoVersion
}

func goVersion(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "go", "env", "GOVERSION").Output()
	if err != nil || len(bytes.TrimSpace(out)) == 0 {
		return runtime.Version() + " (kernel's; go env failed)"
	}
	return strings.TrimSpace(string(out))
}

// Git returns the git state of the work tree containing dir: its HEAD, and
// whether the given paths (relative to dir; all of the work tree when none)
// differ from it.
func Git(ctx context.Context, dir string, paths ...string) GitState {
	g := GitState{Dir: dir, Paths: paths}
	if abs, err := filepath.Abs(dir); err == nil {
		g.Dir = abs
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	run := func(args ...string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
		return cmd.Output()
	}
	head, err := run("rev-parse", "HEAD")
	if err != nil {
		if _, lerr := exec.LookPath("git"); lerr != nil {
			g.Note = "git is not installed"
		} else if _, terr := run("rev-parse", "--show-toplevel"); terr != nil {
			g.Note = "not a git repository"
		} else {
			g.Note = "repository has no commit yet"
		}
		return g
	}
	g.Commit = strings.TrimSpace(string(head))
	spec := append([]string{"--"}, paths...)
	if len(paths) == 0 {
		spec = nil
	}
	if st, err := run(append([]string{"status", "--porcelain"}, spec...)...); err == nil {
		for _, l := range strings.Split(string(st), "\n") {
			if strings.TrimSpace(l) != "" {
				g.Changed++
				if len(g.Changes) < MaxChanges {
					g.Changes = append(g.Changes, l)
				}
			}
		}
		g.Dirty = g.Changed > 0
	} else {
		g.Note = "git status failed: " + err.Error()
	}
	diff, err := run(append([]string{"diff", "HEAD", "--no-ext-diff", "--binary"}, spec...)...)
	if err != nil {
		g.Note = "git diff failed: " + err.Error()
		return g
	}
	s := sha256.Sum256(diff)
	g.DiffSHA256 = hex.EncodeToString(s[:])
	return g
}

func errString(err error) string {
	if err == nil {
		return "empty"
	}
	return err.Error()
}
