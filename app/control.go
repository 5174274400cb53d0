package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// control is the UI of one interface: its options, a run button and the
// outcome; for a listener, listen and stop buttons and the events received.
// As a button (the "all interfaces" page), it runs the interface with
// its default options and shows the outcome beneath.
type control struct {
	app.Compo

	Spec spec
	// Label says what the interface does, in Chinese and English.
	Label entry
	// Prefix goes before the element ids, so that a page may hold the
	// same interface twice.
	Prefix string
	// Button draws the control as one button with Label's words, and no
	// options.
	Button bool

	vals     values
	recalled values // the memos of the memo fields, by field name
	out      outcome
	show     func() app.UI
	running  bool
	runs     int // completed runs, shown in data-runs for scripts that drive the page
	sub      *stream
	got      []string
}

// CompoID makes go-app mount a new control, with a new state and new
// elements, when the interface at its place changes (another page),
// rather than update this one in place.
func (c *control) CompoID() string { return c.Prefix + string(c.Spec.api) }

func (c *control) id() string { return c.Prefix + c.Spec.id() }

func (c *control) OnInit() {
	c.vals, c.recalled = initial(c.Spec.fields), values{}
}

// OnMount follows the memos the control's fields stand for, so that an
// empty field shows what it will use.
func (c *control) OnMount(ctx app.Context) {
	for _, f := range c.Spec.fields {
		if f.memo == "" {
			continue
		}
		name, v := f.name, new(string)
		ctx.ObserveState(memoState(f.memo), v).OnChange(func() { c.recalled[name] = *v })
		c.recalled[name] = *v
	}
}

func (c *control) OnDismount() {
	if c.sub != nil {
		c.sub.stop()
	}
}

func (c *control) Render() app.UI {
	id := c.id()
	if c.Button {
		return c.renderButton(id)
	}
	return app.Div().ID(id).Class("control").DataSet("runs", c.runs).Body(
		app.H3().Body(
			app.Span().Class("api").Text(string(c.Spec.api)),
			app.If(c.Label.zh != "", func() app.UI {
				return app.Span().Class("label").Body(app.Span().Class("zh").Text(c.Label.zh), app.Text(c.Label.en))
			}),
		),
		app.If(c.Spec.note != "", func() app.UI { return app.P().Class("note").Text(c.Spec.note) }),
		app.If(len(c.Spec.fields) > 0, func() app.UI {
			return app.Div().Class("fields").Body(app.Range(c.Spec.fields).Slice(func(i int) app.UI {
				f := c.Spec.fields[i]
				return renderField(id+"-"+f.name, f, c.vals[f.name], c.recalled[f.name], func(v string) { c.vals[f.name] = v })
			}))
		}),
		c.renderButtons(id),
		c.renderOutcome(id),
	)
}

// renderButton is the control as one button, its outcome beneath; a
// listener's button has a stop button beside it.
func (c *control) renderButton(id string) app.UI {
	words := app.Span().Body(app.Span().Class("zh").Text(c.Label.zh), app.Span().Class("en").Text(c.Label.en))
	run := app.Button().ID(id + "-run").Class("api").Title(string(c.Spec.api)).Body(words)
	var body app.UI
	if c.Spec.listen == nil {
		body = run.Disabled(c.running).OnClick(c.onRun)
	} else {
		body = app.Div().Class("pair").Body(
			run.Disabled(c.sub != nil).OnClick(c.onListen),
			app.Button().ID(id+"-stop").Class("secondary stop").Title("stop listening").Disabled(c.sub == nil).OnClick(c.onStop).Text("Stop"),
		)
	}
	return app.Div().ID(id).Class("cell").DataSet("runs", c.runs).Body(body, c.renderOutcome(id))
}

// renderButtons are the run button, or a listener's listen and stop buttons.
func (c *control) renderButtons(id string) app.UI {
	if c.Spec.listen == nil {
		return app.Button().ID(id + "-run").Text("Run").Disabled(c.running).OnClick(c.onRun)
	}
	return app.Div().Class("buttons").Body(
		app.Button().ID(id+"-run").Text("Listen").Disabled(c.sub != nil).OnClick(c.onListen),
		app.Button().ID(id+"-stop").Class("secondary").Text("Stop").Disabled(c.sub == nil).OnClick(c.onStop),
	)
}

func (c *control) renderOutcome(id string) app.UI {
	return app.Div().Class("outcome").Body(
		c.out.render(id),
		app.If(c.Spec.listen != nil, func() app.UI {
			return app.Ol().ID(id + "-events").Class("events").Body(app.Range(c.got).Slice(func(i int) app.UI {
				return app.Li().Text(c.got[i])
			}))
		}),
		app.If(c.show != nil, func() app.UI { return c.show() }),
	)
}

// entered returns the options as entered, empty memo fields filled.
func (c *control) entered() values { return withMemos(c.Spec.fields, c.vals, c.recalled) }

func (c *control) onRun(ctx app.Context, _ app.Event) {
	c.running, c.out, c.show = true, outcome{}, nil
	vals, session := c.entered(), sessionOf(ctx)
	ctx.Async(func() {
		var r ran
		if sdk, err := session.sdk(ctx); err != nil {
			r.out = failed(err)
		} else {
			r = c.Spec.run(ctx, sdk, vals)
		}
		ctx.Dispatch(func(ctx app.Context) {
			c.running, c.out, c.show = false, r.out, r.show
			c.runs++
			keep(ctx, r.keep)
		})
	})
}

// keep puts memos in the app's state.
func keep(ctx app.Context, memos []memo) {
	for _, m := range memos {
		ctx.SetState(memoState(m.key), m.value)
	}
}
