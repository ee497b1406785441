package proxy

import "testing"

func TestCellGoFlags(t *testing.T) {
	for _, c := range []struct {
		in    string
		dwarf bool
		want  string
	}{
		{"", false, "-ldflags=-w"},
		{"   ", false, "-ldflags=-w"},
		{"-buildvcs=false", false, "-buildvcs=false -ldflags=-w"},
		// The user's own -ldflags (either spelling) stands.
		{"-buildvcs=false -ldflags=-s", false, "-buildvcs=false -ldflags=-s"},
		{"--ldflags=-X=main.v=1", false, "--ldflags=-X=main.v=1"},
		// A flag whose name only starts like it is not -ldflags.
		{"-ldflagsx=1", false, "-ldflagsx=1 -ldflags=-w"},
		// --dwarf: GoNB's default, GOFLAGS untouched.
		{"-buildvcs=false", true, "-buildvcs=false"},
		{"", true, ""},
	} {
		if got := cellGoFlags(c.in, c.dwarf); got != c.want {
			t.Errorf("cellGoFlags(%q, %v) = %q, want %q", c.in, c.dwarf, got, c.want)
		}
	}
}
