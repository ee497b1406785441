package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// workload names a benchmark and scheme as the tables print them.
func workload(k Key) string {
	return map[string]string{
		"COBA exp-euler": "COBA, exponential Euler",
		"COBA euler":     "COBA, forward Euler",
		"CUBA exact":     "CUBA, exact",
		"CUBA euler":     "CUBA, forward Euler",
	}[k.Bench+" "+k.Scheme]
}

func g3(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	return fmt.Sprintf("%.3g", v)
}

func secs(c *Config) string {
	if c == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.3g", c.RunS)
}

func ratio(a, b *Config) string {
	if a == nil || b == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", a.RunS/b.RunS)
}

func rate(c *Config, f func(*Config) float64) string {
	if c == nil {
		return "n/a"
	}
	return g3(f(c))
}

func pct(v, ceil float64) string {
	if ceil <= 0 || math.IsNaN(v) {
		return "n/a"
	}
	return fmt.Sprintf("%.1f %%", 100*v/ceil)
}

func load(cs ...*Config) string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, c := range cs {
		if c != nil {
			lo, hi = math.Min(lo, c.LoadLo), math.Max(hi, c.LoadHi)
		}
	}
	if lo > hi {
		return "n/a"
	}
	if fmt.Sprintf("%.1f", lo) == fmt.Sprintf("%.1f", hi) {
		return fmt.Sprintf("%.1f", lo)
	}
	return fmt.Sprintf("%.1f-%.1f", lo, hi)
}

// fastestBrian2 returns Brian2's fastest scheme of k's benchmark, N and
// threads.
func (r *Results) fastestBrian2(k Key) (*Config, string) {
	var best *Config
	var name string
	for kk, c := range r.Brian2 {
		if kk.Bench == k.Bench && kk.N == k.N && kk.Threads == k.Threads && (best == nil || c.RunS < best.RunS) {
			best, name = c, kk.Scheme
		}
	}
	return best, name
}

// WriteMarkdown writes the three tables: run phase, memory, ceilings.
func (r *Results) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	keys := r.Keys()
	header(&b, "workload", "N", "threads", "timer", "golgi s", "Brian2 s", "golgi / Brian2", "golgi / Brian2's fastest scheme",
		"golgi 1 worker / this (wall)", "golgi updates/s", "Brian2 updates/s", "golgi events/s", "Brian2 events/s", "load")
	for _, k := range keys {
		g, br := r.Golgi[k], r.Brian2[k]
		timer := "n/a"
		if c := firstNonNil(g, br); c != nil {
			timer = c.Timer
		}
		fast, fastName := r.fastestBrian2(k)
		fr := ratio(g, fast)
		if fr != "n/a" {
			fr += " (" + fastName + ")"
		}
		speed := ""
		if k.Threads > 1 {
			one := r.Golgi[Key{k.Bench, k.Scheme, k.N, 1}]
			speed = "n/a"
			if one != nil && g != nil && one.WallS > 0 && g.WallS > 0 {
				speed = fmt.Sprintf("%.2f", one.WallS/g.WallS)
			}
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			workload(k), k.N, k.Threads, timer, secs(g), secs(br), ratio(g, br), fr, speed,
			rate(g, func(c *Config) float64 { return c.UpdatesPS }), rate(br, func(c *Config) float64 { return c.UpdatesPS }),
			rate(g, func(c *Config) float64 { return c.EventsPS }), rate(br, func(c *Config) float64 { return c.EventsPS }),
			load(g, br))
	}
	b.WriteString("\n")
	header(&b, "workload", "N", "threads", "synapses", "golgi peak RSS", "golgi bytes/synapse", "Brian2 peak RSS", "Brian2 bytes/synapse")
	for _, k := range keys {
		g, br := r.Golgi[k], r.Brian2[k]
		syn := "n/a"
		if c := firstNonNil(g, br); c != nil {
			syn = g3(float64(c.Synapses))
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %s | %s | %s | %s |\n", workload(k), k.N, k.Threads, syn,
			mib(g), rate(g, (*Config).BytesPerSynapse), mib(br), rate(br, (*Config).BytesPerSynapse))
	}
	b.WriteString("\n")
	header(&b, "ceiling (elements/s)", "N", "threads", "C stream", "Go stream", "C scatter", "Go scatter")
	for _, ck := range r.ceilSizes() {
		c := func(sim, kern string) string {
			v, ok := r.Ceil[CeilKey{sim, kern, ck[0], ck[1]}]
			if !ok {
				return "n/a"
			}
			return g3(v)
		}
		fmt.Fprintf(&b, "| | %d | %d | %s | %s | %s | %s |\n", ck[0], ck[1],
			c("ceiling-c", "stream"), c("ceiling-go", "stream"), c("ceiling-c", "scatter"), c("ceiling-go", "scatter"))
	}
	b.WriteString("\n")
	header(&b, "where golgi stands", "N", "threads", "golgi updates/s / C stream", "/ Go stream", "Brian2 updates/s / C stream",
		"golgi events/s / C scatter", "/ Go scatter", "Brian2 events/s / C scatter")
	for _, k := range keys {
		g, br := r.Golgi[k], r.Brian2[k]
		cs, gs := r.Ceil[CeilKey{"ceiling-c", "stream", k.N, k.Threads}], r.Ceil[CeilKey{"ceiling-go", "stream", k.N, k.Threads}]
		ck, gk := r.Ceil[CeilKey{"ceiling-c", "scatter", k.N, k.Threads}], r.Ceil[CeilKey{"ceiling-go", "scatter", k.N, k.Threads}]
		up, ev := func(c *Config) float64 {
			if c == nil {
				return math.NaN()
			}
			return c.UpdatesPS
		}, func(c *Config) float64 {
			if c == nil {
				return math.NaN()
			}
			return c.EventsPS
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %s | %s | %s | %s | %s |\n", workload(k), k.N, k.Threads,
			pct(up(g), cs), pct(up(g), gs), pct(up(br), cs), pct(ev(g), ck), pct(ev(g), gk), pct(ev(br), ck))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// header writes a Markdown table's header and separator rows.
func header(b *strings.Builder, cols ...string) {
	b.WriteString("| " + strings.Join(cols, " | ") + " |\n|" + strings.Repeat("---|", len(cols)) + "\n")
}

func firstNonNil(cs ...*Config) *Config {
	for _, c := range cs {
		if c != nil {
			return c
		}
	}
	return nil
}

func mib(c *Config) string {
	if c == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MiB", float64(c.PeakRSS)/(1<<20))
}

// ceilSizes returns the (N, threads) pairs of the ceilings, sorted.
func (r *Results) ceilSizes() [][2]int {
	seen := map[[2]int]bool{}
	var out [][2]int
	for k := range r.Ceil {
		p := [2]int{k.N, k.Threads}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i][0] < out[j][0] || out[i][0] == out[j][0] && out[i][1] < out[j][1]
	})
	return out
}
