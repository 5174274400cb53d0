// Package server is the signing back end of a WeChat H5 page: it hands the
// page what wx.config needs, signed with the account's jsapi_ticket; signs
// card extensions and chooseCard with the card ticket and chooseWXPay
// parameters with the merchant's key; and never signs for a page outside
// the account's JS safe domains.
//
// Every error answer is JSON, {"error": code, "message": text}, with a
// stable code: bad_request, url_not_allowed, request_too_large,
// upstream_unavailable, not_ready, origin_not_allowed, not_found,
// method_not_allowed.
//
// Server is the HTTP API; Site assembles a whole deployment from a Config
// (stores, credentials, metrics, and in demo mode the fakes); Run serves one.
package server

import (
	"cmp"
	"context"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gowx/gowx/server/credential"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
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
	// Pay, if set, enables POST /wx/pay/params.
	Pay *PayKeys
	// Origins are the origins (scheme://host[:port]) whose pages may call
	// the API from another origin (CORS). None means same-origin only.
	Origins []string
	// Metrics, if set, are served at /metrics and time every request.
	Metrics *Metrics
	// Now is the clock for timestamps; nil means time.Now.
	Now func() time.Time
	// Logger receives one line per failed request; nil means slog.Default().
	Logger *slog.Logger
}

// Paths of the API.
const (
	ConfigPath   = "/wx/config"
	CardExtPath  = "/wx/card/ext"
	CardSignPath = "/wx/card/sign"
	PayPath      = "/wx/pay/params"
	HealthPath   = "/healthz"
	ReadyPath    = "/readyz"
	MetricsPath  = "/metrics"
)

// Limits on what a client may send.
const (
	// MaxURLLength bounds the page URL a client may ask to sign.
	MaxURLLength = 4096
	// MaxBodyBytes bounds the JSON body of a POST.
	MaxBodyBytes = 4096
)

// Server is the HTTP API. It is an http.Handler.
type Server struct {
	opt       Options
	handler   http.Handler
	appIDJSON []byte // the AppID as a JSON string, for the hot path
}

// New returns a Server for o.
func New(o Options) (*Server, error) {
	if o.AppID == "" || o.Tickets == nil {
		return nil, errors.New("server: AppID and Tickets are required")
	}
	if o.Pay != nil && o.Pay.V3 == nil && o.Pay.V2 == "" {
		return nil, errors.New("server: Pay has neither a v3 private key nor a v2 API key")
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
	mux := http.NewServeMux()
	type route struct {
		method, path string
		h            http.HandlerFunc
	}
	routes := []route{
		{"GET", ConfigPath, s.serveConfig},
		{"POST", CardExtPath, s.serveCardExt},
		{"POST", CardSignPath, s.serveCardSign},
		{"GET", HealthPath, s.serveHealth},
		{"GET", ReadyPath, s.serveReady},
	}
	if o.Pay != nil {
		routes = append(routes, route{"POST", PayPath, s.servePay})
	}
	for _, rt := range routes {
		mux.HandleFunc(rt.method+" "+rt.path, rt.h)
		mux.HandleFunc(rt.path, func(w http.ResponseWriter, r *http.Request) {
			s.fail(w, r, http.StatusMethodNotAllowed, "method_not_allowed", "use "+rt.method, nil)
		})
	}
	if o.Metrics != nil {
		mux.Handle("GET "+MetricsPath, o.Metrics.Handler())
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "not_found", "no such endpoint", nil)
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
				s.fail(w, r, http.StatusForbidden, "origin_not_allowed", "this origin may not call the API", nil)
				return
			}
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// ConfigResponse is the answer of GET /wx/config: what wx.config needs
// besides jsApiList.
type ConfigResponse struct {
	AppID     string `json:"appId"`
	Timestamp int64  `json:"timestamp"`
	NonceStr  string `json:"nonceStr"`
	Signature string `json:"signature"`
}

func (s *Server) serveConfig(w http.ResponseWriter, r *http.Request) {
	page, err := parsePageURL(r.URL.RawQuery)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_request", err.Error(), nil)
		return
	}
	if _, err := s.opt.Domains.Check(page); err != nil {
		if errors.Is(err, sign.ErrURLNotAllowed) {
			s.fail(w, r, http.StatusForbidden, "url_not_allowed", err.Error(), nil)
		} else {
			s.fail(w, r, http.StatusBadRequest, "bad_request", err.Error(), nil)
		}
		return
	}
	ticket, ok := s.ticket(w, r, wechat.TicketJSAPI)
	if !ok {
		return
	}
	ts, nonce := s.opt.Now().Unix(), sign.Nonce()
	sig := sign.JSAPI(ticket.Value, nonce, ts, page)
	// A ConfigResponse, encoded by hand on the busiest path: nonce and
	// signature are letters and digits, the AppID is encoded once in New.
	b := make([]byte, 0, 160)
	b = append(b, `{"appId":`...)
	b = append(b, s.appIDJSON...)
	b = append(b, `,"timestamp":`...)
	b = strconv.AppendInt(b, ts, 10)
	b = append(b, `,"nonceStr":"`...)
	b = append(b, nonce...)
	b = append(b, `","signature":"`...)
	b = append(b, sig...)
	b = append(b, "\"}\n"...)
	writeHeaders(w, http.StatusOK)
	w.Write(b)
}

// CardExtRequest is the body of POST /wx/card/ext. CardID is required;
// Code and OpenID are needed by some kinds of card (custom codes, cards
// bound to a user).
type CardExtRequest struct {
	CardID              string `json:"card_id"`
	Code                string `json:"code"`
	OpenID              string `json:"openid"`
	OuterStr            string `json:"outer_str"`
	FixedBeginTimestamp int64  `json:"fixed_begintimestamp"`
}

// CardExtResponse is the answer of POST /wx/card/ext: one entry of
// wx.addCard's cardList.
type CardExtResponse struct {
	CardID  string `json:"cardId"`
	CardExt string `json:"cardExt"` // a JSON object, as a string
}

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

func (s *Server) serveCardExt(w http.ResponseWriter, r *http.Request) {
	var req CardExtRequest
	if !s.decode(w, r, &req, func() error {
		return checkFields(field{"card_id", req.CardID, true, 64}, field{"code", req.Code, false, 128},
			field{"openid", req.OpenID, false, 128}, field{"outer_str", req.OuterStr, false, 128})
	}) {
		return
	}
	ticket, ok := s.ticket(w, r, wechat.TicketCard)
	if !ok {
		return
	}
	ts, nonce := s.opt.Now().Unix(), sign.Nonce()
	ext, err := json.Marshal(cardExt{
		Code: req.Code, OpenID: req.OpenID, Timestamp: strconv.FormatInt(ts, 10), NonceStr: nonce,
		FixedBeginTimestamp: req.FixedBeginTimestamp, OuterStr: req.OuterStr,
		Signature: sign.CardExt(sign.CardExtParams{APITicket: ticket.Value, CardID: req.CardID, Code: req.Code, OpenID: req.OpenID, Timestamp: ts, NonceStr: nonce}),
	})
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "internal", "cannot encode cardExt", err)
		return
	}
	writeJSON(w, http.StatusOK, CardExtResponse{CardID: req.CardID, CardExt: string(ext)})
}

// CardSignRequest is the body of POST /wx/card/sign: chooseCard's filters,
// each optional.
type CardSignRequest struct {
	ShopID   string `json:"shop_id"`
	CardType string `json:"card_type"`
	CardID   string `json:"card_id"`
}

// CardSignResponse is the answer of POST /wx/card/sign: wx.chooseCard's
// arguments besides the callbacks.
type CardSignResponse struct {
	ShopID    string `json:"shopId"`
	CardType  string `json:"cardType"`
	CardID    string `json:"cardId"`
	Timestamp string `json:"timestamp"`
	NonceStr  string `json:"nonceStr"`
	SignType  string `json:"signType"`
	CardSign  string `json:"cardSign"`
}

func (s *Server) serveCardSign(w http.ResponseWriter, r *http.Request) {
	var req CardSignRequest
	if !s.decode(w, r, &req, func() error {
		return checkFields(field{"shop_id", req.ShopID, false, 24}, field{"card_type", req.CardType, false, 24}, field{"card_id", req.CardID, false, 64})
	}) {
		return
	}
	ticket, ok := s.ticket(w, r, wechat.TicketCard)
	if !ok {
		return
	}
	ts, nonce := s.opt.Now().Unix(), sign.Nonce()
	writeJSON(w, http.StatusOK, CardSignResponse{
		ShopID: req.ShopID, CardType: req.CardType, CardID: req.CardID,
		Timestamp: strconv.FormatInt(ts, 10), NonceStr: nonce, SignType: "SHA1",
		CardSign: sign.CardSign(sign.CardSignParams{APITicket: ticket.Value, AppID: s.opt.AppID, LocationID: req.ShopID,
			CardID: req.CardID, CardType: req.CardType, Timestamp: ts, NonceStr: nonce}),
	})
}

// PayRequest is the body of POST /wx/pay/params. SignType, if set, is
// "RSA" (API v3), "MD5" or "HMAC-SHA256" (API v2), and needs that key.
type PayRequest struct {
	PrepayID string `json:"prepay_id"`
	SignType string `json:"sign_type"`
}

func (s *Server) servePay(w http.ResponseWriter, r *http.Request) {
	var req PayRequest
	pay := s.opt.Pay
	if !s.decode(w, r, &req, func() error {
		if err := checkFields(field{"prepay_id", req.PrepayID, true, 64}); err != nil {
			return err
		}
		if req.SignType == "" {
			req.SignType = "RSA"
			if pay.V3 == nil {
				req.SignType = cmp.Or(string(pay.V2Method), string(sign.PayV2MD5))
			}
		}
		switch sign.PayV2Method(req.SignType) {
		case "RSA":
			if pay.V3 == nil {
				return errors.New("sign_type RSA needs the merchant's API v3 key, which is not configured")
			}
		case sign.PayV2MD5, sign.PayV2HMACSHA256:
			if pay.V2 == "" {
				return fmt.Errorf("sign_type %s needs the merchant's API v2 key, which is not configured", req.SignType)
			}
		default:
			return errors.New("sign_type is RSA, MD5 or HMAC-SHA256")
		}
		return nil
	}) {
		return
	}
	ts, nonce := s.opt.Now().Unix(), sign.Nonce()
	var p sign.PayParams
	var err error
	if req.SignType == "RSA" {
		p, err = sign.PayV3(pay.V3, s.opt.AppID, ts, nonce, req.PrepayID)
	} else {
		p, err = sign.PayV2(pay.V2, sign.PayV2Method(req.SignType), s.opt.AppID, ts, nonce, req.PrepayID)
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "internal", "cannot sign the payment", err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// serveReady answers whether a jsapi_ticket can be had: held, or fetched now.
func (s *Server) serveReady(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	if _, err := s.opt.Tickets.Ticket(ctx, wechat.TicketJSAPI); err != nil {
		s.fail(w, r, http.StatusServiceUnavailable, "not_ready", "no jsapi_ticket: "+upstreamReason(err), err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// ticket gets a ticket, or answers 503 and reports false.
func (s *Server) ticket(w http.ResponseWriter, r *http.Request, typ wechat.TicketType) (credential.Credential, bool) {
	t, err := s.opt.Tickets.Ticket(r.Context(), typ)
	if err != nil {
		s.fail(w, r, http.StatusServiceUnavailable, "upstream_unavailable",
			fmt.Sprintf("the %s ticket cannot be obtained from WeChat now: %s", typ, upstreamReason(err)), err)
		return credential.Credential{}, false
	}
	return t, true
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

// decode reads a JSON body of at most MaxBodyBytes into v and checks it
// with valid, or answers 400 or 413 and reports false.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any, valid func() error) bool {
	err := decodeJSON(http.MaxBytesReader(w, r.Body, MaxBodyBytes), v)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		s.fail(w, r, http.StatusRequestEntityTooLarge, "request_too_large", fmt.Sprintf("the body is over %d bytes", MaxBodyBytes), nil)
		return false
	case err == nil:
		err = valid()
	}
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "bad_request", err.Error(), nil)
		return false
	}
	return true
}

// ErrorResponse is the body of every error answer.
type ErrorResponse struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// fail answers with an error; cause, if any, is logged, never sent.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, code, msg string, cause error) {
	attrs := []any{"method", r.Method, "path", r.URL.Path, "status", status, "error", code}
	if cause != nil {
		attrs = append(attrs, "cause", cause.Error())
	}
	s.opt.Logger.LogAttrs(r.Context(), slog.LevelWarn, "request failed", slog.Group("request", attrs...))
	writeJSON(w, status, ErrorResponse{Error: code, Message: msg})
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
