package wx

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/gowx/gowx/wire"
)

// Config is the argument of wx.config. AppID, Timestamp, NonceStr and
// Signature come from the signing server (see SignedConfig).
type Config struct {
	// Debug makes WeChat alert every result (jweixin's debug).
	Debug     bool
	AppID     string
	Timestamp int64
	NonceStr  string
	Signature string
	// JSAPIList names every API the page will call. Calls to others fail
	// with ErrNotInJSAPIList.
	JSAPIList []API
	// OpenTagList names the open tags the page uses; WeChat needs a
	// non-empty JSAPIList beside it.
	OpenTagList []OpenTag
}

// OpenTag names a WeChat open tag, for Config.OpenTagList.
type OpenTag string

// The open tags of WeChat's web pages.
const (
	OpenTagLaunchWeapp OpenTag = "wx-open-launch-weapp"
	OpenTagLaunchApp   OpenTag = "wx-open-launch-app"
	OpenTagSubscribe   OpenTag = "wx-open-subscribe"
	OpenTagAudio       OpenTag = "wx-open-audio"
)

func (c Config) args() map[string]any {
	apis := c.JSAPIList
	if apis == nil {
		apis = []API{}
	}
	m := map[string]any{
		"debug":     c.Debug,
		"appId":     c.AppID,
		"timestamp": c.Timestamp,
		"nonceStr":  c.NonceStr,
		"signature": c.Signature,
		"jsApiList": apis,
	}
	if len(c.OpenTagList) > 0 {
		m["openTagList"] = c.OpenTagList
	}
	return m
}

func (c Config) check() error {
	var missing []string
	for _, f := range []struct {
		name  string
		empty bool
	}{
		{"appId", c.AppID == ""},
		{"timestamp", c.Timestamp <= 0},
		{"nonceStr", c.NonceStr == ""},
		{"signature", c.Signature == ""},
		{"jsApiList", len(c.JSAPIList) == 0},
	} {
		if f.empty {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return badOptions(APIConfig, "missing %s", strings.Join(missing, ", "))
	}
	return nil
}

// Config runs wx.config and waits for its outcome: nil only on "config:ok"
// (jweixin's ready fires on failure too; this does not). The error is an
// *Error matching ErrConfigFailed and the precise sentinel
// (ErrInvalidSignature, ErrInvalidURLDomain, …), with a Hint.
//
// Calls made before a configuration succeeds wait for it; calls made after
// are checked against its JSAPIList. Config may run again, as a single-page
// app must when its URL changes: each run is one wx.config, verified once
// by the client, and reports its own outcome. A new Config supersedes a
// pending one: waiting calls follow the newer.
//
// If ctx ends before the client answers, Config returns the context's
// error, but the configuration goes on as it does in jweixin: the client's
// answer, when it comes, decides the calls that wait.
//
// It blocks: call it from a goroutine, never from a JavaScript callback.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#5
func (s *SDK) Config(ctx context.Context, c Config) error {
	a := s.life.begin(c.JSAPIList, nil, false)
	s.configure(a, c)
	return a.wait(ctx)
}

// configure checks c and runs wx.config with it for a: the client's
// answer, or the reason it cannot be asked, finishes a.
func (s *SDK) configure(a *attempt, c Config) {
	c.OpenTagList = s.withOpenTags(c.OpenTagList)
	a.tags = make(map[OpenTag]bool, len(c.OpenTagList))
	for _, t := range c.OpenTagList {
		a.tags[t] = true
	}
	err := c.check()
	if err == nil && !s.b.page().inWeChat() {
		err = errNotInWeChat()
	}
	var cfg []byte
	if err == nil {
		if cfg, err = json.Marshal(c.args()); err != nil {
			err = badOptions(APIConfig, "%v", err)
		}
	}
	if err == nil {
		if err = s.b.configure(cfg, func(res []byte) { s.life.finish(a, configOutcome(res)) }); err != nil {
			err = wrapErr(APIConfig, ErrConfigFailed, err)
		}
	}
	if err != nil {
		s.life.finish(a, err)
		return
	}
	s.life.verify(a)
}

func errNotInWeChat() error {
	return &Error{API: APIConfig, Status: "not inside WeChat: jweixin does not answer in this browser", kind: ErrNotInWeChat}
}

// configOutcome reads jweixin's result of a verification.
func configOutcome(res []byte) error {
	errMsg, err := errMsgOf(res)
	if err != nil {
		return wrapErr(APIConfig, ErrConfigFailed, err)
	}
	if msgStatus(errMsg) == "ok" {
		return nil
	}
	var fields map[string]json.RawMessage
	json.Unmarshal(res, &fields)
	return newError(APIConfig, errMsg, fields)
}

// normaliseRaw makes the errMsg jweixin would make of a raw client answer
// (snake_case err_msg) to api, as its result normalisation does.
func normaliseRaw(api API, raw map[string]json.RawMessage) string {
	var errMsg, errMsgRaw string
	if json.Unmarshal(raw["errMsg"], &errMsg) == nil && errMsg != "" {
		return errMsg
	}
	json.Unmarshal(raw["err_msg"], &errMsgRaw)
	if errMsgRaw == "" {
		return string(api) + ":ok"
	}
	s := errMsgRaw[strings.IndexByte(errMsgRaw, ':')+1:]
	switch s {
	case "confirm":
		s = "ok"
	case "failed":
		s = "fail"
	}
	if i := strings.Index(s, "failed_"); i >= 0 {
		s = s[min(7, len(s)):]
	}
	if i := strings.Index(s, "fail_"); i >= 0 {
		s = s[min(5, len(s)):]
	}
	s = strings.ToLower(strings.ReplaceAll(s, "_", " "))
	if s == "access denied" || s == "no permission to execute" {
		s = "permission denied"
	}
	if api == APIConfig && s == "function not exist" {
		s = "ok"
	}
	if s == "" {
		s = "fail"
	}
	return string(api) + ":" + s
}

// inWeChat reports whether jweixin can answer on this page: inside WeChat,
// or with the fake jWeixin.
func (p page) inWeChat() bool {
	return p.fake || strings.Contains(strings.ToLower(p.userAgent), "micromessenger")
}

// iOS reports whether the page runs on an iPhone or iPad.
func (p page) iOS() bool {
	ua := strings.ToLower(p.userAgent)
	return strings.Contains(ua, "iphone") || strings.Contains(ua, "ipad")
}

// signURL is the address WeChat verifies the page against, without its
// fragment: iOS WeChat keeps the URL a single-page app was loaded with,
// Android the current one.
func (p page) signURL() string {
	u := p.href
	if p.iOS() && p.landing != "" {
		u = p.landing
	}
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	return u
}

// signed is the answer of a gowx signing server (GET endpoint?url=): a
// configuration, or an error.
type signed struct {
	wire.ConfigResponse
	wire.ErrorResponse
}

// SignedConfigOptions are the options of SignedConfigWith: those of Config
// that the signing server does not give.
type SignedConfigOptions struct {
	// Debug makes WeChat alert every result (jweixin's debug).
	Debug bool
	// JSAPIList names every API the page will call.
	JSAPIList []API
	// OpenTagList names the open tags the page uses.
	OpenTagList []OpenTag
}

// SignedConfig asks the signing server at endpoint (a gowx server's
// /wx/config; relative to the page) to sign the page's URL, then runs
// Config with apis as the jsApiList. A page the server refuses to sign for
// (its host is not a JS safe domain) fails with ErrInvalidURLDomain.
//
// A single-page app need not call it again when it navigates: the first
// call made after the URL WeChat verifies has changed (the current URL on
// Android; iOS keeps the URL the page was loaded with) signs and configures
// again before it runs, and so do the calls made meanwhile. If that fails,
// the calls waiting for it fail, and the next call signs again.
//
// As with Config, ending ctx once wx.config has run does not stop the
// configuration. It blocks: call it from a goroutine, never from a
// JavaScript callback.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#62
func (s *SDK) SignedConfig(ctx context.Context, endpoint string, apis ...API) error {
	return s.SignedConfigWith(ctx, endpoint, SignedConfigOptions{JSAPIList: apis})
}

// SignedConfigWith is SignedConfig with the options of Config: Debug and
// open tags besides the jsApiList. Re-signing keeps them.
// See https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html#62
func (s *SDK) SignedConfigWith(ctx context.Context, endpoint string, o SignedConfigOptions) error {
	a := s.life.begin(o.JSAPIList, &signing{endpoint: endpoint, options: o}, false)
	s.signAndConfigure(ctx, a)
	return a.wait(ctx)
}

// signAndConfigure has the page signed for a, then configures it. Ending
// ctx while the server signs fails a; once wx.config has run, the client's
// answer decides.
func (s *SDK) signAndConfigure(ctx context.Context, a *attempt) {
	p := s.b.page()
	if !p.inWeChat() {
		s.life.finish(a, errNotInWeChat())
		return
	}
	a.signing.url = p.signURL()
	sg, err := s.sign(ctx, a.signing.endpoint, p)
	if err != nil {
		s.life.finish(a, err)
		return
	}
	o := a.signing.options
	s.configure(a, Config{Debug: o.Debug, AppID: sg.AppID, Timestamp: sg.Timestamp, NonceStr: sg.NonceStr, Signature: sg.Signature,
		JSAPIList: o.JSAPIList, OpenTagList: o.OpenTagList})
}

// sign fetches a signature for the page from the server.
func (s *SDK) sign(ctx context.Context, endpoint string, p page) (signed, error) {
	pageURL := p.signURL()
	base, err := url.Parse(p.href)
	if err != nil {
		return signed{}, wrapErr(APIConfig, ErrSigner, err)
	}
	ep, err := url.Parse(endpoint)
	if err != nil {
		return signed{}, wrapErr(APIConfig, ErrSigner, err)
	}
	u := base.ResolveReference(ep)
	q := u.Query()
	q.Set("url", pageURL)
	u.RawQuery = q.Encode()
	status, body, err := s.b.fetch(ctx, "GET", u.String(), nil)
	if err != nil {
		if ctx.Err() != nil {
			return signed{}, wrapErr(APIConfig, ctx.Err(), err)
		}
		return signed{}, wrapErr(APIConfig, ErrSigner, err)
	}
	var sg signed
	if err := json.Unmarshal(body, &sg); err != nil {
		return signed{}, &Error{API: APIConfig, Status: fmt.Sprintf("signing server: HTTP %d, not JSON", status), kind: ErrSigner}
	}
	switch {
	case sg.Error == wire.CodeURLNotAllowed:
		return signed{}, &Error{API: APIConfig, Status: "invalid url domain: " + sg.Message, kind: ErrInvalidURLDomain,
			Fields: map[string]json.RawMessage{"realAuthUrl": mustJSON(pageURL)}, hint: sg.Hint}
	case status != 200 || sg.Error != "":
		return signed{}, &Error{API: APIConfig, Status: fmt.Sprintf("signing server: %s: %s", sg.Error, sg.Message), kind: ErrSigner, hint: sg.Hint}
	}
	return sg, nil
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}
