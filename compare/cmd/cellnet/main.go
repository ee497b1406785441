// Command cellnet runs the cell-to-cell network of compare/neuron_net.py
// in golgi and prints one JSON object: cell A's spike times (ms) and cell
// B's somatic v after every step (mV, from t = 0). The network is that of
// simlib/cell's TestCellToCell: two ball-and-stick cells (soma 20×20 µm
// with hh, dendrite 300×1 µm, 9 segments, pas g 1e-4 S/cm² e -65 mV;
// Ra 100 Ω·cm, cm 1 µF/cm²), A driven by an IClamp of 1 nA from 2 to 3 ms at
// its soma, its spikes (soma(0.5) above 0 mV) reaching an Exp2Syn (tau1
// 0.5, tau2 5 ms, e 0 mV) at B's dend(0.5) after 2 ms with weight
// 0.0005 µS; dt 0.025 ms, 30 ms.
//
//	go run ./compare/cmd/cellnet
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/record"
)

func ballStick() cell.Cell {
	soma := cell.Section{Name: "soma", L: 20, Diam: 20, Nseg: 1, Ra: 100, Cm: 1, Mechs: []mech.Density{mech.DefaultHH()}}
	dend := cell.Section{Name: "dend", Parent: "soma", ParentX: 1, L: 300, Diam: 1, Nseg: 9, Ra: 100, Cm: 1,
		Mechs: []mech.Density{mech.Pas{G: 0.0001, E: -65}}}
	return cell.Cell{Sections: []cell.Section{soma, dend}, Detector: &cell.Detector{Section: "soma", X: 0.5, Threshold: 0}}
}

func main() {
	const dt = 0.025
	a := ballStick()
	a.AddPoint("clamp", "soma", 0.5, mech.IClamp{Del: 2, Dur: 1, Amp: 1})
	net := network.New(network.Options{DT: dt, Workers: 1})
	net.AddPopulation("A", 1, cell.DefaultPopulation(a))
	net.AddPopulation("B", 1, cell.DefaultPopulation(ballStick()))
	net.Connect(net.Population("A"), net.Population("B"), connect.OneToOne{}, network.Synapse{Weight: dist.Const(0.0005), Delay: dist.Const(2),
		Site: &neuron.Site{Section: "dend", X: 0.5, Synapse: mech.Exp2Syn{Tau1: 0.5, Tau2: 5, E: 0}}})
	spA := record.NewSpikes(net.Population("A"))
	vB := record.NewState(net.Population("B"), "v", []int{0}, 0)
	net.Record(spA)
	net.Record(vB)
	if err := net.Run(30); err != nil {
		fmt.Fprintln(os.Stderr, "cellnet:", err)
		os.Exit(1)
	}
	out := map[string]any{"spikes_a": spA.Times(), "v_b": vB.Values()[0], "dt": dt}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "cellnet:", err)
		os.Exit(1)
	}
}
