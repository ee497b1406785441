package explore

import (
	"fmt"
	"html"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/janpfeifer/gonb/gonbui/dom"
	gw "github.com/janpfeifer/gonb/gonbui/widgets"

	"github.com/golgi-sim/golgi/widgets"
	"github.com/golgi-sim/golgi/widgets/chart"
)

// Param is one slider: a value from Min to Max in steps of Step, starting
// at Value.
type Param struct {
	Name                  string
	Unit                  string // shown after the value, e.g. "nS"
	Min, Max, Step, Value float64
}

// Values maps each parameter's name to its current value.
type Values map[string]float64

// Model computes a chart from parameter values.
type Model func(Values) (*chart.Chart, error)

// Options tunes Run; nil gives the defaults.
type Options struct {
	// Session is how long a live session listens to the sliders before Run
	// returns (interrupting the cell also ends it); default 30 minutes.
	Session time.Duration
	// Connect is how long to wait for the browser to answer the sliders
	// before falling back to the defaults; default 15 s.
	Connect time.Duration
}

// check validates the parameters.
func check(params []Param) error {
	seen := map[string]bool{}
	for i, p := range params {
		switch {
		case p.Name == "":
			return fmt.Errorf("explore: param %d: Name is empty", i)
		case seen[p.Name]:
			return fmt.Errorf("explore: param %d: Name %q used twice", i, p.Name)
		case !(p.Min < p.Max):
			return fmt.Errorf("explore: param %q: Min = %v, Max = %v; need Min < Max", p.Name, p.Min, p.Max)
		case !(p.Step > 0):
			return fmt.Errorf("explore: param %q: Step = %v; must be > 0", p.Name, p.Step)
		case !(p.Value >= p.Min && p.Value <= p.Max):
			return fmt.Errorf("explore: param %q: Value = %v outside [Min, Max] = [%v, %v]", p.Name, p.Value, p.Min, p.Max)
		case (p.Max-p.Min)/p.Step > 10000:
			return fmt.Errorf("explore: param %q: %v steps of %v from %v to %v; at most 10000", p.Name, (p.Max-p.Min)/p.Step, p.Step, p.Min, p.Max)
		}
		seen[p.Name] = true
	}
	return nil
}

// steps returns the number of slider positions after the first.
func (p Param) steps() int { return int(math.Round((p.Max - p.Min) / p.Step)) }

// at returns the value at slider position i.
func (p Param) at(i int) float64 { return math.Min(p.Max, p.Min+float64(float64(i)*p.Step)) }

// index returns the slider position of v.
func (p Param) index(v float64) int {
	return max(0, min(p.steps(), int(math.Round((v-p.Min)/p.Step))))
}

func defaults(params []Param) Values {
	v := Values{}
	for _, p := range params {
		v[p.Name] = p.Value
	}
	return v
}

// describe lists the values, in the parameters' order: "w = 0.5 nS, tau = 10".
func describe(params []Param, v Values) string {
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = fmt.Sprintf("%s = %g", p.Name, v[p.Name])
		if p.Unit != "" {
			parts[i] += " " + p.Unit
		}
	}
	return strings.Join(parts, ", ")
}

// panel is the HTML of one state: a line with the values (and a remark)
// above the chart, or the model's error. It never carries the ECharts
// library (see library): a panel may be replaced when a slider moves, and
// the library must stay in the notebook.
func panel(params []Param, v Values, remark string, c *chart.Chart, modelErr error) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="golgi-explore" style="font-family:sans-serif;font-size:13px;color:#333">%s`, html.EscapeString(describe(params, v)))
	if remark != "" {
		fmt.Fprintf(&b, ` <span style="color:#888">(%s)</span>`, html.EscapeString(remark))
	}
	b.WriteString("</div>\n")
	if modelErr != nil {
		fmt.Fprintf(&b, `<div style="color:#a00;font-family:monospace">%s</div>`+"\n", html.EscapeString(modelErr.Error()))
		return b.String()
	}
	b.WriteString(c.HTML())
	return b.String()
}

// library returns the ECharts library when this kernel has not sent it yet
// (or how to get it), for an output of its own that is never replaced.
func library() string {
	out, _ := chart.NotebookHTML()
	return out
}

// Headless is the remark shown when the sliders are not created.
const Headless = "sliders inactive: no browser attached (headless run); showing the default values"

// Run shows sliders for params and the chart model draws for their values,
// redrawn whenever a slider moves, until Options.Session passes. Without a
// browser it shows the chart at the default values and returns at once.
// The parameters are checked first; the model's error at the defaults is
// returned.
func Run(params []Param, model Model, o *Options) error {
	if err := check(params); err != nil {
		return err
	}
	opt := Options{Session: 30 * time.Minute, Connect: 15 * time.Second}
	if o != nil {
		if o.Session > 0 {
			opt.Session = o.Session
		}
		if o.Connect > 0 {
			opt.Connect = o.Connect
		}
	}
	v := defaults(params)
	c, err := model(v)
	if !widgets.IsNotebook() {
		return err
	}
	if !widgets.Live() {
		widgets.DisplayHTML(library() + panel(params, v, Headless, c, err))
		return err
	}
	return live(params, model, v, c, err, opt)
}

// live runs the interactive session: sliders in a container, the chart in
// its own output block, updated in place. c and err are the model's result
// at the defaults v.
func live(params []Param, model Model, v Values, c *chart.Chart, err error, opt Options) error {
	box := "golgi_explore_" + widgets.UniqueID()
	var rows strings.Builder
	fmt.Fprintf(&rows, `<div id="%s" style="font-family:sans-serif;font-size:13px">`, box)
	for i, p := range params {
		fmt.Fprintf(&rows, `<div id="%s_%d"><span style="display:inline-block;width:140px">%s</span></div>`, box, i, html.EscapeString(p.Name))
	}
	rows.WriteString("</div>")
	widgets.DisplayHTML(rows.String())

	sliders := make([]*gw.SliderBuilder, len(params))
	ready := make(chan int, len(params))
	for i, p := range params {
		s := gw.Slider(0, p.steps(), p.index(p.Value)).AppendTo(fmt.Sprintf("%s_%d", box, i))
		sliders[i] = s
		go func() { s.Done(); ready <- i }() // Done blocks until the browser answers
	}
	timeout := time.After(opt.Connect)
	for range params {
		select {
		case <-ready:
		case <-timeout:
			dom.Remove(box)
			widgets.DisplayHTML(library() + panel(params, v, "sliders inactive: the browser did not answer within "+opt.Connect.String()+"; showing the default values", c, err))
			return err
		}
	}
	// Listen before the first draw, and take values from these messages:
	// the slider's own Value is updated by another subscriber, maybe later.
	type move struct{ slider, pos int }
	moves := make(chan move, 64)
	for i, s := range sliders {
		ch := s.Listen()
		go func() {
			for pos := range ch.C {
				moves <- move{i, pos}
			}
		}()
	}
	if lib := library(); lib != "" {
		widgets.DisplayHTML(lib)
	}
	out := "golgi_explore_chart_" + widgets.UniqueID()
	widgets.UpdateHTML(out, panel(params, v, "", c, err))
	widgets.Sync()
	end := time.After(opt.Session)
	for {
		select {
		case <-end:
			return err
		case m := <-moves:
			v[params[m.slider].Name] = params[m.slider].at(m.pos)
		drain: // redraw once for a burst of moves
			for {
				select {
				case m := <-moves:
					v[params[m.slider].Name] = params[m.slider].at(m.pos)
				default:
					break drain
				}
			}
			c, merr := model(v) // errors are shown in the chart's block
			widgets.UpdateHTML(out, panel(params, v, "", c, merr))
			widgets.Sync()
		}
	}
}

// Names returns the parameters' names, sorted (for messages and tests).
func (v Values) Names() []string {
	n := make([]string, 0, len(v))
	for k := range v {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
