package widgets

import (
	"os"

	"github.com/janpfeifer/gonb/gonbui"
)

// HeadlessEnv names an environment variable that, when set to a non-empty
// value other than "0", tells golgi's widgets that no browser is attached
// even inside a notebook (see Live).
const HeadlessEnv = "GOLGI_HEADLESS"

// IsNotebook reports whether the program is a cell run by a GoNB kernel.
func IsNotebook() bool { return gonbui.IsNotebook }

// Live reports whether the program runs in a notebook that probably has a
// browser attached, so that interactive widgets (sliders) get answers.
//
// GoNB sets GONB_JUPYTER_KERNEL_ID only when the kernel runs under a live
// Jupyter server; a headless `jupyter nbconvert --execute` run does not set
// it. GOLGI_HEADLESS=1 forces false.
func Live() bool {
	if !IsNotebook() {
		return false
	}
	if v := os.Getenv(HeadlessEnv); v != "" && v != "0" {
		return false
	}
	return os.Getenv("GONB_JUPYTER_KERNEL_ID") != ""
}

// DisplayHTML shows html as an output of the running notebook cell and waits
// until GoNB has it. Outside a notebook it does nothing.
func DisplayHTML(html string) {
	if !IsNotebook() {
		return
	}
	gonbui.DisplayHTML(html)
	gonbui.Sync()
}

// UpdateHTML replaces the output block named id (created on first use) with
// html. Outside a notebook it does nothing. It does not wait for GoNB; call
// Sync after the last update.
func UpdateHTML(id, html string) {
	if !IsNotebook() {
		return
	}
	gonbui.UpdateHTML(id, html)
}

// DisplaySVG shows an SVG image in the running cell; nothing outside a notebook.
func DisplaySVG(svg string) {
	if !IsNotebook() {
		return
	}
	gonbui.DisplaySVG(svg)
	gonbui.Sync()
}

// DisplayPNG shows a PNG image in the running cell; nothing outside a notebook.
func DisplayPNG(png []byte) {
	if !IsNotebook() {
		return
	}
	gonbui.DisplayPNG(png)
	gonbui.Sync()
}

// Sync waits until GoNB has received every output sent so far. Outside a
// notebook it returns at once.
func Sync() {
	if IsNotebook() {
		gonbui.Sync()
	}
}

// UniqueID returns a new identifier for an output block or a DOM element.
func UniqueID() string { return gonbui.UniqueId() }
