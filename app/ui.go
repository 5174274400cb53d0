package main

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/gowx/gowx/wx"
)

// configEndpoint is the signing server's wx.config endpoint, on the page's origin.
const configEndpoint = "/wx/config"

// demoAPIs is the jsApiList the demo configures.
var demoAPIs = []wx.API{wx.APIChooseImage, wx.APIGetNetworkType}

// sentinels name the wx errors the page reports in data-sentinel, matched
// with errors.Is, most precise first.
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
	b, _ := json.Marshal(v)
	return outcome{done: true, result: string(b)}
}

// render shows the outcome of api in #<api>-result or #<api>-error.
func (o outcome) render(api wx.API) app.UI {
	if !o.done {
		return app.Div().ID(string(api) + "-result").Class("result pending")
	}
	if o.err != "" {
		return app.Div().ID(string(api)+"-error").Class("error").DataSet("sentinel", o.sentinel).Body(
			app.Span().Class("message").Text(o.err),
			app.If(o.hint != "", func() app.UI { return app.P().Class("hint").Text(o.hint) }),
		)
	}
	return app.Pre().ID(string(api) + "-result").Class("result").Text(o.result)
}

// demoPage configures jweixin through the signing server and offers the
// calls of the demo.
type demoPage struct {
	app.Compo

	sdk    *wx.SDK
	status outcome
	image  outcome
}

// OnMount loads and configures the SDK; only in the browser.
func (p *demoPage) OnMount(ctx app.Context) {
	if app.IsServer {
		return
	}
	ctx.Async(func() {
		sdk, err := wx.Load(ctx)
		if err == nil {
			err = sdk.SignedConfig(ctx, configEndpoint, demoAPIs...)
		}
		ctx.Dispatch(func(app.Context) {
			p.sdk = sdk
			p.status = outcomeOf(nil, err)
		})
	})
}

func (p *demoPage) chooseImage(ctx app.Context, _ app.Event) {
	sdk := p.sdk
	if sdk == nil {
		return
	}
	p.image = outcome{}
	ctx.Async(func() {
		res, err := sdk.ChooseImage(ctx, wx.ChooseImageOptions{}).Await(ctx)
		ctx.Dispatch(func(app.Context) { p.image = outcomeOf(res, err) })
	})
}

// Render draws the page.
func (p *demoPage) Render() app.UI {
	return app.Main().Class("page").Body(
		app.If(app.Getenv("GOWX_DEMO") == "1", func() app.UI {
			return app.Div().ID("demo-banner").Class("banner").Text(
				"Demo mode: a fake WeChat signs and verifies, and the fake jWeixin answers. Set WX_APPID, WX_SECRET and WX_DOMAINS to use a real official account.")
		}),
		app.H1().Text("gowx"),
		app.Section().Body(
			app.H2().Text("Configuration"),
			p.renderStatus(),
		),
		app.Section().Body(
			app.H2().Text("Image"),
			app.Button().ID("chooseImage-run").Text("Choose image").Disabled(p.sdk == nil).OnClick(p.chooseImage),
			p.image.render(wx.APIChooseImage),
		),
	)
}

func (p *demoPage) renderStatus() app.UI {
	switch {
	case !p.status.done:
		return app.Div().ID("wx-status").Class("status pending").Text("configuring…")
	case p.status.err == "":
		return app.Div().ID("wx-status").Class("status ok").Text("config:ok")
	}
	return app.Div().ID("wx-status").Class("status error").DataSet("sentinel", p.status.sentinel).Body(
		app.Span().Class("message").Text(p.status.err),
		app.If(p.status.hint != "", func() app.UI { return app.P().Class("hint").Text(p.status.hint) }),
	)
}
