package chart

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html"
	"os"
	"strings"

	"github.com/golgi-sim/golgi/widgets/assets"
)

// newID returns a fresh DOM id for a chart's box.
func newID() string {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("chart: crypto/rand: " + err.Error())
	}
	return "golgi_chart_" + hex.EncodeToString(b[:])
}

// missingMsg is shown in a chart's box when the ECharts library never
// arrives (the cell that carried it was cleared, or it is not installed).
const missingMsg = `ECharts is not loaded on this page. In a notebook, run chart.LoadLibrary() in a cell (or restart the kernel and run all); if the library is not installed, run golgi setup once.`

// HTML returns the chart as an HTML fragment: a box and a small script that
// draws the chart as soon as the ECharts library (window.echarts) is on the
// page. The fragment carries no library; see Display, Page and LibraryHTML.
// Each call gives the box a fresh id, so a chart can be shown twice.
func (c *Chart) HTML() string {
	var b strings.Builder
	c.writeHTML(&b, newID())
	return b.String()
}

func (c *Chart) writeHTML(b *strings.Builder, id string) {
	fmt.Fprintf(b, `<div id="%s" class="golgi-chart" data-kind="%s" style="width:%s;height:%s;"></div>`+"\n",
		id, c.Kind, html.EscapeString(c.Width), html.EscapeString(c.Height))
	// The option is JSON encoded with HTML escaping, so it cannot end the
	// script element. The script polls for window.echarts for 20 s, then
	// says what is wrong in the box. window.golgiRender[id] records when
	// echarts.init was called (t0, ms after navigation start) and, in ms after
	// t0, the last frame drawn (last) and the first "finished" event (ms);
	// window.golgiCharts[id] is set at "finished". The browser tests read them.
	fmt.Fprintf(b, `<script>(function(){var id=%q,opt=%s,n=0;function draw(){var el=document.getElementById(id);if(!el)return;if(!window.echarts){if(++n>400){el.style.height="auto";el.textContent=%q;return;}setTimeout(draw,50);return;}var g=window.golgiCharts=window.golgiCharts||{},t0=performance.now(),R=window.golgiRender=window.golgiRender||{},r=R[id]={t0:t0};var ch=echarts.init(el);ch.on("rendered",function(){r.last=performance.now()-t0;});ch.on("finished",function(){if(r.ms==null){r.ms=performance.now()-t0;r.at=performance.now();g[id]=r;}});ch.setOption(opt);if(window.ResizeObserver){new ResizeObserver(function(){ch.resize();}).observe(el);}}draw();})();</script>`+"\n",
		id, c.option, missingMsg)
}

// LibraryHTML returns a <script> element holding the local ECharts bundle,
// wrapped so that it sets window.echarts even on pages that define
// RequireJS's AMD `define` (the classic notebook, nbconvert's HTML), and
// skipped when ECharts is already on the page. About 1 MB; it fails with
// assets.ErrNoECharts when the library has not been fetched.
func LibraryHTML() (string, error) {
	js, err := assets.ECharts()
	if err != nil {
		return "", err
	}
	if bytes.Contains(bytes.ToLower(js), []byte("</script")) {
		return "", fmt.Errorf("chart: the ECharts bundle at %s contains </script and cannot be inlined", assets.EChartsPath())
	}
	var b strings.Builder
	b.Grow(len(js) + 200)
	b.WriteString("<script>if(!window.echarts){(function(define,exports,module){\n")
	b.Write(js)
	b.WriteString("\n}).call(window);}</script>\n")
	return b.String(), nil
}

// Page returns a standalone HTML page holding the ECharts library and the
// charts, one below the other: it renders offline, from a file, in any
// browser.
func Page(title string, charts ...*Chart) (string, error) {
	lib, err := LibraryHTML()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>\n<style>body{margin:0;padding:0;background:#fff;font-family:sans-serif}.golgi-chart{margin:0 0 10px 0}</style>\n",
		html.EscapeString(title))
	b.WriteString(lib)
	b.WriteString("</head><body>\n")
	for _, c := range charts {
		c.writeHTML(&b, newID())
	}
	b.WriteString("</body></html>\n")
	return b.String(), nil
}

// SaveHTML writes the chart as a standalone HTML page (library included)
// that renders offline.
func (c *Chart) SaveHTML(path string) error {
	return SavePage(path, c.Kind, c)
}

// SavePage writes charts to one standalone HTML page (see Page).
func SavePage(path, title string, charts ...*Chart) error {
	p, err := Page(title, charts...)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(p), 0o644); err != nil {
		return fmt.Errorf("chart: %w", err)
	}
	return nil
}
