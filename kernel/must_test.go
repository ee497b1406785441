package kernel_test

import (
	"strings"
	"testing"
)

// TestMustStopsCell runs a cell that completes a simulation run and then
// fails through must.Do: the cell fails cleanly (its message in the cell's
// output and in nbrun's failure, no goroutine dump, nothing after the
// failing line runs), and its repro block has status error and still lists
// the run made before.
func TestMustStopsCell(t *testing.T) {
	e := integration(t)
	data := e.dataDir(t)
	dir := t.TempDir()
	cells := []string{
		"import (\n\t\"github.com/golgi-sim/golgi/must\"\n\t\"github.com/golgi-sim/golgi/simlib/models\"\n)\n\n%%\n" +
			"m := must.Get(models.IzhikevichTriad(models.DefaultTriad()))\n" +
			"must.Do(m.Run(10))\n" +
			"fmt.Println(\"ran\", m.Steps(), \"steps\")\n" +
			"must.Do(fmt.Errorf(\"deliberate failure after %d steps\", m.Steps()))\n" +
			"fmt.Println(\"not reached\")",
		"%%\nfmt.Println(\"not executed: the notebook stops at the failure\")",
	}
	nb := writeNotebook(t, dir, "must.ipynb", cells)
	res, got := execute(t, data, nb, "golgi")
	if res.Failure == nil || res.Failure.Index != 0 {
		t.Fatalf("failure %v, want cell 1", res.Failure)
	}
	if !strings.Contains(res.Failure.String(), "deliberate failure after 100 steps") {
		t.Errorf("failure does not show the message: %s", res.Failure)
	}
	c := got.Cells[0]
	var streams, all strings.Builder
	for _, o := range c.Outputs {
		if o.OutputType == "stream" {
			streams.WriteString(o.TextOf())
		}
		all.WriteString(o.TextOf())
		for _, raw := range o.Data {
			all.Write(raw)
		}
		all.WriteString(o.EValue)
	}
	// The printed lines: the work before, then the failure on the cell's
	// line 10 (GoNB maps main.go's line to it); nothing after it ran.
	out := streams.String()
	for _, want := range []string{"ran 100 steps", "Line 10 ]]", "main.go:", ": deliberate failure after 100 steps\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("cell's printed output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "not reached") {
		t.Errorf("the line after the failure ran:\n%s", out)
	}
	// GoNB's HTML report shows the cell's lines around the failing one
	// (the line after it among them), but no stack dump anywhere.
	for _, bad := range []string{"goroutine ", "panic"} {
		if strings.Contains(all.String(), bad) {
			t.Errorf("cell output has %q:\n%s", bad, all.String())
		}
	}
	bs, err := c.Blocks()
	if err != nil || len(bs) != 1 {
		t.Fatalf("blocks %v, %v; want one", bs, err)
	}
	if b := bs[0]; b.Status != "error" || len(b.Runs) != 1 || b.Runs[0].Steps != 100 {
		t.Errorf("block status %q with %d runs %+v; want error with the one 100-step run", b.Status, len(b.Runs), b.Runs)
	}
}
