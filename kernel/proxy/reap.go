package proxy

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// MarkerEnv names the environment variable the kernel sets, to a value of
// its own, for GoNB; every process GoNB starts inherits it, including those
// that leave GoNB's process group (gopls runs in a group of its own).
const MarkerEnv = "GOLGI_KERNEL_ID"

// marked lists the processes (other than this one) whose environment holds
// MarkerEnv=marker.
func marked(marker string) []int {
	want := []byte(MarkerEnv + "=" + marker + "\x00")
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	self := os.Getpid()
	var pids []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		env, err := os.ReadFile("/proc/" + e.Name() + "/environ")
		if err != nil {
			continue
		}
		if bytes.Contains(append(env, 0), want) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// Sweep ends every process carrying the marker: SIGTERM, then SIGKILL to
// those still there after grace.
func Sweep(marker string, grace time.Duration) {
	pids := marked(marker)
	if len(pids) == 0 {
		return
	}
	for _, p := range pids {
		_ = syscall.Kill(p, syscall.SIGTERM)
	}
	deadline := time.Now().Add(grace)
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		if len(marked(marker)) == 0 {
			return
		}
	}
	for _, p := range marked(marker) {
		_ = syscall.Kill(p, syscall.SIGKILL)
	}
}

// Reap is the kernel's watchdog: it waits until r (a pipe whose other end
// the kernel holds) reaches end of file, which happens however the kernel
// ends, even by SIGKILL, then sweeps the marker's processes.
func Reap(r io.Reader, marker string) {
	_, _ = io.Copy(io.Discard, r)
	Sweep(marker, 2*time.Second)
}

// startReaper starts `golgi reap` (this executable) in a process group of
// its own, so that a signal to the kernel's group does not reach it, with a
// pipe on its stdin that closes when the kernel exits.
func startReaper(marker string) (*os.File, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "reap", "--marker", marker)
	cmd.Stdin = r
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return nil, err
	}
	r.Close()
	go func() { _ = cmd.Wait() }()
	return w, nil
}
