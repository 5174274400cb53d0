package wx

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors, matched with errors.Is against the errors of this package.
var (
	// ErrCancel: the user cancelled (errMsg "<api>:cancel").
	ErrCancel = errors.New("wx: cancelled by the user")
	// ErrFailed: the SDK reported a failure not covered by another sentinel.
	ErrFailed = errors.New("wx: failed")
	// ErrConfigFailed: wx.config did not end in "config:ok". It matches
	// every configuration failure, alongside the more precise sentinel.
	ErrConfigFailed = errors.New("wx: configuration failed")
	// ErrInvalidSignature: WeChat refused the wx.config signature.
	ErrInvalidSignature = errors.New("wx: invalid signature")
	// ErrInvalidURLDomain: the page is not on a JS safe domain of the account.
	ErrInvalidURLDomain = errors.New("wx: invalid url domain")
	// ErrOfflineVerifying: an API was called before configuration succeeded.
	ErrOfflineVerifying = errors.New("wx: the permission value is offline verifying")
	// ErrPermissionDenied: the account may not use the API, or it was not in jsApiList.
	ErrPermissionDenied = errors.New("wx: permission denied")
	// ErrUserDenied: the user refused the page a permission of the device
	// or of WeChat (location, camera, microphone), now or before: the most
	// common failure a page must handle.
	ErrUserDenied = errors.New("wx: the user denied the permission")
	// ErrFunctionNotExist: this WeChat client does not have the API.
	ErrFunctionNotExist = errors.New("wx: function not exist")
	// ErrNotInWeChat: the page runs in an ordinary browser, where jweixin never answers.
	ErrNotInWeChat = errors.New("wx: not inside WeChat")
	// ErrNotInBrowser: the program is not running in a browser (GOOS=js).
	ErrNotInBrowser = errors.New("wx: not running in a browser")
	// ErrNoSDK: window.jWeixin is not on the page.
	ErrNoSDK = errors.New("wx: jweixin is not loaded")
	// ErrNotInJSAPIList: the API is missing from the jsApiList of the
	// configuration; the call was not made.
	ErrNotInJSAPIList = errors.New("wx: API not in jsApiList")
	// ErrBadOptions: the options of a call are invalid; nothing was sent to the SDK.
	ErrBadOptions = errors.New("wx: invalid options")
	// ErrSigner: the signing server did not produce a configuration.
	ErrSigner = errors.New("wx: signing server failed")
)

// Error is a failure reported by jweixin, or found before a call reached it.
type Error struct {
	// API is the interface that failed.
	API API
	// Status is the part of errMsg after the colon ("cancel", "invalid
	// signature", …), or a description for failures found in Go.
	Status string
	// Msg is errMsg exactly as the SDK gave it; empty if the SDK was not
	// reached. jweixin names it after the client call it made, which is not
	// always API: "invokeMiniProgramAPI:…" for the calls of MiniProgram,
	// "shareTimeline:…" and the like for the share listeners. API and
	// Error() always name the interface the page called.
	Msg string
	// Fields holds the result's other fields as the SDK gave them, such as
	// realAuthUrl (the URL WeChat verified) or errCode.
	Fields map[string]json.RawMessage

	kind  error  // the sentinel
	cause error  // a Go-side cause, kept for errors.Is and errors.As
	hint  string // a hint of its own, in place of the generic one
}

// Error returns "wx: <api>: <status>".
func (e *Error) Error() string {
	return fmt.Sprintf("wx: %s: %s", e.API, e.Status)
}

// Unwrap returns the sentinels the error matches.
func (e *Error) Unwrap() []error {
	errs := []error{e.kind}
	if e.API == APIConfig && e.kind != ErrConfigFailed {
		errs = append(errs, ErrConfigFailed)
	}
	if e.cause != nil {
		errs = append(errs, e.cause)
	}
	return errs
}

// Field returns the string value of a raw result field, such as
// "realAuthUrl", or "" if it is absent or not a string.
func (e *Error) Field(name string) string {
	var s string
	if raw, ok := e.Fields[name]; ok && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return ""
}

// RealAuthURL is the page address WeChat checked the signature against, when
// the client reported it: compare it with the URL that was signed.
func (e *Error) RealAuthURL() string { return e.Field("realAuthUrl") }

// Hint explains the likely cause of the error and what to check, after
// WeChat's list of common JS-SDK errors, or as the signing server said
// (it knows its deployment: demo mode's only address, say); "" if there is
// nothing to add.
func (e *Error) Hint() string {
	h := hints[e.kind]
	if e.hint != "" {
		h = e.hint
	}
	if e.kind == ErrInvalidSignature {
		if u := e.RealAuthURL(); u != "" {
			h += " WeChat checked the URL " + u + "."
		}
	}
	return h
}

var hints = map[error]string{
	ErrInvalidSignature: "The signature does not match what WeChat computes. Check that the server signs " +
		"the full page URL (scheme, host, path and query, without the #fragment) exactly as the page has it now, " +
		"with the same nonceStr and timestamp given to wx.config, with a jsapi_ticket of this AppID, " +
		"and that the server caches access_token and jsapi_ticket instead of fetching new ones. " +
		"After an OAuth redirect sign the URL the page landed on; on iOS a single-page app is verified " +
		"against the URL it was first loaded with.",
	ErrInvalidURLDomain: "The page's domain is not one of the official account's JS safe domains. Add it in the " +
		"account's settings (a parent domain covers its subdomains; only ports 80 and 443) and in the server's WX_DOMAINS.",
	ErrOfflineVerifying: "The API was called before wx.config finished, or configuration failed, or the API is " +
		"missing from jsApiList. Call APIs after configuration succeeds and list every API you use.",
	ErrUserDenied: "The user refused the permission the call needs (location, camera, microphone), in WeChat's " +
		"prompt or in the phone's settings, where it stays refused. Tell the user why the page needs it and how to allow " +
		"it (the phone's settings, then WeChat), and offer a way on without it.",
	ErrPermissionDenied: "The official account has no permission for this API (some need a verified account or a " +
		"separate application), or the API is missing from jsApiList.",
	ErrNotInJSAPIList: "Add the API to the jsApiList given to Config or SignedConfig: WeChat refuses APIs " +
		"the configuration did not list.",
	ErrFunctionNotExist: "This WeChat client does not have the API; the user needs a newer WeChat.",
	ErrConfigFailed: "wx.config failed: make sure appId, timestamp, nonceStr, signature and jsApiList are all given " +
		"and come from the server for this page.",
	ErrNotInWeChat: "jweixin only works inside the WeChat app; open the page in WeChat, or serve the fake jWeixin " +
		"(package wx/wxfake) to develop in a desktop browser.",
	ErrNoSDK: "Load jweixin-1.6.0.js (or the fake jWeixin) with a <script> tag before the program starts.",
	ErrLaunchFailed: "WeChat could not open the target. For wx-open-launch-app the app is most often not " +
		"installed: offer its download in the fallback or on error. For wx-open-launch-weapp check username (the mini " +
		"program's original ID, gh_…), path and env-version.",
	ErrLaunchCheckFailed: "WeChat checked the tag and refused it: the mini program (username) or the app " +
		"(appid, an open platform mobile app) must be bound to this official account (an app through the same open " +
		"platform account), and the page must be on a JS safe domain. The tag must also be in openTagList of a " +
		"wx.config that succeeded.",
	ErrSubscribeFailed: "The subscription prompt failed: check that template lists template IDs of this " +
		"official account (comma-separated), that the account may use them, and errCode against WeChat's open tag " +
		"documentation.",
	ErrOpenTagsUnsupported: "This WeChat is older than open tags (7.0.12) or cannot draw them here: show the " +
		"tag's fallback, such as a link, instead.",
	ErrOpenTagNotDeclared: "Add the tag to Config.OpenTagList, or configure with SignedConfig, which " +
		"declares the tags the page mounts by itself.",
	ErrSigner: "The signing server did not answer with a configuration: check that it runs, that its AppID and " +
		"secret are right, and its log.",
}

// Result statuses of the SDK and the sentinels they map to, in match order.
var statusKinds = []struct {
	substr string
	kind   error
}{
	{"invalid signature", ErrInvalidSignature},
	// The user's refusals come first: "system permission denied" is the
	// phone's, not the account's.
	{"auth deny", ErrUserDenied},
	{"auth denied", ErrUserDenied},
	{"user deny", ErrUserDenied},
	{"user denied", ErrUserDenied},
	{"system permission denied", ErrUserDenied},
	{"refuse", ErrUserDenied},
	{"invalid url domain", ErrInvalidURLDomain},
	{"offline verifying", ErrOfflineVerifying},
	{"permission denied", ErrPermissionDenied},
	{"access denied", ErrPermissionDenied},
	{"access_denied", ErrPermissionDenied},
	{"no permission", ErrPermissionDenied},
	{"function not exist", ErrFunctionNotExist},
	{"function_not_exist", ErrFunctionNotExist},
}

// kindOf maps the status of a non-ok result to its sentinel.
func kindOf(api API, status string) error {
	if status == "cancel" {
		return ErrCancel
	}
	s := strings.ToLower(status)
	for _, k := range statusKinds {
		if strings.Contains(s, k.substr) {
			return k.kind
		}
	}
	if api == APIConfig {
		return ErrConfigFailed
	}
	return ErrFailed
}

// splitErrMsg splits "name:status" at its first colon. jweixin dispatches on
// the text after the colon: "ok" is success, "cancel" cancel, anything else
// failure. A message without a colon is all status.
func splitErrMsg(errMsg string) (name, status string) {
	if i := strings.IndexByte(errMsg, ':'); i >= 0 {
		return errMsg[:i], strings.TrimSpace(errMsg[i+1:])
	}
	return "", strings.TrimSpace(errMsg)
}

// newError builds the Error of a call to api from a non-ok errMsg and the
// other fields of the result.
func newError(api API, errMsg string, fields map[string]json.RawMessage) *Error {
	_, status := splitErrMsg(errMsg)
	if status == "" {
		status = "fail"
	}
	delete(fields, "errMsg")
	if len(fields) == 0 {
		fields = nil
	}
	return &Error{API: api, Status: status, Msg: errMsg, Fields: fields, kind: kindOf(api, status)}
}

// badOptions is the error of a call refused before it reached the SDK.
func badOptions(api API, format string, args ...any) *Error {
	return &Error{API: api, Status: "invalid options: " + fmt.Sprintf(format, args...), kind: ErrBadOptions}
}

// wrapErr gives a Go-side failure of a call (a missing SDK, a thrown JS
// exception, an ended context) an Error naming the API; kind is the sentinel
// and the cause stays reachable with errors.Is and errors.As.
func wrapErr(api API, kind error, cause error) *Error {
	if kind == cause {
		return &Error{API: api, Status: cause.Error(), kind: kind}
	}
	return &Error{API: api, Status: cause.Error(), kind: kind, cause: cause}
}
