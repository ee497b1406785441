package progress

import (
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/golgi-sim/golgi/widgets"
)

// Interval is the least time between two redraws of a bar.
const Interval = 100 * time.Millisecond

// Bar is a progress bar over a quantity with a unit: simulated time in ms
// for a run, or points for a sweep (see Sweep). Its methods are safe for
// concurrent use.
type Bar struct {
	// Label is written before the bar; default "run" (New) or "sweep" (NewSweep).
	Label string
	// Out receives the terminal line outside a notebook; default os.Stderr.
	// Set it (and Label) before the first Update.
	Out io.Writer

	mu      sync.Mutex
	total   float64
	unit    string
	done    float64
	failed  int  // sweeps only
	running int  // sweeps only
	sweep   bool // show failed and running
	start   time.Time
	drawn   time.Time // last redraw
	id      string    // notebook output block
	closed  bool
	now     func() time.Time
	show    func(b *Bar, final bool)
}

// New returns a bar over total units (e.g. New(1000, "ms") for a run of
// 1 s of simulated time). The clock starts now.
func New(total float64, unit string) *Bar {
	b := &Bar{Label: "run", total: total, unit: unit, now: time.Now}
	b.start = b.now()
	b.show = (*Bar).display
	return b
}

// Update sets how much is done (in the bar's unit) and redraws the bar if
// the last redraw is more than Interval ago.
func (b *Bar) Update(done float64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done = done
	b.maybeDraw()
}

func (b *Bar) maybeDraw() {
	if b.closed {
		return
	}
	t := b.now()
	if !b.drawn.IsZero() && t.Sub(b.drawn) < Interval {
		return
	}
	b.drawn = t
	b.show(b, false)
}

// Done draws the final state and ends the bar's line or block. Further
// updates are ignored.
func (b *Bar) Done() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	b.show(b, true)
}

// display shows the bar in the notebook or on the terminal.
func (b *Bar) display(final bool) {
	if widgets.IsNotebook() {
		if b.id == "" {
			b.id = "golgi_progress_" + widgets.UniqueID()
		}
		widgets.UpdateHTML(b.id, b.htmlLocked())
		if final {
			widgets.Sync()
		}
		return
	}
	w := b.Out
	if w == nil {
		w = os.Stderr
	}
	end := ""
	if final {
		end = "\n"
	}
	fmt.Fprintf(w, "\r%s\x1b[K%s", b.lineLocked(), end)
}

// fraction is done/total clamped to [0,1].
func (b *Bar) fractionLocked() float64 {
	if b.total <= 0 {
		return 0
	}
	return math.Max(0, math.Min(1, b.done/b.total))
}

// stats returns the wall time so far, the speed (units per wall second)
// and the estimated time left (negative when unknown).
func (b *Bar) statsLocked() (wall time.Duration, speed float64, eta time.Duration) {
	wall = b.now().Sub(b.start)
	eta = -1
	if s := wall.Seconds(); s > 0 && b.done > 0 {
		speed = b.done / s
		if b.total >= b.done {
			eta = time.Duration((b.total - b.done) / speed * float64(time.Second))
		}
	}
	return wall, speed, eta
}

// String returns the bar as one line of text, e.g.
// "run [#####.....] 50% 500/1000 ms | wall 2.0s | 250 ms/s | ETA 2.0s".
func (b *Bar) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.lineLocked()
}

func (b *Bar) lineLocked() string {
	f := b.fractionLocked()
	n := int(math.Round(f * 20))
	return fmt.Sprintf("%s [%s%s] %3.0f%% %s", b.Label, strings.Repeat("#", n), strings.Repeat(".", 20-n), 100*f, b.detailLocked())
}

func (b *Bar) detailLocked() string {
	wall, speed, eta := b.statsLocked()
	var s strings.Builder
	fmt.Fprintf(&s, "%s/%s %s", num(b.done), num(b.total), b.unit)
	if b.sweep {
		fmt.Fprintf(&s, " (%d failed, %d running)", b.failed, b.running)
	}
	fmt.Fprintf(&s, " | wall %s", dur(wall))
	if speed > 0 {
		fmt.Fprintf(&s, " | %s %s/s", num(speed), b.unit)
		if b.unit == "ms" { // simulated time: also as a fraction of real time
			fmt.Fprintf(&s, " (%s× real time)", num(speed/1000))
		}
	}
	switch {
	case b.closed:
		s.WriteString(" | done")
	case eta >= 0:
		fmt.Fprintf(&s, " | ETA %s", dur(eta))
	}
	return s.String()
}

// HTML returns the bar as an HTML fragment (what the notebook shows).
func (b *Bar) HTML() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.htmlLocked()
}

func (b *Bar) htmlLocked() string {
	f := b.fractionLocked()
	colour := "#4a7bd0"
	if b.closed {
		colour = "#3ba272"
	}
	if b.sweep && b.failed > 0 {
		colour = "#d0804a"
	}
	return fmt.Sprintf(`<div class="golgi-progress" style="font-family:sans-serif;font-size:13px;margin:4px 0"><span style="display:inline-block;width:260px;height:12px;background:#e6e6e6;border-radius:3px;vertical-align:middle;overflow:hidden"><span style="display:block;height:100%%;width:%.1f%%;background:%s"></span></span> <b>%s</b> %.0f%% <span style="color:#555">%s</span></div>`,
		100*f, colour, html.EscapeString(b.Label), 100*f, html.EscapeString(b.detailLocked()))
}

// num formats a count or a quantity compactly: 1000 -> "1000", 12.345 -> "12.3".
func num(v float64) string {
	switch {
	case v == math.Trunc(v) && math.Abs(v) < 1e9:
		return fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2g", v)
}

// dur formats a duration to a tenth of a second, or as 1h02m03s.
func dur(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return d.Round(time.Second).String()
}
