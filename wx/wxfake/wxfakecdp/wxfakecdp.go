//go:build !js

// Package wxfakecdp drives the fake jWeixin (package wxfake) on a page under
// test from chromedp: it scripts the fake's answers, reads its call log and
// fires WeChat's events. Each function returns a chromedp action:
//
//	err := chromedp.Do(ctx,
//		wxfakecdp.Respond(wx.APIChooseImage, wxfakecdp.Outcome{Result: wxfakecdp.Cancel}),
//		chromedp.Click(chromedp.ID("chooseImage-run")),
//	)
//	calls, err := chromedp.Run(ctx, wxfakecdp.Calls())
//
// chromedp does not build for js/wasm, so neither does this package.
package wxfakecdp

import (
	"encoding/json"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gowx/gowx/wx"
)

// Result is how the fake WeChat client answers a call.
type Result string

// The answers the fake can give.
const (
	OK     Result = "ok"     // success, with Outcome.Data or realistic data
	Cancel Result = "cancel" // the user cancelled
	Fail   Result = "fail"   // failure, with Outcome.Message as the reason
	Never  Result = "never"  // no answer at all, as a client that hangs
	Raw    Result = "raw"    // Outcome.Raw as the client's own answer
)

// Outcome scripts the answer to a call.
type Outcome struct {
	Result Result `json:"result"`
	// Data is the ok answer in the shape the page receives it (for example
	// {"localIds": [...]}); the fake encodes it as the client would (as a
	// JSON string on Android). Nil means realistic data.
	Data any `json:"data,omitempty"`
	// Message is a failure's reason; the page sees "<api>:<message>",
	// lower-cased as jweixin does.
	Message string `json:"message,omitempty"`
	// Raw is the native answer, for Result Raw (for example
	// {"err_msg": "chooseImage:fail_no_camera"}).
	Raw any `json:"raw,omitempty"`
	// Delay postpones the answer.
	Delay time.Duration `json:"-"`
	// Once applies the outcome to the next call only.
	Once bool `json:"once,omitempty"`
}

// Call is one entry of the fake's call log.
type Call struct {
	// API is the public name called ("config" for the verification).
	API string `json:"api"`
	// Args are the arguments that reached the client, after jweixin's
	// defaults, without the verification fields.
	Args map[string]any `json:"args"`
	// Scripted is the kind of answer given ("ok" unless scripted).
	Scripted string `json:"scripted"`
	// ErrMsg is the errMsg the page's callbacks received, once answered.
	ErrMsg string `json:"errMsg"`
	// Result is the whole result the page received.
	Result map[string]any `json:"result"`
	// Raw marks a call made through wx.invoke.
	Raw bool `json:"raw"`
	// Listener marks the registration of a listener (Args are its options).
	Listener bool `json:"listener"`
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only values of this package are encoded
	}
	return string(b)
}

// Respond scripts the fake's answers to api. Outcomes queue up; the last
// stays in force unless marked Once.
func Respond(api wx.API, o Outcome) chromedp.Action[chromedp.Void] {
	type wire struct {
		Outcome
		Delay int64 `json:"delay,omitempty"`
	}
	return chromedp.Evaluate[chromedp.Void]("wxfake.respond(" + js(string(api)) + "," + js(wire{o, o.Delay.Milliseconds()}) + ")")
}

// Calls returns the call log.
func Calls() chromedp.Action[[]Call] {
	return chromedp.Evaluate[[]Call]("wxfake.calls()")
}

// Reset forgets the scripted outcomes and the call log.
func Reset() chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void]("wxfake.reset()")
}

// Fire delivers event (a listener's public name such as
// wx.APIOnVoicePlayEnd, or a client event name) with payload to the page's
// handler, and reports whether the page had registered one.
func Fire(event wx.API, payload any) chromedp.Action[bool] {
	return chromedp.Evaluate[bool]("wxfake.fire(" + js(string(event)) + "," + js(payload) + ")")
}

// Verified returns the jsApiList (in client names) of the configuration
// WeChat accepted, or nil when none was.
func Verified() chromedp.Action[[]string] {
	return chromedp.Evaluate[[]string]("wxfake.verified()")
}

// Image returns the data URL of an image the fake handed out as localID.
func Image(localID string) chromedp.Action[string] {
	return chromedp.Evaluate[string]("wxfake.image(" + js(localID) + ")")
}

// Flavour is the platform the fake WeChat client plays.
type Flavour string

// The flavours: they differ in how the client encodes answers (Android
// sends lists as JSON strings; iOS names local images wxLocalResource://).
const (
	Android Flavour = "android"
	IOS     Flavour = "ios"
)

// SetFlavour switches the flavour of the answers that follow.
func SetFlavour(f Flavour) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void]("wxfake.setFlavour(" + js(string(f)) + ")")
}

// Interactive switches "answer calls myself" on: calls that nothing
// scripted wait until AnswerHeld (or the panel) answers them. Switching it
// off answers what waits with ok.
func Interactive(on bool) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void]("wxfake.interactive(" + js(on) + ")")
}

// HeldCall is a call waiting for an answer in interactive mode.
type HeldCall struct {
	API  string         `json:"api"`
	Args map[string]any `json:"args"`
}

// Held lists the calls waiting for an answer, oldest first.
func Held() chromedp.Action[[]HeldCall] {
	return chromedp.Evaluate[[]HeldCall]("wxfake.held()")
}

// AnswerHeld answers the i-th waiting call with o, and reports whether there was one.
func AnswerHeld(i int, o Outcome) chromedp.Action[bool] {
	return chromedp.Evaluate[bool]("wxfake.answerHeld(" + js(i) + "," + js(o) + ")")
}

// Panel shows or hides the fake's panel on the page.
func Panel(show bool) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void]("wxfake.panel(" + js(show) + ")")
}
