package kernel_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/internal/browsertest"
	"github.com/golgi-sim/golgi/kernel/nbrun"
	"github.com/golgi-sim/golgi/widgets/assets"
)

// tutorial is what TestAllNotebooks checks in one notebook of notebooks/
// besides that it runs, has a block per cell and verifies: lines its
// outputs must contain (its key numbers; each says where it comes from)
// and the number of charts it draws, every one checked in chromium.
type tutorial struct {
	want   []string
	charts int
}

// tutorials lists every notebook of notebooks/ but the tour and the lab
// notebook (which have their own tests); a notebook missing here fails the test, so that no tutorial
// runs without its numbers checked.
var tutorials = map[string]tutorial{
	"01_izhikevich_triad.ipynb": {charts: 6, want: []string{
		// published_spike_steps of simlib/models/testdata/izhikevich_triad.json: the seed notebook's printed output.
		"seed loop spike steps: [[203 880 1656 2441] [400 1096 1871 2655] [658 1436 2222]]",
		// engine_order_spike_steps of the same file (Brian2 2.5.1, method='euler', gives the same).
		"simlib spike steps:    [[197 869 1643 2425] [394 1086 1858 2639] [652 1428 2211 2993]]",
		// the difference of the two lists above.
		"seed later by [6 11 13 16] steps",
	}},
	"02_vogels_abbott.ipynb": {charts: 4, want: []string{
		"Simulation type        : COBA",
		"Number of Neurons      : 4000",
		// golgi's own numbers for DefaultCOBA (seed 98765), pinned: they
		// change only when the network's construction or dynamics do.
		// docs/validation.md compares these statistics with Brian2 over 35 seeds.
		"Number of Synapses     : 204384 e→e 51258 e→i 51163 i→e 12705 i→i",
		"Excitatory rate        : 14.5146875 Hz",
		"excitatory 14.51 Hz, inhibitory 14.52 Hz",
		"from cache: true",
	}},
	"03_adex_rs_fs.ipynb": {charts: 6, want: []string{
		// golgi's own numbers for DefaultRSFS (seed 3), pinned as above;
		// the recording loaded back carries the run's fingerprint (the
		// fingerprint of the run cells' blocks).
		"fingerprint 163f2bfc2eb7d01f0871ddebbd081237",
		"Exc 12066 spikes, Inh 11033 spikes, AffExc 2839 spikes",
		"200- 700 ms: Faff 4.00 Hz, Exc 1.24 Hz, Inh 5.06 Hz",
		"900-1100 ms: Faff 8.00 Hz, Exc 4.80 Hz, Inh 17.01 Hz",
	}},
	"04_epsp_grid_search.ipynb": {charts: 3, want: []string{
		// The best point the notebook itself checks (the grid's largest
		// sub-threshold EPSP closest to the 5 mV target).
		"best: dendrite at 0.003 µS",
	}},
	"05_batch_simulation.ipynb": {charts: 3, want: []string{
		// The notebook compares its 20 points with hnn-core's printed
		// summary (hnn-core's batch simulation tutorial) and fails beyond
		// 1e-11; point 9's max_peak printed by hnn-core is
		// 0.0014794795458269632.
		"point  9 max_peak: golgi 1.4794795458e-03  hnn-core 1.4794795458e-03",
		"20 points in",
		// golgi's own COBA sweep (master seed 1), pinned.
		"closest to 10 Hz: point 13, [5.163756791789619 58.69127514336895]: 13.45 Hz",
	}},
	"08_stdp_song_abbott.ipynb": {charts: 4, want: []string{
		// golgi's own numbers from the plastic helper's notebook (its first
		// run here, 2026-12-02), pinned: they change only with the STDP
		// rule or the network.
		"mean weight 0.474 g_max; 21.7 % of the synapses below 0.1 g_max, 19.8 % above 0.9 g_max",
		"1000 synapses, 1504842 spikes, fingerprint bf9f6cf5c9e7384535a24d776b96e9cd",
	}},
	"07_hnn_column.ipynb": {charts: 4, want: []string{
		// golgi's own draw of the drive (trial 0 of the column), pinned.
		"L5_pyramidal    9 cells,  19 spikes",
		// hnn-core's printed summary of its batch tutorial's point 9
		// (-0.0005827286517536018, 0.0014794795458269632); the notebook
		// fails beyond 1e-11.
		"min_peak: golgi -5.8272865175e-04  hnn-core -5.8272865175e-04",
		"max_peak: golgi 1.4794795458e-03  hnn-core 1.4794795458e-03",
	}},
}

// TestAllNotebooks executes every tutorial notebook in notebooks/ (the tour
// and the lab notebook have their own, closer tests) with the golgi
// kernel: none may fail, every executed code cell gets a block, its outputs
// hold its key numbers (the table above), golgi verify passes on the result
// (05_batch_simulation's batch runs on all cores: 2 workers on a 2-core
// machine), and its HTML export, opened in headless chromium, draws every
// chart with its legend clear of the plot area.
func TestAllNotebooks(t *testing.T) {
	e := integration(t)
	nbs, err := filepath.Glob(filepath.Join(e.checkout, "notebooks", "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := assets.EnsureECharts(t.Context()); err != nil {
		t.Fatalf("the ECharts bundle is needed for the HTML exports: %v", err)
	}
	b := browsertest.New(t, 1000, 1000)
	data := e.dataDir(t)
	var ran []string
	for _, src := range nbs {
		name := filepath.Base(src)
		if name == "00_tour.ipynb" || name == labNotebook || strings.HasSuffix(name, ".out.ipynb") {
			continue
		}
		ran = append(ran, name)
		t.Run(name, func(t *testing.T) {
			tut, ok := tutorials[name]
			if !ok {
				t.Fatalf("%s is not in kernel/notebooks_test.go's tutorials table: add its key numbers and chart count", name)
			}
			dir := t.TempDir()
			out, html := filepath.Join(dir, name), filepath.Join(dir, strings.TrimSuffix(name, ".ipynb")+".html")
			opt := nbrun.Options{JupyterDataDir: data, Timeout: 5 * time.Minute, HTML: html, Env: []string{"GOLGI_CACHE_DIR=" + t.TempDir()}}
			res, err := nbrun.Execute(t.Context(), src, out, opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Failure != nil {
				t.Fatalf("%s: %s", name, res.Failure)
			}
			t.Logf("%s: %d code cells executed in %v", name, res.Executed, res.Wall.Round(time.Millisecond))
			nb, err := nbrun.ReadNotebook(out)
			if err != nil {
				t.Fatal(err)
			}
			var text strings.Builder
			for i, c := range nb.Cells {
				if c.CellType != "code" || strings.TrimSpace(c.Text()) == "" {
					continue
				}
				if bs, _ := c.Blocks(); len(bs) != 1 && !strings.Contains(c.Text(), "%golgi repro off") {
					t.Errorf("%s cell %d: %d repro blocks", name, i+1, len(bs))
				}
				for _, o := range c.Outputs {
					text.WriteString(o.TextOf())
				}
			}
			for _, w := range tut.want {
				if !strings.Contains(text.String(), w) {
					t.Errorf("%s: no output contains %q", name, w)
				}
			}
			checkCharts(t, b, html, tut.charts)
			// The same run cache: runs cached by the first execution are
			// loaded, with the fingerprints they were simulated with.
			rep, err := nbrun.Verify(t.Context(), out, nbrun.Options{JupyterDataDir: data, Timeout: opt.Timeout, Env: opt.Env})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.OK() {
				t.Fatalf("%s: verify of the unchanged notebook: %s\n%s", name, rep.FirstProblem(), rep.Table())
			}
			t.Logf("%s: verify: %d cells with runs match\n%s", name, rep.Compared(), rep.Table())
		})
	}
	for name := range tutorials {
		if !slices.Contains(ran, name) {
			t.Errorf("the tutorials table lists %s, which is not in notebooks/", name)
		}
	}
	t.Logf("%d notebooks besides the tour", len(ran))
}

// checkCharts opens an HTML export in chromium, waits until its n charts
// have drawn, and checks in a screenshot of the whole page that every
// chart's plot area holds drawn data and that no legend overlaps a plot
// area. The screenshot is kept next to the export (and in
// $GOLGI_TEST_ARTIFACTS when set).
func checkCharts(t *testing.T, b *browsertest.Browser, page string, n int) {
	t.Helper()
	b.Open("file://" + page)
	if err := b.Wait(browsertest.ChartsDrawn(n, 1000), 90*time.Second); err != nil {
		t.Fatalf("%s: %v (page state %s)", filepath.Base(page), err, browsertest.Eval[string](b,
			`JSON.stringify({echarts:!!window.echarts,boxes:document.querySelectorAll('.golgi-chart').length,drawn:Object.keys(window.golgiRender||{}).length})`))
	}
	b.FullPage(1000, browsertest.ChartsDrawn(n, 1000))
	// Per chart: the plot area (ECharts' grid rectangle) and the legend's
	// box, in page coordinates; W = 0 when the chart shows no legend.
	type box struct {
		Title          string
		Plot, Legend   browsertest.Rect
		HasGrid, Boxed bool
	}
	boxes := browsertest.Eval[[]box](b, `Array.from(document.querySelectorAll('.golgi-chart')).map(function(e){
		var r=e.getBoundingClientRect(), ox=r.left+window.scrollX, oy=r.top+window.scrollY;
		var c=echarts.getInstanceByDom(e), m=c.getModel(), out={Title:'',Plot:{X:0,Y:0,W:0,H:0},Legend:{X:0,Y:0,W:0,H:0},HasGrid:false,Boxed:false};
		var ti=m.getComponent('title'); if(ti){out.Title=ti.get('text')||''}
		var g=m.getComponent('grid'); if(g&&g.coordinateSystem){var q=g.coordinateSystem.getRect();out.HasGrid=true;out.Plot={X:ox+q.x,Y:oy+q.y,W:q.width,H:q.height}}
		var l=m.getComponent('legend');
		if(l&&l.get('show')){c._componentsViews.forEach(function(v){if(v.__model===l){var br=v.group.getBoundingRect().clone();if(v.group.transform){br.applyTransform(v.group.transform)}out.Boxed=true;out.Legend={X:ox+br.x,Y:oy+br.y,W:br.width,H:br.height}}})}
		return out;})`)
	img, png := b.Screenshot()
	shot := strings.TrimSuffix(page, ".html") + ".png"
	_ = os.WriteFile(shot, png, 0o644)
	if a := os.Getenv("GOLGI_TEST_ARTIFACTS"); a != "" {
		_ = os.MkdirAll(a, 0o755)
		_ = os.WriteFile(filepath.Join(a, filepath.Base(shot)), png, 0o644)
	}
	if len(boxes) != n {
		t.Fatalf("%s: %d charts, want %d (screenshot %s)", filepath.Base(page), len(boxes), n, shot)
	}
	for i, c := range boxes {
		if !c.HasGrid {
			t.Errorf("%s chart %d %q: no plot area found", filepath.Base(page), i+1, c.Title)
			continue
		}
		ink, total := browsertest.Ink(img, c.Plot, 60)
		t.Logf("chart %d %q: plot %v: %d of %d pixels coloured; legend %v", i+1, c.Title, c.Plot, ink, total, c.Legend)
		// 150 coloured pixels: widgets/chart's browser test finds over 600
		// in its sparsest real chart and 0 in an empty one.
		if ink < 150 {
			t.Errorf("%s chart %d %q: plot area %v has %d coloured pixels, want >= 150 (screenshot %s)", filepath.Base(page), i+1, c.Title, c.Plot, ink, shot)
		}
		if c.Boxed && overlap(c.Legend, c.Plot) {
			t.Errorf("%s chart %d %q: legend %v covers the plot area %v (screenshot %s)", filepath.Base(page), i+1, c.Title, c.Legend, c.Plot, shot)
		}
	}
}

// overlap reports whether two rectangles share more than a pixel's row.
func overlap(a, b browsertest.Rect) bool {
	return a.W > 0 && a.H > 0 && a.X < b.X+b.W-1 && b.X < a.X+a.W-1 && a.Y < b.Y+b.H-1 && b.Y < a.Y+a.H-1
}

// TestOverlap pins the legend check: a legend above the plot area (as
// widgets/chart places it) passes, one inside or straddling its edge fails.
func TestOverlap(t *testing.T) {
	plot := browsertest.Rect{X: 86, Y: 100, W: 858, H: 270}
	for _, c := range []struct {
		legend browsertest.Rect
		want   bool
	}{
		{browsertest.Rect{X: 400, Y: 60, W: 200, H: 25}, false},   // above, 15 px clear
		{browsertest.Rect{X: 400, Y: 75, W: 200, H: 25.5}, false}, // touching the top edge
		{browsertest.Rect{X: 400, Y: 90, W: 200, H: 25}, true},    // straddling the top edge
		{browsertest.Rect{X: 700, Y: 150, W: 200, H: 25}, true},   // inside
		{browsertest.Rect{X: 950, Y: 150, W: 40, H: 25}, false},   // right of it
		{browsertest.Rect{}, false},                               // no legend
	} {
		if got := overlap(c.legend, plot); got != c.want {
			t.Errorf("overlap(%v, %v) = %v, want %v", c.legend, plot, got, c.want)
		}
	}
}
