package proxy

import (
	"fmt"
	"regexp"
	"strings"
)

// namedFunc matches a line that declares a named function or a method:
// "func mean(", "func mean[T any](", "func (s *Stats) mean(".
var namedFunc = regexp.MustCompile(`^\s*func\s+(\([^)]*\)\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*[\[(]`)

// funcsAfterMain returns a note for each named function declared after a
// cell's "%%" (or "%main") line. GoNB puts everything after that line
// inside func main, where Go allows function literals only; a declaration
// there fails to parse with GoNB's bare "expected '(', found NAME". The
// note says why and what to write instead; GoNB still gets the cell as it
// is, so its own error follows.
func funcsAfterMain(code string) [][2]string {
	var notes [][2]string
	inMain := false
	for i, line := range strings.Split(code, "\n") {
		t := strings.TrimSpace(line)
		if !inMain {
			inMain = strings.HasPrefix(t, "%%") || strings.HasPrefix(t, "%main")
			continue
		}
		m := namedFunc.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		name := m[2]
		what := "func " + name
		if m[1] != "" {
			what = "method " + name
		}
		notes = append(notes, [2]string{"stderr", fmt.Sprintf(
			"golgi: line %d declares %s after the %%%% line. GoNB puts everything after %%%% inside func main, "+
				"where Go allows no named function declarations (hence GoNB's \"expected '(', found %s\"). "+
				"Declare %s above the %%%% line (or in a cell of its own) and keep after %%%% only the statements "+
				"that run; inside them a function literal works too: %s := func(...) ... { ... }.\n",
			i+1, what, name, name, name)})
	}
	return notes
}
