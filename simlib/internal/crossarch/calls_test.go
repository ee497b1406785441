package crossarch

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// nonPortable are the functions whose results depend on the architecture
// (assembly on some targets, Go code fused on others, or both), with what
// simlib uses instead.
var nonPortable = map[string]string{
	"math.Exp": "pmath.Exp", "math.Expm1": "pmath.Expm1", "math.Exp2": "a table or pmath",
	"math.Log": "pmath.Log", "math.Log1p": "pmath.Log1p", "math.Log10": "pmath.Log10", "math.Log2": "pmath.Log",
	"math.Pow": "pmath.Pow", "math.Pow10": "pmath.Pow", "math.Hypot": "pmath.Hypot",
	"math.Sin": "", "math.Cos": "pmath.Cos", "math.Tan": "", "math.Sincos": "", "math.Asin": "", "math.Acos": "",
	"math.Atan": "", "math.Atan2": "", "math.Sinh": "", "math.Cosh": "", "math.Tanh": "", "math.Erf": "",
	"math.Erfc": "", "math.Erfinv": "", "math.Gamma": "", "math.Lgamma": "", "math.Cbrt": "",
	"NormFloat64": "rng.Normal", "ExpFloat64": "rng.Exp",
}

// simlib's code (tests and package pmath aside) calls none of the standard
// library's non-portable functions: each would make results depend on the
// machine. The parse covers every non-test .go file under simlib.
func TestNoNonPortableCalls(t *testing.T) {
	root := filepath.Join(moduleRoot(t), "simlib")
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || path == filepath.Join(root, "pmath")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		files++
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			name := sel.Sel.Name
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "math" {
				name = "math." + name
			}
			if use, bad := nonPortable[name]; bad {
				if use == "" {
					use = "a pmath function (add one: see package pmath)"
				}
				t.Errorf("%s: %s depends on the architecture; use %s", fset.Position(sel.Pos()), name, use)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("parsed %d files under %s: expected simlib's sources", files, root)
	}
	t.Logf("%d files of simlib checked", files)
}
