package repro

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/golgi-sim/golgi/simlib/runlog"
)

// Summary is the one-line summary of b, e.g.
// "✔ golgi · cell 7 (In [3]) · 1.2 s · 2 runs · seed 42 · fp 3fa2c1d0…,9b1e22f0…".
// It names the cell as golgi run and golgi verify do (CellName) and shows
// the fingerprint of every run, up to maxSummaryFingerprints; beyond that,
// their combined fingerprint (CombinedFingerprint) and the count.
func (b *Block) Summary() string {
	mark := "✔"
	if b.Status != "ok" {
		mark = "✘ " + b.Status
	}
	parts := []string{mark + " golgi", b.Name(), formatSeconds(b.Duration)}
	switch len(b.Runs) {
	case 0:
		parts = append(parts, "no runs")
	case 1:
		parts = append(parts, "1 run")
	default:
		parts = append(parts, strconv.Itoa(len(b.Runs))+" runs")
	}
	if len(b.Runs) > 0 {
		parts = append(parts, "seed "+seeds(b))
		if len(b.Runs) <= maxSummaryFingerprints {
			var fps []string
			for _, r := range b.Runs {
				fps = append(fps, short(r.Fingerprint, 8))
			}
			parts = append(parts, "fp "+strings.Join(fps, ","))
		} else {
			parts = append(parts, "fp "+short(b.CombinedFingerprint(), 8)+" (all "+strconv.Itoa(len(b.Runs))+" combined)")
		}
		cached := 0
		for _, r := range b.Runs {
			if r.Cached {
				cached++
			}
		}
		if cached > 0 {
			parts = append(parts, strconv.Itoa(cached)+" cached")
		}
		// Runs that did not end well, by status, in the order met.
		var order []string
		count := map[string]int{}
		for _, r := range b.Runs {
			if r.Status != "ok" {
				if count[r.Status] == 0 {
					order = append(order, r.Status)
				}
				count[r.Status]++
			}
		}
		for _, st := range order {
			parts = append(parts, strconv.Itoa(count[st])+" "+st)
		}
	}
	if b.Golgi.Commit != "" {
		g := "golgi " + short(b.Golgi.Commit, 7)
		if b.Golgi.Dirty {
			g += "+dirty"
		}
		parts = append(parts, g)
	}
	return strings.Join(parts, " · ")
}

// maxSummaryFingerprints is the most run fingerprints the summary line
// lists one by one.
const maxSummaryFingerprints = 3

// CombinedFingerprint is the hex SHA-256 of the fingerprints of all the
// block's runs, in order, each followed by a newline: one number that
// changes when any run's does. "" when there are no runs.
func (b *Block) CombinedFingerprint() string {
	if len(b.Runs) == 0 {
		return ""
	}
	var all strings.Builder
	for _, r := range b.Runs {
		all.WriteString(r.Fingerprint + "\n")
	}
	return HashSource(all.String())
}

func seeds(b *Block) string {
	var s []string
	seen := map[uint64]bool{}
	for _, r := range b.Runs {
		if !seen[r.Seed] {
			seen[r.Seed] = true
			s = append(s, strconv.FormatUint(r.Seed, 10))
		}
	}
	if len(s) > 3 {
		return strings.Join(s[:3], ",") + ",…"
	}
	return strings.Join(s, ",")
}

func short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func formatSeconds(s float64) string {
	switch {
	case s < 1:
		return fmt.Sprintf("%.0f ms", s*1000)
	case s < 60:
		return fmt.Sprintf("%.1f s", s)
	default:
		return fmt.Sprintf("%.0f min %.0f s", float64(int(s)/60), s-float64(60*(int(s)/60)))
	}
}

// Text is the plain-text form of b: its summary line.
func (b *Block) Text() string { return b.Summary() }

// HTML renders b as a collapsed <details> element: the summary line, and when
// opened a table of every field and one row per simulation run.
func (b *Block) HTML() string {
	var w strings.Builder
	e := html.EscapeString
	w.WriteString(`<details class="golgi-repro" style="font-size:11px;color:#555;font-family:monospace">`)
	w.WriteString(`<summary style="cursor:pointer;display:list-item">` + e(b.Summary()) + `</summary>`)
	w.WriteString(`<table style="font-size:11px;border-collapse:collapse">`)
	row := func(k, v string) {
		w.WriteString(`<tr><th style="text-align:left;padding:0 8px 0 0">` + e(k) + `</th><td style="text-align:left">` + e(v) + `</td></tr>`)
	}
	row("ran by", b.User+"@"+b.Host)
	row("start", b.Start)
	row("end", b.End)
	row("duration", formatSeconds(b.Duration))
	status := b.Status
	if b.Error != "" {
		status += ": " + b.Error
	}
	row("status", status)
	row("cell", b.Name())
	row("notebook", locationLine(b.Location))
	row("source sha256", b.SourceSHA256)
	row("versions", "golgi kernel "+b.Versions.Kernel+", GoNB "+b.Versions.GoNB+", "+b.Versions.Go)
	row("platform", fmt.Sprintf("%s/%s %s, %s, %d cores, GOMAXPROCS %d", b.Platform.OS, b.Platform.Arch, b.Platform.Kernel, b.Platform.CPU, b.Platform.Cores, b.Platform.GOMAXPROCS))
	row("notebook repo", gitLine(b.Notebook))
	if len(b.Notebook.Changes) > 0 {
		row("  changes", changes(b.Notebook))
	}
	row("golgi repo", gitLine(b.Golgi))
	if len(b.Golgi.Changes) > 0 {
		row("  changes", changes(b.Golgi))
	}
	var mods []string
	for _, m := range b.Modules {
		s := m.Path + " " + m.Version
		if m.Replace != "" {
			s += " => " + m.Replace
		}
		mods = append(mods, s)
	}
	if b.ModulesNote != "" {
		mods = append(mods, "("+b.ModulesNote+")")
	}
	row("modules linked", strings.Join(mods, ", "))
	if len(b.Runs) > 1 {
		row("combined fingerprint", b.CombinedFingerprint()+" (of the "+strconv.Itoa(len(b.Runs))+" runs' fingerprints below)")
	}
	w.WriteString(`</table>`)
	if len(b.Runs) > 0 {
		w.WriteString(`<table style="font-size:11px;border-collapse:collapse"><tr>`)
		for _, h := range []string{"#", "label", "seed", "neurons", "synapses", "dt (ms)", "t (ms)", "steps", "workers", "spikes", "wall (s)", "cached", "status", "fingerprint"} {
			w.WriteString(`<th style="text-align:right;padding:0 6px">` + h + `</th>`)
		}
		w.WriteString(`</tr>`)
		for i, r := range b.Runs {
			// A sweep in a cell can make thousands of runs: the HTML shows
			// the first and last ones; the JSON keeps them all.
			if n := len(b.Runs); n > maxRunRows && i >= maxRunRows-5 && i < n-5 {
				if i == maxRunRows-5 {
					w.WriteString(`<tr><td colspan="14" style="text-align:center">… ` + strconv.Itoa(n-maxRunRows) + ` more runs (all in the block's JSON) …</td></tr>`)
				}
				continue
			}
			st := r.Status
			if r.Error != "" {
				st += ": " + r.Error
			}
			cells := runCells(i, r, st)
			w.WriteString(`<tr>`)
			for _, c := range cells {
				w.WriteString(`<td style="text-align:right;padding:0 6px">` + e(c) + `</td>`)
			}
			w.WriteString(`</tr>`)
		}
		w.WriteString(`</table>`)
	}
	w.WriteString(`</details>`)
	return w.String()
}

// runCells are the HTML table's cells of run r, the i-th (0-based).
func runCells(i int, r runlog.Run, status string) []string {
	label := r.Label
	if r.Point != nil {
		label = strings.TrimSpace(label + " point " + strconv.Itoa(*r.Point))
	}
	// 12 significant digits: times such as 197*0.1 show as 19.7, not 19.700000000000003.
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', 12, 64) }
	if r.Kind == "sweep" || r.Kind == "store" {
		// A sweep's (or its store's) record: its points, and the result
		// table's fingerprint.
		steps := fmt.Sprintf("%d of %d points", r.Done, r.Points)
		if r.Failed > 0 {
			steps += fmt.Sprintf(" (%d failed)", r.Failed)
		}
		if r.Stored > 0 {
			steps += fmt.Sprintf(", %d loaded", r.Stored)
		}
		workers, wall := strconv.Itoa(r.Workers), strconv.FormatFloat(r.Wall, 'f', 3, 64)
		if r.Kind == "store" {
			workers, wall = "", ""
		}
		return []string{strconv.Itoa(i + 1), r.Kind + " " + label, strconv.FormatUint(r.Seed, 10), "", "", "", "",
			steps, workers, "", wall, "", status, r.Fingerprint}
	}
	if r.Kind == "result" {
		// Numbers the program reported as results, and their fingerprint.
		return []string{strconv.Itoa(i + 1), "result " + label, "", "", "", "", "", r.ValuesText(), "", "", "", "", status, r.Fingerprint}
	}
	steps := strconv.FormatInt(r.Steps, 10)
	if r.StepsAsked != 0 && r.StepsAsked != r.Steps {
		steps += " of " + strconv.FormatInt(r.StepsAsked, 10)
	}
	return []string{
		strconv.Itoa(i + 1), label, strconv.FormatUint(r.Seed, 10), strconv.Itoa(r.Neurons),
		strconv.FormatInt(r.Synapses, 10), f(r.DT), f(r.Start) + "–" + f(r.Start+r.Duration),
		steps, strconv.Itoa(r.Workers), strconv.FormatInt(r.Spikes, 10),
		strconv.FormatFloat(r.Wall, 'f', 3, 64), strconv.FormatBool(r.Cached), status, r.Fingerprint,
	}
}

// maxRunRows is the most runs the HTML table lists.
const maxRunRows = 30

func locationLine(l Location) string {
	s := l.Path
	if s == "" {
		s = "unknown"
	}
	if l.How != "" {
		s += " (" + l.How + ")"
	}
	if l.Note != "" {
		s += " (" + l.Note + ")"
	}
	return s
}

func gitLine(g GitState) string {
	dir := g.Dir
	if len(g.Paths) > 0 {
		dir += ": " + strings.Join(g.Paths, ", ")
	}
	if g.Commit == "" {
		return dir + " (" + g.Note + ")"
	}
	s := dir + " @ " + g.Commit
	if g.Dirty {
		s += fmt.Sprintf(", dirty (%d changed, diff sha256 %s)", g.Changed, short(g.DiffSHA256, 16))
	} else {
		s += ", clean"
	}
	if g.Note != "" {
		s += " (" + g.Note + ")"
	}
	return s
}

func changes(g GitState) string {
	s := strings.Join(g.Changes, "; ")
	if g.Changed > len(g.Changes) {
		s += fmt.Sprintf("; … %d more", g.Changed-len(g.Changes))
	}
	return s
}
