package plasticity_test

import (
	"math"
	"testing"

	"github.com/golgi-sim/golgi/simlib/connect"
	"github.com/golgi-sim/golgi/simlib/dist"
	"github.com/golgi-sim/golgi/simlib/network"
	"github.com/golgi-sim/golgi/simlib/neuron"
	"github.com/golgi-sim/golgi/simlib/plasticity"
	"github.com/golgi-sim/golgi/simlib/record"
	"github.com/golgi-sim/golgi/simlib/synapse"
)

const dt = 0.1 // ms

// times converts update indices to spike times (ms) that SpikeTimes
// rounds back to them.
func times(steps []int64) []float64 {
	t := make([]float64, len(steps))
	for i, s := range steps {
		t[i] = float64(s) * dt
	}
	return t
}

// pairNet is one synapse from a SpikeTimes neuron firing at updates pre
// onto a SpikeTimes neuron firing at updates post, with a delay of delay
// steps; it returns the weight after every update 0..steps (the recorder
// samples every step) and the network.
func pairNet(t *testing.T, rule plasticity.Rule, w0 float64, delay int64, pre, post []int64, steps int64, workers int) ([]float64, *network.Network) {
	t.Helper()
	net := network.New(network.Options{DT: dt, Workers: workers})
	gPre := net.AddPopulation("pre", 1, neuron.SpikeTimes{Times: [][]float64{times(pre)}})
	gPost := net.AddPopulation("post", 1, neuron.SpikeTimes{Times: [][]float64{times(post)}}).Receptor("syn", synapse.CurrExp(5))
	pr := net.Connect(gPre, gPost, connect.AllToAll{}, network.Synapse{Receptor: "syn", Weight: dist.Const(w0), Delay: dist.Const(float64(delay) * dt), Plasticity: rule})
	rec := record.NewWeights(pr, nil, 0)
	net.Record(rec)
	if err := net.Run(float64(steps) * dt); err != nil {
		t.Fatal(err)
	}
	w := rec.Values()[0]
	if int64(len(w)) != steps+1 {
		t.Fatalf("%d samples for %d updates", len(w), steps)
	}
	if got := pr.Weights()[0]; got != w[steps] {
		t.Fatalf("Projection.Weights() = %v, last sample %v", got, w[steps])
	}
	return w, net
}

// event is a spike at a synapse: its synapse time, and pre or post.
type event struct {
	t   int64
	pre bool
}

// synapseTimes gives the synapse times of the spikes (NEST's delays: a pre
// spike at s reaches the synapse at s + d − dd, a post spike at m at
// m + dd) and the update after which each is seen (the engine handles both
// dd later; docs/simlib.md "Plasticity").
func synapseTimes(pre, post []int64, d, dd int64) (ev []event) {
	for _, s := range pre {
		ev = append(ev, event{s + d - dd, true})
	}
	for _, m := range post {
		ev = append(ev, event{m + dd, false})
	}
	return ev
}

func check(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	worst, at := 0.0, -1
	for n := range want {
		if d := math.Abs(got[n] - want[n]); d > worst || math.IsNaN(d) {
			worst, at = d, n
		}
	}
	if worst > tol || at >= 0 && math.IsNaN(got[at]) {
		t.Errorf("%s: weight after update %d = %.17g, closed form %.17g (|diff| %.3g > %.3g)", name, at, got[at], want[at], worst, tol)
	}
}

// Spike trains of the pair tests (updates of dt = 0.1 ms): pre-post and
// post-pre pairs at several lags, bursts, equal times, a post spike at the
// very update a pre spike arrives (pre goes first).
var (
	preSteps  = []int64{100, 250, 260, 400, 700, 703, 1000}
	postSteps = []int64{120, 245, 262, 390, 401, 705, 900, 905, 1005}
)

const pairDelay = 5 // steps

// pairClosedForm is the weight after every update of an additive pair rule
// without clipping, as a sum over spike pairs: every pre event at T_i and
// post event at Q_j with T_i <= Q_j adds APlus·exp(−(Q_j−T_i)/τ+), with
// Q_j < T_i adds −AMinus·exp(−(T_i−Q_j)/τ−) (Song, Miller & Abbott 2000,
// eq. 1; Morrison et al. 2008, eq. 3); Nearest counts only the nearest
// earlier spike of the other side (Morrison et al. 2008, Fig. 7B), seen
// when the later spike of the pair is handled (synapse time + dd).
func pairClosedForm(p plasticity.Pair, w0 float64, ev []event, dd, steps int64) []float64 {
	w := make([]float64, steps+1)
	for n := int64(0); n <= steps; n++ {
		sum := w0
		for _, b := range ev {
			if b.t+dd > n {
				continue
			}
			var best int64 = -1
			for _, a := range ev {
				if a.pre == b.pre {
					continue
				}
				// a precedes b at the synapse: pre before post at equal times
				if a.t < b.t || a.t == b.t && a.pre {
					if p.Pairing == plasticity.Nearest {
						best = max(best, a.t)
						continue
					}
					sum += term(p, b, b.t-a.t)
				}
			}
			if p.Pairing == plasticity.Nearest && best >= 0 {
				sum += term(p, b, b.t-best)
			}
		}
		w[n] = sum
	}
	return w
}

func term(p plasticity.Pair, later event, lag int64) float64 {
	if later.pre { // post then pre: depression
		return -p.AMinus * math.Exp(-float64(lag)*dt/p.TauMinus)
	}
	return p.APlus * math.Exp(-float64(lag)*dt/p.TauPlus)
}

func TestPairAdditiveClosedForm(t *testing.T) {
	for _, pairing := range []plasticity.Pairing{plasticity.AllToAll, plasticity.Nearest} {
		for _, dd := range []int64{0, 2, pairDelay} { // Brian2's pre-pathway delay, a split, NEST's all-dendritic
			p := plasticity.Pair{TauPlus: 16.8, TauMinus: 33.7, APlus: 0.01, AMinus: 0.012, WMin: -10, WMax: 10, Pairing: pairing, Dendritic: float64(dd) * dt}
			const steps = 1100
			got, _ := pairNet(t, p, 0.5, pairDelay, preSteps, postSteps, steps, 1)
			want := pairClosedForm(p, 0.5, synapseTimes(preSteps, postSteps, pairDelay, dd), dd, steps)
			check(t, pairing.String()+" dendritic "+string(rune('0'+dd)), got, want, 1e-12)
		}
	}
}

// Multiplicative dependence, pairs 1000 ms apart (the traces of one pair
// are below 1e-21 at the next): n pre→post pairs at lag Δ give
// WMax − w_n = (WMax − w0)·(1 − APlus·e^(−Δ/τ+))^n, then n post→pre pairs
// give w_n − WMin = (w − WMin)·(1 − AMinus·e^(−Δ/τ−))^n (van Rossum, Bi &
// Turrigiano 2000: Δw+ ∝ WMax − w, Δw− ∝ w).
func TestPairMultiplicativeClosedForm(t *testing.T) {
	p := plasticity.Pair{TauPlus: 20, TauMinus: 20, APlus: 0.1, AMinus: 0.15, WMin: 0.1, WMax: 2, Dependence: plasticity.Multiplicative}
	for _, pairing := range []plasticity.Pairing{plasticity.AllToAll, plasticity.Nearest} {
		p.Pairing = pairing
		const gap, lag, reps, d = 10000, 60, 4, 3
		var pre, post []int64
		for k := int64(0); k < reps; k++ {
			pre = append(pre, 100+k*gap)
			post = append(post, 100+k*gap+d+lag) // the pre spike reaches the synapse at +d
		}
		for k := int64(reps); k < 2*reps; k++ {
			post = append(post, 100+k*gap)
			pre = append(pre, 100+k*gap+lag-d)
		}
		steps := int64(2*reps*gap + 200)
		w, _ := pairNet(t, p, 1.0, d, pre, post, steps, 1)
		fp := 1 - p.APlus*math.Exp(-lag*dt/p.TauPlus)
		fm := 1 - p.AMinus*math.Exp(-lag*dt/p.TauMinus)
		wp := p.WMax - (p.WMax-1.0)*math.Pow(fp, reps)
		wm := p.WMin + (wp-p.WMin)*math.Pow(fm, reps)
		if got := w[reps*gap]; math.Abs(got-wp) > 1e-12 {
			t.Errorf("%v: after %d potentiating pairs w = %.17g, closed form %.17g", pairing, reps, got, wp)
		}
		if got := w[steps]; math.Abs(got-wm) > 1e-12 {
			t.Errorf("%v: after %d depressing pairs w = %.17g, closed form %.17g", pairing, reps, got, wm)
		}
	}
}

// Bounds: a pair whose change would leave [WMin, WMax] stops at the bound.
func TestPairBounds(t *testing.T) {
	p := plasticity.Pair{TauPlus: 20, TauMinus: 20, APlus: 1, AMinus: 1, WMin: 0.2, WMax: 0.6}
	w, _ := pairNet(t, p, 0.5, 1, []int64{10, 500}, []int64{12, 495}, 600, 1)
	if w[100] != 0.6 {
		t.Errorf("after a potentiating pair of size %v from 0.5, w = %v; want WMax = 0.6", math.Exp(-0.1/20), w[100])
	}
	if w[600] != 0.2 {
		t.Errorf("after a depressing pair, w = %v; want WMin = 0.2", w[600])
	}
}

// tripletClosedForm sums Pfister & Gerstner (2006)'s eqs. 2-3 over the
// spikes: a post spike at t adds r1(t)·(A2+ + A3+·o2(t−)), a pre spike
// −o1(t)·(A2− + A3−·r2(t−)), where each trace is the sum over the earlier
// spikes of its side of e^(−Δt/τ) (all-to-all; nearest: the latest only),
// earlier meaning pre before post at equal times, and o2(t−), r2(t−)
// excluding the spike at t itself.
func tripletClosedForm(p plasticity.Triplet, w0 float64, ev []event, steps int64) []float64 {
	tr := func(b event, pre bool, tau float64) float64 {
		s := 0.0
		var best int64 = -1
		for _, a := range ev {
			if a.pre != pre || a == b {
				continue
			}
			if a.t < b.t || a.t == b.t && a.pre && !b.pre {
				if p.Pairing == plasticity.Nearest {
					best = max(best, a.t)
				} else {
					s += math.Exp(-float64(b.t-a.t) * dt / tau)
				}
			}
		}
		if best >= 0 {
			s = math.Exp(-float64(b.t-best) * dt / tau)
		}
		return s
	}
	w := make([]float64, steps+1)
	for n := int64(0); n <= steps; n++ {
		sum := w0
		for _, b := range ev {
			if b.t > n {
				continue
			}
			if b.pre {
				sum -= tr(b, false, p.TauMinus) * (p.A2Minus + p.A3Minus*tr(b, true, p.TauX))
			} else {
				sum += tr(b, true, p.TauPlus) * (p.A2Plus + p.A3Plus*tr(b, false, p.TauY))
			}
		}
		w[n] = sum
	}
	return w
}

func TestTripletClosedForm(t *testing.T) {
	for _, pairing := range []plasticity.Pairing{plasticity.AllToAll, plasticity.Nearest} {
		p := plasticity.DefaultTriplet()
		p.A2Plus = 4e-3 // make every term count
		p.WMin, p.WMax, p.Pairing = -10, 10, pairing
		const steps = 1100
		got, _ := pairNet(t, p, 0.5, pairDelay, preSteps, postSteps, steps, 1)
		want := tripletClosedForm(p, 0.5, synapseTimes(preSteps, postSteps, pairDelay, 0), steps)
		check(t, "triplet "+pairing.String(), got, want, 1e-12)
	}
}

// tmNet drives one Tsodyks-Markram synapse with a regular train and
// returns the PSC amplitude of every spike, read from the receptor's
// current: an exponential receptor's state s jumps by the amplitude at the
// arrival update, s(n) = s(n−1)·e^(−dt/τ) + amplitude.
func tmNet(t *testing.T, p plasticity.TsodyksMarkram, w float64, isi int64, n int) []float64 {
	t.Helper()
	var pre []int64
	for k := 0; k < n; k++ {
		pre = append(pre, 10+int64(k)*isi)
	}
	const tau = 3.0
	net := network.New(network.Options{DT: dt})
	gPre := net.AddPopulation("pre", 1, neuron.SpikeTimes{Times: [][]float64{times(pre)}})
	gPost := net.AddPopulation("post", 1, neuron.SpikeTimes{Times: [][]float64{nil}}).Receptor("syn", synapse.CurrExp(tau))
	net.Connect(gPre, gPost, connect.AllToAll{}, network.Synapse{Receptor: "syn", Weight: dist.Const(w), Delay: dist.Const(dt), Plasticity: p})
	rec := record.NewState(gPost, "syn", []int{0}, 0)
	net.Record(rec)
	if err := net.Run(float64(pre[n-1]+5) * dt); err != nil {
		t.Fatal(err)
	}
	s := rec.Values()[0]
	a := math.Exp(-dt / tau)
	amp := make([]float64, n)
	for k, st := range pre {
		i := st + 1 // arrival after the one-step delay
		amp[k] = s[i] - s[i-1]*a
	}
	return amp
}

// Depression only (TauFacil = 0): the n-th amplitude of a regular train of
// interval Δ is w·U·(x∞ + (1 − x∞)·q^(n−1)), q = (1 − U)·e^(−Δ/τd),
// x∞ = (1 − e^(−Δ/τd))/(1 − q): the recursion x_{n+1} = 1 − e^(−Δ/τd) +
// (1 − U)·e^(−Δ/τd)·x_n of Tsodyks & Markram (1997, PNAS 94:719) from
// x_1 = 1, solved.
func TestTsodyksMarkramDepressionClosedForm(t *testing.T) {
	p := plasticity.TsodyksMarkram{U: 0.45, TauRec: 300}
	const w, isi, n = 2.5, 200, 30 // 20 ms apart: 50 Hz
	amp := tmNet(t, p, w, isi, n)
	e := math.Exp(-isi * dt / p.TauRec)
	q := (1 - p.U) * e
	xinf := (1 - e) / (1 - q)
	for k := 0; k < n; k++ {
		want := w * p.U * (xinf + (1-xinf)*math.Pow(q, float64(k)))
		if math.Abs(amp[k]-want) > 1e-12 {
			t.Errorf("spike %d: amplitude %.17g, closed form %.17g", k+1, amp[k], want)
		}
	}
}

// Facilitation: u_n = u∞ + (U − u∞)·a^(n−1) with a = (1 − U)·e^(−Δ/τf),
// u∞ = U/(1 − a) (the recursion u_{n+1} = U + (1 − U)·e^(−Δ/τf)·u_n,
// Tsodyks, Pawelzik & Markram 1998, eq. 3.3, solved); x follows
// x_{n+1} = 1 − e^(−Δ/τd) + (1 − u_n)·e^(−Δ/τd)·x_n, so the steady
// amplitude is w·u∞·x∞ with x∞ = (1 − e^(−Δ/τd))/(1 − (1 − u∞)·e^(−Δ/τd)).
func TestTsodyksMarkramFacilitationClosedForm(t *testing.T) {
	p := plasticity.TsodyksMarkram{U: 0.1, TauRec: 100, TauFacil: 1000}
	const w, isi, n = 1.5, 250, 400
	amp := tmNet(t, p, w, isi, n)
	ed, ef := math.Exp(-isi*dt/p.TauRec), math.Exp(-isi*dt/p.TauFacil)
	a := (1 - p.U) * ef
	uinf := p.U / (1 - a)
	x := 1.0
	for k := 0; k < n; k++ {
		u := uinf + (p.U-uinf)*math.Pow(a, float64(k))
		if want := w * u * x; math.Abs(amp[k]-want) > 1e-12 {
			t.Errorf("spike %d: amplitude %.17g, closed form %.17g", k+1, amp[k], want)
		}
		x = 1 - ed + (1-u)*ed*x
	}
	xinf := (1 - ed) / (1 - (1-uinf)*ed)
	if got, want := amp[n-1], w*uinf*xinf; math.Abs(got-want) > 1e-12 {
		t.Errorf("steady amplitude %.17g, closed form %.17g", got, want)
	}
	if amp[1] <= amp[0] {
		t.Errorf("amplitudes %v, %v: a facilitating synapse's second is larger", amp[0], amp[1])
	}
}

// A plastic projection between views of one population (pre neuron 0,
// post neuron 1) follows the same closed form, and its weight recorder
// finds the synapses' targets in the whole population.
func TestPairBetweenViews(t *testing.T) {
	p := plasticity.Pair{TauPlus: 16.8, TauMinus: 33.7, APlus: 0.01, AMinus: 0.012, WMin: -10, WMax: 10}
	const steps = 1100
	net := network.New(network.Options{DT: dt, Workers: 2})
	all := net.AddPopulation("all", 2, neuron.SpikeTimes{Times: [][]float64{times(preSteps), times(postSteps)}}).Receptor("syn", synapse.CurrExp(5))
	pr := net.Connect(all.Slice(0, 1), all.Slice(1, 2), connect.AllToAll{}, network.Synapse{Receptor: "syn", Weight: dist.Const(0.5), Delay: dist.Const(pairDelay * dt), Plasticity: p})
	rec := record.NewWeights(pr, nil, 0)
	net.Record(rec)
	if err := net.Run(steps * dt); err != nil {
		t.Fatal(err)
	}
	if pr.Len() != 1 || pr.Table().Post[0] != 1 {
		t.Fatalf("table %+v: want one synapse onto neuron 1", pr.Table())
	}
	want := pairClosedForm(p, 0.5, synapseTimes(preSteps, postSteps, pairDelay, 0), 0, steps)
	check(t, "views", rec.Values()[0], want, 1e-12)
}
