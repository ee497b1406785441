package proxy

import (
	"bytes"
	"strconv"
	"sync"
)

// workDirWatch reads GoNB's log as it is written and keeps the work
// directory GoNB reports at start (v0.11.5 logs `GoNB: jupyter root in
// "…", tmp Go code in "/tmp/gonb_ID"`): the program GoNB builds for each
// cell is there, named after the directory.
type workDirWatch struct {
	mu   sync.Mutex
	line []byte
	dir  string
}

var workDirMarker = []byte(`tmp Go code in `)

func (w *workDirWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, c := range p {
		if c != '\n' {
			if len(w.line) < 4096 {
				w.line = append(w.line, c)
			}
			continue
		}
		if i := bytes.Index(w.line, workDirMarker); i >= 0 {
			rest := w.line[i+len(workDirMarker):]
			if q, err := strconv.QuotedPrefix(string(rest)); err == nil {
				if d, err := strconv.Unquote(q); err == nil {
					w.dir = d
				}
			}
		}
		w.line = w.line[:0]
	}
	return len(p), nil
}

func (w *workDirWatch) get() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.dir
}
