//go:build unix

package store

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// lockLine is what a store's lock file holds: who has the store open.
var lockLine = regexp.MustCompile(`^(pid [0-9]+ on .* since [0-9TZ:+-]+\n)?$`)

// lock takes the store's exclusive lock (flock on dir/sweep.lock), which
// the kernel releases when the process ends, however it ends. A file of
// that name that is not a golgi lock file is left alone (and the store
// refused).
func lock(dir string) (func(), error) {
	path := filepath.Join(dir, LockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b, _ := os.ReadFile(path)
		f.Close()
		return nil, fmt.Errorf("store: %s is in use by another process (%s): one process at a time may open a store; give each shard its own directory", dir, strings.TrimSpace(string(b)))
	}
	b := make([]byte, 4097)
	n, _ := f.ReadAt(b, 0)
	if n > 4096 || !lockLine.Match(b[:n]) {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
		return nil, fmt.Errorf("store: %s: %s exists and is not a golgi lock file (%d bytes): golgi will not write over it; move it away or give the sweep another directory", dir, path, n)
	}
	f.Truncate(0)
	host, _ := os.Hostname()
	f.WriteAt([]byte("pid "+strconv.Itoa(os.Getpid())+" on "+host+" since "+time.Now().UTC().Format(time.RFC3339)+"\n"), 0)
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// Busy reports whether a process has the store in dir open (holds its
// lock).
func Busy(dir string) bool {
	f, err := os.Open(filepath.Join(dir, LockName))
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}
