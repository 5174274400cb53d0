package oauth_test

import (
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gowx/gowx/server/oauth"
	"github.com/gowx/gowx/server/sign"
	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/server/wechat/wechatfake"
	"github.com/gowx/gowx/wire"
)

// rig is a Flow at /wx/ on a loopback server reached as localhost, and the
// fake WeChat it signs users in with, both on one clock.
type rig struct {
	t     *testing.T
	clock *wechatfake.Clock
	fake  *wechatfake.Server
	flow  *oauth.Flow
	base  string // http://localhost:<port>
	page  string // a page on the JS safe domains to return to
}

var user = wechatfake.OAuthUser{OpenID: "oUser1234567890123456789012", UnionID: "oUnion123", Nickname: "小明 Ming",
	HeadImgURL: "https://thirdwx.qlogo.cn/mmopen/x/132", Country: "中国", City: "深圳"}

func newRig(t *testing.T) *rig {
	t.Helper()
	clock := wechatfake.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	host := "localhost:" + port
	fake, err := wechatfake.NewServer(wechatfake.Config{AppID: "wxtest", Secret: "s3cret-of-the-account", Domains: []string{host, "app.example.com"},
		OAuthDomains: []string{host}, Now: clock.Now, User: user})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	d, err := sign.ParseDomains([]string{"app.example.com", host})
	if err != nil {
		t.Fatal(err)
	}
	key := []byte(strings.Repeat("k", oauth.MinKeyLength))
	flow, err := oauth.New(oauth.Options{Client: &wechat.Client{BaseURL: fake.URL, AppID: "wxtest", Secret: "s3cret-of-the-account"},
		AuthorizeBase: fake.URL, Callback: "http://" + host + "/wx/oauth/callback", Domains: d, Key: key, Prefix: "/wx/", Now: clock.Now,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/wx/oauth/", flow)
	mux.HandleFunc("/wx/whoami", func(w http.ResponseWriter, r *http.Request) {
		u, ok := oauth.User(r)
		json.NewEncoder(w).Encode(map[string]any{"ok": ok, "openid": u.OpenID, "snapshot": u.Snapshot})
	})
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: flow.Wrap(mux)}}
	srv.Start()
	t.Cleanup(srv.Close)
	return &rig{t: t, clock: clock, fake: fake, flow: flow, base: "http://" + host, page: "https://app.example.com/shop?x=1"}
}

// browser is a client with its own cookies that follows no redirect.
type browser struct {
	t *testing.T
	c *http.Client
}

func (rg *rig) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: rg.t, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) get(u string) *http.Response {
	b.t.Helper()
	resp, err := b.c.Get(u)
	if err != nil {
		b.t.Fatal(err)
	}
	b.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// redirected checks that resp redirects and returns where to.
func (b *browser) redirected(resp *http.Response) string {
	b.t.Helper()
	if resp.StatusCode != http.StatusFound {
		var e wire.ErrorResponse
		json.NewDecoder(resp.Body).Decode(&e)
		b.t.Fatalf("%s: HTTP %d %+v, want a redirect", resp.Request.URL.Path, resp.StatusCode, e)
	}
	return resp.Header.Get("Location")
}

// refused checks that resp is a JSON error with status and code.
func refused(t *testing.T, resp *http.Response, status int, code string) {
	t.Helper()
	var e wire.ErrorResponse
	if err := json.NewDecoder(resp.Body).Decode(&e); err != nil {
		t.Fatalf("HTTP %d: not a JSON error: %v", resp.StatusCode, err)
	}
	if resp.StatusCode != status || e.Error != code || e.Message == "" {
		t.Fatalf("HTTP %d %+v, want %d %s with a message", resp.StatusCode, e, status, code)
	}
	if resp.Header.Get("Set-Cookie") != "" && strings.Contains(resp.Header.Get("Set-Cookie"), oauth.SessionCookie) {
		t.Fatalf("a refusal set a session: %s", resp.Header.Get("Set-Cookie"))
	}
}

// start begins a sign-in and returns the authorisation page's URL.
func (rg *rig) start(b *browser, scope wechat.Scope, ret string) string {
	rg.t.Helper()
	return b.redirected(b.get(rg.base + "/wx/oauth/start?" + url.Values{"scope": {string(scope)}, "return": {ret}}.Encode()))
}

// callback runs the authorisation page (clicking decision on the consent
// page, if it shows) and returns the callback URL WeChat sends back to.
func (rg *rig) callback(b *browser, authorize, decision string) string {
	rg.t.Helper()
	resp := b.get(authorize)
	if resp.StatusCode == http.StatusFound {
		return resp.Header.Get("Location")
	}
	u, _ := url.Parse(authorize)
	form := u.Query()
	form.Set("decision", decision)
	resp, err := b.c.PostForm(rg.fake.URL+wechat.PathAuthorize, form)
	if err != nil {
		rg.t.Fatal(err)
	}
	defer resp.Body.Close()
	return b.redirected(resp)
}

func (b *browser) session(base string) wire.SessionResponse {
	b.t.Helper()
	var s wire.SessionResponse
	if err := json.NewDecoder(b.get(base + "/wx/oauth/session").Body).Decode(&s); err != nil {
		b.t.Fatal(err)
	}
	return s
}

func TestSignInBase(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	authorize := rg.start(b, wechat.ScopeBase, rg.page)
	for _, want := range []string{"appid=wxtest", "redirect_uri=" + url.QueryEscape(rg.base+"/wx/oauth/callback"), "response_type=code", "scope=snsapi_base", "#wechat_redirect"} {
		if !strings.Contains(authorize, want) {
			t.Errorf("authorize URL %s lacks %s", authorize, want)
		}
	}
	cb := rg.callback(b, authorize, "")
	if got := b.redirected(b.get(cb)); got != rg.page {
		t.Fatalf("the callback returns to %s, want %s", got, rg.page)
	}
	s := b.session(rg.base)
	if !s.SignedIn || s.OpenID != user.OpenID || s.UnionID != user.UnionID || s.Scope != "snsapi_base" || s.Nickname != "" {
		t.Fatalf("session %+v", s)
	}
	var who struct {
		OK     bool   `json:"ok"`
		OpenID string `json:"openid"`
	}
	json.NewDecoder(b.get(rg.base + "/wx/whoami").Body).Decode(&who)
	if !who.OK || who.OpenID != user.OpenID {
		t.Fatalf("oauth.User in a wrapped handler: %+v", who)
	}
	if calls := rg.fake.Calls(); calls[wechat.PathUserInfo] != 0 || calls[wechat.PathOAuthToken] != 1 {
		t.Errorf("calls %v: want one exchange and no userinfo for snsapi_base", calls)
	}
}

func TestSignInUserInfoAllow(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	authorize := rg.start(b, wechat.ScopeUserInfo, rg.page)
	page := b.get(authorize)
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("the consent page: HTTP %d %s", page.StatusCode, page.Header.Get("Content-Type"))
	}
	b.redirected(b.get(rg.callback(b, authorize, "allow")))
	s := b.session(rg.base)
	if !s.SignedIn || s.Scope != "snsapi_userinfo" || s.Nickname != user.Nickname || s.HeadImgURL != user.HeadImgURL || s.City != "深圳" {
		t.Fatalf("session %+v", s)
	}
}

func TestSignInDeny(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	cb := rg.callback(b, rg.start(b, wechat.ScopeUserInfo, rg.page), "deny")
	if strings.Contains(cb, "code=") {
		t.Fatalf("a refusal returns with a code: %s", cb)
	}
	got := b.redirected(b.get(cb))
	if u, _ := url.Parse(got); u.Host != "app.example.com" || u.Query().Get(wire.OAuthResultParam) != "denied" {
		t.Fatalf("a refusal returns to %s", got)
	}
	if s := b.session(rg.base); s.SignedIn || s.OpenID != "" {
		t.Fatalf("a refusal signed in: %+v", s)
	}
	// The sign-in is over: its state cannot come back with a code.
	refused(t, b.get(cb+"&code=abc"), http.StatusForbidden, wire.CodeOAuthState)
}

// TestDoubledCallback: the same browser's callback twice (a reload, a
// client that loads it twice) signs in twice, with one exchange.
func TestDoubledCallback(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	cb := rg.callback(b, rg.start(b, wechat.ScopeUserInfo, rg.page), "allow")
	b.redirected(b.get(cb))
	if got := b.redirected(b.get(cb)); got != rg.page {
		t.Fatalf("the second callback returns to %s", got)
	}
	if s := b.session(rg.base); !s.SignedIn || s.Nickname != user.Nickname {
		t.Fatalf("session %+v", s)
	}
	if calls := rg.fake.Calls(); calls[wechat.PathOAuthToken] != 1 || calls[wechat.PathUserInfo] != 1 {
		t.Fatalf("calls %v: want one exchange", calls)
	}
	// Past the code's lifetime the exchange is no longer kept, and WeChat
	// says the code was used.
	rg.clock.Add(oauth.CodeTTL)
	refused(t, b.get(cb), http.StatusBadRequest, wire.CodeOAuthCode)
}

// TestReplayedCallback: another browser replaying a callback URL (stolen
// from a log, a Referer) gets nothing.
func TestReplayedCallback(t *testing.T) {
	rg := newRig(t)
	victim, attacker := rg.browser(), rg.browser()
	cb := rg.callback(victim, rg.start(victim, wechat.ScopeBase, rg.page), "")
	// Before the victim's browser gets there, and after.
	refused(t, attacker.get(cb), http.StatusForbidden, wire.CodeOAuthState)
	victim.redirected(victim.get(cb))
	refused(t, attacker.get(cb), http.StatusForbidden, wire.CodeOAuthState)
	// With a sign-in of its own, the attacker's state is not the code's.
	rg.start(attacker, wechat.ScopeBase, rg.page)
	u, _ := url.Parse(cb)
	q := u.Query()
	q.Set("state", cookie(t, attacker, rg.base+"/wx/oauth/callback", oauth.StateCookie))
	u.RawQuery = q.Encode()
	refused(t, attacker.get(u.String()), http.StatusForbidden, wire.CodeOAuthState)
	if s := attacker.session(rg.base); s.SignedIn {
		t.Fatalf("the attacker signed in as %s", s.OpenID)
	}
	if !victim.session(rg.base).SignedIn {
		t.Fatal("the victim is not signed in")
	}
}

func cookie(t *testing.T, b *browser, at, name string) string {
	t.Helper()
	u, _ := url.Parse(at)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	t.Fatalf("no cookie %s at %s", name, at)
	return ""
}

func TestForgedState(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	cb := rg.callback(b, rg.start(b, wechat.ScopeBase, rg.page), "")
	u, _ := url.Parse(cb)
	code := u.Query().Get("code")
	for name, q := range map[string]url.Values{
		"forged":   {"code": {code}, "state": {"forged-state"}},
		"missing":  {"code": {code}},
		"oversize": {"code": {code}, "state": {strings.Repeat("s", oauth.MaxParam+1)}},
	} {
		t.Run(name, func(t *testing.T) {
			want := http.StatusForbidden
			code := wire.CodeOAuthState
			if name == "oversize" {
				want, code = http.StatusBadRequest, wire.CodeBadRequest
			}
			refused(t, b.get(rg.base+"/wx/oauth/callback?"+q.Encode()), want, code)
		})
	}
	// No cookie at all: a fresh browser with the right state.
	refused(t, rg.browser().get(cb), http.StatusForbidden, wire.CodeOAuthState)
	if rg.fake.Calls()[wechat.PathOAuthToken] != 0 {
		t.Fatal("a refused callback exchanged the code")
	}
	// None of that spent the sign-in.
	b.redirected(b.get(cb))
	if !b.session(rg.base).SignedIn {
		t.Fatal("not signed in")
	}
}

func TestExpiredState(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	cb := rg.callback(b, rg.start(b, wechat.ScopeBase, rg.page), "")
	rg.clock.Add(oauth.StateTTL)
	refused(t, b.get(cb), http.StatusForbidden, wire.CodeOAuthState)
}

// TestOpenRedirect: the return page is on the JS safe domains, or the
// sign-in does not start.
func TestOpenRedirect(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	for _, ret := range []string{"https://evil.example.net/", "//evil.example.net/", "/relative", "javascript:alert(1)",
		"https://app.example.com.evil.net/", "https://evil.net\\@app.example.com/", "https://app.example.com@evil.net/",
		"https://app.example.com/" + strings.Repeat("a", oauth.MaxReturnURL), ""} {
		resp := b.get(rg.base + "/wx/oauth/start?" + url.Values{"return": {ret}}.Encode())
		if resp.StatusCode == http.StatusFound {
			t.Errorf("return %q: redirected to %s", ret, resp.Header.Get("Location"))
			continue
		}
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Set-Cookie") != "" {
			t.Errorf("return %q: HTTP %d, Set-Cookie %q", ret, resp.StatusCode, resp.Header.Get("Set-Cookie"))
		}
	}
	refused(t, b.get(rg.base+"/wx/oauth/start?scope=snsapi_login&return="+url.QueryEscape(rg.page)), http.StatusBadRequest, wire.CodeBadRequest)
	// A callback carries no return page of its own: it cannot be steered.
	cb := rg.callback(b, rg.start(b, wechat.ScopeBase, rg.page), "")
	if got := b.redirected(b.get(cb + "&return=https://evil.example.net/&redirect_uri=https://evil.example.net/")); got != rg.page {
		t.Fatalf("the callback went to %s", got)
	}
}

func TestSnapshotUser(t *testing.T) {
	rg := newRig(t)
	snap := user
	snap.Snapshot = true
	rg.fake.SetUser(snap)
	b := rg.browser()
	// The snapshot page asks nothing, even for snsapi_userinfo.
	b.redirected(b.get(rg.callback(b, rg.start(b, wechat.ScopeUserInfo, rg.page), "")))
	s := b.session(rg.base)
	if s.SignedIn || !s.Snapshot || s.OpenID == "" || s.OpenID == user.OpenID || s.Nickname != "" {
		t.Fatalf("a snapshot user's session %+v", s)
	}
	var who struct {
		OK       bool `json:"ok"`
		Snapshot bool `json:"snapshot"`
	}
	json.NewDecoder(b.get(rg.base + "/wx/whoami").Body).Decode(&who)
	if who.OK || !who.Snapshot {
		t.Fatalf("oauth.User for a snapshot user: %+v", who)
	}
}

// TestTamperedSession: a session cookie not signed by the key, or
// expired, is no session.
func TestTamperedSession(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	b.redirected(b.get(rg.callback(b, rg.start(b, wechat.ScopeBase, rg.page), "")))
	value := cookie(t, b, rg.base+"/", oauth.SessionCookie)
	payload, sig, _ := strings.Cut(value, ".")
	other := rg.browser()
	base, _ := url.Parse(rg.base + "/")
	for name, v := range map[string]string{
		"payload": strings.ToUpper(payload[:4]) + payload[4:] + "." + sig,
		"sig":     payload + "." + sig[:len(sig)-2] + "AA",
		"nosig":   payload,
		"huge":    strings.Repeat("a", 5000) + "." + sig,
	} {
		other.c.Jar.SetCookies(base, []*http.Cookie{{Name: oauth.SessionCookie, Value: v, Path: "/"}})
		if s := other.session(rg.base); s.SignedIn || s.OpenID != "" {
			t.Errorf("%s: a tampered cookie signed in %+v", name, s)
		}
	}
	other.c.Jar.SetCookies(base, []*http.Cookie{{Name: oauth.SessionCookie, Value: value, Path: "/"}})
	if !other.session(rg.base).SignedIn {
		t.Fatal("the cookie itself is not a session")
	}
	rg.clock.Add(oauth.DefaultSessionTTL)
	if b.session(rg.base).SignedIn {
		t.Fatal("an expired session signs in")
	}
}

func TestSignOut(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	b.redirected(b.get(rg.callback(b, rg.start(b, wechat.ScopeBase, rg.page), "")))
	// A form post from another site (no JSON) changes nothing.
	resp, err := b.c.PostForm(rg.base+"/wx/oauth/signout", url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnsupportedMediaType || !b.session(rg.base).SignedIn {
		t.Fatalf("a form post: HTTP %d", resp.StatusCode)
	}
	resp, err = b.c.Post(rg.base+"/wx/oauth/signout", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || b.session(rg.base).SignedIn {
		t.Fatalf("sign-out: HTTP %d", resp.StatusCode)
	}
}

// TestUpstreamFault: WeChat failing the exchange answers 502, and as the
// code was not spent, the same callback works once WeChat is back.
func TestUpstreamFault(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	cb := rg.callback(b, rg.start(b, wechat.ScopeBase, rg.page), "")
	rg.fake.Inject(wechat.PathOAuthToken, wechatfake.Fault{Errcode: -1, Times: 1})
	refused(t, b.get(cb), http.StatusBadGateway, wire.CodeUpstreamUnavailable)
	b.redirected(b.get(cb))
	if !b.session(rg.base).SignedIn {
		t.Fatal("not signed in after WeChat recovered")
	}
}

func TestNew(t *testing.T) {
	c := &wechat.Client{AppID: "wx1", Secret: "s"}
	key := []byte(strings.Repeat("k", oauth.MinKeyLength))
	for name, o := range map[string]oauth.Options{
		"short key":      {Client: c, Key: key[:31], Callback: "https://m.example.com/wx/oauth/callback", Prefix: "/wx/"},
		"no client":      {Key: key, Callback: "https://m.example.com/wx/oauth/callback", Prefix: "/wx/"},
		"relative":       {Client: c, Key: key, Callback: "/wx/oauth/callback", Prefix: "/wx/"},
		"callback query": {Client: c, Key: key, Callback: "https://m.example.com/cb?x=1", Prefix: "/wx/"},
		"prefix":         {Client: c, Key: key, Callback: "https://m.example.com/wx/oauth/callback", Prefix: "wx"},
	} {
		if _, err := oauth.New(o); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestDoubledCallbackAtOnce: two loads of the callback at the same time
// share one exchange.
func TestDoubledCallbackAtOnce(t *testing.T) {
	rg := newRig(t)
	b := rg.browser()
	cb := rg.callback(b, rg.start(b, wechat.ScopeBase, rg.page), "")
	statuses := make(chan int, 2)
	for range 2 {
		go func() {
			resp, err := b.c.Get(cb)
			if err != nil {
				statuses <- 0
				return
			}
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	for range 2 {
		if s := <-statuses; s != http.StatusFound {
			t.Errorf("a callback answered HTTP %d", s)
		}
	}
	if n := rg.fake.Calls()[wechat.PathOAuthToken]; n != 1 {
		t.Fatalf("%d exchanges, want 1", n)
	}
}

func TestLoadKey(t *testing.T) {
	dir := t.TempDir()
	state := dir + "/state"
	k1, err := oauth.LoadKey("", state)
	if err != nil || len(k1) < oauth.MinKeyLength {
		t.Fatalf("LoadKey made %d bytes, %v", len(k1), err)
	}
	fi, err := os.Stat(state + "/" + oauth.KeyFileName)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v, %v", fi, err)
	}
	if k2, err := oauth.LoadKey("", state); err != nil || string(k2) != string(k1) {
		t.Fatal("a second LoadKey made another key")
	}
	short := dir + "/short"
	os.WriteFile(short, []byte("too-short\n"), 0o600)
	if _, err := oauth.LoadKey(short, state); err == nil {
		t.Fatal("a short key file was taken")
	}
	long := dir + "/long"
	os.WriteFile(long, []byte(strings.Repeat("x", 64)+"\n"), 0o600)
	if k, err := oauth.LoadKey(long, ""); err != nil || string(k) != strings.Repeat("x", 64) {
		t.Fatalf("key file: %q, %v", k, err)
	}
	if _, err := oauth.LoadKey("", ""); err == nil {
		t.Fatal("no file, no directory, and a key")
	}
}
