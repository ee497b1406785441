package store

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/golgi-sim/golgi/simlib/sweep"
)

// Clean removes the files the journal names that no row references (what
// a process killed between writing a point's file and its row leaves),
// and nothing else: not a file of a row, not a file put in the data
// folder by someone else, even one with a name the store would use.
func TestCleanRemovesOnlyJournaledOrphans(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Bind(sweep.Grid(sweep.Values("x", 1, 2, 3)), 1, "v"); err != nil {
		t.Fatal(err)
	}
	d := sweep.Data{Name: "spikes", Columns: []sweep.Column{{Name: "t", Float: []float64{1, 2}}}}
	if err := s.Put(sweep.Result{Index: 0, Status: sweep.Done, Values: []sweep.Value{{Num: 1}}, Data: []sweep.Data{d}}); err != nil {
		t.Fatal(err)
	}
	// Point 1: its file written, the process "killed" before the row.
	slots, err := s.reserve(1, []string{"spikes"})
	if err != nil {
		t.Fatal(err)
	}
	if err := writeData(filepath.Join(dir, slots[0].tmp), filepath.Join(dir, slots[0].final), d, false); err != nil {
		t.Fatal(err)
	}
	// Point 2: killed while writing its temporary file.
	slots2, err := s.reserve(2, []string{"spikes"})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, slots2[0].tmp), []byte("PAR1 partial"), 0o644); err != nil {
		t.Fatal(err)
	}
	foreign := []string{"00000009_spikes.parquet", ".tmp-00000001_spikes.parquet-0000000000000000", "notes.txt"}
	for _, n := range foreign {
		if err := os.WriteFile(filepath.Join(dir, DataDir, n), []byte("user"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.Clean()
	if err != nil || n != 2 {
		t.Fatalf("Clean removed %d files, %v; want the 2 orphans", n, err)
	}
	for _, p := range []string{slots[0].final, slots2[0].tmp} {
		if _, err := os.Stat(filepath.Join(dir, p)); !os.IsNotExist(err) {
			t.Errorf("orphan %s not removed: %v", p, err)
		}
	}
	rows, _ := s.Rows()
	if len(rows) != 1 || !isParquet(filepath.Join(dir, rows[0].Files["spikes"])) {
		t.Fatalf("point 0's row or file lost: %+v", rows)
	}
	for _, n := range foreign {
		if b, err := os.ReadFile(filepath.Join(dir, DataDir, n)); err != nil || string(b) != "user" {
			t.Errorf("foreign %s: %q %v", n, b, err)
		}
	}
	var left int
	s.db.QueryRow(`SELECT count(*) FROM writes`).Scan(&left)
	if left != 0 {
		t.Fatalf("%d journal entries left after Clean", left)
	}
	// A file of the store's name that is not the store's is not written
	// over: point 9 gets the next free name.
	if err := s.Put(sweep.Result{Index: 9, Status: sweep.Done, Values: []sweep.Value{{Num: 1}}, Data: []sweep.Data{d}}); err != nil {
		t.Fatal(err)
	}
	rows, _ = s.Rows()
	if got := rows[len(rows)-1].Files["spikes"]; got != DataDir+"/00000009_spikes.1.parquet" {
		t.Fatalf("point 9's file is %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, DataDir, "00000009_spikes.parquet")); string(b) != "user" {
		t.Fatal("the foreign file was written over")
	}
}
