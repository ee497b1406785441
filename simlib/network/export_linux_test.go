package network

import (
	"syscall"
	"time"
	"unsafe"
)

// ThreadClock makes WorkerTimes measure each worker's thread CPU time
// (CLOCK_THREAD_CPUTIME_ID, Linux), with the workers locked to their
// threads, and time one worker too; false restores wall time.
func ThreadClock(on bool) {
	statThread = on
	if !on {
		statNow = time.Now
		return
	}
	statNow = func() time.Time {
		var ts syscall.Timespec
		syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, 3, uintptr(unsafe.Pointer(&ts)), 0)
		return time.Unix(0, ts.Nano())
	}
}
