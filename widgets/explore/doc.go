// Package explore binds parameter sliders to a small model: moving a slider
// re-runs the model and redraws its chart, for live exploration in a GoNB
// notebook.
//
// The sliders are GoNB's widgets (gonbui/widgets), which need a browser to
// answer: in a headless run (`jupyter nbconvert --execute`, `golgi run`)
// they would block forever. Run therefore creates them only when
// widgets.Live reports a browser, waits at most Options.Connect for it to
// answer, and otherwise shows the model's chart at the parameters' default
// values with a line saying the sliders are inactive. Outside a notebook Run
// computes the model once at the defaults and shows nothing.
package explore
