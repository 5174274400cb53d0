package main

import (
	"context"
	"encoding/json"
	"errors"

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
	{wx.ErrStopped, "ErrStopped"},
	{wx.ErrReplaced, "ErrReplaced"},
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

// hinter is an error that says what to check: a *wx.Error (from the
// SDK's common errors) or the server's answer.
type hinter interface {
	error
	Hint() string
}

// outcome is what the page shows of one call: its result as text, or its
// error with the sentinel it matches and the hint.
type outcome struct {
	done     bool
	text     string
	err      string
	sentinel string
	hint     string
}

// succeeded is the outcome of a call whose result reads text.
func succeeded(text string) outcome { return outcome{done: true, text: text} }

// failed is the outcome of a call that ended with err.
func failed(err error) outcome {
	o := outcome{done: true, err: err.Error(), sentinel: sentinelName(err)}
	var h hinter
	if errors.As(err, &h) {
		o.hint = h.Hint()
	}
	return o
}

// jsonText shows a result as indented JSON: its Go field names, as a Go
// program reads them.
func jsonText[T any](v T) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// render shows the outcome in #<id>-result or #<id>-error.
func (o outcome) render(id string) app.UI {
	switch {
	case !o.done:
		return app.Div().ID(id + "-result").Class("result pending")
	case o.err != "":
		return o.errorView(id+"-error", "error")
	}
	return app.Pre().ID(id + "-result").Class("result").Text(o.text)
}

// errorView shows a failed outcome: the error, data-sentinel, and the hint.
func (o outcome) errorView(id, class string) app.UI {
	return app.Div().ID(id).Class(class).DataSet("sentinel", o.sentinel).Body(
		app.Span().Class("message").Text(o.err),
		app.If(o.hint != "", func() app.UI { return app.P().Class("hint").Text(o.hint) }),
	)
}
