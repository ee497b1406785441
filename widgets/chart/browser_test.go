package chart

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/internal/browsertest"
	"github.com/golgi-sim/golgi/widgets/assets"
)

// needBrowser skips under -short, makes sure the ECharts bundle is present
// (fetching it from npm like setup does) and starts chromium, failing when
// it is missing.
func needBrowser(t *testing.T) *browsertest.Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test; skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, _, err := assets.EnsureECharts(ctx); err != nil {
		t.Fatalf("the ECharts bundle is needed: %v", err)
	}
	return browsertest.New(t, 1000, 1000)
}

// minInk is the least number of coloured pixels that counts as drawn data
// in a plot region. The empty control chart draws 0; the sparsest real
// chart (scatter, 40 symbols of 6 px) draws over 600.
const minInk = 150

// plotRect returns the plot region of the chart box r from the grid
// margins in the chart's option.
func plotRect(t *testing.T, c *Chart, r browsertest.Rect) browsertest.Rect {
	var o struct {
		Grid struct{ Left, Right, Top, Bottom float64 } `json:"grid"`
	}
	if err := json.Unmarshal(c.Option(), &o); err != nil {
		t.Fatal(err)
	}
	return r.Inset(o.Grid.Left, o.Grid.Top, o.Grid.Right, o.Grid.Bottom)
}

// TestBrowserRendersEveryChart renders a standalone page with one chart of
// every kind (plus a 100,000-spike raster and an empty control) in headless
// chromium and checks from the screenshot that each plot region has drawn
// content, and that the empty control has none.
func TestBrowserRendersEveryChart(t *testing.T) {
	b := needBrowser(t)
	all, err := allCharts(2000)
	if err != nil {
		t.Fatal(err)
	}
	big, err := Raster(testSpikes(100_000, 800, 1000), &RasterOptions{Title: "100,000 spikes"})
	if err != nil {
		t.Fatal(err)
	}
	all["raster100k"] = big
	// A legend of many long names (it must scroll in its band, not wrap
	// onto the plot).
	var many [][]float64
	var long []string
	tt := make([]float64, 200)
	for k := range tt {
		tt[k] = float64(k)
	}
	for i := range 14 {
		v := make([]float64, len(tt))
		for k := range v {
			v[k] = float64(i) + float64(k%20)
		}
		many = append(many, v)
		long = append(long, fmt.Sprintf("neuron %d of population excitatory", i))
	}
	all["traces14"] = must(Traces(tt, many, long, &XYOptions{Title: "14 traces", YLabel: "V (mV)"}))
	empty, err := Line(nil, nil, &XYOptions{Title: "empty control"})
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	names = append(names, "empty")
	all["empty"] = empty
	list := make([]*Chart, len(names))
	for i, n := range names {
		list[i] = all[n]
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "all.html")
	if err := SavePage(page, "golgi: every chart", list...); err != nil {
		t.Fatal(err)
	}
	b.Open("file://" + page)
	if err := b.Wait(browsertest.ChartsDrawn(len(list), 1000), 60*time.Second); err != nil {
		t.Fatal(err)
	}
	b.FullPage(1000, browsertest.ChartsDrawn(len(list), 1000))
	rects := browsertest.Eval[[]browsertest.Rect](b, `Array.from(document.querySelectorAll('.golgi-chart')).map(function(e){var r=e.getBoundingClientRect();return {X:r.left+window.scrollX,Y:r.top+window.scrollY,W:r.width,H:r.height};})`)
	if len(rects) != len(list) {
		t.Fatalf("page has %d chart boxes, want %d", len(rects), len(list))
	}
	img, pngBytes := b.Screenshot()
	shot := filepath.Join(dir, "all.png")
	if err := os.WriteFile(shot, pngBytes, 0o644); err != nil {
		t.Fatal(err)
	}
	if a := os.Getenv("GOLGI_TEST_ARTIFACTS"); a != "" {
		_ = os.MkdirAll(a, 0o755)
		_ = os.WriteFile(filepath.Join(a, "every-chart.png"), pngBytes, 0o644)
		_ = os.WriteFile(filepath.Join(a, "every-chart.html"), must(os.ReadFile(page)), 0o644)
	}
	for i, n := range names {
		pr := plotRect(t, list[i], rects[i])
		ink, total := browsertest.Ink(img, pr, 60)
		t.Logf("%-11s box %v plot %v: %d of %d pixels coloured", n, rects[i], pr, ink, total)
		if n == "empty" {
			if ink > 0 {
				t.Errorf("empty control chart has %d coloured pixels in its plot region; the ink check is not telling data from axes (screenshot %s)", ink, shot)
			}
			continue
		}
		if ink < minInk {
			t.Errorf("%s: plot region %v has %d coloured pixels, want >= %d: blank chart? (screenshot %s)", n, pr, ink, minInk, shot)
		}
	}
	// Every legend shown lies outside its chart's plot area (ECharts'
	// own layout: the legend view's bounding box and the grid's rectangle),
	// so it covers no data.
	type box struct{ X, Y, W, H float64 }
	type layout struct {
		ID     string
		Legend bool
		L, G   box
	}
	lays := browsertest.Eval[[]layout](b, `Array.from(document.querySelectorAll('.golgi-chart')).map(function(e){
		var ch=echarts.getInstanceByDom(e),m=ch.getModel(),lm=m.getComponent('legend',0),gm=m.getComponent('grid',0);
		if(!lm||!lm.get('show')||!gm)return {ID:e.id,Legend:false};
		var v=ch.getViewOfComponentModel(lm),r=v.group.getBoundingRect().clone(),tr=v.group.getComputedTransform();
		if(tr)r.applyTransform(tr);
		var g=gm.coordinateSystem.getRect();
		return {ID:e.id,Legend:true,L:{X:r.x,Y:r.y,W:r.width,H:r.height},G:{X:g.x,Y:g.y,W:g.width,H:g.height}};})`)
	if len(lays) != len(list) {
		t.Fatalf("layouts of %d charts, want %d", len(lays), len(list))
	}
	legends := 0
	for i, l := range lays {
		if !l.Legend {
			continue
		}
		legends++
		if l.L.W <= 0 || l.L.H <= 0 {
			t.Errorf("%s: legend box %+v is empty: the check would not see it", names[i], l.L)
			continue
		}
		if l.L.X < l.G.X+l.G.W && l.G.X < l.L.X+l.L.W && l.L.Y < l.G.Y+l.G.H && l.G.Y < l.L.Y+l.L.H {
			t.Errorf("%s: legend %+v overlaps the plot area %+v (screenshot %s)", names[i], l.L, l.G, shot)
		}
		t.Logf("%-11s legend %+v, plot area %+v", names[i], l.L, l.G)
	}
	// raster, traces, traces14, rate, histogram, metric, line, scatter
	if legends < 6 {
		t.Errorf("%d charts with a legend checked, want at least 6", legends)
	}
	errs := browsertest.Eval[[]string](b, `Array.from(document.querySelectorAll('.golgi-chart')).filter(function(e){return !e.querySelector('canvas')}).map(function(e){return e.id+': '+e.textContent})`)
	if len(errs) > 0 {
		t.Errorf("chart boxes without a canvas: %v", errs)
	}
}

// TestBrowserRaster100kRenderTime measures, in headless chromium on this
// machine, how long a 100,000-spike raster takes from echarts.init to the
// last frame ECharts draws (large mode renders progressively, over several
// frames), and from navigation start to that frame (which includes reading
// and parsing the 1 MB library and the 1.2 MB of data). It reports the
// numbers (docs/widgets-performance.md); it asserts no time.
func TestBrowserRaster100kRenderTime(t *testing.T) {
	b := needBrowser(t)
	c, err := Raster(testSpikes(100_000, 800, 1000), nil)
	if err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "raster100k.html")
	if err := c.SaveHTML(page); err != nil {
		t.Fatal(err)
	}
	var render, total []float64
	const runs = 5
	for range runs {
		b.Open("file://" + page)
		// Wait until a frame was drawn and none for 1 s: progressive
		// rendering is then over. ("finished" does not always fire while
		// the test polls the page.)
		var last float64 = -1
		deadline := time.Now().Add(60 * time.Second)
		for {
			time.Sleep(time.Second)
			l := browsertest.Eval[float64](b, `(function(){var e=document.querySelector('.golgi-chart');var r=e&&window.golgiRender&&window.golgiRender[e.id];return r&&r.last?r.last:-1})()`)
			if l > 0 && l == last {
				break
			}
			last = l
			if time.Now().After(deadline) {
				t.Fatal("no frame drawn in 60 s")
			}
		}
		nav := browsertest.Eval[float64](b, `(function(){var r=window.golgiRender[document.querySelector('.golgi-chart').id];return r.t0+r.last})()`)
		render = append(render, last)
		total = append(total, nav)
	}
	slices.Sort(render)
	slices.Sort(total)
	t.Logf("100,000-spike raster, %d loads, page %d bytes, option %d bytes: echarts.init→last frame median %.0f ms (min %.0f, max %.0f); navigation start→last frame median %.0f ms (min %.0f, max %.0f)",
		runs, fileSize(page), c.Size(), render[runs/2], render[0], render[runs-1], total[runs/2], total[0], total[runs-1])
}

func fileSize(p string) int64 {
	st, err := os.Stat(p)
	if err != nil {
		return -1
	}
	return st.Size()
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
