package proxy

import (
	"strings"
	"testing"
)

func TestParseMagic(t *testing.T) {
	for _, c := range []struct {
		in, code, repro string
		notes           int
	}{
		{"%%\nfmt.Println(1)", "%%\nfmt.Println(1)", "", 0},
		{"%golgi repro off\n%%\nfmt.Println(1)", "\n%%\nfmt.Println(1)", "off", 1},
		{"  %golgi repro on", "", "on", 1},
		{"%golgi frobnicate\nfunc f() {}", "\nfunc f() {}", "", 1},
		{"// %golgi repro off in a comment\nfunc f() {}", "// %golgi repro off in a comment\nfunc f() {}", "", 0},
	} {
		m := parseMagic(c.in)
		if m.code != c.code || m.repro != c.repro || len(m.notes) != c.notes {
			t.Errorf("parseMagic(%q) = code %q repro %q notes %v; want %q %q %d", c.in, m.code, m.repro, m.notes, c.code, c.repro, c.notes)
		}
	}
}

func TestSplitLines(t *testing.T) {
	got := splitLines([]byte("a\n\nbc\nd"))
	if len(got) != 3 || string(got[0]) != "a" || string(got[1]) != "bc" || string(got[2]) != "d" {
		t.Errorf("splitLines: %q", got)
	}
}

func TestRunsMain(t *testing.T) {
	for src, want := range map[string]bool{
		"%%\nfmt.Println(1)":             true,
		"func f() {}\n  %main\nf()":      true,
		"func main() { f() }":            true,
		"var net = build()\nfunc f() {}": false,
		"// %% in a comment is not one":  false,
	} {
		if got := runsMain(src); got != want {
			t.Errorf("runsMain(%q) = %v, want %v", src, got, want)
		}
	}
}

// GoNB v0.11.5's log line (klog) that names its work directory, written in
// pieces as a pipe delivers it.
func TestWorkDirWatch(t *testing.T) {
	w := &workDirWatch{}
	log := "I1202 00:01:02.345678   123 goexec.go:209] [ab12cd34] GoNB: jupyter root in \"/nb\", tmp Go code in \"/tmp/gonb_ab12cd34\"\nI1202 other line\n"
	for i := 0; i < len(log); i += 7 {
		w.Write([]byte(log[i:min(i+7, len(log))]))
	}
	if got := w.get(); got != "/tmp/gonb_ab12cd34" {
		t.Errorf("work dir %q, want /tmp/gonb_ab12cd34", got)
	}
}

func TestFuncsAfterMain(t *testing.T) {
	for src, want := range map[string][]string{
		"func mean(x []float64) float64 { return 0 }\n%%\nfmt.Println(mean(nil))":     nil,
		"%%\nfmt.Println(1)\nfunc mean(x []float64) float64 {\n\treturn 0\n}":         {"line 3 declares func mean", "found mean"},
		"%%\n\tfunc (s *Stats) mean() float64 { return 0 }":                           {"line 2 declares method mean"},
		"%%\nf := func(x int) int { return x }\ngo func() {}()\n// func in a comment": nil,
		"func top[T any](x T) {}\n%main\nfunc gen[T any](x T) T { return x }":         {"line 3 declares func gen", "above the %% line"},
		"func plain() {}": nil,
	} {
		got := funcsAfterMain(src)
		// One note per declaration: none, or one naming it.
		if n := min(len(want), 1); len(got) != n {
			t.Errorf("funcsAfterMain(%q) = %q, want %d note(s)", src, got, n)
			continue
		}
		for _, w := range want {
			if len(got) == 0 || !strings.Contains(got[0][1], w) || got[0][0] != "stderr" {
				t.Errorf("funcsAfterMain(%q) = %q, want a stderr note with %q", src, got, w)
			}
		}
	}
}
