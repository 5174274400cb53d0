// Package server is the signing back end of a WeChat H5 page: it hands the
// page what wx.config needs, signed with the account's jsapi_ticket, and
// never signs for a page outside the account's JS safe domains.
//
// Every error answer is JSON, {"error": code, "message": text}, with a
// stable code: bad_request, url_not_allowed, upstream_unavailable,
// not_found, method_not_allowed.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
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

// Options configure a Server.
type Options struct {
	AppID   string
	Domains sign.Domains
	Tickets Tickets
	// Now is the clock for timestamps; nil means time.Now.
	Now func() time.Time
	// Logger receives one line per failed request; nil means slog.Default().
	Logger *slog.Logger
}

// ConfigPath is the path of the wx.config endpoint.
const ConfigPath = "/wx/config"

// MaxURLLength bounds the page URL a client may ask to sign.
const MaxURLLength = 4096

// Server is the HTTP API. It is an http.Handler.
type Server struct {
	opt Options
	mux *http.ServeMux
}

// New returns a Server for o.
func New(o Options) (*Server, error) {
	if o.AppID == "" || o.Tickets == nil {
		return nil, errors.New("server: AppID and Tickets are required")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	s := &Server{opt: o, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET "+ConfigPath, s.serveConfig)
	s.mux.HandleFunc(ConfigPath, func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusMethodNotAllowed, "method_not_allowed", "use GET", nil)
	})
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, "not_found", "no such endpoint", nil)
	})
	return s, nil
}

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// ConfigResponse is the answer of GET /wx/config: what wx.config needs
// besides jsApiList.
type ConfigResponse struct {
	AppID     string `json:"appId"`
	Timestamp int64  `json:"timestamp"`
	NonceStr  string `json:"nonceStr"`
	Signature string `json:"signature"`
}

func (s *Server) serveConfig(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page := q.Get("url")
	switch {
	case len(q["url"]) != 1 || page == "":
		s.fail(w, r, http.StatusBadRequest, "bad_request", "give the page address once, as ?url=", nil)
		return
	case len(page) > MaxURLLength:
		s.fail(w, r, http.StatusBadRequest, "bad_request", fmt.Sprintf("url longer than %d bytes", MaxURLLength), nil)
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
	ticket, err := s.opt.Tickets.Ticket(r.Context(), wechat.TicketJSAPI)
	if err != nil {
		s.fail(w, r, http.StatusServiceUnavailable, "upstream_unavailable", "the jsapi_ticket cannot be obtained from WeChat now", err)
		return
	}
	resp := ConfigResponse{AppID: s.opt.AppID, Timestamp: s.opt.Now().Unix(), NonceStr: sign.Nonce()}
	resp.Signature = sign.JSAPI(ticket.Value, resp.NonceStr, resp.Timestamp, page)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, resp)
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

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
