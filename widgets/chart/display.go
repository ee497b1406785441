package chart

import (
	"errors"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/golgi-sim/golgi/widgets"
)

// markerName is the file, in GoNB's per-kernel temporary directory
// ($GONB_TMP_DIR), whose presence says that this kernel has already sent the
// ECharts library to the notebook. GoNB keeps nothing else across cells;
// a kernel restart gets a new directory, so "Restart & Run All" sends the
// library again, with the first chart.
const markerName = ".golgi-echarts-loaded"

// Display shows the charts in the running notebook cell and does nothing
// outside a notebook. The first chart a kernel displays carries the ECharts
// library (about 1 MB, once per notebook); later ones carry only their
// option and a few hundred bytes of script. If the library is not installed
// the cell shows how to get it and Display returns assets.ErrNoECharts.
func Display(charts ...*Chart) error {
	if !widgets.IsNotebook() {
		return nil
	}
	out, err := NotebookHTML(charts...)
	widgets.DisplayHTML(out)
	return err
}

// NotebookHTML returns what Display shows: the charts, preceded by the
// ECharts library when this kernel has not sent it yet. For widgets that
// place charts in their own output blocks (explore, UpdateHTML). Calling it
// counts as sending the library.
func NotebookHTML(charts ...*Chart) (string, error) {
	return displayHTML(os.Getenv("GONB_TMP_DIR"), false, charts...)
}

// LoadLibrary sends the ECharts library to the notebook now, whether or not
// this kernel sent it before. Put it in a notebook's first cell to keep the
// library in the saved notebook even when the cell that first drew a chart
// is cleared or re-run. Nothing outside a notebook.
func LoadLibrary() error {
	if !widgets.IsNotebook() {
		return nil
	}
	out, err := displayHTML(os.Getenv("GONB_TMP_DIR"), true)
	widgets.DisplayHTML(out)
	return err
}

// displayHTML builds what Display shows: the library when this kernel (the
// marker in dir) has not sent it yet or force is set, then the charts.
// With dir empty the library is always included.
func displayHTML(dir string, force bool, charts ...*Chart) (string, error) {
	var b strings.Builder
	marker := ""
	if dir != "" {
		marker = filepath.Join(dir, markerName)
	}
	need := force || marker == ""
	if !need {
		_, err := os.Stat(marker)
		need = errors.Is(err, os.ErrNotExist)
	}
	var libErr error
	if need {
		lib, err := LibraryHTML()
		if err != nil {
			libErr = err
			b.WriteString(`<div class="golgi-error" style="color:#a00;font-family:monospace;white-space:pre-wrap">` + html.EscapeString(err.Error()) + "</div>\n")
		} else {
			b.WriteString(lib)
			if marker != "" {
				// A failure to write the marker only costs sending the library again.
				_ = os.WriteFile(marker, []byte("ECharts library sent by golgi/widgets/chart\n"), 0o644)
			}
		}
	}
	for _, c := range charts {
		c.writeHTML(&b, newID())
	}
	return b.String(), libErr
}
