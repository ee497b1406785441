package proxy

import "testing"

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
