package interrupt

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// Context returns a context cancelled by SIGINT (a kernel interrupt, or
// Ctrl-C in a terminal) or SIGTERM; stop restores the default handling.
func Context() (ctx context.Context, stop context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}
