// Command morphcase prints the sections of a cell built by golgi's
// morphology and NetPyNE readers in the JSON form of
// simlib/cell/cellcase, for compare/neuron_cells_morph.py:
//
//	go run ./compare/cmd/morphcase -swc simlib/morph/testdata/branched.swc -ra 150 -mechs '{"soma": {"hh": {}}}'
//	go run ./compare/cmd/morphcase -wscale [-nohd]
//
// With -swc the SWC file is read by morph.ReadSWC and described by
// netpyne.FromMorphology (nseg by NEURON's d_lambda rule unless -nseg);
// -mechs gives the mechanisms per kind of section (soma, dend, apic,
// axon). With -wscale the cell is models.WscaleCell (-nohd leaves out hd,
// which NEURON does not have built in).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/cellcase"
	"github.com/golgi-sim/golgi/simlib/models"
	"github.com/golgi-sim/golgi/simlib/morph"
	"github.com/golgi-sim/golgi/simlib/netpyne"
)

func main() {
	swc := flag.String("swc", "", "SWC file")
	ra := flag.Float64("ra", netpyne.DefaultRa, "axial resistivity (Ω·cm) for -swc")
	cm := flag.Float64("cm", netpyne.DefaultCm, "capacitance (µF/cm²) for -swc")
	nseg := flag.Int("nseg", 0, "nseg of every section for -swc (0: d_lambda rule)")
	mechs := flag.String("mechs", "{}", "mechanisms per kind of section, JSON")
	wscale := flag.Bool("wscale", false, "print the Wscale cell (models.WscaleCell)")
	nohd := flag.Bool("nohd", false, "with -wscale: leave out hd")
	flag.Parse()
	var p netpyne.CellParams
	switch {
	case *wscale:
		p = models.WscaleCell()
		if *nohd {
			for name, s := range p.Secs {
				delete(s.Mechs, "hd")
				p.Secs[name] = s
			}
		}
	case *swc != "":
		m, err := morph.ReadSWCFile(*swc)
		if err != nil {
			fail(err)
		}
		o := netpyne.DefaultMorphOptions()
		o.Ra, o.Cm, o.Nseg = *ra, *cm, *nseg
		if err := json.Unmarshal([]byte(*mechs), &o.Mechs); err != nil {
			fail(fmt.Errorf("-mechs: %w", err))
		}
		if p, err = netpyne.FromMorphology(m, o); err != nil {
			fail(err)
		}
	default:
		fail(fmt.Errorf("give -swc FILE or -wscale"))
	}
	c, err := p.Cell(netpyne.DefaultRegistry())
	if err != nil {
		fail(err)
	}
	if _, err := cell.New(c, nil); err != nil {
		fail(err)
	}
	var out []cellcase.Section
	for _, s := range c.Sections {
		sp := p.Secs[s.Name]
		cs := cellcase.Section{Name: s.Name, Parent: s.Parent, ParentX: s.ParentX, L: s.L, Diam: s.Diam, Nseg: s.Nseg, Ra: s.Ra, Cm: s.Cm, Mechs: sp.Mechs}
		for _, q := range s.Pt3D {
			cs.Pt3D = append(cs.Pt3D, [4]float64{q.X, q.Y, q.Z, q.Diam})
		}
		out = append(out, cs)
	}
	e := json.NewEncoder(os.Stdout)
	if err := e.Encode(out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "morphcase:", err)
	os.Exit(2)
}
