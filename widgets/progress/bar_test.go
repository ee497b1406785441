package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// fakeClock advances only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func newTestBar(total float64, unit string, out *bytes.Buffer) (*Bar, *fakeClock) {
	c := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	b := New(total, unit)
	b.now = c.now
	b.start = c.t
	b.Out = out
	return b, c
}

func TestBarLine(t *testing.T) {
	var out bytes.Buffer
	b, c := newTestBar(1000, "ms", &out)
	c.t = c.t.Add(2 * time.Second)
	b.Update(500)
	// 500 ms simulated in 2 s wall: 250 ms/s, 500 ms left at 250 ms/s = 2 s.
	want := "run [##########..........]  50% 500/1000 ms | wall 2.0s | 250 ms/s (0.25× real time) | ETA 2.0s"
	if got := b.String(); got != want {
		t.Errorf("String() = %q\nwant       %q", got, want)
	}
	if !strings.Contains(out.String(), "\r"+want) {
		t.Errorf("terminal output %q lacks \\r + line", out.String())
	}
	c.t = c.t.Add(2 * time.Second)
	b.Update(1000)
	b.Done()
	if !strings.HasSuffix(out.String(), "| done\x1b[K\n") {
		t.Errorf("after Done, output ends %q, want the final line and a newline", out.String())
	}
	n := strings.Count(out.String(), "\r")
	b.Update(10) // ignored after Done
	if strings.Count(out.String(), "\r") != n {
		t.Error("Update after Done redrew the bar")
	}
}

func TestBarThrottle(t *testing.T) {
	var out bytes.Buffer
	b, c := newTestBar(100, "ms", &out)
	for i := range 100 { // 100 updates in 0.99 s: at most 10 redraws
		b.Update(float64(i))
		c.t = c.t.Add(10 * time.Millisecond)
	}
	if n := strings.Count(out.String(), "\r"); n > 10 || n < 9 {
		t.Errorf("%d redraws for 100 updates over 1 s, want 9 or 10 (Interval %v)", n, Interval)
	}
}

func TestSweep(t *testing.T) {
	var out bytes.Buffer
	s := NewSweep(20)
	c := &fakeClock{t: s.start}
	s.now, s.Out = c.now, &out
	c.t = c.t.Add(8900 * time.Millisecond)
	s.Update(13, 1, 4)
	got := s.String()
	want := "sweep [#############.......]  65% 13/20 points (1 failed, 4 running) | wall 8.9s | 1.5 points/s | ETA 4.8s"
	if got != want {
		t.Errorf("String() = %q\nwant       %q", got, want)
	}
	if h := s.HTML(); !strings.Contains(h, "1 failed, 4 running") || !strings.Contains(h, "width:65.0%") {
		t.Errorf("HTML() = %s", h)
	}
}
