// Package server is the signing back end of a WeChat H5 page: it hands the
// page what wx.config needs, signed with the account's jsapi_ticket, and
// never signs for a page outside the account's JS safe domains. It signs
// card extensions and chooseCard filters with the card ticket, and
// chooseWXPay parameters with the merchant's key, only for what the
// integrator's code decides: Server.SignCardExt, SignCardSign and SignPay
// for a back end's own handlers, or the HTTP endpoints behind Authorizers
// (an operator's bearer token in the binary). It fetches what a page
// uploaded to WeChat (wx.uploadImage, wx.uploadVoice) into a sink the
// integrator names: Server.FetchMedia, or POST /wx/media.
//
// Every error answer is JSON, {"error": code, "message": text}, with a
// stable code: bad_request, url_not_allowed, request_too_large,
// unsupported_media_type, unauthorized, forbidden, upstream_unavailable,
// not_ready, origin_not_allowed, not_found, method_not_allowed, internal;
// and for media: media_not_found, media_is_video, media_too_large,
// upstream_refused.
//
// Server is the HTTP API; Site assembles a whole deployment from a Config
// (stores, credentials, metrics, the page's web directory, and in demo mode
// the fakes and a demo shop); Run serves one.
package server

import (
	"cmp"
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/wire"
)

// Tickets is where the server gets the tickets it signs with;
// *credential.Account is one.
type Tickets interface {
	Ticket(ctx context.Context, typ wechat.TicketType) (credential.Credential, error)
}

// PayKeys are a merchant's WeChat Pay keys: V3, the API v3 private key,
// signs chooseWXPay parameters RSA-SHA256; V2, the API v2 key, signs them
// MD5 or HMAC-SHA256. A request may name its signType; otherwise V3 signs
// if set, else V2 by V2Method (MD5 unless set).
type PayKeys struct {
	V3       *rsa.PrivateKey
	V2       string
	V2Method sign.PayV2Method
}

// Options configure a Server.
type Options struct {
	AppID   string
	Domains sign.Domains
	Tickets Tickets
	// Pay holds the merchant's keys, for SignPay and POST /wx/pay/params.
	Pay *PayKeys
	// Media downloads what pages uploaded, for FetchMedia and POST
	// /wx/media; *credential.Account is one.
	Media MediaSource
	// MaxMediaBytes bounds what FetchMedia streams into a sink; zero (or
	// more than DefaultMaxMediaBytes) means DefaultMaxMediaBytes.
	MaxMediaBytes int64
	// Authorize decides what the card and pay endpoints sign. An endpoint
	// without its authoriser is not served (404): SignCardExt, SignCardSign
	// and SignPay stay for the back end's own code.
	Authorize Authorizers
	// Origins are the origins (scheme://host[:port]) whose pages may call
	// the API from another origin (CORS). None means same-origin only.
	Origins []string
	// Metrics, if set, are served at /metrics and time every request.
	Metrics *Metrics
	// Now is the clock for timestamps; nil means time.Now.
	Now func() time.Time
	// Logger receives one line per failed request; nil means slog.Default().
	Logger *slog.Logger
	// Prefix is where the API is served, with a slash at both ends;
	// DefaultPrefix if empty. The paths above are under the default.
	Prefix string
	// Hints, by error code, are what the server tells a client to check
	// when it answers that error (ErrorResponse.Hint): the deployment's own
	// knowledge, such as demo mode's only address.
	Hints map[string]string
}

// Paths of the API under its default prefix, /wx/ (Options.Prefix), as
// package wire has them.
const (
	ConfigPath   = wire.ConfigPath
	CardExtPath  = wire.CardExtPath
	CardSignPath = wire.CardSignPath
	PayPath      = wire.PayPath
	MediaPath    = wire.MediaPath
	HealthPath   = wire.HealthPath
	ReadyPath    = wire.ReadyPath
	MetricsPath  = wire.MetricsPath
)

// Limits on what a client may send.
const (
	// MaxURLLength bounds the page URL a client may ask to sign.
	MaxURLLength = 4096
	// MaxBodyBytes bounds the JSON body of a POST.
	MaxBodyBytes = 4096
	// MaxHeaderBytes bounds a request's line and headers, as a Site's
	// http.Server reads them.
	MaxHeaderBytes = 1 << 20
)

// Server is the HTTP API. It is an http.Handler.
type Server struct {
	opt       Options
	handler   http.Handler
	appIDJSON []byte // the AppID as a JSON string, for the hot path

	clientErrors, serverErrors logLimiter // the log lines of failed requests
}

// New returns a Server for o.
func New(o Options) (*Server, error) {
	if o.AppID == "" || o.Tickets == nil {
		return nil, errors.New("server: AppID and Tickets are required")
	}
	if o.Pay != nil && o.Pay.V3 == nil && o.Pay.V2 == "" {
		return nil, errors.New("server: Pay has neither a v3 private key nor a v2 API key")
	}
	if o.Authorize.Pay != nil && o.Pay == nil {
		return nil, errors.New("server: Authorize.Pay is set but no merchant key (Pay)")
	}
	if o.Authorize.Media != nil && o.Media == nil {
		return nil, errors.New("server: Authorize.Media is set but no Media source")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	appIDJSON, err := json.Marshal(o.AppID)
	if err != nil {
		return nil, err
	}
	s := &Server{opt: o, appIDJSON: appIDJSON}
	o.Prefix = cmp.Or(o.Prefix, DefaultPrefix)
	if !strings.HasPrefix(o.Prefix, "/") || !strings.HasSuffix(o.Prefix, "/") {
		return nil, fmt.Errorf("server: Prefix %q: want a path with a slash at both ends, such as /wx/", o.Prefix)
	}
	mux := http.NewServeMux()
	type route struct {
		method, name string
		h            http.Handler
	}
	routes := []route{
		{"GET", "config", http.HandlerFunc(s.serveConfig)},
		{"GET", healthName, http.HandlerFunc(s.serveHealth)},
		{"GET", readyName, http.HandlerFunc(s.serveReady)},
	}
	if a := o.Authorize.CardExt; a != nil {
		routes = append(routes, route{"POST", "card/ext", serveSigned(s, a, s.SignCardExt)})
	}
	if a := o.Authorize.CardSign; a != nil {
		routes = append(routes, route{"POST", "card/sign", serveSigned(s, a, s.SignCardSign)})
	}
	if a := o.Authorize.Pay; a != nil {
		routes = append(routes, route{"POST", "pay/params", serveSigned(s, a, s.SignPay)})
	}
	if a := o.Authorize.Media; a != nil {
		routes = append(routes, route{"POST", "media", s.serveMedia(a)})
	}
	if o.Metrics != nil {
		routes = append(routes, route{"GET", metricsName, o.Metrics.Handler()})
	}
	for _, rt := range routes {
		mux.Handle(rt.method+" "+o.Prefix+rt.name, rt.h)
		mux.HandleFunc(o.Prefix+rt.name, func(w http.ResponseWriter, r *http.Request) {
			s.fail(w, r, http.StatusMethodNotAllowed, wire.CodeMethodNotAllowed, "use "+rt.method, nil)
		})
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, wire.CodeNotFound, "no such endpoint", nil)
	})
	s.handler = s.cors(mux)
	if o.Metrics != nil {
		s.handler = o.Metrics.instrument(s.handler)
	}
	return s, nil
}

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// cors lets the configured origins call the API from their pages. A
// request from another origin is still answered (the browser withholds the
// answer from the page); only its preflight is refused.
func (s *Server) cors(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		allowed := origin != "" && slices.Contains(s.opt.Origins, origin)
		if allowed {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Add("Vary", "Origin")
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			if !allowed {
				s.fail(w, r, http.StatusForbidden, wire.CodeOriginNotAllowed, "this origin may not call the API", nil)
				return
			}
			// GET /wx/config is what pages call; the signing endpoints are
			// for back ends, whose bearer token a browser never sends.
			w.Header().Set("Access-Control-Allow-Methods", "GET")
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// ConfigResponse is the answer of GET /wx/config: what wx.config needs
// besides jsApiList.
type ConfigResponse = wire.ConfigResponse

func (s *Server) serveConfig(w http.ResponseWriter, r *http.Request) {
	page, err := parsePageURL(r.URL.RawQuery)
	if err != nil {
		s.failWith(w, r, err)
		return
	}
	resp, err := s.SignPage(r.Context(), page)
	if err != nil {
		s.failWith(w, r, err)
		return
	}
	// A ConfigResponse, encoded by hand on the busiest path: nonce and
	// signature are letters and digits, the AppID is encoded once in New.
	b := make([]byte, 0, 160)
	b = append(b, `{"appId":`...)
	b = append(b, s.appIDJSON...)
	b = append(b, `,"timestamp":`...)
	b = strconv.AppendInt(b, resp.Timestamp, 10)
	b = append(b, `,"nonceStr":"`...)
	b = append(b, resp.NonceStr...)
	b = append(b, `","signature":"`...)
	b = append(b, resp.Signature...)
	b = append(b, "\"}\n"...)
	writeHeaders(w, http.StatusOK)
	w.Write(b)
}

// CardExtRequest is the body of POST /wx/card/ext.
type CardExtRequest = wire.CardExtRequest

// CardExtResponse is the answer of POST /wx/card/ext: one entry of
// wx.addCard's cardList.
type CardExtResponse = wire.CardExtResponse

// cardExt is the JSON object cardExt holds.
type cardExt struct {
	Code                string `json:"code,omitempty"`
	OpenID              string `json:"openid,omitempty"`
	Timestamp           string `json:"timestamp"`
	NonceStr            string `json:"nonce_str"`
	FixedBeginTimestamp int64  `json:"fixed_begintimestamp,omitempty"`
	OuterStr            string `json:"outer_str,omitempty"`
	Signature           string `json:"signature"`
}

// CardSignRequest is the body of POST /wx/card/sign: chooseCard's filters.
type CardSignRequest = wire.CardSignRequest

// CardSignResponse is the answer of POST /wx/card/sign.
type CardSignResponse = wire.CardSignResponse

// PayRequest is the body of POST /wx/pay/params.
type PayRequest = wire.PayRequest

// serveSigned serves one of the authorised signing endpoints: decode the
// body into a Req, let authorize decide what may be signed, and sign that.
func serveSigned[Req, Resp any](s *Server, authorize func(*http.Request, Req) (Req, error),
	signReq func(context.Context, Req) (Resp, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req Req
		if err := s.decode(w, r, &req); err != nil {
			s.failWith(w, r, err)
			return
		}
		req, err := authorize(r, req)
		if err != nil {
			s.failWith(w, r, refusal(err))
			return
		}
		resp, err := signReq(r.Context(), req)
		if err != nil {
			s.failWith(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, resp)
	}
}

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// serveReady answers whether a jsapi_ticket can be had: held, or fetched now.
func (s *Server) serveReady(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	if _, err := s.opt.Tickets.Ticket(ctx, wechat.TicketJSAPI); err != nil {
		s.fail(w, r, http.StatusServiceUnavailable, wire.CodeNotReady, "no jsapi_ticket: "+upstreamReason(err), err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// upstreamReason says in a few words why WeChat could not be used, for a
// client: the errcode, never the request or a credential.
func upstreamReason(err error) string {
	var apiErr *wechat.APIError
	code := ""
	if errors.As(err, &apiErr) {
		code = fmt.Sprintf(" (errcode %d)", apiErr.Code)
	}
	switch {
	case errors.Is(err, wechat.ErrQuota):
		return "the account's daily quota is used up" + code + "; retrying later"
	case errors.Is(err, wechat.ErrConfig):
		return "WeChat refuses the account's AppID, AppSecret or server IP" + code + "; fix the configuration"
	case errors.Is(err, wechat.ErrBusy):
		return "WeChat is busy" + code + "; retrying"
	case errors.Is(err, wechat.ErrTokenRejected):
		return "WeChat rejects the access_token" + code
	case errors.Is(err, context.DeadlineExceeded):
		return "WeChat did not answer in time"
	}
	return "WeChat cannot be reached or gave no usable answer"
}

// decode reads a JSON body of at most MaxBodyBytes into v, or returns
// the Error to answer.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) error {
	if mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" ||
		params["charset"] != "" && !strings.EqualFold(params["charset"], "utf-8") {
		return &Error{Status: http.StatusUnsupportedMediaType, Code: wire.CodeUnsupportedMediaType,
			Message: "the body must be application/json (UTF-8)"}
	}
	err := decodeJSON(http.MaxBytesReader(w, r.Body, MaxBodyBytes), v)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: wire.CodeRequestTooLarge, Message: fmt.Sprintf("the body is over %d bytes", MaxBodyBytes)}
	case err != nil:
		return badRequest("%v", err)
	}
	return nil
}

// ErrorResponse is the body of every error answer.
type ErrorResponse = wire.ErrorResponse

// failWith answers err: an *Error as it says, anything else as a 500.
func (s *Server) failWith(w http.ResponseWriter, r *http.Request, err error) {
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Status: http.StatusInternalServerError, Code: wire.CodeInternal, Message: "the request failed", cause: err}
	}
	s.failHint(w, r, e.Status, e.Code, e.Message, e.hint, e.cause)
}

// fail answers with an error; cause, if any, is logged, never sent. A
// client's mistake (4xx) is logged at info, the server's failure (5xx) at
// warn, each at a bounded rate: a hostile client cannot flood the log.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, code, msg string, cause error) {
	s.failHint(w, r, status, code, msg, "", cause)
}

// failHint is fail with a hint of the error's own; without one, the
// deployment's hint for the code (Options.Hints) is sent.
func (s *Server) failHint(w http.ResponseWriter, r *http.Request, status int, code, msg, hint string, cause error) {
	level, limit := slog.LevelInfo, &s.clientErrors
	if status >= 500 {
		level, limit = slog.LevelWarn, &s.serverErrors
	}
	if ok, dropped := limit.allow(s.opt.Now()); ok {
		attrs := []any{"method", truncate(r.Method, 16), "path", truncate(r.URL.Path, maxLoggedPath), "status", status, "error", code}
		if cause != nil {
			attrs = append(attrs, "cause", cause.Error())
		}
		if dropped > 0 {
			attrs = append(attrs, "similar_lines_dropped", dropped)
		}
		s.opt.Logger.LogAttrs(r.Context(), level, "request failed", slog.Group("request", attrs...))
	}
	writeJSON(w, status, ErrorResponse{Error: code, Message: msg, Hint: cmp.Or(hint, s.opt.Hints[code])})
}

// Header values every answer carries; shared, never modified.
var (
	jsonContentType = []string{"application/json; charset=utf-8"}
	noStore         = []string{"no-store"}
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	writeHeaders(w, status)
	json.NewEncoder(w).Encode(v)
}

func writeHeaders(w http.ResponseWriter, status int) {
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h["Cache-Control"] = noStore
	w.WriteHeader(status)
}
