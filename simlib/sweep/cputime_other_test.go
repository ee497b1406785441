//go:build !unix

package sweep_test

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
