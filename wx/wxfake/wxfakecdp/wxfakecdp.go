//go:build !js

// Package wxfakecdp drives the fake WeChat client (package wxfake) on a
// page under test from chromedp: it scripts the client's answers, reads its
// call log and fires WeChat's events. It works the same whether the page
// runs the full fake jWeixin or the official jweixin-1.6.0.js over the
// fake client (wxfake's bridge layer): scripts and the log speak public
// interface names. Each function returns a chromedp action:
//
//	err := chromedp.Do(ctx,
//		wxfakecdp.Configured(),
//		wxfakecdp.Respond(wx.APIChooseImage, wxfakecdp.Outcome{Result: wxfakecdp.Cancel}),
//		chromedp.Click(chromedp.ID("chooseImage-run")),
//	)
//	calls, err := chromedp.Run(ctx, wxfakecdp.Calls())
//
// chromedp does not build for js/wasm, so neither does this package.
package wxfakecdp

import (
	"context"
	"encoding/json"
	"fmt"
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
	// Data is the ok answer in the shape the page receives it; the fake
	// encodes it as the client would (lists as JSON strings on Android, and
	// so on). Nil means realistic data. It may be a map of the page's
	// fields ({"localIds": [...]}) or a wx result type, which takes these
	// fields:
	//
	//	map[wx.API]bool              checkResult {api: bool}
	//	wx.ChooseImageResult         localIds, sourceType
	//	wx.UploadResult              serverId
	//	wx.DownloadResult            localId
	//	wx.GetLocalImgDataResult     localData
	//	wx.StopRecordResult          localId
	//	wx.TranslateVoiceResult      translateResult
	//	wx.GetNetworkTypeResult      networkType
	//	wx.GetLocationResult         latitude, longitude, speed, accuracy, and Extra's fields
	//	wx.ScanQRCodeResult          resultStr
	//	wx.AddCardResult             cardList [{cardId, cardExt, isSuccess, code, and Extra's fields}]
	//	wx.ChooseCardResult          cardList: the client's JSON string [{card_id, encrypt_code}]
	//	wx.OpenBusinessViewResult    errCode, extraData
	//	wx.OpenEnterpriseChatResult  errCode
	//	wx.SubscribeResult           subscribeDetails (for RespondOpenTag)
	//	wx.Address                   userName, telNumber, postalCode, provinceName, cityName,
	//	                             countryName, detailInfo, nationalCode, and Extra's fields
	//
	// Respond refuses other types of package wx.
	Data any `json:"data,omitempty"`
	// Message is a failure's reason. The client answers
	// "<client name>:fail_<reason>", which jweixin turns into
	// "<api>:<reason>" for the page, lower-cased and with underscores as
	// spaces: Message "auth_deny" fails getLocation with errMsg
	// "getLocation:auth deny". A Message that repeats the call's name and
	// "fail" ("getLocation:fail auth deny", "fail_auth deny") gives the same
	// answer; an empty one makes errMsg "<api>:fail".
	Message string `json:"message,omitempty"`
	// Raw is the native answer, for Result Raw (for example
	// {"err_msg": "chooseImage:fail_no_camera"}).
	Raw any `json:"raw,omitempty"`
	// Delay postpones the answer.
	Delay time.Duration `json:"-"`
	// Once applies the outcome to the next call only.
	Once bool `json:"once,omitempty"`
}

// wire is an Outcome as the fake takes it: Data in the page's fields,
// Delay in milliseconds.
func (o Outcome) wire() (string, error) {
	data, err := pageData(o.Data)
	if err != nil {
		return "", err
	}
	o.Data = data
	return js(struct {
		Outcome
		Delay int64 `json:"delay,omitempty"`
	}{o, o.Delay.Milliseconds()}), nil
}

// Call is one entry of the client's call log.
type Call struct {
	// API is the public name called ("config" for the verification,
	// "miniProgram.navigateTo" for wx.miniProgram's calls, the share call's
	// own name such as "shareTimeline" for a menu share).
	API string `json:"api"`
	// Bridge is the client's name of the call ("preVerifyJSAPI",
	// "getBrandWCPayRequest", …), as WeixinJSBridge received it.
	Bridge string `json:"bridge"`
	// Args are the arguments that reached the client, after jweixin's
	// defaults, without the verification fields.
	Args map[string]any `json:"args"`
	// Scripted is the kind of answer given ("ok" unless scripted).
	Scripted string `json:"scripted"`
	// Native is the client's answer as it sent it (snake_case err_msg,
	// Android's JSON strings), once answered.
	Native map[string]any `json:"native"`
	// ErrMsg is the errMsg the page's callbacks received, once answered
	// (the client's err_msg for a raw call).
	ErrMsg string `json:"errMsg"`
	// Result is the whole result the page received.
	Result map[string]any `json:"result"`
	// ListenerOf is, for a menu share's call, the listener that made it
	// (and whose scripts answer it).
	ListenerOf string `json:"listenerOf"`
	// Listener marks the registration of a listener (WeixinJSBridge.on).
	Listener bool `json:"listener"`
	// Inner marks the call jweixin makes for its own statistics after each
	// configuration (getNetworkType): the client answers it ok whatever is
	// scripted, and keeps the report jweixin would send in Report.
	Inner  bool   `json:"inner"`
	Report string `json:"report"`
	// OpenTag marks a click on an open tag (API is the tag's name, Args
	// its attributes); Event is the event it dispatched ("" for none) and
	// Detail that event's detail.
	OpenTag bool           `json:"openTag"`
	Event   string         `json:"event"`
	Detail  map[string]any `json:"detail"`
	// Raw marks a call made through wx.invoke. Only the full fake can tell
	// (the official jweixin hands such calls to the client like any other).
	Raw bool `json:"raw"`
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only values of this package are encoded
	}
	return string(b)
}

// Respond scripts the fake's answers to api. Outcomes queue up; the last
// stays in force unless marked Once. It fails for a name the client does
// not answer (a typo, a listener whose events are fired instead, or
// wx.APIConfig, which the fake WeChat verifies), and for Data of a wx type
// Outcome.Data does not list.
func Respond(api wx.API, o Outcome) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		w, err := o.wire()
		if err != nil {
			return chromedp.Void{}, err
		}
		return chromedp.Evaluate[chromedp.Void]("wxfake.respond("+js(string(api))+","+w+")")(ctx, t)
	}
}

// Calls returns the call log.
func Calls() chromedp.Action[[]Call] {
	return chromedp.Evaluate[[]Call]("wxfake.calls()")
}

// Reset forgets the scripted outcomes, the call log and the events fired.
func Reset() chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void]("wxfake.reset()")
}

// Fire delivers event (a listener's public name such as
// wx.APIOnVoicePlayEnd, or a client event name) with payload to the page's
// handler, and reports whether the page had registered one.
func Fire(event wx.API, payload any) chromedp.Action[bool] {
	return chromedp.Evaluate[bool]("wxfake.fire(" + js(string(event)) + "," + js(payload) + ")")
}

// ConfigError is the configuration failure Configured reports.
type ConfigError struct {
	// ErrMsg is the errMsg the page received, "config:invalid signature" say.
	ErrMsg string
	// Result is the whole result the page received (realAuthUrl, …).
	Result map[string]any
}

func (e *ConfigError) Error() string { return "wxfakecdp: the configuration failed: " + e.ErrMsg }

// Configured waits until the page's latest wx.config has been answered,
// and fails with a *ConfigError unless it ended in config:ok. Give ctx a
// deadline: a page that never configures keeps it waiting.
func Configured() chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		last, err := chromedp.Poll[Call](`(() => {
			const c = wxfake.calls().filter(c => c.api === "config");
			return c.length && c[c.length - 1].errMsg ? c[c.length - 1] : null;
		})()`, chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(0))(ctx, t)
		if err != nil {
			return chromedp.Void{}, fmt.Errorf("wxfakecdp: waiting for wx.config: %w", err)
		}
		if last.ErrMsg != "config:ok" {
			return chromedp.Void{}, &ConfigError{ErrMsg: last.ErrMsg, Result: last.Result}
		}
		return chromedp.Void{}, nil
	}
}

// Verified returns the jsApiList (in public names) of the configuration
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

// SetFlavour switches the flavour of the answers that follow. Under the
// official jweixin it fails: jweixin decodes answers for the user agent it
// saw at load, so the flavour is chosen when the page loads (?flavour=).
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

// AnswerHeld answers the i-th waiting call with o, as Respond would have
// (Data, Delay and all), and reports whether there was one.
func AnswerHeld(i int, o Outcome) chromedp.Action[bool] {
	return func(ctx context.Context, t *chromedp.Target) (bool, error) {
		w, err := o.wire()
		if err != nil {
			return false, err
		}
		return chromedp.Evaluate[bool]("wxfake.answerHeld("+js(i)+","+w+")")(ctx, t)
	}
}

// Panel shows or hides the fake's panel on the page.
func Panel(show bool) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void]("wxfake.panel(" + js(show) + ")")
}
