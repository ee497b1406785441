package crossarch

import (
	"context"
	"fmt"

	"github.com/golgi-sim/golgi/simlib/cell"
	"github.com/golgi-sim/golgi/simlib/cell/mech"
	"github.com/golgi-sim/golgi/simlib/models/hnn"
)

// hnnEvents are events of weight w (µS) at times t (ms) on every synapse of a
// receptor at a location of an hnn cell (models/hnn's Site).
type hnnEvents struct {
	loc, receptor string
	w             float64
	t             []float64
}

// hnnCell is one of hnn-core's cells (simlib/models/hnn) at its defaults
// and hnn.DefaultOptions() (backward Euler, dt 0.025 ms, 37 °C), built at pos (so
// the 3-D shape's single-precision arithmetic is exercised), with an
// optional somatic current step and synaptic events, run standalone for
// 40 ms. Spikes counts the soma's spikes and Fingerprint hashes their
// times; Traces hashes v at every node at every step and the probes
// (gates of every mechanism, cai, the synapses' conductances).
func hnnCell(name, typ string, pos hnn.Pos, step *mech.IClamp, events []hnnEvents, probes [][3]string, points [][2]string) func() (Result, error) {
	return func() (Result, error) {
		m, err := hnn.New(typ, pos)
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", name, err)
		}
		if step != nil {
			m.Cell.Points = append(m.Cell.Points, cell.PointProcess{Label: "step", Section: "soma", X: 0.5, Mech: *step})
		}
		s, err := cell.New(m.Cell, hnn.DefaultOptions())
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", name, err)
		}
		for _, ev := range events {
			labels, err := m.Site(ev.loc, ev.receptor)
			if err != nil {
				return Result{}, fmt.Errorf("%s: %w", name, err)
			}
			for _, l := range labels {
				if err := s.Events(l, ev.w, ev.t...); err != nil {
					return Result{}, fmt.Errorf("%s: %w", name, err)
				}
			}
		}
		all := s.RecordAllV()
		var trs []*cell.Trace
		for _, p := range probes {
			var x float64
			if _, err := fmt.Sscan(p[1], &x); err != nil {
				return Result{}, fmt.Errorf("%s: probe %v: %w", name, p, err)
			}
			tr, err := s.Record(p[0], x, p[2])
			if err != nil {
				return Result{}, fmt.Errorf("%s: %w", name, err)
			}
			trs = append(trs, tr)
		}
		for _, pv := range points {
			tr, err := s.RecordPoint(pv[0], pv[1])
			if err != nil {
				return Result{}, fmt.Errorf("%s: %w", name, err)
			}
			trs = append(trs, tr)
		}
		if err := s.Run(40); err != nil {
			return Result{}, fmt.Errorf("%s: %w", name, err)
		}
		series := append([][]float64{all.T}, all.V...)
		for _, tr := range trs {
			series = append(series, tr.Y)
		}
		spk := s.Spikes()
		return Result{Name: name, Spikes: int64(len(spk)), Fingerprint: traces(spk), Traces: traces(series...)}, nil
	}
}

// hnnL5 is hnn-core's L5 pyramidal cell at (9, 9, 0) µm (every mechanism
// of hnn-core: hh2, km, ca, cad, kca, cat, ar with ar growing along the
// dendrites), driven by AMPA and NMDA events on the distal group (the
// apical tuft) at 5 ms, AMPA on the proximal group at 15 ms and 28 ms and
// a GABAA event on the soma at 22 ms.
var hnnL5 = hnnCell("hnnL5", hnn.L5PyramidalType, hnn.Pos{X: 9, Y: 9}, nil,
	[]hnnEvents{
		{"distal", "ampa", 0.02, []float64{5}},
		{"distal", "nmda", 0.01, []float64{5}},
		{"proximal", "ampa", 0.02, []float64{15, 28}},
		{"soma", "gabaa", 0.02, []float64{22}},
	},
	[][3]string{
		{"soma", "0.5", "m_hh2"}, {"soma", "0.5", "h_hh2"}, {"soma", "0.5", "n_hh2"},
		{"soma", "0.5", "n_km"}, {"soma", "0.5", "n_kca"}, {"soma", "0.5", "m_ca"}, {"soma", "0.5", "h_ca"},
		{"soma", "0.5", "m_cat"}, {"soma", "0.5", "h_cat"}, {"soma", "0.5", "m_ar"}, {"soma", "0.5", "cai"},
		{"apical_tuft", "0.5", "m_ar"}, {"apical_tuft", "0.5", "cai"}, {"apical_1", "0.5", "cai"},
	},
	[][2]string{{"apical_tuft_ampa", "g"}, {"apical_tuft_nmda", "g"}, {"soma_gabaa", "g"}})

// hnnL2Basket is hnn-core's L2 basket cell (one hh2 soma): a 0.3 nA step
// from 5 ms for 15 ms, then an AMPA event on the proximal group at 28 ms.
var hnnL2Basket = hnnCell("hnnL2B", hnn.L2BasketType, hnn.Pos{}, &mech.IClamp{Del: 5, Dur: 15, Amp: 0.3},
	[]hnnEvents{{"proximal", "ampa", 0.01, []float64{28}}},
	[][3]string{{"soma", "0.5", "m_hh2"}, {"soma", "0.5", "h_hh2"}, {"soma", "0.5", "n_hh2"}},
	[][2]string{{"soma_ampa", "g"}})

// hnnColumn is hnn-core's column (simlib/models/hnn) on a 3×3 mesh for 40
// ms at its defaults, driven by an evoked proximal drive (rng.Normal
// times), a Poisson proximal drive (rng.Exp intervals) and a bursty distal
// drive with a jittered start, so the drives' event times, the Gaussian
// weights and delays (pmath.Exp), the network of 36 cells, the dipole's
// renormalisation and its Hamming smoothing (pmath.Cos) are all compared.
// Spikes counts the column's spikes and Fingerprint hashes their times;
// Traces hashes the drives' events, the three dipoles and the smoothed
// aggregate.
func hnnColumn() (Result, error) {
	cells, err := hnn.DefaultCells()
	if err != nil {
		return Result{}, fmt.Errorf("hnnColumn: %w", err)
	}
	c := hnn.DefaultColumn(cells)
	c.Mesh.NX, c.Mesh.NY = 3, 3
	c.TStop = 40
	c.Workers = 1
	e := hnn.EvokedDrive("evprox", 12, 2.5, "proximal")
	e.WeightsAMPA = map[string]float64{hnn.L2BasketType: 0.08831, hnn.L2PyramidalType: 0.01525,
		hnn.L5BasketType: 0.19934, hnn.L5PyramidalType: 0.00865}
	e.Delays = map[string]float64{hnn.L5BasketType: 1, hnn.L5PyramidalType: 1}
	p := hnn.PoissonDrive("poisson", 60, "proximal")
	p.WeightsAMPA = map[string]float64{hnn.L2PyramidalType: 0.002, hnn.L5PyramidalType: 0.002}
	b := hnn.BurstyDrive("bursty", 40, "distal")
	b.WeightsAMPA = map[string]float64{hnn.L2PyramidalType: 0.004, hnn.L5PyramidalType: 0.004}
	b.TStart, b.TStartStd, b.BurstStd = 5, 3, 2
	c.Drives = []hnn.Drive{e, p, b}
	res, err := c.Simulate(context.Background(), 1)
	if err != nil {
		return Result{}, fmt.Errorf("hnnColumn: %w", err)
	}
	r := res[0]
	sm, err := r.Dipole.Smooth(5)
	if err != nil {
		return Result{}, fmt.Errorf("hnnColumn: %w", err)
	}
	spk := make([]float64, len(r.Spikes))
	for i, s := range r.Spikes {
		spk[i] = s.T
	}
	series := [][]float64{r.Dipole.L2, r.Dipole.L5, r.Dipole.Agg, sm.Agg}
	for _, d := range c.Drives {
		series = append(series, r.Events[d.Name]...)
	}
	return Result{Name: "hnnColumn", Spikes: int64(len(spk)), Fingerprint: traces(spk), Traces: traces(series...)}, nil
}
