package chart

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden option files in testdata/")

// TestGoldenOptions compares each chart kind's ECharts option (indented
// JSON) with testdata/<kind>.golden.json. Run `go test -run Golden -update`
// after an intended change and review the diff.
func TestGoldenOptions(t *testing.T) {
	charts, err := allCharts(60)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range charts {
		t.Run(name, func(t *testing.T) {
			got := append(c.OptionIndent(), '\n')
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("option of %s differs from %s (run `go test ./widgets/chart -run Golden -update` if intended):\n%s", name, path, firstDiff(got, want))
			}
		})
	}
}

// firstDiff shows a few lines around the first differing line.
func firstDiff(got, want []byte) string {
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl []byte
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if !bytes.Equal(gl, wl) {
			return "line " + itoa(i+1) + ":\n got: " + string(gl) + "\nwant: " + string(wl)
		}
	}
	return "(lengths differ)"
}

func itoa(i int) string { return strconv.Itoa(i) }
