package main

import (
	"context"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// spec is the control of one interface as the control component runs it:
// its options, and how to call it (run) or, for a listener, subscribe to
// it (listen). Pages build specs with call and listener, which know the
// result's type and turn it into what the page shows.
type spec struct {
	api    wx.API
	note   string // what the page says of the call, if anything
	fields []field
	// run calls the interface and waits for its outcome.
	run func(ctx context.Context, sdk *wx.SDK, v values) ran
	// listen registers a listener, whose events the control shows as they come.
	listen func(ctx context.Context, sdk *wx.SDK, v values) stream
}

// id is the element id of the control: the API name, with
// miniProgram.navigateTo as miniProgram-navigateTo.
func (s spec) id() string { return strings.ReplaceAll(string(s.api), ".", "-") }

// ran is what a run gave the page: the outcome shown, memos for later
// calls, and a view of the result beyond its text (images), if any.
type ran struct {
	out  outcome
	keep []memo
	show func() app.UI
}

// call is the control of an interface whose call gives a T.
type call[T any] struct {
	api    wx.API
	note   string
	fields []field
	// do calls the interface with the entered options.
	do func(ctx context.Context, sdk *wx.SDK, v values) (T, error)
	// text is what the page shows of a result; nil: the result as JSON.
	text func(T) string
	// keep are the memos a result leaves for later calls.
	keep func(T) []memo
	// show, if set, makes a view of a successful result, and may call the
	// SDK for it (the data of chosen images).
	show func(ctx context.Context, sdk *wx.SDK, res T) func() app.UI
}

// spec erases the result's type: a run gives what the page shows of it.
func (c call[T]) spec() spec {
	return spec{api: c.api, note: c.note, fields: c.fields, run: func(ctx context.Context, sdk *wx.SDK, v values) ran {
		res, err := c.do(ctx, sdk, v)
		if err != nil {
			return ran{out: failed(err)}
		}
		r := ran{out: succeeded(c.textOf(res))}
		if c.keep != nil {
			r.keep = c.keep(res)
		}
		if c.show != nil {
			r.show = c.show(ctx, sdk, res)
		}
		return r
	}}
}

func (c call[T]) textOf(res T) string {
	if c.text != nil {
		return c.text(res)
	}
	return jsonText(res)
}

// command is the control of an interface that takes no option and gives
// no result.
func command(api wx.API, do func(*wx.SDK, context.Context) *wx.Future[struct{}]) spec {
	return call[struct{}]{api: api, do: func(ctx context.Context, sdk *wx.SDK, _ values) (struct{}, error) {
		return do(sdk, ctx).Await(ctx)
	}}.spec()
}
