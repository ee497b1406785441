package morph_test

import (
	"fmt"
	"strings"

	"github.com/golgi-sim/golgi/simlib/morph"
)

func Example() {
	// A single-point soma of radius 10 µm and a dendrite of two samples.
	swc := `# id type x y z radius parent
1 1 0 0 0 10 -1
2 3 0 20 0 1 1
3 3 0 220 0 1 2
`
	m, err := morph.ReadSWC(strings.NewReader(swc))
	if err != nil {
		fmt.Println(err)
		return
	}
	rule := morph.DefaultDLambda()
	for i, s := range m.Sections {
		lam := morph.LambdaF(s.Points, rule.Freq, 100, 1)
		fmt.Printf("%s L=%.0f µm nseg=%d parent=%d(%.1f)\n", s.Name, m.Length(i), rule.Nseg(m.Length(i), lam), s.Parent, s.ParentX)
	}
	// Output:
	// soma_0 L=20 µm nseg=1 parent=-1(0.0)
	// dend_0 L=200 µm nseg=5 parent=0(0.5)
}
