package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// InstallHint is what a test prints when no browser is found.
const InstallHint = "chromium is required for the browser tests: apt-get install -y chromium (or set GOLGI_CHROMIUM to a Chrome/Chromium binary)"

// Path returns the chromium binary: $GOLGI_CHROMIUM, else the first of
// chromium, chromium-browser, google-chrome on PATH, else "".
func Path() string {
	if p := os.Getenv("GOLGI_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser is one headless chromium with one tab.
type Browser struct {
	t   testing.TB
	ctx context.Context
}

// New starts headless chromium with a window of w×h CSS pixels (device
// scale 1) and stops it when the test ends. It fails the test when chromium
// is missing.
func New(t testing.TB, w, h int) *Browser {
	t.Helper()
	path := Path()
	if path == "" {
		t.Fatal(InstallHint)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("force-device-scale-factor", "1"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(w, h),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v\n%s", path, err, InstallHint)
	}
	return &Browser{t: t, ctx: ctx}
}

// Open loads url (e.g. "file:///tmp/x.html") and waits for its load event.
func (b *Browser) Open(url string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		b.t.Fatalf("opening %s: %v", url, err)
	}
}

// Wait evaluates the JavaScript expression every 50 ms until it is true or
// timeout passes.
func (b *Browser) Wait(expr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool]("!!("+expr+")"))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if err != nil {
				return fmt.Errorf("waiting %v for %s: %w", timeout, expr, err)
			}
			return fmt.Errorf("waiting %v for %s: still false", timeout, expr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Eval evaluates expr and decodes its JSON value into T.
func Eval[T any](b *Browser, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// FullPage resizes the viewport to the whole page (width w, the page's
// height), so that a screenshot needs no capture beyond the viewport (which
// resizes the page while capturing and can catch charts mid-redraw), then
// waits until settle (a JavaScript expression, e.g. ChartsDrawn) is true.
// Measure element positions after it.
func (b *Browser) FullPage(w int, settle string) {
	b.t.Helper()
	h := Eval[float64](b, "Math.ceil(document.documentElement.scrollHeight)")
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(int64(w), int64(h))); err != nil {
		b.t.Fatalf("resizing the viewport to %dx%v: %v", w, h, err)
	}
	if err := b.Wait(settle, 60*time.Second); err != nil {
		b.t.Fatal(err)
	}
}

// Screenshot returns the viewport (the whole page after FullPage) as an
// image, and its PNG encoding.
func (b *Browser) Screenshot() (image.Image, []byte) {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		b.t.Fatalf("decoding screenshot: %v", err)
	}
	return img, buf
}

// ChartsDrawn is a JavaScript expression, for Wait, that is true when the
// page has n golgi chart boxes and every one has drawn a frame and none
// for quiet ms: rendering, progressive or not, is over. It reads the
// timestamps the charts' own script records (window.golgiRender); ECharts'
// "finished" event is not used because it does not always fire under
// DevTools polling.
func ChartsDrawn(n int, quiet float64) string {
	return fmt.Sprintf(`(function(){var R=window.golgiRender||{};var els=document.querySelectorAll('.golgi-chart');if(els.length!=%d)return false;var now=performance.now();for(var i=0;i<els.length;i++){var r=R[els[i].id];if(!r||!r.last||now-(r.t0+r.last)<%g)return false;}return true})()`, n, quiet)
}

// Rect is a region of the page in CSS pixels (= screenshot pixels at
// device scale 1).
type Rect struct{ X, Y, W, H float64 }

// Inset returns r shrunk by the given margins.
func (r Rect) Inset(left, top, right, bottom float64) Rect {
	return Rect{r.X + left, r.Y + top, r.W - left - right, r.H - top - bottom}
}

// Ink counts the pixels of img inside r that are coloured: whose RGB
// channels differ by more than minChroma (of 255). Text, axes, grid lines
// and the white background are grey and do not count; data drawn in a
// palette colour does. It also returns the number of pixels looked at.
func Ink(img image.Image, r Rect, minChroma int) (inked, total int) {
	bounds := img.Bounds()
	x0, y0 := max(int(r.X), bounds.Min.X), max(int(r.Y), bounds.Min.Y)
	x1, y1 := min(int(r.X+r.W), bounds.Max.X), min(int(r.Y+r.H), bounds.Max.Y)
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			R, G, B := int(cr>>8), int(cg>>8), int(cb>>8)
			if max(R, G, B)-min(R, G, B) > minChroma {
				inked++
			}
			total++
		}
	}
	return inked, total
}
