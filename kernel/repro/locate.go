package repro

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Location is where an executed cell is: the notebook file and the cell's
// position in it.
type Location struct {
	// Path is the notebook file (absolute), "" when not known.
	Path string `json:"path,omitempty"`
	// Cell is the cell's 1-based position in the notebook, markdown cells
	// counted (what `golgi run` and `golgi verify` call "cell 7"); 0 when
	// not known.
	Cell int `json:"cell,omitempty"`
	// How says how the kernel knows: "sent by golgi run" (golgi run and
	// golgi verify send both with the request), or found by the cell's id
	// or its source in the saved notebook file.
	How string `json:"how,omitempty"`
	// Note says why Path or Cell is missing.
	Note string `json:"note,omitempty"`
}

// CellName names a cell by its position and its execution count in one
// way everywhere: "cell 7 (In [4])", "cell 7" when it has no count yet,
// "In [4]" when its position is not known.
func CellName(position, count int) string {
	switch {
	case position > 0 && count > 0:
		return "cell " + strconv.Itoa(position) + " (In [" + strconv.Itoa(count) + "])"
	case position > 0:
		return "cell " + strconv.Itoa(position)
	case count > 0:
		return "In [" + strconv.Itoa(count) + "]"
	}
	return "cell ?"
}

// Name is CellName of the block's cell.
func (b *Block) Name() string { return CellName(b.Location.Cell, b.ExecutionCount) }

// maxNotebookBytes bounds the notebook files Locate reads.
const maxNotebookBytes = 64 << 20

// Locate finds the notebook file holding a cell that ran in dir (the
// kernel's directory, the notebook's). hint is what the request said (golgi
// run sends the path and the position; JupyterLab's server gives the
// path); cellID is the cell's nbformat id when the client sent one
// (JupyterLab), source the cell's source as executed. Without a path, the
// saved notebooks in dir are searched for the cell (by id, else by its
// exact source); a cell not saved yet is not found, and Note says so.
func Locate(dir string, hint Location, cellID, source string) Location {
	if hint.Path != "" && !filepath.IsAbs(hint.Path) {
		// A server's path is relative to its root, the kernel runs in the
		// notebook's directory: the file name is what is left to try.
		p := filepath.Join(dir, hint.Path)
		if _, err := os.Stat(p); err != nil {
			if q := filepath.Join(dir, filepath.Base(hint.Path)); fileExists(q) {
				p = q
			}
		}
		hint.Path = p
	}
	if hint.Path != "" && hint.Cell > 0 {
		return hint
	}
	var files []string
	if hint.Path != "" {
		files = []string{hint.Path}
	} else {
		all, _ := filepath.Glob(filepath.Join(dir, "*.ipynb"))
		for _, f := range all {
			if !strings.HasPrefix(filepath.Base(f), ".") {
				files = append(files, f)
			}
		}
	}
	type match struct {
		path  string
		cell  int
		mtime int64
		byID  bool
	}
	var found []match
	for _, f := range files {
		pos, byID, n := findCell(f, cellID, source)
		if n == 0 {
			continue
		}
		var mt int64
		if fi, err := os.Stat(f); err == nil {
			mt = fi.ModTime().UnixNano()
		}
		if n > 1 {
			pos = 0 // the same source in several cells: position unknown
		}
		found = append(found, match{f, pos, mt, byID})
	}
	if len(found) == 0 {
		if hint.Path != "" {
			hint.Note = "the cell is not in the saved file (not saved yet?)"
			return hint
		}
		return Location{Note: fmt.Sprintf("the cell is in none of the %d saved notebooks in %s (save the notebook to have its file recorded)", len(files), dir)}
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].byID != found[j].byID {
			return found[i].byID
		}
		return found[i].mtime > found[j].mtime
	})
	m := found[0]
	loc := Location{Path: m.path, Cell: m.cell, How: "found by the cell's source in the saved file"}
	if m.byID {
		loc.How = "found by the cell's id in the saved file"
	}
	if len(found) > 1 && !m.byID {
		loc.How = fmt.Sprintf("found by the cell's source in the most recently saved of %d notebooks holding it", len(found))
	}
	if m.cell == 0 {
		loc.Note = "the cell's source is in several cells of the notebook: position unknown"
	}
	return loc
}

// findCell returns the 1-based position of the cell in the notebook at path
// with the id cellID (byID) or else with exactly this source, and how many
// cells matched.
func findCell(path, cellID, source string) (pos int, byID bool, n int) {
	fi, err := os.Stat(path)
	if err != nil || fi.Size() > maxNotebookBytes {
		return 0, false, 0
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false, 0
	}
	var nb struct {
		Cells []struct {
			ID       string          `json:"id"`
			CellType string          `json:"cell_type"`
			Source   json.RawMessage `json:"source"`
		} `json:"cells"`
	}
	if json.Unmarshal(b, &nb) != nil {
		return 0, false, 0
	}
	if cellID != "" {
		for i, c := range nb.Cells {
			if c.ID == cellID {
				return i + 1, true, 1
			}
		}
	}
	for i, c := range nb.Cells {
		if c.CellType == "code" && MultilineText(c.Source) == source {
			if n == 0 {
				pos = i + 1
			}
			n++
		}
	}
	return pos, false, n
}

// MultilineText reads an nbformat multiline string (a string or a list of
// strings, as cell sources and stream texts are stored).
func MultilineText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var ss []string
	if json.Unmarshal(raw, &ss) == nil {
		return strings.Join(ss, "")
	}
	return ""
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
