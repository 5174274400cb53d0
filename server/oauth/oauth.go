// Package oauth signs users in with WeChat's web authorisation (OAuth2 for
// official account pages) and keeps them signed in with a signed cookie.
//
// A page sends the browser to <prefix>oauth/start?scope=…&return=<page>;
// that binds a random state to the browser (a short-lived HttpOnly cookie),
// keeps the return page server-side (it must be on the JS safe domains)
// and redirects to WeChat's authorisation page. WeChat returns to
// <prefix>oauth/callback with a code and the state; the callback checks
// the state against the cookie, exchanges the code (once: a doubled
// callback of the same browser reuses the first exchange for the code's 5
// minutes), reads the profile for snsapi_userinfo, sets the session cookie
// (HMAC-SHA256 signed, HttpOnly) and returns to the page. Back ends read
// the session with User, in a handler that Flow.Wrap wraps.
package oauth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/wire"
)

// StateCookie is the name of the cookie that binds a sign-in to a browser.
const StateCookie = "gowx_oauth_state"

// Bounds and lifetimes.
const (
	// StateTTL is how long a started sign-in may return.
	StateTTL = 10 * time.Minute
	// CodeTTL is how long an exchange is kept for its code: WeChat's
	// lifetime of a code.
	CodeTTL = 5 * time.Minute
	// DefaultSessionTTL is how long a session lasts unless told otherwise.
	DefaultSessionTTL = 24 * time.Hour
	// MaxReturnURL bounds the return page's URL.
	MaxReturnURL = 2048
	// MaxParam bounds a code or a state.
	MaxParam = 128
	// MaxPending bounds the sign-ins started and not yet returned; past it
	// the oldest is dropped.
	MaxPending = 10000
)

// Options configure a Flow.
type Options struct {
	// Client exchanges codes and reads profiles (its AppID and Secret are
	// the account's).
	Client *wechat.Client
	// AuthorizeBase is the host of the authorisation page the browser is
	// sent to; empty means wechat.DefaultAuthorizeBase.
	AuthorizeBase string
	// Callback is the absolute URL WeChat returns to, on the account's web
	// authorisation domain, which reaches the Flow's <prefix>oauth/callback.
	Callback string
	// Domains are the pages a sign-in may return to.
	Domains sign.Domains
	// Key signs sessions, at least MinKeyLength bytes: see LoadKey.
	Key []byte
	// Prefix is where the Flow is mounted (its paths are <prefix>oauth/…).
	Prefix string
	// SessionTTL is how long a session lasts; zero means DefaultSessionTTL.
	SessionTTL time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Fail answers an error; nil writes the JSON error alone. The server
	// passes its own, which logs.
	Fail func(w http.ResponseWriter, r *http.Request, status int, code, msg string, cause error)
	// Logger receives a line per sign-in; nil means slog.Default().
	Logger *slog.Logger
}

// Flow is the sign-in: an http.Handler of <prefix>oauth/start, callback,
// session and signout.
type Flow struct {
	o      Options
	seal   sealer
	secure bool // cookies only over https: the callback is https

	mu      sync.Mutex
	pending map[string]*pending  // state → the sign-in it started
	order   []string             // states in the order started, to drop the oldest
	codes   map[string]*exchange // code → its exchange
}

// pending is a sign-in started and not yet expired.
type pending struct {
	returnURL string
	scope     wechat.Scope
	end       time.Time
	code      string // the code it returned with, once it has
}

// exchange is a code's exchange, shared by a doubled callback.
type exchange struct {
	state string
	end   time.Time
	done  chan struct{}
	user  Session
	err   error
}

// New returns a Flow for o.
func New(o Options) (*Flow, error) {
	if o.Client == nil || o.Client.AppID == "" {
		return nil, errors.New("oauth: a Client with the account's AppID is required")
	}
	if len(o.Key) < MinKeyLength {
		return nil, fmt.Errorf("oauth: the session key has %d bytes; want at least %d", len(o.Key), MinKeyLength)
	}
	cb, err := url.Parse(o.Callback)
	if err != nil || (cb.Scheme != "http" && cb.Scheme != "https") || cb.Host == "" || cb.RawQuery != "" || cb.Fragment != "" {
		return nil, fmt.Errorf("oauth: Callback %q: want an absolute http(s) URL without a query", o.Callback)
	}
	if !strings.HasPrefix(o.Prefix, "/") || !strings.HasSuffix(o.Prefix, "/") {
		return nil, fmt.Errorf("oauth: Prefix %q: want a path with a slash at both ends", o.Prefix)
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = DefaultSessionTTL
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Fail == nil {
		o.Fail = func(w http.ResponseWriter, _ *http.Request, status int, code, msg string, _ error) {
			writeJSON(w, status, wire.ErrorResponse{Error: code, Message: msg})
		}
	}
	return &Flow{o: o, seal: sealer{key: o.Key}, secure: cb.Scheme == "https",
		pending: make(map[string]*pending), codes: make(map[string]*exchange)}, nil
}

// ServeHTTP serves <prefix>oauth/start, callback, session and signout.
func (f *Flow) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, _ := strings.CutPrefix(r.URL.Path, f.o.Prefix+"oauth/")
	method := map[string]string{"start": http.MethodGet, "callback": http.MethodGet, "session": http.MethodGet, "signout": http.MethodPost}[name]
	switch {
	case method == "":
		f.o.Fail(w, r, http.StatusNotFound, wire.CodeNotFound, "no such endpoint", nil)
	case r.Method != method:
		f.o.Fail(w, r, http.StatusMethodNotAllowed, wire.CodeMethodNotAllowed, "use "+method, nil)
	case name == "start":
		f.serveStart(w, r)
	case name == "callback":
		f.serveCallback(w, r)
	case name == "session":
		f.serveSession(w, r)
	default:
		f.serveSignOut(w, r)
	}
}

// Wrap serves h with the session's user, if any, in the request's
// context, for User.
func (f *Flow) Wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, ok := f.read(r); ok {
			r = r.WithContext(context.WithValue(r.Context(), userKey{}, u))
		}
		h.ServeHTTP(w, r)
	})
}

// User reads r's session cookie itself, for a handler Wrap does not wrap:
// as the package's User, false for no session and for a snapshot user.
func (f *Flow) User(r *http.Request) (Session, bool) {
	u, ok := f.read(r)
	return u, ok && !u.Snapshot
}

func (f *Flow) read(r *http.Request) (Session, bool) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return Session{}, false
	}
	return f.seal.open(c.Value, f.o.Now())
}

func (f *Flow) serveStart(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	scope := wechat.Scope(q.Get("scope"))
	if scope == "" {
		scope = wechat.ScopeBase
	}
	ret := q.Get("return")
	switch {
	case !scope.Valid():
		f.o.Fail(w, r, http.StatusBadRequest, wire.CodeBadRequest, "scope is snsapi_base or snsapi_userinfo", nil)
		return
	case ret == "":
		f.o.Fail(w, r, http.StatusBadRequest, wire.CodeBadRequest, "return (the page to come back to) is required", nil)
		return
	case len(ret) > MaxReturnURL:
		f.o.Fail(w, r, http.StatusBadRequest, wire.CodeBadRequest, fmt.Sprintf("return is over %d bytes", MaxReturnURL), nil)
		return
	}
	if err := f.o.Domains.Check(ret); err != nil {
		f.o.Fail(w, r, http.StatusBadRequest, wire.CodeURLNotAllowed, "return must be a page on the JS safe domains: "+err.Error(), nil)
		return
	}
	b := make([]byte, 32)
	rand.Read(b)
	state := base64.RawURLEncoding.EncodeToString(b)
	now := f.o.Now()
	f.mu.Lock()
	f.prune(now)
	f.pending[state] = &pending{returnURL: ret, scope: scope, end: now.Add(StateTTL)}
	f.order = append(f.order, state)
	for len(f.order) > MaxPending {
		delete(f.pending, f.order[0])
		f.order = f.order[1:]
	}
	f.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: StateCookie, Value: state, Path: f.o.Prefix + "oauth/", MaxAge: int(StateTTL / time.Second),
		HttpOnly: true, Secure: f.secure, SameSite: http.SameSiteLaxMode})
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, wechat.AuthorizeURL(f.o.AuthorizeBase, f.o.Client.AppID, f.o.Callback, scope, state), http.StatusFound)
}

// prune drops expired sign-ins and exchanges; f.mu is held.
func (f *Flow) prune(now time.Time) {
	keep := f.order[:0]
	for _, s := range f.order {
		if p, ok := f.pending[s]; ok && now.Before(p.end) {
			keep = append(keep, s)
		} else {
			delete(f.pending, s)
		}
	}
	f.order = keep
	for c, e := range f.codes {
		if !now.Before(e.end) {
			delete(f.codes, c)
		}
	}
}

func (f *Flow) serveCallback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	code, state := q.Get("code"), q.Get("state")
	if len(code) > MaxParam || len(state) > MaxParam {
		f.o.Fail(w, r, http.StatusBadRequest, wire.CodeBadRequest, fmt.Sprintf("code and state are at most %d bytes", MaxParam), nil)
		return
	}
	c, err := r.Cookie(StateCookie)
	if err != nil || state == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(state)) != 1 {
		f.o.Fail(w, r, http.StatusForbidden, wire.CodeOAuthState, "the state is not the one this browser's sign-in started: start again", nil)
		return
	}
	now := f.o.Now()
	f.mu.Lock()
	p, ok := f.pending[state]
	if ok && !now.Before(p.end) {
		ok = false
	}
	var pc pending
	if ok {
		pc = *p
	}
	f.mu.Unlock()
	switch {
	case !ok:
		f.o.Fail(w, r, http.StatusForbidden, wire.CodeOAuthState, "the sign-in expired or is unknown: start again", nil)
		return
	case code == "":
		// The user refused: the sign-in ends, and the page hears so.
		f.mu.Lock()
		if p.code == "" {
			delete(f.pending, state)
		}
		f.mu.Unlock()
		f.clearState(w)
		http.Redirect(w, r, withParam(pc.returnURL, wire.OAuthResultParam, "denied"), http.StatusFound)
		return
	}
	u, err := f.exchange(r.Context(), state, code, pc.scope)
	if err != nil {
		f.failExchange(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: f.seal.seal(u), Path: "/", Expires: u.Expires,
		MaxAge: int(u.Expires.Sub(now) / time.Second), HttpOnly: true, Secure: f.secure, SameSite: http.SameSiteLaxMode})
	w.Header().Set("Cache-Control", "no-store")
	f.o.Logger.LogAttrs(r.Context(), slog.LevelInfo, "signed in", slog.String("scope", string(u.Scope)), slog.Bool("snapshot", u.Snapshot))
	http.Redirect(w, r, pc.returnURL, http.StatusFound)
}

// errStateUsed: the state came back already, with another code.
var errStateUsed = errors.New("this sign-in returned already, with another code: start again")

// exchange exchanges code for the sign-in state started, once: a second
// callback with the same state and code shares the first exchange for
// CodeTTL.
func (f *Flow) exchange(ctx context.Context, state, code string, scope wechat.Scope) (Session, error) {
	now := f.o.Now()
	f.mu.Lock()
	p := f.pending[state]
	if p == nil || p.code != "" && p.code != code {
		f.mu.Unlock()
		return Session{}, errStateUsed
	}
	e, ok := f.codes[code]
	if ok && !now.Before(e.end) {
		// Past the code's lifetime the exchange is forgotten: WeChat will say.
		delete(f.codes, code)
		ok = false
	}
	if ok && e.state != state {
		// Another browser's code: WeChat would say it was used.
		f.mu.Unlock()
		return Session{}, errStateUsed
	}
	if !ok {
		p.code = code
		e = &exchange{state: state, end: now.Add(CodeTTL), done: make(chan struct{})}
		f.codes[code] = e
		f.mu.Unlock()
		e.user, e.err = f.signIn(ctx, code, scope, now)
		if e.err != nil && !isCodeError(e.err) {
			// WeChat did not answer: the code may still be good, so a
			// retry may exchange it.
			f.mu.Lock()
			delete(f.codes, code)
			p.code = ""
			f.mu.Unlock()
		}
		close(e.done)
	} else {
		f.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return Session{}, ctx.Err()
		}
	}
	return e.user, e.err
}

// signIn exchanges a code and reads the profile the scope allows.
func (f *Flow) signIn(ctx context.Context, code string, scope wechat.Scope, now time.Time) (Session, error) {
	tok, err := f.o.Client.OAuthExchange(ctx, code)
	if err != nil {
		return Session{}, err
	}
	u := Session{OpenID: tok.OpenID, UnionID: tok.UnionID, Scope: tok.Scope, Snapshot: tok.Snapshot, Expires: now.Add(f.o.SessionTTL)}
	if tok.Snapshot || tok.Scope != wechat.ScopeUserInfo || scope != wechat.ScopeUserInfo {
		return u, nil
	}
	info, err := f.o.Client.OAuthUserInfo(ctx, tok.AccessToken, tok.OpenID, "zh_CN")
	if err != nil {
		return Session{}, err
	}
	u.Nickname, u.HeadImgURL, u.Country, u.Province, u.City = info.Nickname, info.HeadImgURL, info.Country, info.Province, info.City
	if info.UnionID != "" {
		u.UnionID = info.UnionID
	}
	return u, nil
}

func isCodeError(err error) bool {
	return errors.Is(err, wechat.ErrCodeInvalid) || errors.Is(err, wechat.ErrCodeUsed) || errors.Is(err, wechat.ErrCodeExpired)
}

// failExchange answers a failed exchange with what went wrong.
func (f *Flow) failExchange(w http.ResponseWriter, r *http.Request, err error) {
	var apiErr *wechat.APIError
	switch {
	case errors.Is(err, errStateUsed):
		f.o.Fail(w, r, http.StatusForbidden, wire.CodeOAuthState, err.Error(), nil)
	case isCodeError(err) && errors.As(err, &apiErr):
		f.o.Fail(w, r, http.StatusBadRequest, wire.CodeOAuthCode, "WeChat refused the code ("+reason(err)+"): start again", nil)
	default:
		f.o.Fail(w, r, http.StatusBadGateway, wire.CodeUpstreamUnavailable, "WeChat did not sign the user in: "+reason(err), err)
	}
}

// reason says in a few words why an exchange failed: the errcode, never
// the request.
func reason(err error) string {
	var apiErr *wechat.APIError
	if errors.As(err, &apiErr) {
		if h := apiErr.Hint(); h != "" {
			return fmt.Sprintf("errcode %d: %s", apiErr.Code, h)
		}
		return fmt.Sprintf("errcode %d", apiErr.Code)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "no answer in time"
	}
	return "no usable answer"
}

func (f *Flow) clearState(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: StateCookie, Value: "", Path: f.o.Prefix + "oauth/", MaxAge: -1,
		HttpOnly: true, Secure: f.secure, SameSite: http.SameSiteLaxMode})
}

// serveSession answers the session's user, as the page may show them.
func (f *Flow) serveSession(w http.ResponseWriter, r *http.Request) {
	u, ok := f.read(r)
	writeJSON(w, http.StatusOK, sessionResponse(u, ok))
}

func sessionResponse(u Session, ok bool) wire.SessionResponse {
	if !ok {
		return wire.SessionResponse{}
	}
	return wire.SessionResponse{SignedIn: !u.Snapshot, OpenID: u.OpenID, UnionID: u.UnionID, Scope: string(u.Scope), Snapshot: u.Snapshot,
		Nickname: u.Nickname, HeadImgURL: u.HeadImgURL, Country: u.Country, Province: u.Province, City: u.City, Expires: u.Expires.Unix()}
}

// serveSignOut ends the session. It wants a JSON body, which another
// site's page cannot send without a preflight the server refuses.
func (f *Flow) serveSignOut(w http.ResponseWriter, r *http.Request) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		f.o.Fail(w, r, http.StatusUnsupportedMediaType, wire.CodeUnsupportedMediaType, "the body must be application/json", nil)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: f.secure, SameSite: http.SameSiteLaxMode})
	writeJSON(w, http.StatusOK, wire.SessionResponse{})
}

// withParam is u with the query parameter k=v added.
func withParam(u, k, v string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return u
	}
	q := pu.Query()
	q.Set(k, v)
	pu.RawQuery = q.Encode()
	return pu.String()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
