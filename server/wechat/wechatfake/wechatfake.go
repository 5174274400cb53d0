// Package wechatfake is a fake of the WeChat API that a JS-SDK back end
// talks to, served over real HTTP: /cgi-bin/token, /cgi-bin/stable_token,
// /cgi-bin/ticket/getticket and web authorisation (the authorisation page
// /connect/oauth2/authorize, a consent page a person or a browser test
// clicks, and /sns/*: see oauth.go), with WeChat's answers and error codes.
//
// It also plays the part of WeChat's own page verification: the fake
// jWeixin (package wx/wxfake) posts each wx.config to VerifyPath, and the
// fake answers as the WeChat client would, checking the signature against
// the tickets it issued and the page's host against the JS safe domains.
//
// Use NewServer in tests as you would httptest.NewServer, or mount a Fake
// (an http.Handler) under a prefix of your own server.
package wechatfake

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
)

// Paths the fake serves besides WeChat's own.
const (
	// VerifyPath answers the fake jWeixin's wx.config verification.
	VerifyPath = "/fake/jsapi/verify"
	// RevokePath (POST) revokes every ticket issued so far, as if they had
	// expired early: pages signed with them fail with "invalid signature".
	RevokePath = "/fake/control/revoke-tickets"
	// StatsPath (GET) reports the calls made to each WeChat endpoint.
	StatsPath = "/fake/control/stats"
	// FaultPath (POST a FaultRequest) injects a fault, or clears them all.
	FaultPath = "/fake/control/fault"
	// SignPath (GET ?url=) signs a page URL with a jsapi_ticket the fake
	// issues, answering as a gowx server's /wx/config does. It lets tests of
	// a page run without a signing server. CORS is open.
	SignPath = "/fake/control/sign"
)

// Config is the official account the fake plays.
type Config struct {
	AppID  string
	Secret string
	// Domains are the account's JS safe domains, as sign.ParseDomains takes them.
	Domains []string
	// TTL is the lifetime of tokens and tickets; zero means WeChat's 7200 s.
	TTL time.Duration
	// TicketTTL, if set, is the lifetime of tickets instead of TTL.
	TicketTTL time.Duration
	// Overlap is how long a token stays valid once a newer one is issued;
	// zero means 5 minutes.
	Overlap time.Duration
	// Now is the fake's clock (a Clock's Now, say); nil means time.Now.
	Now func() time.Time
	// DailyQuota limits the calls per day (China Standard Time, on the
	// fake's clock) to each WeChat endpoint, keyed by path; past it the
	// endpoint answers 45009. An endpoint not named is unlimited.
	DailyQuota map[string]int
	// AnyHost skips the JS safe domain check of Verify, for pages served
	// where no domain name can be had (a wasm test runner on 127.0.0.1).
	// The signature is still checked.
	AnyHost bool
	// Merchant, if set, is the account's WeChat Pay merchant: the fake
	// client's payments are checked against its keys (see CheckPay).
	Merchant *Merchant
	// User is the person at the fake client, whom web authorisation signs
	// in (an empty OpenID: DefaultOpenID); SetUser replaces them.
	User OAuthUser
	// OAuthDomains are the account's web authorisation domains, the hosts
	// an authorisation may return to (sign.ParseDomains' rules); empty
	// means Domains.
	OAuthDomains []string
	// CheckCards makes the fake client's addCard and chooseCard checked
	// against the card tickets the fake issued (see CheckCardExt).
	CheckCards bool
}

// Fake is the fake WeChat API. Its methods are safe for concurrent use.
type Fake struct {
	cfg          Config
	domains      sign.Domains
	oauthDomains sign.Domains
	mux          *http.ServeMux

	mu       sync.Mutex
	tokens   map[string]time.Time // access_token → end of validity
	current  string               // the newest access_token
	tickets  map[string]issued    // ticket → its type and end of validity
	calls    map[string]int       // endpoint path → calls
	today    string               // the day dayCalls counts
	dayCalls map[string]int       // endpoint path → calls today
	faults   map[string][]Fault   // endpoint path → faults to play, in order

	user          OAuthUser         // whom authorisation signs in
	codes         map[string]*grant // web authorisation code → its grant
	userTokens    map[string]*grant // a user's access_token → its grant
	refreshTokens map[string]*grant // refresh_token → its grant

	orders orderBook
	media  mediaStore
}

type issued struct {
	typ wechat.TicketType
	end time.Time
}

// New returns a Fake for cfg.
func New(cfg Config) (*Fake, error) {
	if cfg.AppID == "" || cfg.Secret == "" {
		return nil, errors.New("wechatfake: AppID and Secret are required")
	}
	d, err := sign.ParseDomains(cfg.Domains)
	if err != nil {
		return nil, err
	}
	od := d
	if len(cfg.OAuthDomains) > 0 {
		if od, err = sign.ParseDomains(cfg.OAuthDomains); err != nil {
			return nil, err
		}
	}
	if cfg.TTL <= 0 {
		cfg.TTL = 7200 * time.Second
	}
	if cfg.TicketTTL <= 0 {
		cfg.TicketTTL = cfg.TTL
	}
	if cfg.Overlap <= 0 {
		cfg.Overlap = 5 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	f := &Fake{
		cfg:           cfg,
		domains:       d,
		oauthDomains:  od,
		mux:           http.NewServeMux(),
		tokens:        make(map[string]time.Time),
		tickets:       make(map[string]issued),
		calls:         make(map[string]int),
		dayCalls:      make(map[string]int),
		faults:        make(map[string][]Fault),
		codes:         make(map[string]*grant),
		userTokens:    make(map[string]*grant),
		refreshTokens: make(map[string]*grant),
	}
	f.SetUser(cfg.User)
	f.mux.HandleFunc("GET "+wechat.PathAuthorize, f.upstream(wechat.PathAuthorize, f.serveAuthorize))
	f.mux.HandleFunc("POST "+wechat.PathAuthorize, f.serveAuthorize)
	f.mux.HandleFunc("GET "+wechat.PathOAuthToken, f.upstream(wechat.PathOAuthToken, f.serveOAuthToken))
	f.mux.HandleFunc("GET "+wechat.PathOAuthRefresh, f.upstream(wechat.PathOAuthRefresh, f.serveOAuthRefresh))
	f.mux.HandleFunc("GET "+wechat.PathUserInfo, f.upstream(wechat.PathUserInfo, f.serveUserInfo))
	f.mux.HandleFunc("GET "+wechat.PathOAuthCheck, f.upstream(wechat.PathOAuthCheck, f.serveOAuthCheck))
	f.mux.HandleFunc("GET "+UserPath, f.serveUser)
	f.mux.HandleFunc("POST "+UserPath, f.serveUser)
	f.mux.HandleFunc("GET "+wechat.PathToken, f.upstream(wechat.PathToken, f.serveToken))
	f.mux.HandleFunc("POST "+wechat.PathStableToken, f.upstream(wechat.PathStableToken, f.serveStableToken))
	f.mux.HandleFunc("GET "+wechat.PathTicket, f.upstream(wechat.PathTicket, f.serveTicket))
	f.mux.HandleFunc("GET "+wechat.PathMedia, f.upstream(wechat.PathMedia, f.serveMedia(false)))
	f.mux.HandleFunc("GET "+wechat.PathMediaJSSDK, f.upstream(wechat.PathMediaJSSDK, f.serveMedia(true)))
	f.mux.HandleFunc("POST "+UploadPath, f.serveUpload)
	f.mux.HandleFunc("POST "+MediaAgePath, f.serveAgeMedia)
	f.mux.HandleFunc("OPTIONS "+UploadPath, f.serveUpload)
	f.mux.HandleFunc("POST "+PathJSAPIOrder, f.serveJSAPIOrder)
	f.mux.HandleFunc("POST "+FaultPath, f.serveFault)
	f.mux.HandleFunc("POST "+VerifyPath, f.serveVerify)
	f.mux.HandleFunc("OPTIONS "+VerifyPath, f.serveVerify)
	f.mux.HandleFunc("POST "+CheckPath, f.serveCheck)
	f.mux.HandleFunc("OPTIONS "+CheckPath, f.serveCheck)
	f.mux.HandleFunc("POST "+RevokePath, func(w http.ResponseWriter, _ *http.Request) {
		f.RevokeTickets()
		writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok"})
	})
	f.mux.HandleFunc("GET "+SignPath, f.serveSign)
	f.mux.HandleFunc("GET "+StatsPath, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, map[string]any{"calls": f.Calls()})
	})
	return f, nil
}

// ServeHTTP serves the fake's endpoints.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) { f.mux.ServeHTTP(w, r) }

// AppID returns the AppID of the account the fake plays.
func (f *Fake) AppID() string { return f.cfg.AppID }

// Calls returns how many times each WeChat endpoint was called.
func (f *Fake) Calls() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string]int, len(f.calls))
	for k, v := range f.calls {
		out[k] = v
	}
	return out
}

// Tokens returns every access_token the fake has issued, so that a test
// can check that none leaks.
func (f *Fake) Tokens() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]string, 0, len(f.tokens))
	for t := range f.tokens {
		out = append(out, t)
	}
	return out
}

// RevokeTickets makes every ticket issued so far invalid.
func (f *Fake) RevokeTickets() {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.tickets)
}

// chinaTime is the zone WeChat's daily quotas reset in.
var chinaTime = time.FixedZone("CST", 8*60*60)

// count records a call to the endpoint at path and reports whether it is
// within the day's quota.
func (f *Fake) count(path string) bool {
	day := f.cfg.Now().In(chinaTime).Format(time.DateOnly)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[path]++
	if day != f.today {
		f.today = day
		clear(f.dayCalls)
	}
	f.dayCalls[path]++
	limit, limited := f.cfg.DailyQuota[path]
	return !limited || f.dayCalls[path] <= limit
}

func (f *Fake) isUpstream(path string) bool {
	switch path {
	case wechat.PathToken, wechat.PathStableToken, wechat.PathTicket,
		wechat.PathAuthorize, wechat.PathOAuthToken, wechat.PathOAuthRefresh, wechat.PathUserInfo, wechat.PathOAuthCheck:
		return true
	}
	return slices.Contains(mediaPaths, path)
}

func (f *Fake) serveToken(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("grant_type") != "client_credential" {
		writeErr(w, 40002, "invalid grant_type")
		return
	}
	if code, msg := f.checkApp(q.Get("appid"), q.Get("secret")); code != 0 {
		writeErr(w, code, msg)
		return
	}
	f.issueToken(w, r, false)
}

func (f *Fake) serveStableToken(w http.ResponseWriter, r *http.Request) {
	var req struct {
		GrantType    string `json:"grant_type"`
		AppID        string `json:"appid"`
		Secret       string `json:"secret"`
		ForceRefresh bool   `json:"force_refresh"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&req); err != nil {
		writeErr(w, 47001, "data format error")
		return
	}
	if req.GrantType != "client_credential" {
		writeErr(w, 40002, "invalid grant_type")
		return
	}
	if code, msg := f.checkApp(req.AppID, req.Secret); code != 0 {
		writeErr(w, code, msg)
		return
	}
	f.issueToken(w, r, !req.ForceRefresh)
}

func (f *Fake) checkApp(appID, secret string) (int, string) {
	switch {
	case appID != f.cfg.AppID:
		return 40013, "invalid appid"
	case secret != f.cfg.Secret:
		return 40125, "invalid appsecret"
	}
	return 0, ""
}

// issueToken answers with a new access_token, or with the current one when
// reuse is set and it is still valid (the stable_token behaviour).
func (f *Fake) issueToken(w http.ResponseWriter, r *http.Request, reuse bool) {
	now := f.cfg.Now()
	f.mu.Lock()
	if end, ok := f.tokens[f.current]; reuse && ok && now.Before(end) {
		tok := f.current
		f.mu.Unlock()
		writeJSON(w, map[string]any{"access_token": tok, "expires_in": expiresIn(r, end.Sub(now))})
		return
	}
	// An older token lives on for the overlap, then dies.
	for t, end := range f.tokens {
		if lim := now.Add(f.cfg.Overlap); end.After(lim) {
			f.tokens[t] = lim
		}
	}
	tok := randomString(64)
	f.tokens[tok] = now.Add(f.cfg.TTL)
	f.current = tok
	f.mu.Unlock()
	writeJSON(w, map[string]any{"access_token": tok, "expires_in": expiresIn(r, f.cfg.TTL)})
}

func (f *Fake) serveTicket(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	now := f.cfg.Now()
	f.mu.Lock()
	end, ok := f.tokens[q.Get("access_token")]
	f.mu.Unlock()
	switch {
	case !ok:
		writeErr(w, 40001, "invalid credential, access_token is invalid or not latest")
		return
	case !now.Before(end):
		writeErr(w, 42001, "access_token expired")
		return
	}
	typ := wechat.TicketType(q.Get("type"))
	if typ != wechat.TicketJSAPI && typ != wechat.TicketCard {
		writeErr(w, 40097, "invalid args")
		return
	}
	ticket := randomString(86)
	f.mu.Lock()
	f.tickets[ticket] = issued{typ: typ, end: now.Add(f.cfg.TicketTTL)}
	f.mu.Unlock()
	writeJSON(w, map[string]any{"errcode": 0, "errmsg": "ok", "ticket": ticket, "expires_in": expiresIn(r, f.cfg.TicketTTL)})
}

func writeErr(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, map[string]any{"errcode": code, "errmsg": msg})
}

func writeJSON(w http.ResponseWriter, v any) { writeStatusJSON(w, http.StatusOK, v) }

func writeStatusJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func randomString(n int) string {
	b := make([]byte, n*3/4+1)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)[:n]
}

// Server is a Fake listening on a loopback port, like httptest.Server.
type Server struct {
	*Fake
	// URL is the base URL of the fake, e.g. http://127.0.0.1:40123.
	URL string

	mu   sync.Mutex
	addr string
	hs   *http.Server // nil while refusing
}

// NewServer starts a Fake for cfg on a loopback port. Close it when done.
func NewServer(cfg Config) (*Server, error) {
	f, err := New(cfg)
	if err != nil {
		return nil, err
	}
	s := &Server{Fake: f, addr: "127.0.0.1:0"}
	if err := s.listen(); err != nil {
		return nil, err
	}
	s.URL = "http://" + s.addr
	return s, nil
}

func (s *Server) listen() error {
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("wechatfake: %w", err)
	}
	s.addr = ln.Addr().String()
	s.hs = &http.Server{Handler: s.Fake, ReadHeaderTimeout: 10 * time.Second}
	go s.hs.Serve(ln)
	return nil
}

// Refuse stops (true) or resumes (false) listening, so that connections
// to URL are refused meanwhile, as when WeChat is unreachable. Resuming
// listens on the same port again.
func (s *Server) Refuse(refuse bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case refuse && s.hs != nil:
		err := s.hs.Close()
		s.hs = nil
		return err
	case !refuse && s.hs == nil:
		return s.listen()
	}
	return nil
}

// Close shuts the server down.
func (s *Server) Close() { s.Refuse(true) }
