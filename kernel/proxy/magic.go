package proxy

import "strings"

// magic is the outcome of golgi's magic lines in a cell.
type magic struct {
	// code is the cell without golgi's magic lines.
	code string
	// repro is set to "on" or "off" by %golgi repro on|off.
	repro string
	// notes are messages for the cell's output (stream name, text).
	notes [][2]string
}

// parseMagic removes lines of the form "%golgi ..." from code and
// interprets them. Unknown golgi magics produce a note on stderr; GoNB never
// sees them.
func parseMagic(code string) magic {
	if !strings.Contains(code, "%golgi") {
		return magic{code: code}
	}
	var m magic
	lines := strings.Split(code, "\n")
	kept := lines[:0]
	for _, line := range lines {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != "%golgi" {
			kept = append(kept, line)
			continue
		}
		// Keep the line count so that GoNB's error line numbers still match.
		kept = append(kept, "")
		switch {
		case len(f) == 3 && f[1] == "repro" && (f[2] == "on" || f[2] == "off"):
			m.repro = f[2]
			m.notes = append(m.notes, [2]string{"stdout", "golgi: reproducibility block " + f[2] + "\n"})
		default:
			m.notes = append(m.notes, [2]string{"stderr", "golgi: unknown magic " + strings.TrimSpace(line) + "; known: %golgi repro on, %golgi repro off\n"})
		}
	}
	m.code = strings.Join(kept, "\n")
	if strings.TrimSpace(m.code) == "" {
		m.code = ""
	}
	return m
}
