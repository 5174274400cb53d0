// Package wechat is a client for the WeChat Official Account endpoints a
// JS-SDK back end needs: access_token, the jsapi and card tickets, web
// authorisation (OAuth2's sns endpoints, in sns.go), and the download of
// what a page uploaded (Media, HDVoice).
//
// Every failure is an error that says which endpoint failed and why; an
// errcode from WeChat becomes an *APIError that errors.Is matches against
// the sentinels below. No error, and no log line made from one, ever holds
// the AppSecret or an access_token.
package wechat

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultBaseURL is WeChat's API host.
const DefaultBaseURL = "https://api.weixin.qq.com"

// Endpoint paths, relative to the base URL.
const (
	PathToken       = "/cgi-bin/token"
	PathStableToken = "/cgi-bin/stable_token"
	PathTicket      = "/cgi-bin/ticket/getticket"
)

// TicketType names a ticket kind of /cgi-bin/ticket/getticket.
type TicketType string

// The ticket kinds a web page needs.
const (
	TicketJSAPI TicketType = "jsapi"   // signs wx.config
	TicketCard  TicketType = "wx_card" // signs card extensions and chooseCard
)

// Sentinels matched by errors.Is on the errors of this package.
var (
	// ErrTokenRejected: the access_token is invalid or expired (40001,
	// 42001, 40014). A fresh token may succeed.
	ErrTokenRejected = errors.New("access_token rejected")
	// ErrBusy: WeChat is busy (-1); retry later.
	ErrBusy = errors.New("system busy")
	// ErrQuota: the daily quota of the endpoint is used up (45009).
	ErrQuota = errors.New("daily quota reached")
	// ErrConfig: the AppID, AppSecret or server IP is refused (40013,
	// 40125, 40164, 41002, 41004); retrying cannot help.
	ErrConfig = errors.New("configuration refused")
	// ErrUnavailable: no usable answer: transport failure, HTTP error
	// status, or a malformed body.
	ErrUnavailable = errors.New("upstream unavailable")
)

// APIError is an errcode answer from WeChat.
type APIError struct {
	Endpoint string // the path called, e.g. PathToken
	Code     int    // errcode
	// Msg is errmsg, cut to MaxErrmsg bytes, with the AppSecret and the
	// access_token of the request replaced by "<redacted>": a proxy may
	// echo the request in it, and errors end up in logs.
	Msg string
}

// MaxErrmsg bounds APIError.Msg; WeChat's own messages, request id
// included, are shorter.
const MaxErrmsg = 200

// MaxLifetime is the longest lifetime WeChat grants a token or ticket; a
// longer expires_in is taken as this.
const MaxLifetime = 7200 * time.Second

func (e *APIError) Error() string {
	return fmt.Sprintf("wechat %s: errcode %d: %s", e.Endpoint, e.Code, e.Msg)
}

// Is matches the sentinel the errcode belongs to.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrTokenRejected:
		return e.Code == 40001 || e.Code == 42001 || e.Code == 40014
	case ErrBusy:
		return e.Code == -1
	case ErrQuota:
		return e.Code == 45009
	case ErrConfig:
		switch e.Code {
		case 40013, 40125, 40164, 41002, 41004, 40097:
			return true
		}
	case ErrCodeInvalid:
		return e.Code == 40029
	case ErrCodeUsed:
		return e.Code == 40163
	case ErrCodeExpired:
		return e.Code == 42003
	case ErrRefreshExpired:
		return e.Code == 40030 || e.Code == 42002
	case ErrScope:
		return e.Code == 48001
	}
	return mediaIs(e.Code, target)
}

// Credential is a token or ticket as WeChat issued it.
type Credential struct {
	Value     string
	ExpiresIn time.Duration
}

// Client calls WeChat. The zero value is not usable: set AppID and Secret.
type Client struct {
	// BaseURL replaces DefaultBaseURL (a fake, a proxy); empty means the default.
	BaseURL string
	AppID   string
	Secret  string
	// HTTP is the client used; nil means a client with a 10 s timeout.
	HTTP *http.Client
	// Observe, if set, is told the outcome of every call (nil error for a
	// usable answer), for metrics: see Outcome.
	Observe func(endpoint string, err error)
}

var defaultHTTP = &http.Client{Timeout: 10 * time.Second}

// AccessToken fetches a new access_token from /cgi-bin/token. Each fetch
// makes WeChat retire the previous token after a short overlap, so callers
// should cache: see package credential.
func (c *Client) AccessToken(ctx context.Context) (Credential, error) {
	q := url.Values{"grant_type": {"client_credential"}, "appid": {c.AppID}, "secret": {c.Secret}}
	return c.call(ctx, http.MethodGet, PathToken, q, nil, "")
}

// StableAccessToken fetches from /cgi-bin/stable_token, which hands every
// caller the same token while it is valid. force asks for a new one (WeChat
// allows that 20 times a day).
func (c *Client) StableAccessToken(ctx context.Context, force bool) (Credential, error) {
	body, err := json.Marshal(map[string]any{
		"grant_type": "client_credential", "appid": c.AppID, "secret": c.Secret, "force_refresh": force,
	})
	if err != nil {
		return Credential{}, err
	}
	return c.call(ctx, http.MethodPost, PathStableToken, nil, body, "")
}

// Ticket fetches a ticket of the given type with accessToken. An
// ErrTokenRejected error means accessToken is no longer valid.
func (c *Client) Ticket(ctx context.Context, accessToken string, typ TicketType) (Credential, error) {
	q := url.Values{"access_token": {accessToken}, "type": {string(typ)}}
	return c.call(ctx, http.MethodGet, PathTicket, q, nil, accessToken)
}

// call makes one request and turns its answer into a Credential. token is
// the access_token the request carries, if any, to be kept out of errors.
func (c *Client) call(ctx context.Context, method, path string, q url.Values, body []byte, token string) (Credential, error) {
	var out tokenAnswer
	err := c.do(ctx, method, path, q, body, &out)
	var cr Credential
	if err == nil {
		value := out.AccessToken
		if path == PathTicket {
			value = out.Ticket
		}
		out.ErrMsg = scrub(out.ErrMsg, c.Secret, token, value)
		cr, err = out.credential(path, value)
	}
	if c.Observe != nil {
		c.Observe(path, err)
	}
	return cr, err
}

// Outcome is a short label for the result of a call, for metrics: "ok",
// the errcode ("-1", "40001", ...), "http_<status>", "timeout",
// "malformed" or "unreachable".
func Outcome(err error) string {
	var apiErr *APIError
	var status statusError
	switch {
	case err == nil:
		return "ok"
	case errors.As(err, &apiErr):
		return strconv.Itoa(apiErr.Code)
	case errors.As(err, &status):
		return "http_" + strconv.Itoa(int(status))
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		return "timeout"
	case errors.Is(err, errMalformed):
		return "malformed"
	}
	return "unreachable"
}

// statusError is an HTTP status other than 200.
type statusError int

func (e statusError) Error() string { return "HTTP " + strconv.Itoa(int(e)) }

// errMalformed marks an answer that is not the JSON WeChat sends.
var errMalformed = errors.New("malformed answer")

type tokenAnswer struct {
	ErrCode     int    `json:"errcode"`
	ErrMsg      string `json:"errmsg"`
	AccessToken string `json:"access_token"`
	Ticket      string `json:"ticket"`
	ExpiresIn   int64  `json:"expires_in"`
}

// credential checks an answer: an errcode is an APIError; a missing value or
// lifetime is malformed, never a credential to cache.
func (a tokenAnswer) credential(endpoint, value string) (Credential, error) {
	if a.ErrCode != 0 {
		return Credential{}, &APIError{Endpoint: endpoint, Code: a.ErrCode, Msg: a.ErrMsg}
	}
	if value == "" || a.ExpiresIn <= 0 {
		return Credential{}, fmt.Errorf("wechat %s: %w without a value or lifetime: %w", endpoint, errMalformed, ErrUnavailable)
	}
	// Bounded before the conversion, which overflows past 292 years.
	lifetime := min(a.ExpiresIn, int64(MaxLifetime/time.Second))
	return Credential{Value: value, ExpiresIn: time.Duration(lifetime) * time.Second}, nil
}

// scrub makes an errmsg fit for a log line: the secrets replaced, in the
// forms a request carries them (raw, query- and JSON-escaped), then cut to
// MaxErrmsg bytes on a character boundary.
func scrub(msg string, secrets ...string) string {
	for _, s := range secrets {
		if s == "" {
			continue
		}
		quoted, _ := json.Marshal(s)
		for _, form := range []string{s, url.QueryEscape(s), string(quoted[1 : len(quoted)-1])} {
			msg = strings.ReplaceAll(msg, form, "<redacted>")
		}
	}
	msg = strings.ToValidUTF8(msg, "?")
	if len(msg) <= MaxErrmsg {
		return msg
	}
	cut := MaxErrmsg - len("...")
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "..."
}

// maxBody bounds what is read of an answer; real ones are a few hundred bytes.
const maxBody = 64 << 10

func (c *Client) do(ctx context.Context, method, path string, q url.Values, body []byte, out any) error {
	base := c.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	u := strings.TrimRight(base, "/") + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return fmt.Errorf("wechat %s: %w", path, redact(err))
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	hc := c.HTTP
	if hc == nil {
		hc = defaultHTTP
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("wechat %s: %w: %w", path, ErrUnavailable, redact(err))
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return fmt.Errorf("wechat %s: reading answer: %w: %w", path, ErrUnavailable, redact(err))
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("wechat %s: %w: %w", path, statusError(resp.StatusCode), ErrUnavailable)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("wechat %s: %w: %w", path, errMalformed, ErrUnavailable)
	}
	return nil
}

// redact drops the request URL from a transport error: its query holds the
// AppSecret or an access_token.
func redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}
