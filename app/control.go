package main

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// sentinels name the errors the page reports in data-sentinel, matched with
// errors.Is, most precise first.
var sentinels = []struct {
	err  error
	name string
}{
	{wx.ErrCancel, "ErrCancel"},
	{wx.ErrInvalidSignature, "ErrInvalidSignature"},
	{wx.ErrInvalidURLDomain, "ErrInvalidURLDomain"},
	{wx.ErrOfflineVerifying, "ErrOfflineVerifying"},
	{wx.ErrPermissionDenied, "ErrPermissionDenied"},
	{wx.ErrFunctionNotExist, "ErrFunctionNotExist"},
	{wx.ErrNotInJSAPIList, "ErrNotInJSAPIList"},
	{wx.ErrNotInWeChat, "ErrNotInWeChat"},
	{wx.ErrNoSDK, "ErrNoSDK"},
	{wx.ErrSigner, "ErrSigner"},
	{wx.ErrBadOptions, "ErrBadOptions"},
	{wx.ErrConfigFailed, "ErrConfigFailed"},
	{context.DeadlineExceeded, "DeadlineExceeded"},
	{wx.ErrFailed, "ErrFailed"},
}

func sentinelName(err error) string {
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.name
		}
	}
	return ""
}

// outcome is what the page shows of one call: its result as JSON, or its
// error with the sentinel it matches and the hint.
type outcome struct {
	done     bool
	result   string
	err      string
	sentinel string
	hint     string
}

func outcomeOf(v any, err error) outcome {
	if err != nil {
		o := outcome{done: true, err: err.Error(), sentinel: sentinelName(err)}
		var we *wx.Error
		if errors.As(err, &we) {
			o.hint = we.Hint()
		}
		return o
	}
	b, _ := json.MarshalIndent(v, "", "  ")
	return outcome{done: true, result: string(b)}
}

// render shows the outcome in #<id>-result or #<id>-error.
func (o outcome) render(id string) app.UI {
	switch {
	case !o.done:
		return app.Div().ID(id + "-result").Class("result pending")
	case o.err != "":
		return o.errorView(id+"-error", "error")
	}
	return app.Pre().ID(id + "-result").Class("result").Text(o.result)
}

// errorView shows a failed outcome: the error, data-sentinel, and the hint.
func (o outcome) errorView(id, class string) app.UI {
	return app.Div().ID(id).Class(class).DataSet("sentinel", o.sentinel).Body(
		app.Span().Class("message").Text(o.err),
		app.If(o.hint != "", func() app.UI { return app.P().Class("hint").Text(o.hint) }),
	)
}

// fieldKind is how an option is entered.
type fieldKind int

const (
	textField   fieldKind = iota
	numberField           // a number; empty means the default
	boolField             // a checkbox
	listField             // comma-separated values
	choiceField           // one of choices; "" means the default
)

// field is one option of a control, entered in #<api>-<name>.
type field struct {
	name    string
	label   string
	kind    fieldKind
	value   string   // initial value
	choices []string // for choiceField
	// memo, if set, names a remembered value (see remember) used when the
	// field is left empty: the last recorded voice, the last upload, …
	memo string
}

// memos are values remembered from earlier results, so that a control can
// use what another produced (play the voice just recorded). Every page of
// the app shares them.
var memos sync.Map

func remember(key, value string) {
	if value != "" {
		memos.Store(key, value)
	}
}

func recall(key string) string {
	v, _ := memos.Load(key)
	s, _ := v.(string)
	return s
}

// values are a control's entered options, by field name.
type values map[string]string

func (v values) str(name string) string { return strings.TrimSpace(v[name]) }
func (v values) flag(name string) bool  { return v[name] == "true" }

func (v values) int(name string) int {
	n, _ := strconv.Atoi(v.str(name))
	return n
}

func (v values) float(name string) float64 {
	f, _ := strconv.ParseFloat(v.str(name), 64)
	return f
}

// list splits a comma-separated field, dropping empty items.
func (v values) list(name string) []string {
	var out []string
	for item := range strings.SplitSeq(v[name], ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// listOf converts a list field to a typed string slice.
func listOf[T ~string](v values, name string) []T {
	var out []T
	for _, s := range v.list(name) {
		out = append(out, T(s))
	}
	return out
}

// spec describes the control of one interface: its options, and how to call
// it (run) or, for a listener, subscribe to it (listen).
type spec struct {
	api    wx.API
	title  string
	fields []field
	// run calls the interface and waits for its result.
	run func(ctx context.Context, sdk *wx.SDK, v values) (any, error)
	// listen registers a listener; each event is shown as it comes.
	listen func(ctx context.Context, sdk *wx.SDK, v values) events
	// view, if set, is what the page shows of a result, as JSON, in place
	// of the result itself.
	view func(result any) any
	// show, if set, renders what after made of a successful result (images).
	show func(extra any) app.UI
	// after, if set, runs after a successful call and may add to the result
	// shown (for example the data of chosen images).
	after func(ctx context.Context, sdk *wx.SDK, result any) any
}

// id is the element id prefix of the control: the API name, with
// miniProgram.navigateTo as miniProgram-navigateTo.
func (s spec) id() string { return strings.ReplaceAll(string(s.api), ".", "-") }

// events is a running listener as a control sees it.
type events struct {
	next func(ctx context.Context) (any, bool) // the next event; false once it ended
	stop func()
	err  func() error
}

// subscribe adapts a wx.Subscription to events.
func subscribe[E any](sub *wx.Subscription[E]) events {
	return subscribeEach(sub, nil)
}

// subscribeEach is subscribe, calling each (if set) with every event first.
func subscribeEach[E any](sub *wx.Subscription[E], each func(E)) events {
	return events{
		next: func(ctx context.Context) (any, bool) {
			select {
			case e, ok := <-sub.Events():
				if ok && each != nil {
					each(e)
				}
				return e, ok
			case <-ctx.Done():
				return nil, false
			}
		},
		stop: sub.Stop,
		err:  sub.Err,
	}
}

// control is the UI of one interface: its options, a run button and the
// outcome; for a listener, start and stop buttons and the events received.
type control struct {
	app.Compo

	Spec spec

	vals    values
	out     outcome
	extra   any
	running bool
	runs    int // completed runs, shown in data-runs for scripts that drive the page
	sub     *events
	got     []string
}

// CompoID makes go-app mount a new control, with a new state and new
// elements, when the interface at its place changes (another page),
// rather than update this one in place.
func (c *control) CompoID() string { return string(c.Spec.api) }

func (c *control) OnInit() {
	c.vals = values{}
	for _, f := range c.Spec.fields {
		c.vals[f.name] = f.value
	}
}

func (c *control) OnDismount() {
	if c.sub != nil {
		c.sub.stop()
	}
}

func (c *control) Render() app.UI {
	id := c.Spec.id()
	title := c.Spec.title
	if title == "" {
		title = string(c.Spec.api)
	}
	return app.Div().ID(id).Class("control").DataSet("runs", c.runs).Body(
		app.H3().Text(title),
		app.Div().Class("fields").Body(app.Range(c.Spec.fields).Slice(func(i int) app.UI { return c.renderField(c.Spec.fields[i]) })),
		app.If(c.Spec.listen == nil, func() app.UI {
			return app.Button().ID(id + "-run").Text("Run").Disabled(c.running).OnClick(c.onRun)
		}).Else(func() app.UI {
			return app.Div().Body(
				app.Button().ID(id+"-run").Text("Listen").Disabled(c.sub != nil).OnClick(c.onListen),
				app.Button().ID(id+"-stop").Class("secondary").Text("Stop").Disabled(c.sub == nil).OnClick(c.onStop),
			)
		}),
		c.out.render(id),
		app.If(c.Spec.listen != nil, func() app.UI {
			return app.Ol().ID(id + "-events").Class("events").Body(app.Range(c.got).Slice(func(i int) app.UI {
				return app.Li().Text(c.got[i])
			}))
		}),
		app.If(c.extra != nil && c.Spec.show != nil, func() app.UI { return c.Spec.show(c.extra) }),
	)
}

func (c *control) renderField(f field) app.UI {
	id := c.Spec.id() + "-" + f.name
	set := func(ctx app.Context, e app.Event) {
		v := ctx.JSSrc().Get("value").String()
		if f.kind == boolField {
			v = strconv.FormatBool(ctx.JSSrc().Get("checked").Bool())
		}
		c.vals[f.name] = v
	}
	var input app.UI
	switch f.kind {
	case boolField:
		input = app.Input().ID(id).Type("checkbox").Checked(c.vals.flag(f.name)).OnChange(set)
	case choiceField:
		input = app.Select().ID(id).OnChange(set).Body(app.Range(f.choices).Slice(func(i int) app.UI {
			ch := f.choices[i]
			label := ch
			if label == "" {
				label = "(default)"
			}
			return app.Option().Value(ch).Text(label).Selected(c.vals[f.name] == ch)
		}))
	case numberField:
		input = app.Input().ID(id).Type("number").Value(c.vals[f.name]).OnChange(set)
	default:
		in := app.Input().ID(id).Type("text").Value(c.vals[f.name]).OnChange(set)
		if f.memo != "" {
			in = in.Placeholder("(the last one)")
		}
		input = in
	}
	return app.Label().Class("field").Body(app.Span().Text(f.label), input)
}

// entered returns the options as entered, empty fields filled from memos.
func (c *control) entered() values {
	vals := values{}
	for k, v := range c.vals {
		vals[k] = v
	}
	for _, f := range c.Spec.fields {
		if f.memo != "" && strings.TrimSpace(vals[f.name]) == "" {
			vals[f.name] = recall(f.memo)
		}
	}
	return vals
}

func (c *control) onRun(ctx app.Context, _ app.Event) {
	c.running, c.out, c.extra = true, outcome{}, nil
	vals := c.entered()
	ctx.Async(func() {
		sdk, err := theSession.get(ctx)
		var res, extra any
		if err == nil {
			res, err = c.Spec.run(ctx, sdk, vals)
			if err == nil && c.Spec.after != nil {
				extra = c.Spec.after(ctx, sdk, res)
			}
		}
		if err == nil && c.Spec.view != nil {
			res = c.Spec.view(res)
		}
		ctx.Dispatch(func(app.Context) {
			c.running, c.out, c.extra = false, outcomeOf(res, err), extra
			c.runs++
		})
	})
}

func (c *control) onListen(ctx app.Context, _ app.Event) {
	vals := c.entered()
	c.got, c.out = nil, outcome{}
	ctx.Async(func() {
		sdk, err := theSession.get(ctx)
		if err != nil {
			ctx.Dispatch(func(app.Context) { c.out = outcomeOf(nil, err) })
			return
		}
		ev := c.Spec.listen(ctx, sdk, vals)
		ctx.Dispatch(func(app.Context) { c.sub = &ev; c.out = outcome{done: true, result: "listening"} })
		for {
			e, ok := ev.next(ctx)
			if !ok {
				break
			}
			b, _ := json.Marshal(eventView(e))
			ctx.Dispatch(func(app.Context) { c.got = append(c.got, string(b)) })
		}
		err = ev.err()
		ctx.Dispatch(func(app.Context) {
			c.sub = nil
			c.out = outcomeOf(nil, err)
		})
	})
}

func (c *control) onStop(ctx app.Context, _ app.Event) {
	if c.sub != nil {
		c.sub.stop()
	}
}

// eventView makes an event JSON-friendly: its Err field, an error that JSON
// cannot show, becomes the error's text and sentinel.
func eventView(e any) any {
	b, err := json.Marshal(e)
	if err != nil {
		return e
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return e
	}
	delete(m, "Err")
	if rv := reflect.ValueOf(e); rv.Kind() == reflect.Struct {
		if f := rv.FieldByName("Err"); f.IsValid() && f.Kind() == reflect.Interface && !f.IsNil() {
			if err, ok := f.Interface().(error); ok {
				m["Err"] = err.Error()
				m["sentinel"] = sentinelName(err)
			}
		}
	}
	return m
}
