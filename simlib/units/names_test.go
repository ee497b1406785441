package units

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestNoCaseCollisions fails if two exported names of package units differ
// only by case: with units.MS the millisiemens and units.Ms the millisecond,
// one slip of the shift key was a factor 10^6 that compiled.
func TestNoCaseCollisions(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg := pkgs["units"]
	if pkg == nil {
		t.Fatal("package units not found in its own directory")
	}
	seen := map[string]string{} // lower case -> name
	n := 0
	for fname, f := range pkg.Files {
		if strings.HasSuffix(fname, "_test.go") {
			continue
		}
		for _, obj := range f.Scope.Objects {
			if !ast.IsExported(obj.Name) {
				continue
			}
			n++
			k := strings.ToLower(obj.Name)
			if other, ok := seen[k]; ok && other != obj.Name {
				t.Errorf("units.%s and units.%s differ only by case", other, obj.Name)
			}
			seen[k] = obj.Name
		}
	}
	// A parse that finds nothing would pass vacuously.
	if n < 20 {
		t.Fatalf("found %d exported names, want the package's unit constants (more than 20)", n)
	}
}
