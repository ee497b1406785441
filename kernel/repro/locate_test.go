package repro

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeNB(t *testing.T, path, cells string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [`+cells+`]}`), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLocate(t *testing.T) {
	dir := t.TempDir()
	md := `{"cell_type": "markdown", "id": "m1", "metadata": {}, "source": ["# Title\n"]}`
	code := func(id, src string) string {
		return `{"cell_type": "code", "id": "` + id + `", "metadata": {}, "outputs": [], "execution_count": null, "source": ["` + strings.ReplaceAll(src, "\n", `\n", "`) + `"]}`
	}
	writeNB(t, filepath.Join(dir, "lab.ipynb"), md+","+code("c1", "func f() {}")+","+md+","+code("c2", "%%\nfmt.Println(f)"))
	// golgi run's hint is taken as it is (a relative path made absolute).
	if l := Locate(dir, Location{Path: "x.ipynb", Cell: 3, How: "sent by golgi run"}, "", ""); l.Path != filepath.Join(dir, "x.ipynb") || l.Cell != 3 {
		t.Errorf("hint: %+v", l)
	}
	// By source, markdown cells counted.
	if l := Locate(dir, Location{}, "", "%%\nfmt.Println(f)"); l.Path != filepath.Join(dir, "lab.ipynb") || l.Cell != 4 || !strings.Contains(l.How, "source") {
		t.Errorf("by source: %+v", l)
	}
	// By id (JupyterLab sends it), even when the source was edited since
	// the file was saved.
	if l := Locate(dir, Location{}, "c1", "func f() { edited }"); l.Cell != 2 || !strings.Contains(l.How, "id") {
		t.Errorf("by id: %+v", l)
	}
	// A cell not saved yet.
	if l := Locate(dir, Location{}, "", "%%\nnot saved"); l.Path != "" || !strings.Contains(l.Note, "none of the 1 saved notebooks") {
		t.Errorf("unsaved: %+v", l)
	}
	// The same cell in a newer copy (an executed .out.ipynb): the most
	// recently saved one, and the location says so.
	later := filepath.Join(dir, "lab.out.ipynb")
	writeNB(t, later, code("c2", "%%\nfmt.Println(f)"))
	os.Chtimes(later, time.Now().Add(time.Minute), time.Now().Add(time.Minute))
	if l := Locate(dir, Location{}, "", "%%\nfmt.Println(f)"); l.Path != later || l.Cell != 1 || !strings.Contains(l.How, "most recently saved of 2") {
		t.Errorf("two files: %+v", l)
	}
	// The server's path without a position: the position from the file.
	if l := Locate(dir, Location{Path: "lab.ipynb"}, "", "func f() {}"); l.Path != filepath.Join(dir, "lab.ipynb") || l.Cell != 2 {
		t.Errorf("path only: %+v", l)
	}
	// The server's path relative to its root (JPY_SESSION_NAME), the kernel
	// in the notebook's directory.
	if l := Locate(dir, Location{Path: "lab/notebooks/lab.ipynb"}, "", "func f() {}"); l.Path != filepath.Join(dir, "lab.ipynb") || l.Cell != 2 {
		t.Errorf("server-relative path: %+v", l)
	}
	// Two cells with one source: the file, no position.
	writeNB(t, filepath.Join(dir, "twice.ipynb"), code("a", "%%\ntwice()")+","+code("b", "%%\ntwice()"))
	if l := Locate(dir, Location{}, "", "%%\ntwice()"); l.Cell != 0 || l.Path == "" || l.Note == "" {
		t.Errorf("same source twice: %+v", l)
	}
	// Hidden files (golgi verify's temporary copy) are not searched.
	writeNB(t, filepath.Join(dir, ".golgi-verify-1.ipynb"), code("h", "%%\nhidden()"))
	if l := Locate(dir, Location{}, "", "%%\nhidden()"); l.Path != "" {
		t.Errorf("hidden file searched: %+v", l)
	}
}
