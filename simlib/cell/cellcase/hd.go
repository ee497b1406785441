package cellcase

import "github.com/golgi-sim/golgi/simlib/cell/mech"

// hd (mech.HD, Migliore's Ih) under its NEURON parameter names, for
// compare/hd_reference.py. Added by the cell-build branch in its own file.
func init() {
	Densities["hd"] = func(obj string, m map[string]float64) (mech.Density, error) {
		d := mech.DefaultHD()
		p := &params{obj: obj, m: m}
		p.take("gbar", &d.Gbar)
		p.take("ehd", &d.Ehd)
		p.take("vhalfl", &d.Vhalfl)
		p.take("vhalft", &d.Vhalft)
		p.take("a0t", &d.A0t)
		p.take("zetal", &d.Zetal)
		p.take("zetat", &d.Zetat)
		p.take("gmt", &d.Gmt)
		p.take("q10", &d.Q10)
		p.take("qtl", &d.Qtl)
		p.take("clk", &d.Clk)
		p.take("elk", &d.Elk)
		return d, p.done("gbar", "ehd", "vhalfl", "vhalft", "a0t", "zetal", "zetat", "gmt", "q10", "qtl", "clk", "elk")
	}
}
