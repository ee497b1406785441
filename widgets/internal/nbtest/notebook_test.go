package nbtest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golgi-sim/golgi/internal/browsertest"
	"github.com/golgi-sim/golgi/widgets/assets"
)

// cells of the test notebook. Declarations persist across cells in GoNB;
// each %% block is the main() of a fresh program.
var cells = []string{
	`import (
	"math"
	"math/rand/v2"

	"github.com/golgi-sim/golgi/widgets/chart"
	"github.com/golgi-sim/golgi/widgets/explore"
	"github.com/golgi-sim/golgi/widgets/figure"
	"github.com/golgi-sim/golgi/widgets/progress"
	"github.com/golgi-sim/golgi/widgets/table"
)

func spikes(n int) []chart.Spikes {
	r := rand.New(rand.NewPCG(1, 2))
	mk := func(name string, size, count int) chart.Spikes {
		s := chart.Spikes{Name: name, Size: size}
		for range count {
			s.Times = append(s.Times, r.Float64()*1000)
			s.Neurons = append(s.Neurons, int32(r.IntN(size)))
		}
		return s
	}
	return []chart.Spikes{mk("E", 800, n*4/5), mk("I", 200, n/5)}
}

func wave(k, n int) ([]float64, []float64) {
	t, v := make([]float64, n), make([]float64, n)
	for i := range t {
		t[i] = float64(i) * 0.1
		v[i] = -65 + 10*math.Exp(-t[i]/20)*math.Sin(t[i]/float64(3+k))
	}
	return t, v
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

%%
// Cell 1: the first chart carries the ECharts library.
must(0, chart.Display(must(chart.Raster(spikes(100_000), nil))))`,

	`%%
// Cell 2: traces and rate, no library.
t, v0 := wave(0, 2000)
_, v1 := wave(1, 2000)
must(0, chart.Display(
	must(chart.Traces(t, [][]float64{v0, v1}, []string{"n0", "n1"}, nil)),
	must(chart.Rate(t, [][]float64{v0, v1}, []string{"E", "I"}, nil)),
))`,

	`%%
// Cell 3: histogram, heatmap, metric against parameter, overlay, line, scatter.
r := rand.New(rand.NewPCG(3, 4))
rates := make([]float64, 500)
for i := range rates {
	rates[i] = 8 + 3*r.NormFloat64()
}
w := []float64{1e-4, 1e-3, 1e-2, 1e-1}
labels := []string{"1e-4", "1e-3", "1e-2", "1e-1"}
z := [][]float64{{1, 2, 3, 4}, {2, 3, 4, 5}, {3, 4, math.NaN(), 6}, {4, 5, 6, 7}}
t, _ := wave(0, 500)
var waves [][]float64
for k := range w {
	_, v := wave(k, 500)
	waves = append(waves, v)
}
must(0, chart.Display(
	must(chart.Histogram([]chart.Series{{Name: "E", Values: rates}}, &chart.HistogramOptions{XLabel: "rate (Hz)"})),
	must(chart.Heatmap(labels, labels, z, &chart.HeatmapOptions{XLabel: "weight_pyr", YLabel: "weight_basket", ZLabel: "peak"})),
	must(chart.MetricVsParam(w, []chart.Series{{Name: "min", Values: []float64{-1, -2, -3, -2}}, {Name: "max", Values: []float64{1, 3, 4, 4}}}, nil)),
	must(chart.Overlay(t, waves, w, &chart.OverlayOptions{ParamName: "weight_basket", LogColor: true})),
	must(chart.Line(w, []chart.Series{{Name: "a", Values: []float64{1, 2, 3, 4}}}, nil)),
	must(chart.Scatter(rates[:40], []chart.Series{{Name: "b", Values: rates[40:80]}}, nil)),
))`,

	`%%
// Cell 4: progress, table, figure and sliders (headless: defaults, no wait).
bar := progress.New(100, "ms")
for i := 1; i <= 100; i++ {
	bar.Update(float64(i))
}
bar.Done()
sw := progress.NewSweep(20)
sw.Update(20, 1, 0)
sw.Done()
tb := table.New("weight", "max_peak")
tb.Add(1e-4, 2.438e-05)
tb.Add(0.1, 0.0015)
tb.Display()
must(0, must(figure.Raster("raster", spikes(2000))).Display())
must(0, explore.Run([]explore.Param{{Name: "tau", Unit: "ms", Min: 1, Max: 50, Step: 1, Value: 10}},
	func(v explore.Values) (*chart.Chart, error) {
		t, g := make([]float64, 100), make([]float64, 100)
		for i := range t {
			t[i] = float64(i)
			g[i] = math.Exp(-t[i] / v["tau"])
		}
		return chart.Traces(t, [][]float64{g}, nil, nil)
	}, nil))`,
}

// charts displayed by the notebook, in order (explore's is the last).
const nCharts = 1 + 2 + 6 + 1

// setup starts chromium (failing without it), finds gonb, gopls, goimports
// and the jupyter command (skipping without them), and makes sure the
// ECharts bundle is there. The context ends with the test.
func setup(t *testing.T, jupyterCmd string) (*browsertest.Browser, string, string, context.Context) {
	t.Helper()
	b := browsertest.New(t, 1000, 1000)
	gonb := need(t, "gonb", "build gonb v0.11.5 as docs/kernel.md says, with goimports and gopls on PATH")
	need(t, "gopls", "go install golang.org/x/tools/gopls@v0.23.0")
	need(t, "goimports", "go install golang.org/x/tools/cmd/goimports@latest")
	jupyter := need(t, jupyterCmd, "apt-get install -y jupyter-nbconvert python3-nbclient python3-jupyter-client jupyter-notebook")
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel)
	if _, _, err := assets.EnsureECharts(ctx); err != nil {
		t.Fatalf("the ECharts bundle is needed: %v", err)
	}
	return b, gonb, jupyter, ctx
}

func need(t *testing.T, name, hint string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not found: %s. The notebook test is not run (documented in docs/widgets.md).", name, hint)
	}
	return p
}

func TestNotebookExecutedWithGoNB(t *testing.T) {
	if testing.Short() {
		t.Skip("executes a notebook; skipped with -short")
	}
	b, gonb, jupyter, ctx := setup(t, "jupyter-nbconvert")
	root := moduleRoot(t)
	dir := t.TempDir()
	env := append(os.Environ(), "JUPYTER_DATA_DIR="+filepath.Join(dir, "jupyter"), "GOLGI_ECHARTS="+assets.EChartsPath())
	run := func(name string, args ...string) {
		t.Helper()
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(string(out), 3000))
		}
	}
	run(gonb, "--install", "--go_work="+root)
	writeNotebook(t, filepath.Join(dir, "in.ipynb"))
	start := time.Now()
	run(jupyter, "--to", "notebook", "--execute", "in.ipynb", "--output", "out.ipynb", "--ExecutePreprocessor.timeout=180")
	t.Logf("executed 4 cells with GoNB in %v", time.Since(start).Round(time.Millisecond))

	raw, err := os.ReadFile(filepath.Join(dir, "out.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	htmlByCell := checkOutputs(t, raw)
	libs := strings.Count(string(raw), "(function(define,exports,module)")
	if libs != 1 {
		t.Errorf("the executed notebook holds the ECharts library %d times, want once", libs)
	}
	t.Logf("executed .ipynb: %d bytes; HTML output per cell: %v (cell 1 holds the library and a 100,000-spike raster)", len(raw), htmlByCell)
	for _, want := range []string{"sliders inactive: no browser attached", "| done", "golgi-table", "<svg"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("executed notebook lacks %q", want)
		}
	}

	// Export with nbconvert's classic and lab (default) templates: both
	// load RequireJS, which the library's wrapper must get around.
	for _, tpl := range []string{"classic", "lab"} {
		run(jupyter, "--to", "html", "--template", tpl, "--output", "out-"+tpl, "out.ipynb")
		checkExport(t, b, filepath.Join(dir, "out-"+tpl+".html"), tpl, raw)
	}
}

// checkExport renders an exported notebook and checks that every chart's
// plot region has drawn content.
func checkExport(t *testing.T, b *browsertest.Browser, page, tpl string, raw []byte) {
	b.Open("file://" + page)
	if err := b.Wait(browsertest.ChartsDrawn(nCharts, 1000), 60*time.Second); err != nil {
		t.Fatal(tpl, err, browsertest.Eval[string](b, `JSON.stringify({echarts:!!window.echarts,boxes:document.querySelectorAll('.golgi-chart').length,drawn:Object.keys(window.golgiRender||{}).length})`))
	}
	b.FullPage(1000, browsertest.ChartsDrawn(nCharts, 1000))
	// Plot regions from ECharts itself (grid rectangle of each chart).
	rects := browsertest.Eval[[]browsertest.Rect](b, `Array.from(document.querySelectorAll('.golgi-chart')).map(function(e){var r=e.getBoundingClientRect();var g=echarts.getInstanceByDom(e).getModel().getComponent('grid').coordinateSystem.getRect();return {X:r.left+window.scrollX+g.x,Y:r.top+window.scrollY+g.y,W:g.width,H:g.height};})`)
	img, png := b.Screenshot()
	shot := strings.TrimSuffix(page, ".html") + ".png"
	_ = os.WriteFile(shot, png, 0o644)
	if a := os.Getenv("GOLGI_TEST_ARTIFACTS"); a != "" {
		_ = os.MkdirAll(a, 0o755)
		_ = os.WriteFile(filepath.Join(a, "notebook-"+tpl+".png"), png, 0o644)
		_ = os.WriteFile(filepath.Join(a, "notebook.ipynb"), raw, 0o644)
	}
	if len(rects) != nCharts {
		t.Fatalf("%s export has %d charts, want %d", tpl, len(rects), nCharts)
	}
	for i, r := range rects {
		ink, total := browsertest.Ink(img, r, 60)
		t.Logf("%s export: chart %d plot %v: %d of %d pixels coloured", tpl, i, r, ink, total)
		if ink < 150 {
			t.Errorf("%s export: chart %d: plot region %v has %d coloured pixels, want >= 150 (screenshot %s)", tpl, i, r, ink, shot)
		}
	}
}

// checkOutputs fails on error outputs and returns the HTML bytes per cell.
func checkOutputs(t *testing.T, raw []byte) []int {
	var nb struct {
		Cells []struct {
			Outputs []struct {
				OutputType string          `json:"output_type"`
				Ename      string          `json:"ename"`
				Evalue     string          `json:"evalue"`
				Text       json.RawMessage `json:"text"`
				Data       map[string]any  `json:"data"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for i, c := range nb.Cells {
		n := 0
		for _, o := range c.Outputs {
			if o.OutputType == "error" {
				t.Errorf("cell %d: %s: %s", i+1, o.Ename, o.Evalue)
			}
			if o.OutputType == "stream" && strings.Contains(string(o.Text), "panic") {
				t.Errorf("cell %d: %s", i+1, tail(string(o.Text), 2000))
			}
			if h, ok := o.Data["text/html"]; ok {
				switch h := h.(type) {
				case string:
					n += len(h)
				case []any:
					for _, s := range h {
						n += len(fmt.Sprint(s))
					}
				}
			}
		}
		sizes = append(sizes, n)
	}
	return sizes
}

func writeNotebook(t *testing.T, path string) { writeNotebookCells(t, path, cells) }

func writeNotebookCells(t *testing.T, path string, cells []string) {
	type cell struct {
		CellType       string         `json:"cell_type"`
		ExecutionCount any            `json:"execution_count"`
		Metadata       map[string]any `json:"metadata"`
		Outputs        []any          `json:"outputs"`
		Source         string         `json:"source"`
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "gonb", "display_name": "Go (gonb)", "language": "go"}},
	}
	var cs []cell
	for i, src := range cells {
		cs = append(cs, cell{CellType: "code", Metadata: map[string]any{"id": fmt.Sprint("c", i)}, Outputs: []any{}, Source: src})
	}
	nb["cells"] = cs
	b, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func moduleRoot(t *testing.T) string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}
