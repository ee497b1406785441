package nbrun

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestErrorText(t *testing.T) {
	var c Cell
	err := json.Unmarshal([]byte(`{"cell_type":"code","source":"%%\npanic(1)","outputs":[
		{"output_type":"stream","name":"stderr","text":["panic: "]},
		{"output_type":"stream","name":"stderr","text":"boom\n\ngoroutine 1 [running]:\n"},
		{"output_type":"display_data","data":{"text/html":"<style>.x{}</style><div>Cell[2]: Line 2 &lt;here&gt;</div>"}},
		{"output_type":"display_data","data":{"application/vnd.golgi.repro+json":{"schema":1},"text/plain":"✘ golgi"}},
		{"output_type":"error","ename":"ERROR","evalue":"exit status 2","traceback":[]}]}`), &c)
	if err != nil {
		t.Fatal(err)
	}
	got := ErrorText(c, 4)
	want := "panic: boom\ngoroutine 1 [running]:\nCell[2]: Line 2 <here>"
	if got != want {
		t.Errorf("ErrorText = %q, want %q", got, want)
	}
	if bs, err := c.Blocks(); err != nil || len(bs) != 1 || bs[0].Schema != 1 {
		t.Errorf("Blocks = %v, %v", bs, err)
	}
	if s := firstLine(c.Text()); s != "panic(1)" {
		t.Errorf("firstLine = %q", s)
	}
}

func TestCompareAndTable(t *testing.T) {
	if d := compare([]string{"a", "b"}, []string{"a", "b"}); d != "" {
		t.Errorf("equal: %q", d)
	}
	if d := compare([]string{"a", "b"}, []string{"a", "c"}); !strings.Contains(d, "run 2") {
		t.Errorf("differ: %q", d)
	}
	if d := compare([]string{"a"}, nil); !strings.Contains(d, "1 runs recorded, 0 now") {
		t.Errorf("lengths: %q", d)
	}
	r := &VerifyReport{Cells: []CellCheck{
		{Cell: 2, Recorded: []string{"aaaaaaaaaaaaaaaa"}, Now: []string{"aaaaaaaaaaaaaaaa"}, Verdict: "match"},
		{Cell: 3, Verdict: "no runs"},
		{Cell: 4, Recorded: []string{"x"}, Now: []string{"y"}, Verdict: "MISMATCH", Detail: "run 1: fingerprint x recorded, y now"},
	}}
	if r.OK() || r.Compared() != 2 || !strings.HasPrefix(r.FirstProblem(), "cell 4: MISMATCH") {
		t.Errorf("report: ok %v compared %d first %q", r.OK(), r.Compared(), r.FirstProblem())
	}
	tab := r.Table()
	if !strings.Contains(tab, "1: aaaaaaaaaa…") || !strings.Contains(tab, "MISMATCH") || strings.Count(tab, "\n") != 4 {
		t.Errorf("table:\n%s", tab)
	}
}
