package models_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/internal/badinput"
	"github.com/golgi-sim/golgi/simlib/models"
)

// The models' bad-input table: what the ready-made networks refuse, and
// why. Each row calls the constructor (VANetwork, RSFSNetwork,
// IzhikevichTriad: they check their parameters and return an error) and
// runs what it made (the engine reports the rest). The error names the model, the field, the value and
// what is allowed.

func va(f func(*models.VA)) func() error {
	return func() error {
		p := models.DefaultCOBA()
		f(&p)
		m, err := models.VANetwork(p)
		if err != nil {
			return err
		}
		return m.Run(1)
	}
}

func rsfs(f func(*models.RSFS)) func() error {
	return func() error {
		p := models.DefaultRSFS()
		p.Scale = 0.05
		f(&p)
		m, err := models.RSFSNetwork(p)
		if err != nil {
			return err
		}
		return m.Run(1)
	}
}

func triad(f func(*models.Triad)) func() error {
	return func() error {
		p := models.DefaultTriad()
		f(&p)
		m, err := models.IzhikevichTriad(p)
		if err != nil {
			return err
		}
		return m.Run(1)
	}
}

func TestBadInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	badinput.Run(t, []badinput.Case{
		{"VA Benchmark", va(func(p *models.VA) { p.Benchmark = "XUBA" }), []string{"models.VA", `Benchmark = "XUBA"`, `"COBA" or "CUBA"`}},
		{"VA Scale NaN", va(func(p *models.VA) { p.Scale = nan }), []string{"models.VA", "Scale = NaN", ">= 0 and finite"}},
		{"VA Scale 1e300", va(func(p *models.VA) { p.Scale = 1e300 }), []string{"models.VA", "N = 4000 at Scale = 1e+300", "below 2^31"}},
		{"VA REI 0", va(func(p *models.VA) { p.REI = 0 }), []string{"models.VA", "REI = 0", "positive and finite"}},
		{"VA N 1", va(func(p *models.VA) { p.N = 1 }), []string{"models.VA", "N = 1", "at least 2"}},
		{"VA PConn 2", va(func(p *models.VA) { p.PConn = 2 }), []string{"models.VA", "PConn = 2", "in [0, 1]"}},
		{"VA KickN -1", va(func(p *models.VA) { p.KickN = -1 }), []string{"models.VA", "KickN = -1", ">= 0"}},
		{"VA VInit nil", va(func(p *models.VA) { p.VInit = nil }), []string{"models.VA", "VInit is nil"}},
		{"VA Delay 1e9 ms", va(func(p *models.VA) { p.Delay = 1e9 }), []string{`projection 0 "exc" -> "exc"`, "Synapse.Delay 1e+09: bound = 1e+09 ms", "at most 6553.6 ms"}},
		{"VA KickStop before 0", va(func(p *models.VA) { p.KickStop = -5 }), []string{`population "ext" (PoissonSource)`, "Stop = -5 ms", ">= 0"}},
		{"VA TauExc NaN", va(func(p *models.VA) { p.TauExc = nan }), []string{`population "exc" (LIF): receptor "exc"`, "Tau = NaN ms", "positive finite"}},
		{"VA Workers 100000", va(func(p *models.VA) { p.Workers = 100000 }), []string{"network", "Workers = 100000", "[0, 1024]"}},
		{"RSFS Scale 0", rsfs(func(p *models.RSFS) { p.Scale = 0 }), []string{"RSFS", "Scale = 0", "positive and finite"}},
		{"RSFS Scale 1e300", rsfs(func(p *models.RSFS) { p.Scale = 1e300 }), []string{"RSFS", "NExc = 4000", "below 2^31"}},
		{"RSFS QExcExc NaN", rsfs(func(p *models.RSFS) { p.QExcExc = nan }), []string{"RSFS", "QExcExc = NaN", ">= 0 and finite"}},
		{"RSFS PAffInh 1.5", rsfs(func(p *models.RSFS) { p.PAffInh = 1.5 }), []string{"RSFS", "PAffInh = 1.5", "in [0, 1]"}},
		{"RSFS AffSigma 0", rsfs(func(p *models.RSFS) { p.AffSigma = 0 }), []string{"RSFS", "AffSigma = 0", "positive and finite"}},
		{"RSFS DT -1", rsfs(func(p *models.RSFS) { p.DT = -1 }), []string{"RSFS", "DT = -1", "positive and finite"}},
		{"RSFS TStop below DT", rsfs(func(p *models.RSFS) { p.TStop = 0.01 }), []string{"RSFS", "TStop = 0.01", "at least DT = 0.1 ms"}},
		{"RSFS TStop 1e12 ms (a 1e13-entry array)", rsfs(func(p *models.RSFS) { p.TStop = 1e12 }), []string{"RSFS", "TStop = 1e+12", "at most 100000000"}},
		{"RSFS RateBin +Inf", rsfs(func(p *models.RSFS) { p.RateBin = inf }), []string{`rate recorder of "Exc"`, "bin = +Inf ms", "finite"}},
		{"RSFS Workers -1", rsfs(func(p *models.RSFS) { p.Workers = -1 }), []string{"RSFS", "Workers = -1", ">= 0"}},
		{"Triad W ragged", triad(func(p *models.Triad) { p.W = [][]float64{{0, 1, 0}, {0, 0}, {1, 0, 0}} }), []string{"models.Triad", "W row 1 has 2 columns for 3 cells", "square"}},
		{"Triad G0 length", triad(func(p *models.Triad) { p.G0 = []float64{1} }), []string{"models.Triad", "G0 has 1 values for 3 cells", "one initial conductance"}},
		{"Triad W empty", triad(func(p *models.Triad) { p.W = nil }), []string{"models.Triad", "W is empty"}},
		{"Triad Delay 1e9 ms", triad(func(p *models.Triad) { p.Delay = 1e9 }), []string{`projection 0 "cells" -> "cells"`, "bound = 1e+09 ms", "at most"}},
		{"Triad TauSyn 0", triad(func(p *models.Triad) { p.TauSyn = 0 }), []string{`population "cells" (Izhikevich): receptor "syn"`, "Tau = 0 ms", "positive finite"}},
		{"Triad DT NaN", triad(func(p *models.Triad) { p.DT = nan }), []string{"network", "DT = NaN ms", "positive, finite"}},
	})
}
