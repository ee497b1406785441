package repro

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"time"
)

// goVersionM runs `go version -m` on the binary at path.
func goVersionM(ctx context.Context, path string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "go", "version", "-m", path).Output()
	return string(out), err
}

// ModuleVersion returns the version of module mod built into the binary at
// path, read with `go version -m` ("" when the file is missing or does not
// contain it).
func ModuleVersion(ctx context.Context, path, mod string) string {
	if path == "" {
		return ""
	}
	if _, err := os.Stat(path); err != nil {
		return ""
	}
	out, err := goVersionM(ctx, path)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && (f[0] == "mod" || f[0] == "path") && f[1] == mod {
			return f[2]
		}
	}
	return ""
}

// LinkedModules returns the modules linked into the Go binary at path (the
// "dep" lines of its build info, `go version -m`, with their replacements),
// in the order the build info lists them (sorted by path). The binary's own
// main module, GoNB's package for the cell, is left out. A binary without
// build info gives an error.
func LinkedModules(ctx context.Context, path string) ([]Module, error) {
	out, err := goVersionM(ctx, path)
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && len(ee.Stderr) > 0 {
			return nil, &moduleError{path, strings.TrimSpace(string(ee.Stderr))}
		}
		return nil, &moduleError{path, err.Error()}
	}
	return ParseBuildInfo(out), nil
}

// ParseBuildInfo reads the dependencies from the text `go version -m`
// prints.
func ParseBuildInfo(text string) []Module {
	mods := []Module{}
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 2 && f[0] == "dep":
			m := Module{Path: f[1], Version: "(devel)"}
			if len(f) >= 3 && !strings.HasPrefix(f[2], "h1:") {
				m.Version = f[2]
			}
			mods = append(mods, m)
		case len(f) >= 2 && f[0] == "=>" && len(mods) > 0:
			r := f[1]
			if len(f) >= 3 && !strings.HasPrefix(f[2], "h1:") {
				r += " " + f[2]
			}
			mods[len(mods)-1].Replace = r
		}
	}
	return mods
}

type moduleError struct{ path, msg string }

func (e *moduleError) Error() string { return "repro: build info of " + e.path + ": " + e.msg }
