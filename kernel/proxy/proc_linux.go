//go:build linux

package proxy

import (
	"os/exec"
	"syscall"
)

// detach puts the child in its own process group and asks Linux to send it
// SIGTERM when the proxy dies, so that no GoNB outlives its kernel.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}

// signalGroup sends sig to the child's whole process group (GoNB and the cell
// programs it started).
func signalGroup(cmd *exec.Cmd, sig syscall.Signal) {
	if cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, sig)
}
